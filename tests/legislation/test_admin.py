"""Editing legislation in the admin: provisions and relations inline, validation, protected deletion."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iwgtip_site.publishing import Status
from legislation.models import Instrument, InstrumentKind, InstrumentRelation, RelationKind
from tests.factories import InstrumentFactory, ProvisionFactory, TreatyFactory

pytestmark = pytest.mark.django_db


def _formset(prefix, rows, total_initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(total_initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def _instrument_form(**overrides):
    data = {
        "kind": InstrumentKind.PROTOCOL,
        "jurisdiction": "international",
        "title_en": "Trafficking Protocol",
        "title_fr": "Protocole relatif à la traite",
        "slug_en": "trafficking-protocol",
        "slug_fr": "protocole-traite",
        "legal_status": "in-force",
        "status": Status.PUBLISHED,
        "adopted_on": "2000-11-15",
        "signed_by_canada_on": "2000-12-14",
        "ratified_by_canada_on": "2002-05-13",
        "canada_consent_kind": "ratification",
        "in_force_internationally_on": "2003-12-25",
        "in_force_in_canada_on": "2003-12-25",
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
    }
    for field in ("short_title", "acronym", "summary", "body", "citation", "official_url"):
        data.update({f"{field}_en": "", f"{field}_fr": ""})
    data.update(_formset("provisions", []))
    data.update(_formset("relations_from", []))
    data.update(_formset("relations_to", []))
    data.update(overrides)
    return data


def _provision(label, **extra):
    row = {"label": label, "order": "0", "heading_en": f"Heading {label}", "heading_fr": f"Intertitre {label}",
           "text_en": "", "text_fr": "", "offence_procedure": "", "max_imprisonment_years": "", "max_fine": "",
           "penalty_note_en": "", "penalty_note_fr": ""}  # fmt: skip
    row.update(extra)
    return row


def test_editor_creates_an_instrument_with_provisions_and_a_relation(admin_client, client):
    convention = TreatyFactory(title_en="The Convention")
    data = _instrument_form()
    data.update(_formset("provisions", [_provision("3(a)"), _provision("5")]))
    data.update(_formset("relations_from", [{"kind": RelationKind.SUPPLEMENTS, "target": convention.pk}]))
    response = admin_client.post("/en/admin/legislation/instrument/add/", data)
    assert response.status_code == 302, html.unescape(response.content.decode())[-3000:]
    protocol = Instrument.objects.get(slug_en="trafficking-protocol")
    assert list(protocol.provisions.values_list("label", flat=True)) == ["3(a)", "5"]
    assert InstrumentRelation.objects.filter(source=protocol, target=convention).exists()
    change = admin_client.get(f"/en/admin/legislation/instrument/{convention.pk}/change/").content.decode()
    assert "Trafficking Protocol" in change  # shown from the other end too


def test_impossible_dates_are_a_form_error_in_the_editors_language(admin_client):
    data = _instrument_form(ratified_by_canada_on="2000-12-01")
    response = admin_client.post("/fr/admin/legislation/instrument/add/", data)
    assert response.status_code == 200
    assert "Le Canada ne peut pas ratifier avant de signer." in html.unescape(response.content.decode())
    assert not Instrument.objects.exists()


def test_duplicate_provision_numbers_are_refused(admin_client):
    data = _instrument_form()
    data.update(_formset("provisions", [_provision("5"), _provision("5")]))
    response = admin_client.post("/en/admin/legislation/instrument/add/", data)
    assert response.status_code == 200
    assert not Instrument.objects.exists()


def test_relation_of_the_wrong_kind_is_refused_and_nothing_is_saved(admin_client):
    other_protocol = TreatyFactory(kind=InstrumentKind.PROTOCOL)
    data = _instrument_form()
    data.update(_formset("relations_from", [{"kind": RelationKind.SUPPLEMENTS, "target": other_protocol.pk}]))
    response = admin_client.post("/fr/admin/legislation/instrument/add/", data)
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert (
        "Seul un protocole peut compléter un autre instrument, et cet instrument doit être une convention." in content
    )
    assert not Instrument.objects.filter(slug_en="trafficking-protocol").exists()


def test_dangling_relation_is_a_form_error(admin_client):
    data = _instrument_form()
    data.update(_formset("relations_from", [{"kind": RelationKind.RELATED, "target": "999999"}]))
    response = admin_client.post("/en/admin/legislation/instrument/add/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in html.unescape(response.content.decode())


def test_deleting_an_instrument_others_relate_to_is_refused_with_an_explanation(admin_client):
    convention = TreatyFactory(title_en="The Convention")
    protocol = TreatyFactory(kind=InstrumentKind.PROTOCOL, title_en="The Protocol")
    InstrumentRelation.objects.create(source=protocol, kind=RelationKind.SUPPLEMENTS, target=convention)
    response = admin_client.post(f"/fr/admin/legislation/instrument/{convention.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "D'autres instruments sont liés à celui-ci; il ne peut donc pas être supprimé" in content
    assert f"{protocol.title_fr} complète {convention.title_fr}" in content  # what to remove first
    assert Instrument.objects.filter(pk=convention.pk).exists()


def test_instrument_without_relations_can_be_deleted_with_its_provisions(admin_client):
    statute = InstrumentFactory()
    ProvisionFactory(instrument=statute)
    response = admin_client.post(f"/en/admin/legislation/instrument/{statute.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Instrument.objects.exists()


def test_list_filters_and_bilingual_search(admin_client):
    InstrumentFactory(title_en="Criminal Code", title_fr="Code criminel", acronym_fr="CCR")
    TreatyFactory(title_en="Palermo Convention")
    found = html.unescape(
        admin_client.get("/en/admin/legislation/instrument/", {"q": "Code criminel"}).content.decode()
    )
    assert "Criminal Code" in found and "Palermo Convention" not in found
    filtered = admin_client.get("/en/admin/legislation/instrument/", {"kind__exact": "convention"}).content.decode()
    assert "Palermo Convention" in filtered and "Criminal Code" not in filtered


def test_change_form_queries_do_not_grow_with_provisions_or_incoming_relations(admin_client):
    """Each provision's title and each incoming relation name their instruments without a query apiece."""

    def queries_for(rows):
        instrument = TreatyFactory()
        for number in range(rows):
            ProvisionFactory(instrument=instrument, label=str(number))
            InstrumentRelation.objects.create(source=InstrumentFactory(), kind=RelationKind.RELATED, target=instrument)
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get(f"/en/admin/legislation/instrument/{instrument.pk}/change/").status_code == 200
        return len(context.captured_queries)

    assert queries_for(8) == queries_for(1)
