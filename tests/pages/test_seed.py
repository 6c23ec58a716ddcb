"""The seeded pages (pages/seed/content.toml): every section of the source text, a valid page in both languages."""

import pytest

from iwgtip_site.i18n import LANGUAGE_CODES, url_in_language
from pages.models import Page
from partners.models import Organization
from tests.seed_data import bad_citations, check_items, load_seed, records

pytestmark = pytest.mark.django_db


def test_every_seeded_page_is_valid_and_live_at_its_address_in_both_languages(client):
    load_seed()
    pages = check_items(Page, client)
    assert len(pages) == len(list(records("pages")))
    assert Page.objects.filter(parent__isnull=True).count() == 1


def test_every_citation_names_a_field_and_a_public_source():
    assert bad_citations("pages") == []


def test_the_department_of_justice_page_links_to_the_website_it_describes_in_each_language(client):
    """The page is about the department's website: it links to it, at the address the department's partner
    record gives in the reader's language, and says where that address comes from."""
    load_seed()
    page = Page.objects.get(slug_en="department-of-justice")
    justice = Organization.objects.get(slug_en="department-of-justice-canada")
    (record,) = [
        record for _model, record, _sources, _relation in records("pages") if record.get("slug_en") == page.slug_en
    ]
    for language in LANGUAGE_CODES:
        website = getattr(justice, f"website_{language}")
        content = client.get(url_in_language(page, language)).content.decode()
        main = content[content.index("<main") : content.index("</main>")]
        assert f'<a href="{website}">' in main, language
        assert record["sources"][f"body_{language}"] == website
