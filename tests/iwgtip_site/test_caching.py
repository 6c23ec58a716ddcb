"""The shared page cache: anonymous pages are cached, and any change or scheduled moment refreshes them."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from iwgtip_site import caching
from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from pages.models import Page
from tests.conftest import login
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(timezone.datetime(2026, 5, 4, 8, 0))


def test_anonymous_page_is_served_from_the_cache_the_second_time(client, page, django_assert_num_queries):
    url = url_in_language(page, "en")
    assert client.get(url)["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Cache"] == "hit"
    assert page.title_en in response.content.decode()
    assert "Content-Security-Policy" in response


def test_an_edit_refreshes_every_cached_page(client, page):
    url = url_in_language(page, "en")
    client.get(url)
    client.get("/en/")
    page.title_en = "Renamed section"
    page.save()
    assert "Renamed section" in client.get(url).content.decode()
    assert "Renamed section" in client.get("/en/").content.decode()  # the menu on another page too


def test_unpublishing_removes_a_cached_page(client, page):
    url = url_in_language(page, "en")
    assert client.get(url).status_code == 200
    page.status = Status.DRAFT
    page.save()
    assert client.get(url).status_code == 404


def test_deleting_refreshes_the_cache(client, root):
    page = PageFactory(parent=root, title_en="Soon deleted")
    client.get("/en/")
    Page.objects.filter(pk=page.pk).delete()
    assert "Soon deleted" not in client.get("/en/").content.decode()


def test_scheduled_page_appears_on_time_although_the_menu_was_cached(client, root):
    with time_machine.travel(NOW, tick=False):
        PageFactory(parent=root, title_en="Launching at nine", publish_at=NOW + timedelta(hours=1))
        assert "Launching at nine" not in client.get("/en/").content.decode()
        assert client.get("/en/")["X-Cache"] == "hit"
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert "Launching at nine" in client.get("/en/").content.decode()


def test_logged_in_staff_are_never_served_cached_pages(superuser, page):
    url = url_in_language(page, "en")
    anonymous = Client()
    anonymous.get(url)
    assert anonymous.get(url)["X-Cache"] == "hit"  # the page is in the cache...
    staff = login(Client(), superuser)
    response = staff.get(url)
    assert "X-Cache" not in response  # ...but staff get it rendered for them
    assert "no-store" in response["Cache-Control"]


def test_invalidation_happens_again_once_the_change_is_committed(page, django_capture_on_commit_callbacks):
    """A page rendered by another server between the save and the commit must not outlive the commit."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.title_en = "Saved"
        page.save()
    during = caching.current_version()[0]
    for callback in callbacks:
        callback()
    assert caching.current_version()[0] != during


def test_cache_version_counts_the_schedule_in_one_query(root, django_assert_num_queries):
    PageFactory(parent=root, publish_at=timezone.now() + timedelta(days=2))
    with django_assert_num_queries(1):
        version, expires_in = caching.current_version()
    assert 0 < expires_in <= timedelta(days=2).total_seconds()
    with django_assert_num_queries(0):
        assert caching.current_version()[0] == version


def test_each_host_gets_its_own_cached_copy(client, settings, page):
    """The sitemap holds absolute addresses: one host's copy must never be served for another."""
    settings.ALLOWED_HOSTS = ["iwgtip.example.gc.ca", "gtitp.example.gc.ca"]
    english = client.get("/sitemap.xml", HTTP_HOST="iwgtip.example.gc.ca").content.decode()
    french = client.get("/sitemap.xml", HTTP_HOST="gtitp.example.gc.ca").content.decode()
    assert "http://iwgtip.example.gc.ca/" in english and "iwgtip.example.gc.ca" not in french


def test_a_request_for_an_unknown_host_is_refused_without_a_cache_error(client, page, caplog):
    """Scanners send any Host header: it is a 400, not an error report about the cache."""
    response = client.get(url_in_language(page, "en"), headers={"host": "attacker.example"})
    assert response.status_code == 400
    assert not [record for record in caplog.records if record.name == "iwgtip_site.caching"]
