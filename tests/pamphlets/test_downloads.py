"""Downloading the files: exact bytes, resumable ranges, caching headers, the ZIP, and the counts."""

import hashlib
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.http import http_date

from iwgtip_site.publishing import Status
from pamphlets import archive
from pamphlets.models import DownloadCount, Edition, TextDirection
from pamphlets.services import edition_store_file
from tests.factories import EditionFactory, LanguageFactory, PamphletFactory, make_pdf

pytestmark = pytest.mark.django_db

URL = "/en/pamphlets/warning/ar.pdf"


@pytest.fixture
def pamphlet(db):
    return PamphletFactory(slug_en="warning", slug_fr="mise-en-garde")


@pytest.fixture
def edition(pamphlet):
    arabic = LanguageFactory(
        code="ar", name_en="Arabic", name_fr="arabe", endonym="العربية", direction=TextDirection.RTL
    )
    return EditionFactory(pamphlet=pamphlet, language=arabic, content=make_pdf("Arabic edition", pages=3))


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _counted(edition=None, pamphlet=None):
    rows = (
        DownloadCount.objects.filter(edition=edition)
        if edition
        else DownloadCount.objects.filter(pamphlet=pamphlet, edition=None)
    )
    return sum(rows.values_list("count", flat=True))


def test_every_edition_downloads_byte_identical_to_its_checksum(client, pamphlet):
    editions = [EditionFactory(pamphlet=pamphlet, content=make_pdf(f"Edition {n}", pages=n)) for n in (1, 2, 5)]
    for edition in editions:
        for url in (
            f"/en/pamphlets/warning/{edition.language.code}.pdf",
            f"/fr/depliants/mise-en-garde/{edition.language.code}.pdf",
        ):
            response = client.get(url)
            assert response.status_code == 200
            body = _body(response)
            assert hashlib.sha256(body).hexdigest() == edition.sha256
            assert len(body) == edition.size == int(response["Content-Length"])


def test_download_headers(client, edition):
    response = client.get(URL)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == ("inline; filename=\"warning-ar.pdf\"; filename*=UTF-8''warning-ar.pdf")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["ETag"] == f'"{edition.sha256}"'
    assert response["Last-Modified"] == http_date(edition.uploaded_at.timestamp())
    assert response["Accept-Ranges"] == "bytes"
    assert response["Cache-Control"] == "public, no-cache"
    french = client.get("/fr/depliants/mise-en-garde/ar.pdf", {"download": "1"})
    assert french["Content-Disposition"] == (
        "attachment; filename=\"mise-en-garde-ar.pdf\"; filename*=UTF-8''mise-en-garde-ar.pdf"
    )


def test_a_cached_copy_is_checked_each_time_and_refused_once_the_edition_is_withdrawn(client, edition):
    """no-cache: caches keep the file but ask first; a 304 while it is public, a 404 once it is not."""
    first = client.get(URL)
    assert "no-cache" in first["Cache-Control"] and "max-age" not in first["Cache-Control"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    Edition.objects.filter(pk=edition.pk).update(status=Status.DRAFT)
    assert client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404


def test_a_range_request_returns_exactly_those_bytes(client, edition):
    whole = _body(client.get(URL))
    response = client.get(URL, headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert response["Content-Length"] == "100"
    assert _body(response) == whole[100:200]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=-50", lambda whole: whole[-50:]),
        ("bytes=1000-", lambda whole: whole[1000:]),
        ("bytes=0-99999999", lambda whole: whole),
        ("bytes=-99999999", lambda whole: whole),
    ],
)
def test_suffix_and_open_ranges(client, edition, header, expected):
    whole = _body(client.get(URL))
    response = client.get(URL, headers={"Range": header})
    assert response.status_code == 206
    assert _body(response) == expected(whole)


def test_a_broken_download_resumes_into_the_whole_file(client, edition):
    first = client.get(URL, headers={"Range": "bytes=0-999"})
    rest = client.get(URL, headers={"Range": "bytes=1000-", "If-Range": first["ETag"]})
    assert hashlib.sha256(_body(first) + _body(rest)).hexdigest() == edition.sha256


