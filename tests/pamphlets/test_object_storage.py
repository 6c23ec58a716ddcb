"""Pamphlet files in an S3 bucket (MEDIA_STORAGE=s3), against a real local S3 server (moto's server mode):
uploads through the admin, downloads streamed from the bucket with ranges and validators, exact counts
under concurrent requests, the ZIP built once, and files deleted once nothing refers to them."""

import hashlib
import io
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from iwgtip_site.publishing import Status
from pamphlets import archive, services
from pamphlets.models import DownloadCount, Edition
from tests.factories import BROWSER_USER_AGENT, EditionFactory, LanguageFactory, PamphletFactory, make_pdf
from tests.pamphlets.test_admin import add_pamphlet_with_an_arabic_edition

URL = "/en/pamphlets/warning/ar.pdf"
ZIP_URL = "/en/pamphlets/warning/all-languages.zip"


def _keys(s3, prefix=""):
    client, bucket = s3
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", []))


def _object(s3, key):
    client, bucket = s3
    return client.get_object(Bucket=bucket, Key=key)["Body"].read()


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _count(edition=None, pamphlet=None):
    rows = DownloadCount.objects.filter(edition=edition) if edition else DownloadCount.objects.filter(
        pamphlet=pamphlet, edition=None
    )  # fmt: skip
    return sum(rows.values_list("count", flat=True))


@pytest.fixture
def edition(s3_media, db):
    pamphlet = PamphletFactory(slug_en="warning", slug_fr="mise-en-garde")
    return EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="ar"), content=make_pdf("Arabic", pages=6))


@pytest.mark.django_db
def test_an_edition_uploaded_in_the_admin_goes_to_the_bucket_and_downloads_byte_for_byte(
    s3_media, admin_client, client, settings
):
    edition, content = add_pamphlet_with_an_arabic_edition(admin_client)
    assert _keys(s3_media, "pamphlets/") == [edition.file.name]
    assert _object(s3_media, edition.file.name) == content
    assert not (settings.MEDIA_ROOT / "pamphlets").exists()  # nothing on the app server's disk
    downloaded = client.get(URL)
    assert downloaded.status_code == 200
    assert _body(downloaded) == content
    assert downloaded["Content-Length"] == str(len(content))
    assert _count(edition) == 1


@pytest.mark.django_db
def test_ranges_are_read_from_the_bucket_and_resume_into_the_whole_file(edition, client):
    half = edition.size // 2
    first = client.get(URL, headers={"Range": f"bytes=0-{half}"})
    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-{half}/{edition.size}"
    rest = client.get(URL, headers={"Range": f"bytes={half + 1}-", "If-Range": first["ETag"]})
    assert rest.status_code == 206
    assert hashlib.sha256(_body(first) + _body(rest)).hexdigest() == edition.sha256
    assert (
        _body(client.get(URL, headers={"Range": "bytes=-50"})) == _object(s3_media_of(edition), edition.file.name)[-50:]
    )
    assert client.get(URL, headers={"Range": f"bytes={edition.size}-"}).status_code == 416
    assert _count(edition) == 1  # the first piece only


def s3_media_of(edition):
    storage = edition.file.storage
    return storage.connection.meta.client, storage.bucket_name


@pytest.mark.django_db
def test_conditional_requests_for_a_file_in_the_bucket_are_answered_304_and_not_counted(edition, client):
    etag = client.get(URL)["ETag"]
    assert client.get(URL, headers={"If-None-Match": etag}).status_code == 304
    assert client.head(URL)["Content-Length"] == str(edition.size)
    assert _count(edition) == 1


@pytest.mark.django_db
def test_an_unpublished_edition_in_the_bucket_is_never_served(edition, client):
    Edition.objects.filter(pk=edition.pk).update(status=Status.DRAFT)
    assert client.get(URL).status_code == 404
    assert client.get(URL, headers={"Range": "bytes=0-9"}).status_code == 404
    assert client.get(ZIP_URL).status_code == 404


@pytest.mark.django_db
def test_a_replaced_file_is_deleted_from_the_bucket_once_committed(edition, client, django_capture_on_commit_callbacks):
    old_name = edition.file.name
    content = make_pdf("Revised", pages=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_store_file(edition=edition, uploaded=ContentFile(content, name="revised.pdf"))
    assert _keys(s3_media_of(edition), "pamphlets/") == [edition.file.name]
    assert old_name != edition.file.name
    assert _body(client.get(URL)) == content


@pytest.mark.django_db
def test_the_sweep_deletes_orphaned_files_in_the_bucket_and_keeps_the_others(edition):
    orphan = default_storage.save("pamphlets/rolled-back-upload.pdf", ContentFile(b"%PDF-1.4 orphan"))
    deleted = services.pamphlet_files_sweep(older_than=timedelta(0))
    assert deleted == [orphan]
    assert _keys(s3_media_of(edition), "pamphlets/") == [edition.file.name]


@pytest.mark.django_db
def test_the_zip_is_built_in_the_bucket_and_holds_every_live_edition(edition, client):
    persian = EditionFactory(pamphlet=edition.pamphlet, language=LanguageFactory(code="fa"))
    response = client.get(ZIP_URL)
    assert response.status_code == 200
    zipped = zipfile.ZipFile(io.BytesIO(_body(response)))
    names = {archive.zip_entry_name(edition), archive.zip_entry_name(persian)}
    assert names | {"manifest.json", "MANIFEST.txt", "SHA256SUMS"} == set(zipped.namelist())
    assert hashlib.sha256(zipped.read(archive.zip_entry_name(edition))).hexdigest() == edition.sha256
    zips = _keys(s3_media_of(edition), archive.ZIP_FOLDER)
    assert len(zips) == 1 and zips[0].endswith(".zip")
    ranged = client.get(ZIP_URL, headers={"Range": "bytes=0-1"})
    assert _body(ranged) == b"PK"


# Many readers at once, through a real server ----------------------------------------------------------

REQUESTS = 30


def _download(url, headers=None):
    headers = {"User-Agent": BROWSER_USER_AGENT, **(headers or {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - the test's own live server
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.status, response.read()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_downloads_from_the_bucket_are_counted_exactly_and_the_zip_built_once(s3_media, live_server):
    if connection.vendor != "postgresql":  # the live server shares the test's one in-memory SQLite connection
        pytest.skip("Concurrent counting is tested on PostgreSQL (set DATABASE_URL), as in production.")
    pamphlet = PamphletFactory(slug_en="warning")
    edition = EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="ar"), content=make_pdf("A", pages=4))
    EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="fa"))
    whole = [(f"{live_server.url}{URL}", None)] * REQUESTS
    resumed = [(f"{live_server.url}{URL}", {"Range": "bytes=100-"})] * 10  # not new downloads
    zips = [(f"{live_server.url}{ZIP_URL}", None)] * (REQUESTS // 2)
    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(lambda job: _download(*job), whole + resumed + zips))
    statuses = [status for status, _body in results]
    assert statuses == [200] * REQUESTS + [206] * 10 + [200] * (REQUESTS // 2)
    assert {hashlib.sha256(body).hexdigest() for _status, body in results[:REQUESTS]} == {edition.sha256}
    assert len({body for _status, body in results[REQUESTS + 10 :]}) == 1  # one ZIP for everyone
    assert _count(edition) == REQUESTS
    assert _count(pamphlet=pamphlet) == REQUESTS // 2
    built = _keys(s3_media, archive.ZIP_FOLDER)
    assert len(built) == 1 and built[0].endswith(".zip")  # built once, no temporary copy left
