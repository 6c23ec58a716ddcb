"""Public legislation pages: the grouped, filterable list and an instrument's page, in both languages."""

import datetime
import html
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from legislation.models import (
    ConsentKind,
    Instrument,
    InstrumentKind,
    InstrumentRelation,
    Jurisdiction,
    LegalStatus,
    OffenceProcedure,
    Provision,
    RelationKind,
)
from tests.factories import InstrumentFactory, ProvisionFactory, TreatyFactory

pytestmark = pytest.mark.django_db


def _text(response):
    return html.unescape(response.content.decode())


def test_list_groups_by_jurisdiction_then_kind_in_both_languages(client):
    TreatyFactory(title_en="Palermo Convention", title_fr="Convention de Palerme")
    TreatyFactory(kind=InstrumentKind.PROTOCOL, title_en="A protocol", title_fr="Un protocole")
    InstrumentFactory(title_en="Criminal Code", title_fr="Code criminel")
    english = _text(client.get("/en/legislation/")).split('role="status"')[1]  # after the filters
    assert english.index("International") < english.index("Conventions") < english.index("Palermo Convention")
    assert english.index("Protocols") < english.index("A protocol") < english.index("Canada (federal)")
    assert english.index("Statutes") < english.index("Criminal Code")
    french = _text(client.get("/fr/legislation/"))
    assert "Convention de Palerme" in french and "Code criminel" in french and "Lois" in french


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"kind": "convention"}, "Palermo", "Criminal"),
        ({"jurisdiction": "canada-federal"}, "Criminal", "Palermo"),
        ({"status": "repealed"}, "Old Act", "Criminal"),
    ],
)
def test_list_filters(client, query, shown, hidden):
    TreatyFactory(title_en="Palermo Convention")
    InstrumentFactory(title_en="Criminal Code")
    InstrumentFactory(title_en="Old Act", legal_status=LegalStatus.REPEALED)
    content = _text(client.get("/en/legislation/", query))
    assert shown in content
    assert hidden not in content


def test_each_filters_everything_option_agrees_with_its_label_in_french(client):
    """« Compétence » is feminine: its first option reads « Toutes les compétences », not « Tous »."""
    content = _text(client.get("/fr/legislation/"))
    for everything in ("Tous les types", "Toutes les compétences", "Tous les statuts"):
        assert f'<option value="" selected>{everything}</option>' in content
    assert '<option value="" selected>All jurisdictions</option>' in _text(client.get("/en/legislation/"))


def test_unknown_filter_values_are_ignored(client):
    InstrumentFactory(title_en="Criminal Code")
    response = client.get("/en/legislation/", {"kind": "<script>", "status": "x" * 5000, "jurisdiction": ""})
    assert response.status_code == 200
    assert "Criminal Code" in _text(response)
    assert "<script>" not in response.content.decode()


def test_draft_instrument_and_its_provisions_appear_nowhere_public(client, editor):
    public = InstrumentFactory(title_en="Public Act")
    draft = InstrumentFactory(title_en="Secret Act", status=Status.DRAFT)
    ProvisionFactory(instrument=draft, heading_en="Secret offence")
    InstrumentRelation.objects.create(source=draft, kind=RelationKind.RELATED, target=public)
    for url in ("/en/legislation/", "/fr/legislation/", url_in_language(public, "en"), url_in_language(public, "fr")):
        content = _text(client.get(url))
        assert "Secret Act" not in content and "Secret offence" not in content
    assert client.get(url_in_language(draft, "en")).status_code == 404
    assert client.get(url_in_language(draft, "fr")).status_code == 404


def test_editor_previews_a_draft_instrument(editor_client):
    editor_client.logout()
    from tests.conftest import login
    from tests.factories import UserFactory

    login(editor_client, UserFactory(is_staff=True, permissions=["legislation.change_instrument"]))
    draft = InstrumentFactory(status=Status.DRAFT, title_en="Draft Act")
    response = editor_client.get(url_in_language(draft, "en"))
    assert response.status_code == 200
    assert 'class="preview-banner"' in response.content.decode()


