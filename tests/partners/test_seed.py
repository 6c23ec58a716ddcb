"""The seeded partners (partners/seed/content.toml): valid organizations in both languages, every fact beyond
the source text cited."""

import pytest

from partners.models import Organization
from tests.seed_data import bad_citations, check_items, load_seed, uncited_facts

pytestmark = pytest.mark.django_db

# What a reader may take as a fact to rely on (a summary is what a list shows of an organization: its members, its
# founding). Web addresses are not in the list: an address is its own
# source (the organization's site); where a comment explains one, so much the better.
FACTS = {
    Organization: ("acronym", "country_or_region", "working_group_role", "responsible_for", "distributes", "summary")
}


def test_every_seeded_organization_is_valid_live_and_summarized_in_both_languages(client):
    load_seed()
    # Some organizations have a website in one language only.
    organizations = check_items(Organization, client, one_language_fields=("website",))
    for organization in organizations:
        for website in (organization.website_en, organization.website_fr):
            assert not website or website.startswith("https://"), organization
    # The list shows each organization as a card with its summary: without one, the card is a bare name.
    assert [organization.slug_en for organization in organizations if not organization.summary_en] == []


def test_every_fact_beyond_the_source_text_is_cited():
    assert uncited_facts("partners", FACTS) == []
    assert bad_citations("partners") == []
