"""The shared page cache: anonymous pages are cached, and any change or scheduled moment refreshes them."""

import gzip
import signal
import time
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from iwgtip_site import caching, workflow
from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from pages.models import Page
from tests.conftest import login
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

NOT_DATA = {"cmdstat_info", "cmdstat_config", "cmdstat_client", "cmdstat_hello", "cmdstat_select", "cmdstat_ping"}
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


def test_with_the_page_cache_off_the_menu_is_worked_out_once_per_change(client, root, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with time_machine.travel(NOW, tick=False):
        section = PageFactory(parent=root, title_en="Our work")
        PageFactory(parent=root, title_en="Launching at nine", publish_at=NOW + timedelta(hours=1))
        first = client.get("/en/").content.decode()
        assert "Our work" in first and "Launching at nine" not in first
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/")
        assert not [query for query in queries if '"depth" = 1' in query["sql"]]  # the menu: kept
        section.title_en = "What we do"
        section.save()
        assert "What we do" in client.get("/en/").content.decode()  # a change is seen at once
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert "Launching at nine" in client.get("/en/").content.decode()  # and the schedule is kept


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


def test_the_sitemap_is_cached_once_per_language_chosen_from_accept_language(client, page):
    """No language in its address: LocaleMiddleware reads Accept-Language (and says Vary)."""
    assert client.get("/sitemap.xml")["X-Cache"] == "miss"
    assert client.get("/sitemap.xml", headers={"accept-language": "en-CA,en;q=0.9"})["X-Cache"] == "hit"
    assert client.get("/sitemap.xml", headers={"accept-language": "fr-CA"})["X-Cache"] == "miss"
    assert client.get("/sitemap.xml", headers={"accept-language": "fr-FR,fr"})["X-Cache"] == "hit"


def test_a_request_for_an_unknown_host_is_refused_without_a_cache_error(client, page, caplog):
    """Scanners send any Host header: it is a 400, not an error report about the cache."""
    response = client.get(url_in_language(page, "en"), headers={"host": "attacker.example"})
    assert response.status_code == 400
    assert not [record for record in caplog.records if record.name == "iwgtip_site.caching"]


# The content version survives the cache ----------------------------------------------------------------


def test_an_unpublication_made_while_redis_is_down_takes_effect_when_it_is_back(
    client, page, superuser, owned_redis_cache, django_capture_on_commit_callbacks
):
    url = url_in_language(page, "en")
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    owned_redis_cache.stop()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.item_unpublish(item=Page.objects.get(pk=page.pk), user=superuser)
    owned_redis_cache.start()  # the same keys as before: the cached page is still there
    assert owned_redis_cache.command("DBSIZE") > 0
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_a_change_made_by_a_server_cut_off_from_redis_reaches_the_others(client, page, owned_redis_cache, settings):
    """Another server saved the change but could not raise the cache's copy of the version: this one finds
    the newer version in the database on its next comparison."""
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 0.001
    url = url_in_language(page, "en")
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    Page.objects.filter(pk=page.pk).update(title_en="Changed elsewhere")
    caching._raise_database_version("default")  # what the other server's transaction did
    response = client.get(url)
    assert "Changed elsewhere" in response.content.decode()


def test_the_publisher_is_told_when_the_public_pages_could_not_be_refreshed(admin_client, page, owned_redis_cache):
    owned_redis_cache.stop()
    response = admin_client.post(
        "/en/admin/pages/page/",
        {"action": "unpublish_selected", "_selected_action": [page.pk]},
        follow=True,
    )
    owned_redis_cache.start()
    text = response.content.decode()
    assert "1 item returned to draft" in text
    assert "could not be refreshed at once" in text


def test_a_hung_redis_does_not_hang_the_site(client, page, owned_redis_cache):
    url = url_in_language(page, "en")
    client.get(url)
    owned_redis_cache.hang()

    def waited_forever(signum, frame):
        raise TimeoutError("the request is still waiting for Redis")

    previous = signal.signal(signal.SIGALRM, waited_forever)
    signal.alarm(60)  # without socket timeouts the request would wait for Redis for ever
    try:
        statuses = [client.get(url).status_code for _attempt in range(3)]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        owned_redis_cache.resume()
    assert statuses == [200, 200, 200]


# One round trip, the same bytes and headers ------------------------------------------------------------


def test_a_cache_hit_is_one_round_trip_to_redis(client, page, owned_redis_cache):
    url = url_in_language(page, "en")
    client.get(url)
    owned_redis_cache.command("CONFIG", "RESETSTAT")
    assert client.get(url)["X-Cache"] == "hit"
    stats = owned_redis_cache.command("INFO", "commandstats")
    # Leave out the test's own INFO and CONFIG, and the connection handshakes.
    data_commands = {name: stat["calls"] for name, stat in stats.items() if name.split("|")[0] not in NOT_DATA}
    assert data_commands == {"cmdstat_mget": 1}


def test_an_uncached_page_reads_the_version_once_and_the_values_kept_in_this_process(
    client, page, owned_redis_cache, settings
):
    """The menu, the schedule and the rest kept per version are read from Redis once per process and version."""
    settings.PAGE_CACHE_SECONDS = 0
    url = url_in_language(page, "en")
    client.get(url)
    owned_redis_cache.command("CONFIG", "RESETSTAT")
    assert client.get(url).status_code == 200
    stats = owned_redis_cache.command("INFO", "commandstats")
    data_commands = {name: stat["calls"] for name, stat in stats.items() if name.split("|")[0] not in NOT_DATA}
    assert data_commands == {"cmdstat_mget": 1}


def test_a_change_made_on_another_server_is_seen_although_this_process_kept_the_menu(client, page, settings):
    settings.PAGE_CACHE_SECONDS = 0

    def menu():
        content = client.get("/en/").content.decode()
        return content[content.index('<nav class="main-menu"') :].split("</nav>")[0]

    assert page.title_en in menu()
    Page.objects.filter(pk=page.pk).update(title_en="Renamed elsewhere")  # another server's write...
    assert "Renamed elsewhere" not in menu()  # (kept: this test would not see a change without a version)
    caching._raise_copy(caching._committed(time.time_ns() // 1000 + 1))  # ...and its new version
    assert "Renamed elsewhere" in menu()


def test_a_cached_page_has_the_bytes_and_headers_of_the_page_first_served(client, page):
    url = url_in_language(page, "en")
    first = client.get(url)
    second = client.get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert first.content == second.content
    ignored = {"X-Cache", "Date", "X-Request-ID"}  # the date and the request id are each request's own
    assert {k: v for k, v in first.items() if k not in ignored} == {k: v for k, v in second.items() if k not in ignored}
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert header in second


def test_anonymous_pages_are_sent_compressed_to_clients_that_accept_it(client, page):
    url = url_in_language(page, "en")
    plain = client.get(url)
    for _attempt in range(2):  # the miss that stores it, then the hit
        compressed = client.get(url, headers={"accept-encoding": "gzip, br"})
        assert compressed["Content-Encoding"] == "gzip"
        assert gzip.decompress(compressed.content) == plain.content
        assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content)
        assert "Accept-Encoding" in compressed["Vary"]


# Validators and shared caches ---------------------------------------------------------------------------


def test_a_repeated_request_with_the_validator_is_answered_304(client, page):
    url = url_in_language(page, "en")
    first = client.get(url)
    assert first["ETag"].startswith('W/"')
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304
    assert client.get(url, headers={"if-none-match": 'W/"other"'}).status_code == 200


def test_public_pages_may_be_kept_briefly_by_a_cdn_but_staff_pages_never(client, superuser, page, settings):
    settings.PAGE_SHARED_CACHE_SECONDS, settings.PAGE_STALE_WHILE_REVALIDATE_SECONDS = 45, 15
    url = url_in_language(page, "en")
    public = client.get(url)
    assert public["Cache-Control"] == "public, max-age=0, s-maxage=45, stale-while-revalidate=15"
    staff = login(Client(), superuser)
    for address in (url, "/en/search/?q=x", "/en/legislation/"):
        response = staff.get(address)
        assert "ETag" not in response and "private" in response["Cache-Control"], address
        assert "public" not in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]


def test_validators_are_sent_when_the_page_cache_is_off(client, page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = url_in_language(page, "en")
    first = client.get(url)
    assert "X-Cache" not in first
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


# What cannot fill or bypass the cache ------------------------------------------------------------------


def test_junk_query_strings_create_no_entries(client, page, owned_redis_cache):
    url = url_in_language(page, "en")
    client.get(url)
    keys_before = owned_redis_cache.command("DBSIZE")
    for n in range(20):
        response = client.get(url, {"utm_source": f"junk{n}"})
        assert response.status_code == 200
        assert page.title_en in response.content.decode()
    assert owned_redis_cache.command("DBSIZE") == keys_before
    assert client.get(url)["X-Cache"] == "hit"


def test_a_page_is_cached_under_the_query_parameters_it_reads_only(client, root):
    PageFactory(parent=root, title_en="Trafficking indicators")
    for _attempt in range(2):
        assert "X-Cache" not in client.get("/en/search/", {"q": "indicators", "utm_campaign": "spring"})
    assert client.get("/en/search/", {"q": "indicators"})["X-Cache"] == "miss"
    assert client.get("/en/search/", {"q": "indicators"})["X-Cache"] == "hit"


def test_a_made_up_session_cookie_does_not_bypass_the_cache(client, page, django_assert_max_num_queries):
    url = url_in_language(page, "en")
    client.get(url)
    client.cookies["sessionid"] = "x" * 32
    with django_assert_max_num_queries(1):  # looking the session up, not rendering the page
        assert client.get(url)["X-Cache"] == "hit"
    client.cookies["sessionid"] = "x"
    with django_assert_max_num_queries(0):
        assert client.get(url)["X-Cache"] == "hit"