def test_relations_show_from_both_ends(client):
    convention = TreatyFactory(title_en="The Convention", title_fr="La Convention")
    protocol = TreatyFactory(kind=InstrumentKind.PROTOCOL, title_en="The Protocol", title_fr="Le Protocole")
    InstrumentRelation.objects.create(source=protocol, kind=RelationKind.SUPPLEMENTS, target=convention)
    on_protocol = _text(client.get(url_in_language(protocol, "en")))
    assert "<dt>Supplements</dt>" in on_protocol and "The Convention" in on_protocol
    on_convention = _text(client.get(url_in_language(convention, "fr")))
    assert "<dt>Complétée par</dt>" in on_convention and "Le Protocole" in on_convention


def test_french_relation_headings_agree_with_the_kind_of_instrument_they_describe(client):
    """« la Convention … Complétée par, Mise en œuvre par », « le Protocole … Mis en œuvre par », « la Loi …
    Modifiée par », « le Règlement … Modifié par »."""
    convention = TreatyFactory()
    protocol = TreatyFactory(kind=InstrumentKind.PROTOCOL)
    statute = InstrumentFactory()
    regulation = InstrumentFactory(kind=InstrumentKind.REGULATION)
    act = InstrumentFactory()
    InstrumentRelation.objects.create(source=protocol, kind=RelationKind.SUPPLEMENTS, target=convention)
    InstrumentRelation.objects.create(source=statute, kind=RelationKind.IMPLEMENTS, target=convention)
    InstrumentRelation.objects.create(source=statute, kind=RelationKind.IMPLEMENTS, target=protocol)
    InstrumentRelation.objects.create(source=act, kind=RelationKind.AMENDS, target=statute)
    InstrumentRelation.objects.create(source=act, kind=RelationKind.AMENDS, target=regulation)
    headings = {
        instrument.kind: _relation_headings(client.get(url_in_language(instrument, "fr")))
        for instrument in (convention, protocol, statute, regulation)
    }
    assert sorted(headings[InstrumentKind.CONVENTION]) == ["Complétée par", "Mise en œuvre par"]
    assert sorted(headings[InstrumentKind.PROTOCOL]) == ["Complète", "Mis en œuvre par"]
    assert sorted(headings[InstrumentKind.STATUTE]) == ["Met en œuvre", "Modifiée par"]
    assert headings[InstrumentKind.REGULATION] == ["Modifié par"]
    english = _relation_headings(client.get(url_in_language(convention, "en")))
    assert sorted(english) == ["Implemented by", "Supplemented by"]


def _relation_headings(response):
    relations = re.search(r'<dl class="relations">(.*?)</dl>', _text(response), re.DOTALL).group(1)
    return re.findall(r"<dt>(.*?)</dt>", relations)


