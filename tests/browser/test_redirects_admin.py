"""The redirects' admin screens in a real browser: no WCAG 2.1 AA violation (axe) in either language, and a
redirect added there works."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from iwgtip_site.redirects.services import redirect_record
from tests.browser.conftest import PASSWORD, log_in
from tests.browser.test_accessibility import _violations
from tests.factories import PageFactory, RootPageFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_redirect_screens_have_no_violation_and_a_redirect_added_there_works(live_server, page, shoot):
    base, axe = live_server.url, Axe()
    target = PageFactory(parent=RootPageFactory(), slug_en="new-home", slug_fr="nouvel-accueil")
    existing = redirect_record(old_path="/en/old-home/", target=target)
    log_in(page, base, UserFactory(username="ada", is_staff=True, is_superuser=True, password=PASSWORD))
    report = []
    for language in ("en", "fr"):
        for screen in ("", "add/", f"{existing.pk}/change/"):
            page.goto(f"{base}/{language}/admin/iwgtip_site/redirect/{screen}")
            report += [f"{language} {screen or 'list'}: {line}" for line in _violations(page, axe)]
    assert not report, "\n".join(report)
    page.goto(f"{base}/en/admin/iwgtip_site/redirect/add/")
    page.fill("#id_old_path", "/en/retired-report/")
    page.fill("#id_target_url", "https://www.canada.ca/en.html")
    shoot(page, "1-add-redirect")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/iwgtip_site/redirect/$"))
    assert "Added by staff" in page.locator("#result_list").inner_text()
    response = page.request.get(f"{base}/en/retired-report/", max_redirects=0)
    assert (response.status, response.headers["location"]) == (301, "https://www.canada.ca/en.html")
