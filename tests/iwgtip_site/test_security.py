"""Security headers: a strict Content Security Policy in public, relaxed only for CKEditor in the admin."""

import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_send_strict_security_headers(client, page):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_admin_policy_allows_only_what_ckeditor_needs(admin_client, page):
    response = admin_client.get(f"/en/admin/pages/page/{page.pk}/change/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy


def test_failed_logins_are_locked_out(client, superuser):
    for _attempt in range(5):
        client.post("/en/admin/login/", {"username": superuser.username, "password": "wrong"})
    response = client.post(
        "/en/admin/login/", {"username": superuser.username, "password": "correct horse battery staple"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_lockout_counts_the_client_behind_the_proxy_not_the_proxy(client, superuser, settings):
    """With one proxy in front, five failures from one reader must not lock out another."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _attempt in range(5):
        client.post(
            "/en/admin/login/",
            {"username": superuser.username, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **proxy,
        )
    response = client.post(
        "/en/admin/login/",
        {"username": superuser.username, "password": "correct horse battery staple"},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
        **proxy,
    )
    assert response.status_code == 302