def test_instrument_page_shows_dates_provisions_penalties_citation_and_official_text(client):
    statute = InstrumentFactory(
        title_en="Immigration and Refugee Protection Act",
        title_fr="Loi sur l'immigration et la protection des réfugiés",
        citation_en="S.C. 2001, c. 27",
        citation_fr="L.C. 2001, ch. 27",
        official_url_en="https://laws-lois.justice.gc.ca/eng/acts/i-2.5/",
        official_url_fr="https://laws-lois.justice.gc.ca/fra/lois/i-2.5/",
        royal_assent_on=datetime.date(2001, 11, 1),
        in_force_in_canada_on=datetime.date(2002, 6, 28),
    )
    Provision.objects.create(
        instrument=statute,
        label="118",
        heading_en="Trafficking in persons",
        heading_fr="Trafic de personnes",
        offence_procedure=OffenceProcedure.INDICTABLE,
        max_imprisonment_life=True,
        max_fine=1_000_000,
    )
    english = _text(client.get(url_in_language(statute, "en")))
    assert english.index("November 1, 2001") < english.index("Royal Assent") < english.index("June 28, 2002")
    assert '<article class="provision" id="s-118">' in english
    assert '<a href="#s-118">s. 118</a>' in english
    assert "Life imprisonment" in english and "$1,000,000" in english
    assert "Immigration and Refugee Protection Act, S.C. 2001, c. 27" in english
    assert 'href="https://laws-lois.justice.gc.ca/eng/acts/i-2.5/"' in english
    french = _text(client.get(url_in_language(statute, "fr")))
    assert "28 juin 2002" in french
    assert 'href="https://laws-lois.justice.gc.ca/fra/lois/i-2.5/"' in french
    assert "Loi sur l'immigration et la protection des réfugiés, L.C. 2001, ch. 27" in french
    assert "Emprisonnement à perpétuité" in french and "1\xa0000\xa0000\xa0$" in french


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Indictable offence. Maximum: life imprisonment; fine of up to $1,000,000."),
        (
            "fr",
            "Acte criminel. Peine maximale\xa0: emprisonnement à perpétuité; amende maximale de 1\xa0000\xa0000\xa0$.",
        ),
    ],
)
def test_a_penalty_written_after_a_colon_starts_in_lowercase(client, language, sentence):
    statute = InstrumentFactory()
    ProvisionFactory(instrument=statute, label="118", offence_procedure=OffenceProcedure.INDICTABLE,
                     max_imprisonment_life=True, max_fine=1_000_000)  # fmt: skip
    content = _text(client.get(url_in_language(statute, language)))
    assert sentence in re.sub(r"[ \n]+", " ", content)
    cell = "Life imprisonment" if language == "en" else "Emprisonnement à perpétuité"
    assert f">{cell}</td>" in content  # a table cell starts with a capital


def test_the_offences_table_caption_names_the_instrument_first(client):
    bill = InstrumentFactory(kind=InstrumentKind.BILL, short_title_en="Bill C-49", short_title_fr="Projet de loi C-49")
    ProvisionFactory(instrument=bill, offence_procedure=OffenceProcedure.INDICTABLE, max_imprisonment_years=14)
    content = _text(client.get(url_in_language(bill, "fr")))
    assert "<caption>Projet de loi C-49\xa0: infractions et peines maximales</caption>" in content
    english = _text(client.get(url_in_language(bill, "en")))
    assert "<caption>Bill C-49: offences and maximum penalties</caption>" in english


@pytest.mark.parametrize(
    ("kind", "name", "link"),
    [
        (InstrumentKind.STATUTE, "Criminal Code", "Read the official text of the Criminal Code"),
        (InstrumentKind.CONVENTION, "Palermo Convention", "Read the official text of the Palermo Convention"),
        (InstrumentKind.BILL, "Bill C-49", "Read the official text of Bill C-49"),
    ],
)
def test_the_link_to_the_official_text_reads_as_english_names_the_instrument(client, kind, name, link):
    instrument = InstrumentFactory(
        kind=kind,
        title_en=name,
        title_fr="Code criminel",
        official_url_en="https://example.gc.ca/en",
        official_url_fr="https://example.gc.ca/fr",
    )
    assert f'<a href="https://example.gc.ca/en">{link}</a>' in _text(client.get(url_in_language(instrument, "en")))
    french = _text(client.get(url_in_language(instrument, "fr")))
    assert '<a href="https://example.gc.ca/fr">Lire le texte officiel\xa0: Code criminel</a>' in french


def test_an_instruments_body_follows_its_summary_not_the_headed_sections(client):
    """The body goes on from the summary: under "Official text and citation" or "Key dates" it would read as
    part of them."""
    treaty = TreatyFactory(summary_en="The summary.", body_en="<p>The body.</p>", adopted_on=datetime.date(2000, 1, 1))
    content = _text(client.get(url_in_language(treaty, "en")))
    assert content.index("The summary.") < content.index("The body.") < content.index("Official text and citation")
    assert content.index("The body.") < content.index("Key dates")


def test_toggle_leads_to_the_same_instrument_in_french(client):
    treaty = TreatyFactory(slug_en="unctoc", slug_fr="convention-cto")
    content = client.get("/en/legislation/unctoc/").content.decode()
    assert '<a href="/fr/legislation/convention-cto/" lang="fr" hreflang="fr">Français</a>' in content
    assert treaty.title_fr in _text(client.get("/fr/legislation/convention-cto/"))


