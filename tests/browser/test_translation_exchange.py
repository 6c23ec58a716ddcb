"""The translators' import screen in a real browser, in both languages: upload, the per-unit report with its
confirmation, apply; axe finds no WCAG 2.1 AA violation on any step."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from iwgtip_site import translation_exchange as exchange
from legislation.models import Instrument
from tests.browser.conftest import log_in, member
from tests.browser.test_accessibility import _violations
from tests.factories import InstrumentFactory
from tests.iwgtip_site.test_translation_exchange import translated

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_publisher_imports_a_returned_file_after_reading_its_report(live_server, page, shoot, tmp_path, language):
    axe, base = Axe(), live_server.url
    publisher = member("Publishers", f"pat-{language}")
    instrument = InstrumentFactory(status="draft", body_en="<p>The <em>law</em>.</p>", body_fr="")
    data = exchange.export([instrument])
    Instrument.objects.filter(pk=instrument.pk).update(summary_en="Changed since the export.")
    returned = tmp_path / "returned.xlf"
    returned.write_bytes(
        translated(
            data,
            {
                f"legislation.instrument:{instrument.pk}:body": {"The ": "La ", "law": "loi"},
                f"legislation.instrument:{instrument.pk}:summary": "Résumé.",
            },
        )
    )
    log_in(page, base, publisher, language)
    page.goto(f"{base}/{language}/admin/translations/import/")
    assert _violations(page, axe) == [], "upload"
    page.set_input_files("#id_file", str(returned))
    page.click("#content-main form[enctype] input[type=submit]")
    page.wait_for_selector("table")
    shoot(page, f"report-{language}")
    assert _violations(page, axe) == [], "report"
    page.check("#id_confirm")
    page.click("#content-main form:not([enctype]) input[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/translations/import/$"))
    assert _violations(page, axe) == [], "applied"
    assert Instrument.objects.get(pk=instrument.pk).body_fr == "<p>La <em>loi</em>.</p>"
