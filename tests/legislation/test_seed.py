"""The seeded legislation (legislation/seed/content.toml): valid, linked records in both languages, every
fact beyond the source text cited."""

import pytest

from legislation.models import Instrument, InstrumentRelation, Provision
from tests.seed_data import bad_citations, check_items, load_seed, uncited_facts

pytestmark = pytest.mark.django_db

# What a reader may take as a fact to rely on: dates, identifiers, legal status, offences and penalties.
FACTS = {
    Instrument: (
        "acronym", "citation", "bill_number", "un_resolution", "adopted_on", "signed_by_canada_on",
        "ratified_by_canada_on", "canada_consent_kind", "in_force_internationally_on", "royal_assent_on",
        "in_force_in_canada_on", "legal_status",
    ),
    Provision: ("label", "offence_procedure", "max_imprisonment_life", "max_imprisonment_years", "max_fine"),
}  # fmt: skip


def test_every_seeded_record_is_valid_and_complete_in_both_languages(client):
    load_seed()
    # An acronym may exist in one language only (UNCTOC has no French one).
    check_items(Instrument, client, one_language_fields=("acronym",))
    check_items(Provision, client)
    check_items(InstrumentRelation, client)


def test_every_fact_beyond_the_source_text_is_cited():
    assert uncited_facts("legislation", FACTS) == []
    assert bad_citations("legislation") == []
