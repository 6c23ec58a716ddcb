"""Download counts under real concurrent HTTP requests: nothing lost (PostgreSQL, as in production)."""

import hashlib
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from pamphlets.models import DownloadCount
from tests.factories import BROWSER_USER_AGENT, EditionFactory, LanguageFactory, PamphletFactory

REQUESTS = 40


@pytest.fixture
def on_postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent counting is tested on PostgreSQL (set DATABASE_URL); SQLite serializes writers.")


def _download(url):
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER_USER_AGENT})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the test's own live server
        return response.status, hashlib.sha256(response.read()).hexdigest()


@pytest.mark.postgres
def test_concurrent_downloads_are_all_counted(on_postgresql, live_server):
    pamphlet = PamphletFactory(slug_en="warning")
    edition = EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="ar"))
    urls = [f"{live_server.url}/en/pamphlets/warning/ar.pdf"] * REQUESTS
    urls += [f"{live_server.url}/en/pamphlets/warning/all-languages.zip"] * (REQUESTS // 2)
    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(_download, urls))
    assert all(status == 200 for status, _digest in results)
    assert [digest for _status, digest in results[:REQUESTS]] == [edition.sha256] * REQUESTS
    assert DownloadCount.objects.get(edition=edition).count == REQUESTS
    assert DownloadCount.objects.get(pamphlet=pamphlet, edition=None).count == REQUESTS // 2
