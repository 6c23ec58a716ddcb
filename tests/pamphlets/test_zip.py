"""The ZIP of all languages under concurrency: never seen half-built, one build at a time across servers,
and an outdated ZIP kept a while for requests still sending it."""

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from pamphlets import archive
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def _zip_url(pamphlet, language="en"):
    with translation.override(language):
        return reverse("pamphlets:pamphlet_zip", kwargs={"slug": getattr(pamphlet, f"slug_{language}")})


def test_a_zip_another_server_is_building_is_waited_for_then_refused_politely(client, monkeypatch):
    edition = EditionFactory()
    monkeypatch.setattr(archive, "ZIP_BUILD_SECONDS", 0.5)
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)  # the build lock is held elsewhere
    response = client.get(_zip_url(edition.pamphlet))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "being prepared" in response.content.decode()


def test_an_outdated_zip_is_kept_for_a_grace_period_and_no_partial_file_is_left():
    edition = EditionFactory()
    first = archive.pamphlet_zip(pamphlet=edition.pamphlet, editions=[edition])
    edition.pamphlet.title_en = "Renamed"
    edition.pamphlet.save()
    second = archive.pamphlet_zip(pamphlet=edition.pamphlet, editions=[edition])
    assert first.name != second.name
    assert default_storage.exists(first.name)  # a request may still be sending it
    folder = first.name.rsplit("/", 1)[0]
    assert not [name for name in default_storage.listdir(folder)[1] if "building" in name]


def test_the_pamphlet_page_does_not_build_the_zip_and_a_storage_failure_is_a_polite_503(client, monkeypatch):
    edition = EditionFactory()

    def broken(**kwargs):
        raise OSError("storage unavailable")

    monkeypatch.setattr(archive, "pamphlet_zip", broken)
    response = client.get(edition.pamphlet.get_absolute_url())
    assert response.status_code == 200
    assert edition.language.endonym in response.content.decode()
    assert "all-languages.zip" in response.content.decode()  # offered: the download builds it
    download = client.get(_zip_url(edition.pamphlet, "fr"))
    assert download.status_code == 503
    assert "n'est pas disponible pour le moment" in download.content.decode()


def test_the_zip_is_built_without_the_lock_when_the_cache_is_down(client, owned_redis_cache):
    edition = EditionFactory()
    owned_redis_cache.stop()
    response = client.get(_zip_url(edition.pamphlet))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert b"".join(response.streaming_content)[:2] == b"PK"