def test_instrument_without_french_is_absent_in_french_and_toggles_to_the_notice(client):
    InstrumentFactory(slug_en="english-only", title_fr="", slug_fr=None, title_en="English-only Act")
    assert "English-only Act" not in _text(client.get("/fr/legislation/"))
    content = client.get("/en/legislation/english-only/").content.decode()
    assert 'href="/fr/non-disponible/?from=%2Fen%2Flegislation%2Fenglish-only%2F"' in content


@pytest.mark.parametrize("path", ["/en/legislation/no-such-act/", "/fr/legislation/aucune-loi/"])
def test_unknown_instrument_is_the_404_page_in_its_language(client, path):
    response = client.get(path)
    assert response.status_code == 404
    expected = "Nous ne pouvons trouver" if path.startswith("/fr/") else "We couldn't find"
    assert expected in _text(response)


def _bulk_instruments(count, provisions_each):
    instruments = Instrument.objects.bulk_create(InstrumentFactory.build_batch(count))
    Provision.objects.bulk_create(
        Provision(instrument=instrument, label=f"{number}", order=number, heading_en=f"Section {number}",
                  heading_fr=f"Article {number}", text_en="<p>Text.</p>", text_fr="<p>Texte.</p>",
                  offence_procedure=OffenceProcedure.INDICTABLE if number % 3 == 0 else "",
                  max_imprisonment_years=5 if number % 3 == 0 else None)
        for instrument in instruments
        for number in range(1, provisions_each + 1)
    )  # fmt: skip
    convention = TreatyFactory()
    InstrumentRelation.objects.bulk_create(
        InstrumentRelation(source=instrument, kind=RelationKind.IMPLEMENTS, target=convention)
        for instrument in instruments[:50]
    )
    return instruments, convention


@pytest.mark.parametrize("count", [10, 1000])
def test_pages_render_in_a_bounded_number_of_queries(client, count, django_assert_max_num_queries):
    instruments, convention = _bulk_instruments(count, provisions_each=50)
    urls = ["/en/legislation/", "/fr/legislation/?kind=statute", url_in_language(instruments[0], "en"),
            url_in_language(convention, "fr")]  # fmt: skip
    for url in urls:
        with django_assert_max_num_queries(8):
            response = client.get(url)
        assert response.status_code == 200
    with translation.override("en"):
        assert response.content.decode().count("<dd><a") == min(count, 50)  # "implemented by", both ends


def test_treaty_page_shows_canadas_consent(client):
    treaty = TreatyFactory(
        adopted_on=datetime.date(2000, 11, 15),
        ratified_by_canada_on=datetime.date(2002, 5, 13),
        canada_consent_kind=ConsentKind.RATIFICATION,
        jurisdiction=Jurisdiction.INTERNATIONAL,
    )
    content = _text(client.get(url_in_language(treaty, "fr")))
    assert "13 mai 2002" in content and "Ratification par le Canada" in content


def test_long_list_is_paginated_and_bad_page_numbers_are_forgiven(client):
    Instrument.objects.bulk_create(InstrumentFactory.build_batch(130))
    first = _text(client.get("/en/legislation/", {"page": "abc"}))
    assert "130 instruments" in first
    assert first.count('<li>\n        <a href="/en/legislation/statute-') == 20
    assert 'rel="next"' in first
    last = _text(client.get("/fr/legislation/", {"page": "999"}))
    assert last.count('<li>\n        <a href="/fr/legislation/loi-') == 10  # the seventh and last page


def test_view_on_site_from_the_french_admin_finds_an_english_only_instrument(admin_client):
    instrument = InstrumentFactory(slug_en="english-only", title_fr="", slug_fr=None)
    with translation.override("fr"):
        assert instrument.get_absolute_url() == "/en/legislation/english-only/"
    assert (
        admin_client.get(f"/fr/admin/r/{ContentType.objects.get_for_model(instrument).pk}/{instrument.pk}/").status_code
        == 302
    )
