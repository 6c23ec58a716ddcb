"""Request ids in every response and log line, one log line per request, and error reports to Sentry only
when SENTRY_DSN is set, with nothing about the reader."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

from iwgtip_site.observability import without_personal_data

pytestmark = pytest.mark.django_db

PROXY_ID = "0d2c6d1f-7a8e-4c56-9e43-55cbbd7c4f60"

# A real site process; reports are caught by a transport of the probe's own.
PROBE = """
import django, json, os
django.setup()
import sentry_sdk
from sentry_sdk.transport import Transport
from django.test import Client

events = []

class Caught(Transport):
    def capture_envelope(self, envelope):
        events.extend(item.payload.json for item in envelope.items if item.payload.json)

client = sentry_sdk.get_client()
if client.is_active():
    client.transport = Caught(client.options)
response = Client(raise_request_exception=False).get(
    os.environ["PROBE_PATH"],  # (not in argv: Sentry reports the command line)
    headers={"Cookie": "sessionid=secret-session", "X-Forwarded-For": "203.0.113.7", "User-Agent": "ReaderBrowser/1"},
)
sentry_sdk.flush()
print(json.dumps({
    "active": client.is_active(),
    "send_default_pii": client.options.get("send_default_pii") if client.is_active() else None,
    "status": response.status_code,
    "request_id": response.get("X-Request-ID"),
    "events": events,
}))
"""


def _site(path, **environment):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iwgtip_site.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nothing",  # an outage: an error worth reporting
        "REDIS_URL": "",
        "SENTRY_DSN": "",
        "LOG_LEVEL": "INFO",
        "PROBE_PATH": path,
        **environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_every_response_carries_a_new_request_id(client):
    first, second = client.get("/en/")["X-Request-ID"], client.get("/en/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


def test_the_proxys_request_id_is_kept_and_a_readers_own_is_not(client, settings):
    assert client.get("/en/", HTTP_X_REQUEST_ID=PROXY_ID)["X-Request-ID"] != PROXY_ID  # no proxy: the client's
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/en/", HTTP_X_REQUEST_ID=PROXY_ID)["X-Request-ID"] == PROXY_ID
    assert client.get("/en/", HTTP_X_REQUEST_ID="bad\nid")["X-Request-ID"] != "bad\nid"  # not a UUID: replaced


def test_every_log_line_of_a_request_has_its_id(db):
    outcome, log = _site("/en/")
    request_id = outcome["request_id"]
    lines = [line for line in log.splitlines() if line.startswith("time=")]
    assert any("logger=django.request" in line for line in lines)  # the error, with its traceback
    assert any("logger=iwgtip_site.requests" in line and "method=GET path=/en/ status=503" in line for line in lines)
    assert all(f"request_id={request_id}" in line for line in lines if "logger=django.request" in line)


def test_errors_are_not_reported_without_a_dsn():
    outcome, _log = _site("/en/")
    assert outcome["status"] == 503
    assert outcome["active"] is False


def test_error_reports_carry_nothing_about_the_reader():
    outcome, _log = _site("/en/?q=my+name+is+alice", SENTRY_DSN="https://public@o0.ingest.sentry.invalid/1")
    assert outcome["active"] is True
    assert outcome["send_default_pii"] is False
    assert outcome["events"], "the outage was reported"
    report = json.dumps(outcome["events"])
    for personal in ("secret-session", "203.0.113.7", "ReaderBrowser", "alice"):
        assert personal not in report


def test_the_scrubber_drops_what_identifies_the_reader():
    event = {
        "user": {"ip_address": "203.0.113.7"},
        "request": {
            "url": "https://site/en/search/?q=alice",
            "query_string": "q=alice",
            "cookies": {"sessionid": "x"},
            "data": {"comment": "my phone is 555"},
            "env": {"REMOTE_ADDR": "203.0.113.7"},
            "headers": {"Cookie": "x", "X-Forwarded-For": "203.0.113.7", "Accept": "text/html"},
        },
    }
    cleaned = without_personal_data(event)
    assert cleaned == {"request": {"url": "https://site/en/search/", "headers": {"Accept": "text/html"}}}
