"""/healthz: 200 with the database and cache status; 503 when the database cannot be reached."""

import json
import os
import subprocess
import sys

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
