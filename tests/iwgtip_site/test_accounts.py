"""Staff accounts: the login throttle counted per account and address, per account, per address; how long a
staff session lasts (idle timeout, absolute lifetime)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.conftest import login, password_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _attempt(client, user, password=None, ip="203.0.113.7"):
    """A login with `password` (a wrong one by default) from `ip`."""
    return password_login(client, user.username, password or "not the password", REMOTE_ADDR=ip)


def test_an_account_is_locked_after_failures_from_many_addresses(client):
    """Password guessing spread over addresses (each under the per-address limit) still locks the account."""
    staff = UserFactory(is_staff=True)
    for attempt in range(20):
        _attempt(client, staff, ip=f"198.51.100.{attempt}")  # one try from each of twenty addresses
    assert _attempt(client, staff, password=PASSWORD, ip="192.0.2.1").status_code == 429


def test_nineteen_scattered_failures_do_not_lock_the_account(client):
    staff = UserFactory(is_staff=True)
    for attempt in range(19):
        _attempt(client, staff, ip=f"198.51.100.{attempt}")
    assert _attempt(client, staff, password=PASSWORD, ip="192.0.2.1").status_code == 302


def test_one_address_spraying_passwords_over_many_accounts_is_locked_out(client):
    accounts = UserFactory.create_batch(31, is_staff=True)
    for account in accounts[:30]:
        _attempt(client, account)  # one password tried once on each of thirty accounts
    assert _attempt(client, accounts[30], password=PASSWORD).status_code == 429
    assert _attempt(client, accounts[30], password=PASSWORD, ip="192.0.2.1").status_code == 302


def test_a_login_clears_its_own_accounts_failures_not_the_addresss(client):
    accounts = UserFactory.create_batch(30, is_staff=True)
    for account in accounts[:29]:
        _attempt(client, account)
    assert _attempt(client, accounts[29], password=PASSWORD).status_code == 302  # the sprayer's own account
    client.logout()
    assert _attempt(client, accounts[0]).status_code == 429  # the 30th failure from that address


# Session lifetime


@pytest.fixture
def staff_client(client):
    return login(client, UserFactory(is_staff=True, is_superuser=True))


def test_a_staff_session_ends_after_thirty_idle_minutes(staff_client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login(staff_client, UserFactory(is_staff=True, is_superuser=True))
        assert staff_client.get("/en/admin/").status_code == 200
        clock.shift(timedelta(minutes=29))
        assert staff_client.get("/en/admin/").status_code == 200  # activity keeps it going
        clock.shift(timedelta(minutes=29))
        assert staff_client.get("/en/admin/").status_code == 200
        clock.shift(timedelta(minutes=31))
        response = staff_client.get("/en/admin/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert "_auth_user_id" not in staff_client.session


def test_a_staff_session_ends_twelve_hours_after_login_however_active(staff_client):
    minutes = 0
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login(staff_client, UserFactory(is_staff=True, is_superuser=True))
        while minutes < 24 * 60:  # a request every 29 minutes: never idle
            clock.shift(timedelta(minutes=29))
            minutes += 29
            if staff_client.get("/en/admin/").status_code != 200:
                break
    assert 12 * 60 < minutes <= 12 * 60 + 29  # it ended at the first request past twelve hours


def test_the_session_limits_come_from_the_environment_settings(staff_client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login(staff_client, UserFactory(is_staff=True, is_superuser=True))
        clock.shift(timedelta(minutes=6))
        assert staff_client.get("/en/admin/").status_code == 302


def test_the_lockout_is_explained_in_the_readers_language(client):
    staff = UserFactory(is_staff=True)
    for _attempt in range(5):
        password_login(client, staff.username, "not the password", path="/fr/admin/login/")
    response = password_login(client, staff.username, PASSWORD, path="/fr/admin/login/")
    assert response.status_code == 429
    assert "Trop de tentatives de connexion ont échoué" in response.content.decode()
