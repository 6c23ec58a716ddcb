"""Staff in a real browser: setting up a second factor and logging in with a real TOTP code (axe on each
screen), and CKEditor still fully working under the admin's Content Security Policy."""

import base64
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from pages.models import Page
from tests.browser.conftest import PASSWORD, log_in, member
from tests.browser.test_accessibility import _violations

pytestmark = pytest.mark.django_db(transaction=True)


def _policy_violations(page):
    """Collects what the browser reports refusing under the Content Security Policy."""
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return refused


def test_a_new_staff_member_sets_up_a_second_factor_then_logs_in_with_a_code(
    seeded, live_server, page, shoot, settings
):
    settings.ADMIN_REQUIRE_SECOND_FACTOR = True
    axe, base = Axe(), live_server.url
    editor = member("Editors", "edith")
    refused = _policy_violations(page)

    page.goto(f"{base}/en/admin/")
    assert _violations(page, axe) == [], "login"
    page.fill("#id_auth-username", editor.username)
    page.fill("#id_auth-password", PASSWORD)
    page.click("#login-form input[type=submit]")
    page.wait_for_url(re.compile(r".*/account/second-factor/set-up/.*"))  # no admin without a second factor
    assert _violations(page, axe) == [], "set-up introduction"
    shoot(page, "1-set-up")
    page.click("#login-form input[type=submit]")
    key = page.locator(".second-factor__key").inner_text()
    # Once the browser has the image (a request of its own), it shows a picture: a broken one has no width.
    page.wait_for_function("() => document.querySelector('img.second-factor__qr')?.complete")
    assert page.locator("img.second-factor__qr").evaluate("image => image.naturalWidth") > 0
    assert _violations(page, axe) == [], "set-up with the QR code"
    shoot(page, "2-qr-code")
    page.fill("#id_generator-token", f"{totp(base64.b32decode(key)):06d}")  # what the app would show
    page.click("#login-form input[type=submit]")
    page.wait_for_url(re.compile(r".*/set-up/done/$"))
    assert _violations(page, axe) == [], "set-up done"
    page.click("text=Create my recovery codes")
    assert page.locator(".second-factor__codes li").count() == 10
    assert _violations(page, axe) == [], "recovery codes"
    shoot(page, "3-recovery-codes")

    page.click("text=Continue to the site administration")
    page.wait_for_url(re.compile(r".*/admin/$"))
    page.click("#logout-form button")
    page.goto(f"{base}/fr/admin/login/")
    page.fill("#id_auth-username", editor.username)
    page.fill("#id_auth-password", PASSWORD)
    page.click("#login-form input[type=submit]")
    assert page.locator("h1").inner_text() == "Entrez votre code"
    assert _violations(page, axe) == [], "code, in French"
    shoot(page, "4-code-in-french")
    device = TOTPDevice.objects.get(user=editor)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + 1)
    page.fill("#id_token-otp_token", f"{code:06d}")  # the next code: the one used at set-up counts once
    page.click("#login-form input[type=submit]")
    page.wait_for_url(re.compile(r".*/fr/admin/$"))
    assert page.locator("#site-name").is_visible()
    assert refused == []


def test_ckeditor_works_fully_under_the_admin_policy(seeded, live_server, page, shoot):
    """Its pages allow its inline handlers, no others do: type, use the toolbar, save; nothing refused."""
    base = live_server.url
    publisher = member("Publishers", "paul")
    refused = _policy_violations(page)
    log_in(page, base, publisher)
    target = Page.objects.exclude(parent=None).order_by("pk").first()
    page.goto(f"{base}/en/admin/pages/page/")
    page.goto(f"{base}/en/admin/pages/page/{target.pk}/change/")
    editable = page.frame_locator("#cke_id_body_en iframe").locator("body")
    editable.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.click("#cke_id_body_en .cke_button__bold")
    page.keyboard.type("Typed in bold under a strict policy.")
    page.click("#cke_id_body_en .cke_button__source")  # the Source view works too
    page.click("#cke_id_body_en .cke_button__source")
    shoot(page, "1-typed")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/pages/page/$"))
    target.refresh_from_db()
    assert "<strong>Typed in bold under a strict policy.</strong>" in target.body_en
    assert refused == []
