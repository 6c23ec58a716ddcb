"""XLIFF round trips with translators: export, translate in a CAT tool (here translate-toolkit), import through
the workflow; a unit whose source changed meanwhile is reported, not applied; hostile files are refused. A
pamphlet's text travels from its English edition into its French one."""

import copy

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from translate.storage import xliff

from iwgtip_site import translation_exchange as exchange
from iwgtip_site import workflow, xliff_inline
from legislation.models import Instrument, Provision
from pages.models import Page
from pamphlets.models import Edition, Pamphlet
from tests.factories import (
    EditionFactory,
    InstrumentFactory,
    LanguageFactory,
    PageFactory,
    PamphletFactory,
    ProvisionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def translated(data, translations):
    """What a translator sends back: `data` parsed by translate-toolkit's XLIFF reader, targets filled. A
    translation given as {English: French} is made as a CAT tool does it for rich text: the source's inline
    codes kept as they are, the text between them translated."""
    store = xliff.xlifffile.parsestring(data)
    for unit in store.getunits():
        translation = translations.get(exchange.unit_key(unit))
        if isinstance(translation, dict):
            unit.target = "-"
            target = unit.xmlelement.find(unit.namespaced("target"))
            source = copy.deepcopy(unit.xmlelement.find(unit.namespaced("source")))
            target.text, target[:] = translation.get(source.text, source.text), list(source)
            for code in target:
                code.tail = translation.get(code.tail, code.tail)
        elif translation is not None:
            unit.target = translation
    return bytes(store)


@pytest.fixture
def items(root):
    page = PageFactory(parent=root, status="draft", body_en="<p>The <strong>law</strong>.</p>", body_fr="")
    instrument = InstrumentFactory(status="draft")
    provision = ProvisionFactory(instrument=instrument, heading_en="Trafficking in persons", heading_fr="")
    pamphlet = PamphletFactory(status="draft", summary_en="Know your rights.", summary_fr="")
    editions(pamphlet, english="<p>Call <strong>911</strong>.</p>", french="", status="draft")
    return page, instrument, provision, pamphlet


def editions(pamphlet, *, english, french, status="published"):
    """The pamphlet's English and French editions (real PDF files), with these texts."""
    english = EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="en"), text=english, status=status)
    french = EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="fr"), text=french, status=status)
    return english, french