@pytest.mark.parametrize("header", ["bytes=999999-", "bytes=-0", f"bytes={10**12}-{10**12 + 5}"])
def test_an_unsatisfiable_range_is_416(client, edition, header):
    response = client.get(URL, headers={"Range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{edition.size}"


@pytest.mark.parametrize("header", ["bytes=abc", "bytes=5-2", "lines=1-2", "bytes=0-1,5-9", "bytes", "bytes=-", "x"])
def test_a_malformed_or_multiple_range_gives_the_whole_file(client, edition, header):
    response = client.get(URL, headers={"Range": header})
    assert response.status_code == 200
    assert hashlib.sha256(_body(response)).hexdigest() == edition.sha256


def test_if_range_for_another_version_gives_the_whole_file(client, edition):
    stale = client.get(URL, headers={"Range": "bytes=10-19", "If-Range": '"an-older-file"'})
    assert stale.status_code == 200
    assert hashlib.sha256(_body(stale)).hexdigest() == edition.sha256
    by_date = client.get(URL, headers={"Range": "bytes=10-19", "If-Range": http_date(edition.uploaded_at.timestamp())})
    assert by_date.status_code == 206
    weak = client.get(URL, headers={"Range": "bytes=10-19", "If-Range": f'W/"{edition.sha256}"'})
    assert weak.status_code == 200


def test_if_none_match_gives_304_and_a_replaced_file_a_new_etag(client, edition):
    etag = client.get(URL)["ETag"]
    response = client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert client.get(URL, headers={"If-Modified-Since": http_date(edition.uploaded_at.timestamp())}).status_code == 304
    edition_store_file(edition=edition, uploaded=ContentFile(make_pdf("New text", pages=2), name="new.pdf"))
    replaced = client.get(URL, headers={"If-None-Match": etag})
    assert replaced.status_code == 200
    assert replaced["ETag"] != etag


def test_head_gives_the_headers_without_a_body_and_is_not_counted(client, edition):
    response = client.head(URL)
    assert response.status_code == 200
    assert response["Content-Length"] == str(edition.size)
    assert response["ETag"] == f'"{edition.sha256}"'
    assert _body(response) == b""
    ranged = client.head(URL, headers={"Range": "bytes=0-9"})
    assert ranged.status_code == 206
    assert ranged["Content-Length"] == "10"
    assert _counted(edition) == 0


def test_a_replaced_file_is_served_at_the_same_address(client, edition, django_capture_on_commit_callbacks):
    old_name = edition.file.name
    new_content = make_pdf("Revised edition", pages=4)
    with django_capture_on_commit_callbacks(execute=True):
        edition_store_file(edition=edition, uploaded=ContentFile(new_content, name="revised.pdf"))
    assert _body(client.get(URL)) == new_content
    assert not default_storage.exists(old_name)


def test_counting_rule(client, edition):
    half = edition.size // 2
    client.get(URL)  # a whole download
    client.get(URL, headers={"Range": f"bytes=0-{half}"})  # the first piece of a download in two pieces
    client.get(URL, headers={"Range": f"bytes={half + 1}-"})  # the rest: the same download, not counted again
    client.head(URL)
    client.get(URL, headers={"If-None-Match": f'"{edition.sha256}"'})  # 304
    client.get(URL, headers={"Range": "bytes=999999-"})  # 416
    client.get(URL, {"download": "1"})
    assert _counted(edition) == 3


def test_probes_of_the_first_bytes_do_not_inflate_the_count(client, edition):
    """Range: bytes=0-0 (or any small first piece) sends a byte or a few: not a download, however often."""
    for header in ("bytes=0-0", "bytes=0-99", f"bytes=0-{edition.size // 3}"):
        for _attempt in range(5):
            response = client.get(URL, headers={"Range": header})
            assert response.status_code == 206
    assert _counted(edition) == 0
    client.get(URL, headers={"Range": "bytes=0-"})  # the whole file, asked as a range
    assert _counted(edition) == 1


def test_counts_are_per_day_and_hold_nothing_personal(client, edition):
    client.get(URL, headers={"User-Agent": "Secret Browser 1.0"}, REMOTE_ADDR="203.0.113.7")
    client.get(URL)
    row = DownloadCount.objects.get()
    assert (row.edition, row.pamphlet, row.count) == (edition, edition.pamphlet, 2)
    fields = {field.name for field in DownloadCount._meta.get_fields()}
    assert fields == {"id", "pamphlet", "edition", "day", "count"}
    assert "203.0.113.7" not in repr(DownloadCount.objects.values())


def test_downloads_are_counted_even_when_pages_are_cached(client, edition, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for _ in range(3):
        response = client.get(URL)
        assert "X-Cache" not in response  # a file is never stored in the page cache
        assert hashlib.sha256(_body(response)).hexdigest() == edition.sha256
    assert _counted(edition) == 3
    assert client.head(URL)["Content-Length"] == str(edition.size)
    assert _body(client.get(URL)) != b""  # a HEAD never leaves an empty body in the cache


def test_a_download_does_not_make_cached_pages_stale(client, edition, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/en/pamphlets/warning/")
    client.get(URL)
    assert client.get("/en/pamphlets/warning/")["X-Cache"] == "hit"


def test_a_language_tag_in_another_case_redirects_to_the_address(client, edition):
    response = client.get("/en/pamphlets/warning/AR.pdf", {"download": "1"})
    assert response.status_code == 301
    assert response["Location"] == "/en/pamphlets/warning/ar.pdf?download=1"


# The ZIP of all languages


def _zip(response):
    return zipfile.ZipFile(io.BytesIO(_body(response)))


def test_zip_holds_every_published_language_with_a_correct_manifest(client, pamphlet):
    chinese = LanguageFactory(
        code="zh-Hans", name_en="Simplified Chinese", name_fr="chinois simplifié", endonym="简体中文"
    )
    arabic = LanguageFactory(
        code="ar", name_en="Arabic", name_fr="arabe", endonym="العربية", direction=TextDirection.RTL
    )
    live = [EditionFactory(pamphlet=pamphlet, language=language) for language in (chinese, arabic)]
    EditionFactory(pamphlet=pamphlet, status=Status.DRAFT, language=LanguageFactory(code="ko"))
    response = client.get("/en/pamphlets/warning/all-languages.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="warning-all-languages.zip"')
    archive = _zip(response)
    # Named for people: the pamphlet, the language's tag and its name in ASCII (the English one when the
    # language's own is in another script).
    assert sorted(archive.namelist()) == [
        "MANIFEST.txt",
        "SHA256SUMS",
        "manifest.json",
        "warning-ar-arabic.pdf",
        "warning-zh-hans-simplified-chinese.pdf",
    ]
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["pamphlet"]["title"] == {"en": pamphlet.title_en, "fr": pamphlet.title_fr}
    by_code = {entry["language"]["code"]: entry for entry in manifest["files"]}
    assert set(by_code) == {"ar", "zh-Hans"}
    for edition in live:
        entry = by_code[edition.language.code]
        content = archive.read(entry["file"])
        assert hashlib.sha256(content).hexdigest() == entry["sha256"] == edition.sha256
        assert (entry["size"], entry["pages"]) == (edition.size, edition.page_count)
    assert by_code["ar"]["language"] == {
        "code": "ar",
        "name": {"en": "Arabic", "fr": "arabe"},
        "endonym": "العربية",
        "direction": "rtl",
    }
    text = archive.read("MANIFEST.txt").decode()
    assert "Arabic / arabe / العربية (ar)" in text
    assert f"{live[1].sha256}  warning-ar-arabic.pdf" in archive.read("SHA256SUMS").decode()
    french = client.get("/fr/depliants/mise-en-garde/toutes-les-langues.zip")
    assert french["Content-Disposition"].startswith('attachment; filename="mise-en-garde-toutes-les-langues.zip"')


def test_zip_is_built_once_and_rebuilt_after_a_change(client, pamphlet, monkeypatch):
    edition = EditionFactory(pamphlet=pamphlet)
    builds = []
    build = archive._build_zip
    monkeypatch.setattr(archive, "_build_zip", lambda *args: builds.append(args[0]) or build(*args))
    monkeypatch.setattr(archive, "ZIP_GRACE", timedelta(0))  # no request is still sending the old one
    url = "/en/pamphlets/warning/all-languages.zip"
    first = client.get(url)
    client.get(url)
    client.get("/en/pamphlets/warning/")
    assert len(builds) == 1
    edition_store_file(edition=edition, uploaded=ContentFile(make_pdf("Revised"), name="r.pdf"))
    second = client.get(url)
    client.get(url)
    assert len(builds) == 2
    assert first["ETag"] != second["ETag"]
    assert default_storage.listdir(f"pamphlets/zips/{pamphlet.pk}")[1] == [builds[1].rsplit("/", 1)[1]]
    EditionFactory(pamphlet=pamphlet, status=Status.DRAFT)
    client.get(url)
    assert len(builds) == 2  # a draft changes nothing in the ZIP
    edition.status = Status.DRAFT
    edition.save()
    assert client.get(url).status_code == 404  # no live language left


def test_zip_name_cannot_be_guessed_from_the_checksums(pamphlet):
    edition = EditionFactory(pamphlet=pamphlet)
    built = archive.pamphlet_zip(pamphlet=pamphlet, editions=[edition])
    assert edition.sha256[:16] not in built.name
    assert built.name.startswith(f"pamphlets/zips/{pamphlet.pk}/")


def test_zip_supports_ranges_and_etags_and_is_counted_apart(client, pamphlet, edition):
    url = "/en/pamphlets/warning/all-languages.zip"
    whole = client.get(url)
    body = _body(whole)
    part = client.get(url, headers={"Range": "bytes=10-29"})
    assert part.status_code == 206
    assert _body(part) == body[10:30]
    assert client.get(url, headers={"If-None-Match": whole["ETag"]}).status_code == 304
    client.head(url)
    assert _counted(pamphlet=pamphlet) == 1
    assert _counted(edition) == 0


@pytest.mark.parametrize("header", ["bytes=²-", "bytes=\u0661-\u0662", f"bytes=0-{'9' * 5000}", "bytes=\u00a010-20"])
def test_odd_range_headers_never_cause_an_error(client, edition, header):
    response = client.get(URL, headers={"Range": header})
    assert response.status_code == 200
    assert hashlib.sha256(_body(response)).hexdigest() == edition.sha256
