"""/healthz: 200 with the database and cache status; 503 when the database cannot be reached."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PROBE = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": json.loads(response.content)}))
"""


def test_healthy_site_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "dead_database",
    ["postgres://nobody@127.0.0.1:1/nothing", "sqlite:////nonexistent-directory/db.sqlite3"],
)
def test_unreachable_database_gives_503(dead_database):
    """A real process of the site, configured with a database that is not there."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iwgtip_site.settings.test",
        "DATABASE_URL": dead_database,
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"status": 503, "body": {"status": "unavailable", "database": "unavailable", "cache": "ok"}}


# Faults: services that hang, and a database outage (issue 16, item 9)

HUNG_PROBE = """
import django, json, os
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": json.loads(response.content)}), flush=True)
os._exit(0)  # the checks still hanging hold their threads until their services' own timeouts
"""

OUTAGE_PROBE = """
import django, json
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for path in ("/en/", "/fr/legislation/", "/en/pamphlets/", "/fr/recherche/?q=loi"):
    response = client.get(path)
    answers[path] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "cache_control": response.get("Cache-Control", ""),
        "html": response.content.decode(),
    }
print(json.dumps(answers))
"""


def _run(probe, **environment):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iwgtip_site.settings.test", **environment}
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _listening_socket():
    """A TCP port in this suite's range (8400-8499) that accepts connections and never answers: a hung server."""
    listener = socket.socket()
    for port in range(8440, 8500):
        try:
            listener.bind(("127.0.0.1", port))
        except OSError:
            continue
        listener.listen(16)
        return listener, port
    pytest.skip("no free port in 8440-8499")


@pytest.fixture
def hung_database():
    listener, port = _listening_socket()
    yield f"postgres://nobody@127.0.0.1:{port}/nothing"
    listener.close()


@pytest.fixture
def hung_redis():
    """A real Redis server of the test's own, stopped (SIGSTOP): it accepts connections and never replies."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    listener, port = _listening_socket()
    listener.close()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(50):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        process.send_signal(signal.SIGSTOP)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.send_signal(signal.SIGCONT)
        process.terminate()
        process.wait(timeout=10)


def test_healthz_reports_a_hung_database_and_a_hung_cache_without_waiting_for_them(hung_database, hung_redis):
    """Both services accept connections and never answer: healthz gives up on them by itself (its own bound,
    far below the database's connect_timeout and with no socket timeout on the cache at all)."""
    outcome = _run(HUNG_PROBE, DATABASE_URL=hung_database, REDIS_URL=hung_redis, DATABASE_CONNECT_TIMEOUT="30")
    assert outcome == {"status": 503, "body": {"status": "unavailable", "database": "timeout", "cache": "timeout"}}


def test_a_database_outage_is_a_bilingual_503_that_asks_to_retry_on_every_page():
    """A real site process whose database refuses connections: no page is a 500."""
    answers = _run(OUTAGE_PROBE, DATABASE_URL="postgres://nobody@127.0.0.1:1/nothing", REDIS_URL="")
    for path, answer in answers.items():
        assert answer["status"] == 503, path
        assert answer["retry_after"] == "30"
        assert "no-store" in answer["cache_control"]
        assert "The site is temporarily unavailable" in answer["html"]
        assert "Le site est temporairement inaccessible" in answer["html"]
    english, french = answers["/en/"]["html"], answers["/fr/legislation/"]["html"]
    assert english.index('lang="en"') < english.index('<section lang="fr">')
    assert french.index('<section lang="fr">') < french.index('<section lang="en">')
    assert '<html lang="fr">' in french


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_during_an_outage_cached_pages_are_still_served(client, settings):
    """Pages cached before PostgreSQL became unreachable keep being served; others are a 503."""
    from django.db import connection
    from django.test import Client

    from tests.factories import PageFactory, RootPageFactory

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (an in-memory SQLite database cannot be made unreachable)")
    settings.PAGE_CACHE_SECONDS = 600
    PageFactory(parent=RootPageFactory(), slug_en="kept")
    client.get("/en/kept/")
    assert client.get("/en/kept/")["X-Cache"] == "hit"
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = 1  # nothing listens there: the database is unreachable
    try:
        reader = Client(raise_request_exception=False)
        assert reader.get("/en/kept/").status_code == 200
        assert reader.get("/en/kept/")["X-Cache"] == "hit"
        assert reader.get("/en/legislation/").status_code == 503
    finally:
        connection.close()
        connection.settings_dict.update(saved)
