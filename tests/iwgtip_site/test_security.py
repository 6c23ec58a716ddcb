"""Security headers: a strict Content Security Policy in public, relaxed only for CKEditor in the admin."""

import pytest

from tests.conftest import password_login

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


def _directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ") if part}


@pytest.mark.parametrize(
    "address",
    [
        "/en/admin/",
        "/en/admin/pages/page/",
        "/fr/admin/pamphlets/language/add/",
        "/en/admin/admin/logentry/",
        "/en/admin/pages/page/{pk}/history/",
        "/en/admin/pages/page/{pk}/delete/",
        "/en/admin/password_change/",
    ],
)
def test_admin_pages_without_the_rich_text_editor_allow_no_inline_script(admin_client, page, address):
    response = admin_client.get(address.format(pk=page.pk))
    assert response.status_code == 200
    directives = _directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "<script>" not in response.content.decode()  # Django's admin needs none


def test_only_admin_pages_that_load_ckeditor_allow_its_inline_scripts(admin_client, page):
    """CKEditor 4 builds its toolbar with inline event handlers: its pages need 'unsafe-inline', no others."""
    response = admin_client.get(f"/en/admin/pages/page/{page.pk}/change/")
    assert "ckeditor/ckeditor/ckeditor.js" in response.content.decode()
    directives = _directives(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'nonce-" not in response["Content-Security-Policy"]  # a nonce would switch 'unsafe-inline' off
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


PERMISSIONS_REFUSED = ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()", "interest-cohort=()")


@pytest.mark.parametrize(
    "address", ["/en/", "/fr/recherche/?q=loi", "/en/admin/login/", "/static/iwgtip/css/site.css", "/en/%00/"]
)
def test_every_response_refuses_browser_features_the_site_never_uses(client, page, address):
    policy = client.get(address)["Permissions-Policy"]
    assert all(feature in policy for feature in PERMISSIONS_REFUSED)
    assert "clipboard-write=(self)" in policy  # the legislation pages' "Copy" buttons


def test_a_page_served_from_the_cache_keeps_its_security_headers(client, page, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/en/")
    cached = client.get("/en/")
    assert cached["X-Cache"] == "hit"
    assert "camera=()" in cached["Permissions-Policy"]
    assert "frame-ancestors 'none'" in cached["Content-Security-Policy"]


def test_failed_logins_are_locked_out(client, superuser):
    for _attempt in range(5):
        password_login(client, superuser.username, "wrong")
    response = password_login(client, superuser.username, "correct horse battery staple")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_lockout_counts_the_client_behind_the_proxy_not_the_proxy(client, superuser, settings):
    """With one proxy in front, five failures from one reader must not lock out another."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _attempt in range(5):
        password_login(client, superuser.username, "wrong", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    response = password_login(
        client, superuser.username, "correct horse battery staple", HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy
    )
    assert response.status_code == 302


# The request guard: addresses no page can have are a 400, before any view or query (issue 16, item 3)

HOSTILE_ADDRESSES = [
    "/media/partners/logos/%00.png",
    "/en/pamphlets/{pamphlet}/%00.pdf",
    "/en/search/?q=trafficking%00",
    "/en/%00/",
    "/fr/recherche/?q=%ff%fe",
]
HOSTILE_ADMIN_ADDRESSES = [
    "/en/admin/feedback/pagefeedback/?page_path=%00",
    "/en/admin/admin/logentry/?object_id=%00",
    "/en/admin/pages/page/?status=%00",
    "/en/admin/autocomplete/?term=%00&app_label=pamphlets&model_name=edition&field_name=language",
    "/en/admin/pages/page/?q=%ff",
]


@pytest.fixture
def pamphlet(db):
    from tests.factories import EditionFactory

    return EditionFactory().pamphlet


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_nul_bytes_and_broken_utf8_in_public_addresses_are_a_translated_400(client, page, pamphlet, address):
    response = client.get(address.format(pamphlet=pamphlet.slug_en))
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    expected = "Requête incorrecte" if address.startswith("/fr/") else "Bad request"
    assert expected in text


@pytest.mark.parametrize("address", HOSTILE_ADMIN_ADDRESSES)
def test_nul_bytes_in_admin_filters_are_a_400(admin_client, address):
    assert admin_client.get(address).status_code == 400


def test_broken_utf8_in_the_path_is_a_400(client, page):
    assert client.get("/en/%C3%28/").status_code == 400
    assert client.get("/en/%25/").status_code == 400  # a percent sign: no address has one
    assert client.get("/fr/d%C3%A9pliants/").status_code == 404  # "é" in UTF-8 is text, just not an address


def test_ordinary_addresses_with_non_ascii_text_pass_the_guard(client, page):
    assert client.get("/fr/recherche/?q=d%C3%A9pliant+%E2%80%94+traite").status_code == 200
    assert client.get("/en/search/?q=%F0%9F%93%84").status_code == 200


@pytest.mark.parametrize(
    ("address", "action"),
    [
        ("/en/admin/pages/page/", "delete_selected"),
        ("/en/admin/pages/page/", "publish_selected"),
        ("/en/admin/iwgtip_site/pagefeedback/", "mark_handled"),
        ("/fr/admin/auth/user/", "delete_selected"),
    ],
)
@pytest.mark.parametrize("selection", ["\x00", "abc", "1 OR 1=1", "²"])
def test_a_list_action_on_a_selection_that_is_not_ids_is_a_400(admin_client, page, address, action, selection):
    response = admin_client.post(address, {"action": action, "_selected_action": [str(page.pk), selection]})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_a_list_action_on_real_ids_still_works(admin_client, page):
    response = admin_client.post(
        "/en/admin/pages/page/", {"action": "unpublish_selected", "_selected_action": [page.pk]}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.status == "draft"


@pytest.mark.parametrize("address", ["/en/admin/pages/page/{pk}/change/", "/en/admin/pages/page/add/"])
def test_an_empty_to_field_parameter_is_a_400(admin_client, page, address):
    assert admin_client.get(address.format(pk=page.pk) + "?_to_field=").status_code == 400
    assert admin_client.post(address.format(pk=page.pk), {"_to_field": ""}).status_code == 400
