"""The seeded pages (pages/seed/content.toml): every section of the source text, a valid page in both languages."""

import pytest

from pages.models import Page
from tests.seed_data import bad_citations, check_items, load_seed, records

pytestmark = pytest.mark.django_db


def test_every_seeded_page_is_valid_and_live_at_its_address_in_both_languages(client):
    load_seed()
    pages = check_items(Page, client)
    assert len(pages) == len(list(records("pages")))
    assert Page.objects.filter(parent__isnull=True).count() == 1


def test_every_citation_names_a_field_and_a_public_source():
    assert bad_citations("pages") == []
