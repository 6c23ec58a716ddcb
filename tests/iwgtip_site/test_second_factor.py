"""The staff login's second factor: set up on the first login, asked at every login, required in production,
recovery codes, in both languages, and counted by the login lockout like a password."""

import base64
import html
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import code_login, password_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
SETUP = "/en/admin/account/second-factor/set-up/"


@pytest.fixture
def required(settings):
    settings.ADMIN_REQUIRE_SECOND_FACTOR = True


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


def with_device(user):
    """`user` with a confirmed authenticator app, as set-up leaves it; returns the device."""
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def set_up(client):
    """Go through the set-up wizard as a person would: start, read the key shown, enter the app's code."""
    page = client.post(SETUP, {"staff_setup_view-current_step": "welcome"}).content.decode()
    key = re.search(r'<code class="second-factor__key"[^>]*>([A-Z2-7]+)</code>', page).group(1)
    code = f"{totp(base64.b32decode(key)):06d}"
    return client.post(SETUP, {"staff_setup_view-current_step": "generator", "generator-token": code})


def test_without_a_second_factor_the_admin_stays_closed_and_sends_the_account_to_set_one_up(client, staff, required):
    assert password_login(client, staff.username, PASSWORD, path="/en/admin/login/?next=/en/admin/").status_code == 302
    response = client.get("/en/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(SETUP)
    assert client.get("/en/admin/pages/page/").status_code == 302  # no admin page opens with a password alone
    done = set_up(client)
    assert done.status_code == 302
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert client.get("/en/admin/").status_code == 200
    codes = client.post("/en/admin/account/second-factor/recovery-codes/", follow=True)
    assert StaticDevice.objects.get(user=staff).token_set.count() == 10
    assert "Keep these codes somewhere safe" in codes.content.decode()


def test_a_wrong_code_at_set_up_is_explained(client, staff, required):
    password_login(client, staff.username, PASSWORD)
    client.post(SETUP, {"staff_setup_view-current_step": "welcome"})
    response = client.post(SETUP, {"staff_setup_view-current_step": "generator", "generator-token": "000000"})
    assert "This code is not right, or it has expired" in html.unescape(response.content.decode())
    assert not TOTPDevice.objects.filter(user=staff).exists()


def test_an_account_with_a_device_logs_in_with_password_then_code(client, staff, required):
    device = with_device(staff)
    response = password_login(client, staff.username, PASSWORD)
    assert response.status_code == 200
    assert "Enter your code" in response.content.decode()
    assert client.get("/en/admin/").status_code == 302  # the password alone opens nothing
    assert code_login(client, current_code(device)).status_code == 302
    assert client.get("/en/admin/").status_code == 200


def test_a_recovery_code_logs_in_once(client, staff, required):
    with_device(staff)
    recovery = StaticDevice.objects.create(user=staff, name="backup")
    recovery.token_set.create(token="abcd1234")
    for attempt in range(2):
        client.logout()
        password_login(client, staff.username, PASSWORD)
        client.post("/en/admin/login/", {"staff_login_view-current_step": "token", "wizard_goto_step": "backup"})
        code_login(client, "abcd1234", step="backup")
        assert (client.get("/en/admin/").status_code == 200) is (attempt == 0)


def test_wrong_codes_count_towards_the_lockout_with_wrong_passwords(client, staff, required):
    device = with_device(staff)
    for _attempt in range(3):
        password_login(client, staff.username, "not the password")
    password_login(client, staff.username, PASSWORD)
    code_login(client, "000000")
    response = code_login(client, "111111")  # the fifth failure: three passwords, two codes
    assert response.status_code == 429
    assert code_login(client, current_code(device)).status_code == 429
    client.logout()
    assert password_login(client, staff.username, PASSWORD).status_code == 429


def test_without_the_requirement_an_account_with_no_device_logs_in_with_its_password(client, staff):
    """Development and test settings: optional, but an account that has a device is still asked for it."""
    password_login(client, staff.username, PASSWORD)
    assert client.get("/en/admin/").status_code == 200


def test_the_login_and_set_up_speak_french(client, staff, required):
    page = html.unescape(client.get("/fr/admin/login/").content.decode())
    assert '<html lang="fr"' in page
    assert "Ouvrir une session" in page or "Connexion" in page
    password_login(client, staff.username, PASSWORD, path="/fr/admin/login/")
    setup = html.unescape(client.get("/fr/admin/account/second-factor/set-up/").content.decode())
    assert "Configurer votre deuxième facteur" in setup
    with_device(UserFactory(username="autre", is_staff=True))
    client.logout()
    token_step = html.unescape(password_login(client, "autre", PASSWORD, path="/fr/admin/login/").content.decode())
    assert "Code de votre application d'authentification" in token_step


def test_production_settings_require_the_second_factor():
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "iwgtip_site" / "settings" / "prod.py").read_text()
    assert 'ADMIN_REQUIRE_SECOND_FACTOR = env.bool("ADMIN_REQUIRE_SECOND_FACTOR", default=True)' in source
