"""The download statistics screen in a real browser: the period asked with the keyboard, the chart and its table,
and no WCAG 2.1 AA violation (axe) in English or French, errors shown included."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from pamphlets.models import Pamphlet
from pamphlets.services import download_record
from tests.browser.conftest import log_in, member
from tests.browser.test_accessibility import _violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_statistics_screen_is_accessible_in_both_languages(seeded, live_server, page, shoot):
    axe, base = Axe(), live_server.url
    pamphlet = Pamphlet.objects.first()
    edition = pamphlet.editions.first()
    for _ in range(3):
        download_record(pamphlet=pamphlet, edition=edition, day=timezone.localdate())
    log_in(page, base, member("Publishers", "statistics-publisher"))
    url = f"{base}/en/admin/pamphlets/pamphlet/{pamphlet.pk}/statistics/"
    page.goto(url)
    shoot(page, "statistics-en")
    assert page.locator("#downloads-table-caption").is_visible()
    assert _violations(page, axe) == [], "statistics, English"

    page.focus("#id_group")
    page.keyboard.press("ArrowDown")  # Week
    page.keyboard.press("Tab")  # to "Show the downloads"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*group=week.*"))
    assert "Week of" in page.locator(".download-statistics__table tbody").inner_text()

    page.goto(f"{url}?start=2026-11-30&end=2026-11-01&group=day")
    assert "The “To” date is before the “From” date." in page.locator(".errorlist").inner_text()
    assert _violations(page, axe) == [], "statistics with an error, English"

    page.goto(url.replace("/en/", "/fr/"))
    shoot(page, "statistics-fr")
    assert _violations(page, axe) == [], "statistics, French"
    page.goto(url.replace("/en/", "/fr/") + "?start=demain&end=2026-11-01&group=day")
    assert "Entrez la date" in page.locator(".errorlist").inner_text()
    assert _violations(page, axe) == [], "statistics with an error, French"
