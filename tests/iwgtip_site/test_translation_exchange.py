"""XLIFF round trips with translators: export, translate in a CAT tool (here translate-toolkit), import through
the workflow; a unit whose source changed meanwhile is reported, not applied; hostile files are refused."""

import copy

import pytest
from translate.storage import xliff

from iwgtip_site import translation_exchange as exchange
from legislation.models import Instrument, Provision
from pages.models import Page
from pamphlets.models import Pamphlet
from tests.factories import InstrumentFactory, PageFactory, PamphletFactory, ProvisionFactory

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
    return page, instrument, provision, pamphlet


def test_a_round_trip_fills_the_french_of_a_page_an_instrument_with_provisions_and_a_pamphlet(items, superuser):
    page, instrument, provision, pamphlet = items
    data = exchange.export([page, instrument, pamphlet])
    store = xliff.xlifffile.parsestring(data)
    ids = {exchange.unit_key(unit) for unit in store.getunits()}
    assert f"pages.page:{page.pk}:body" in ids and f"legislation.provision:{provision.pk}:heading" in ids
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
        },
    )
    report = exchange.read(returned)
    assert len(report.ready()) == 3 and not report.problems()
    exchange.apply(report, user=superuser)
    assert Page.objects.get(pk=page.pk).body_fr == "<p>La <strong>loi</strong>.</p>"
    assert Provision.objects.get(pk=provision.pk).heading_fr == "Traite des personnes"
    assert Pamphlet.objects.get(pk=pamphlet.pk).summary_fr == "Connaissez vos droits."


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