def member(role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_a_round_trip_fills_the_french_of_a_page_an_instrument_with_provisions_and_a_pamphlet(items, superuser):
    page, instrument, provision, pamphlet = items
    french = pamphlet.editions.get(language__code="fr")
    data = exchange.export([page, instrument, pamphlet])
    store = xliff.xlifffile.parsestring(data)
    ids = {exchange.unit_key(unit) for unit in store.getunits()}
    assert f"pages.page:{page.pk}:body" in ids and f"legislation.provision:{provision.pk}:heading" in ids
    assert {unit for unit in ids if unit.startswith("pamphlets.edition:")} == {f"pamphlets.edition:{french.pk}:text"}
    assert b"urn:oasis:names:tc:xliff:document:1.2" in data
    [body] = [unit for unit in store.getunits() if exchange.unit_key(unit) == f"pages.page:{page.pk}:body"]
    codes = body.xmlelement.find(body.namespaced("source"))
    assert [code.text for code in codes] == ["<p>", "<strong>", "</strong>", "</p>"]  # native codes, protected
    assert codes[1].tail == "law"
    returned = translated(
        data,
        {
            f"pages.page:{page.pk}:body": {"The ": "La ", "law": "loi"},
            f"legislation.provision:{provision.pk}:heading": "Traite des personnes",
            f"pamphlets.pamphlet:{pamphlet.pk}:summary": "Connaissez vos droits.",
            f"pamphlets.edition:{french.pk}:text": {"Call ": "Composez le "},
        },
    )
    report = exchange.read(returned)
    assert len(report.ready()) == 4 and not report.problems()
    exchange.apply(report, user=superuser)
    assert Page.objects.get(pk=page.pk).body_fr == "<p>La <strong>loi</strong>.</p>"
    assert Provision.objects.get(pk=provision.pk).heading_fr == "Traite des personnes"
    assert Pamphlet.objects.get(pk=pamphlet.pk).summary_fr == "Connaissez vos droits."
    assert Edition.objects.get(pk=french.pk).text == "<p>Composez le <strong>911</strong>.</p>"
    assert pamphlet.editions.get(language__code="en").text == "<p>Call <strong>911</strong>.</p>"


def test_a_unit_whose_english_changed_since_export_is_reported_not_applied(items, superuser):
    _page, instrument, _provision, _pamphlet = items
    data = exchange.export([instrument])
    Instrument.objects.filter(pk=instrument.pk).update(summary_en="A new summary.")
    returned = translated(data, {f"legislation.instrument:{instrument.pk}:summary": "Un résumé."})
    report = exchange.read(returned)
    [changed] = [unit for unit in report.units if unit.outcome == exchange.Outcome.SOURCE_CHANGED]
    assert changed.id == f"legislation.instrument:{instrument.pk}:summary"
    exchange.apply(report, user=superuser)
    assert Instrument.objects.get(pk=instrument.pk).summary_fr == "Ce que fait cette loi."


def test_unknown_ids_and_rejected_markup_are_reported(items):
    page, *_rest = items
    data = exchange.export([page])
    returned = translated(data, {f"pages.page:{page.pk}:body": "<p>Texte</p><script>alert(1)</script>"})
    returned = returned.replace(f"pages.page:{page.pk}:title".encode(), b"pages.page:999999:title")
    outcomes = {unit.id: unit.outcome for unit in exchange.read(returned).units}
    assert outcomes[f"pages.page:{page.pk}:body"] == exchange.Outcome.MARKUP
    assert outcomes["pages.page:999999:title"] == exchange.Outcome.UNKNOWN


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="en"
 target-language="fr" datatype="html"><body><trans-unit id="pages.page:1:title"><source>&lol3;</source>
</trans-unit></body></file></xliff>"""
EXTERNAL_ENTITY = BILLION_LAUGHS.replace(b'<!ENTITY lol "lol">', b'<!ENTITY lol SYSTEM "file:///etc/passwd">')


@pytest.mark.parametrize(
    "data",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, "<xliff>é</xliff>".encode("latin-1"), b"not xml", b" " * (5 * 1024 * 1024 + 1)],
    ids=["billion-laughs", "external-entity", "wrong-encoding", "not-xml", "too-large"],
)
def test_hostile_files_are_refused_and_nothing_is_written(root, data):
    with pytest.raises(exchange.RefusedFile):
        exchange.read(data)


def test_importing_into_a_published_item_fills_its_working_copy_and_clears_the_stale_flag(root, editor):
    page = PageFactory(parent=root, summary_en="A new summary.", summary_fr="Un ancien résumé.")
    Page.objects.filter(pk=page.pk).update(outdated_language="fr")
    returned = translated(exchange.export([page]), {f"pages.page:{page.pk}:summary": "Un nouveau résumé."})
    assert exchange.apply(exchange.read(returned), user=editor) == [page]
    live = Page.objects.get(pk=page.pk)
    assert live.summary_fr == "Un ancien résumé."  # the public keeps the published version
    [copy] = live.working_copies.all()
    [fields] = [entry["fields"] for entry in copy.content if entry["model"] == "pages.page"]
    assert fields["summary_fr"] == "Un nouveau résumé."
    assert fields["outdated_language"] == ""


def test_a_french_edition_text_of_a_published_pamphlet_waits_in_its_working_copy_until_approved(db):
    pamphlet = PamphletFactory()
    english, french = editions(pamphlet, english="<p>Ask for <em>help</em>.</p>", french="<p>Ancien texte.</p>")
    key, data = f"pamphlets.edition:{french.pk}:text", exchange.export([pamphlet])
    [unit] = [unit for unit in xliff.xlifffile.parsestring(data).getunits() if exchange.unit_key(unit) == key]
    assert [code.text for code in unit.xmlelement.find(unit.namespaced("source"))] == ["<p>", "<em>", "</em>", "</p>"]
    assert xliff_inline.read(unit.xmlelement.find(unit.namespaced("target"))) == "<p>Ancien texte.</p>"
    returned = translated(data, {key: {"Ask for ": "Demandez du ", "help": "soutien"}})
    assert exchange.apply(exchange.read(returned), user=member("Editors")) == [pamphlet]
    assert Edition.objects.get(pk=french.pk).text == "<p>Ancien texte.</p>"  # the public keeps the published text
    assert "Ancien texte." in Client().get(french.html_url()).content.decode()
    [copy] = Pamphlet.objects.get(pk=pamphlet.pk).working_copies.all()
    [fields] = [entry["fields"] for entry in copy.content if entry["model"] == "pamphlets.edition"
                and entry["pk"] == french.pk]  # fmt: skip
    assert fields["text"] == "<p>Demandez du <em>soutien</em>.</p>"
    workflow.item_approve(item=pamphlet, user=member("Publishers"))
    assert Edition.objects.get(pk=french.pk).text == "<p>Demandez du <em>soutien</em>.</p>"
    assert "Demandez du" in Client().get(french.html_url()).content.decode()
    assert Edition.objects.get(pk=english.pk).text == "<p>Ask for <em>help</em>.</p>"


def test_an_edition_text_whose_english_changed_since_export_is_reported_not_applied(db, superuser):
    pamphlet = PamphletFactory(status="draft")
    english, french = editions(pamphlet, english="<p>Ask for help.</p>", french="", status="draft")
    key = f"pamphlets.edition:{french.pk}:text"
    data = exchange.export([pamphlet])
    Edition.objects.filter(pk=english.pk).update(text="<p>Ask for help at any time.</p>")
    report = exchange.read(translated(data, {key: "<p>Demandez du soutien.</p>"}))
    assert {unit.id: unit.outcome for unit in report.units}[key] == exchange.Outcome.SOURCE_CHANGED
    exchange.apply(report, user=superuser)
    assert Edition.objects.get(pk=french.pk).text == ""


@pytest.mark.parametrize("code", ["en", "es"])
def test_a_unit_naming_an_edition_in_another_language_than_the_files_target_is_reported(db, superuser, code):
    pamphlet = PamphletFactory(status="draft")
    _english, french = editions(pamphlet, english="<p>Ask for help.</p>", french="", status="draft")
    EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="es"), text="<p>Pida ayuda.</p>", status="draft")
    other = pamphlet.editions.get(language__code=code)
    returned = translated(exchange.export([pamphlet]), {f"pamphlets.edition:{french.pk}:text": "<p>Aide.</p>"})
    # A unit's id edited by hand, or a unit copied from another file:
    returned = returned.replace(f"pamphlets.edition:{french.pk}:".encode(), f"pamphlets.edition:{other.pk}:".encode())
    report = exchange.read(returned)
    [unit] = [unit for unit in report.units if unit.id.startswith("pamphlets.edition:")]
    assert (unit.id, unit.outcome) == (f"pamphlets.edition:{other.pk}:text", exchange.Outcome.WRONG_LANGUAGE)
    assert f"({code})" in unit.message and "(fr)" in unit.message
    assert unit in report.problems()
    exchange.apply(report, user=superuser)
    texts = dict(pamphlet.editions.values_list("language__code", "text"))
    assert texts == {"en": "<p>Ask for help.</p>", "es": "<p>Pida ayuda.</p>", "fr": ""}


def test_a_pamphlet_without_a_french_edition_exports_no_unit_for_its_text(db):
    pamphlet = PamphletFactory(status="draft")
    EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="en"), text="<p>Ask for help.</p>")
    EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="es"), text="<p>Pida ayuda.</p>")
    ids = [exchange.unit_key(unit) for unit in xliff.xlifffile.parsestring(exchange.export([pamphlet])).getunits()]
    assert ids and not [unit for unit in ids if unit.startswith("pamphlets.edition:")]
