"""Serving a stored file over HTTP the way a poor connection needs it (RFC 9110).

Every answer carries a strong ETag and Last-Modified, so a browser can ask "has it changed?"
(If-None-Match, If-Modified-Since: 304); `Accept-Ranges: bytes`, so a broken download resumes where
it stopped (Range: 206 with Content-Range; If-Range makes sure the pieces are of the same file; a
range past the end: 416; a malformed or multiple range: the whole file, as RFC 9110 allows); HEAD
gives the same headers with no body. Files are streamed, never read into memory, and streaming
responses are never stored by the site's page cache (iwgtip_site/caching.py).

From an object storage (S3, MEDIA_STORAGE=s3) the bytes are streamed too, asked for range by range,
rather than the reader being redirected to a signed URL of the bucket: so every download is counted by
the one rule (pamphlets.models.DownloadCount), a file leaves the public at the moment it is unpublished
(a signed URL stays valid until it expires, for anyone it was passed to), and the headers (file name,
nosniff, Cache-Control) are the site's own. The cost is the app server's time sending the bytes, which
the front web server's buffering takes off it (README, "Deployment").
"""

import re
import threading
from dataclasses import dataclass
from urllib.parse import quote

from crawlerdetect import CrawlerDetect
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

CHUNK = 64 * 1024


@dataclass(frozen=True)
class StoredFile:
    storage: object  # a Django storage: the default one, local files or S3
    name: str  # the file's name in it
    size: int
    content_type: str
    download_name: str  # readable, e.g. anti-trafficking-pamphlet-ar.pdf
    etag: str  # a strong ETag, quoted
    last_modified: object  # an aware datetime
    attachment: bool
    cache_control: str


class _FileResponse(FileResponse):
    block_size = CHUNK  # when the server has no wsgi.file_wrapper (sendfile) to do better


# A download counts when the reader is sent the file from its first byte and at least this share of it: the
# whole file, or the first piece of a download made in pieces ("bytes=0-", "bytes=0-<half or more>"). A probe
# of a few bytes ("Range: bytes=0-0", which download managers send first, and which anyone could repeat to
# inflate the statistics) is not a download.
COUNTED_SHARE = 0.5


def is_counted_download(request, start, length, size):
    """Whether this response is a reader's download to count (see models.DownloadCount in pamphlets)."""
    whole = request.method == "GET" and start == 0 and length >= size * COUNTED_SHARE
    return whole and not is_crawler(request)


def is_crawler(request):
    """Whether the request comes from a known crawler, by its User-Agent, as CrawlerDetect's patterns (a
    maintained list of search engines, monitors, scrapers and HTTP libraries) know them. The header is read
    here and discarded: nothing about the reader is stored. Crawlers are served the file like anyone."""
    detector = getattr(_detectors, "detector", None)
    if detector is None:  # building one compiles its patterns (0.5 ms); it keeps the last agent, so one per thread
        detector = _detectors.detector = CrawlerDetect()
    return detector.isCrawler(request.headers.get("User-Agent", ""))


_detectors = threading.local()


class RangeNotSatisfiable(Exception):
    pass


# One range of bytes: "bytes=first-last", "bytes=first-" or "bytes=-suffix", in ASCII digits only
# (str.isdigit() would accept "²", which int() refuses) and short enough to be a real offset.
_SINGLE_RANGE = re.compile(r"^\s*bytes\s*=\s*([0-9]{0,18})\s*-\s*([0-9]{0,18})\s*$", re.ASCII | re.IGNORECASE)


def parse_range(header, size):
    """The single byte range `header` asks for, as (first, last) inclusive, or None for the whole file.

    A malformed header, another unit or several ranges give None: the whole file, as RFC 9110 allows.
    Raises RangeNotSatisfiable when the range lies wholly past the end of the file."""
    match = _SINGLE_RANGE.match(header or "")
    if match is None or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        if int(last) == 0:
            raise RangeNotSatisfiable
        return max(size - int(last), 0), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # invalid: ignored
    if start >= size:
        raise RangeNotSatisfiable
    return start, min(int(last), size - 1) if last else size - 1


def _if_range_matches(request, stored):
    """If-Range: the range applies only if the file is still the one the client has pieces of."""
    value = request.headers.get("If-Range", "").strip()
    if not value:
        return True
    if value.startswith(("W/", '"')):
        return value == stored.etag  # strong comparison: a weak ETag never matches
    timestamp = parse_http_date_safe(value)
    return timestamp is not None and timestamp == int(stored.last_modified.timestamp())


def content_disposition(stored):
    disposition = "attachment" if stored.attachment else "inline"
    ascii_name = stored.download_name.encode("ascii", "replace").decode().replace('"', "").replace("\\", "")
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(stored.download_name, safe='')}"


def _read_range(file, start, length):
    try:
        file.seek(start)
        while length > 0:
            chunk = file.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        file.close()


def _stream(body):
    try:
        yield from body.iter_chunks(CHUNK)
    finally:
        body.close()


def open_range(stored, start, length):
    """The file's bytes from `start`, `length` of them, as an iterator of chunks. The file is opened
    now (OSError if it is missing), read as it is sent. An S3 bucket is asked for that range alone, so
    a resumed download does not first fetch the whole file from the bucket."""
    bucket = getattr(stored.storage, "bucket", None)
    if bucket is None:
        return _read_range(stored.storage.open(stored.name, "rb"), start, length)
    from botocore.exceptions import ClientError
    from storages.utils import clean_name

    key = stored.storage._normalize_name(clean_name(stored.name))
    try:
        body = bucket.Object(key).get(Range=f"bytes={start}-{start + length - 1}")["Body"]
    except ClientError as error:
        raise FileNotFoundError(stored.name) from error
    return _stream(body)


def serve(request, stored, on_counted_download=None):
    """The response to a GET or HEAD for `stored`. `on_counted_download()` is called when this is a
    download to count: a GET served from the first byte, of at least half the file (`is_counted_download`;
    see models.DownloadCount)."""
    headers = {
        "Content-Type": stored.content_type,
        "Content-Disposition": content_disposition(stored),
        "ETag": stored.etag,
        "Last-Modified": http_date(stored.last_modified.timestamp()),
        "Accept-Ranges": "bytes",
        "Cache-Control": stored.cache_control,
        "X-Content-Type-Options": "nosniff",
    }
    placeholder = HttpResponse(headers=headers)
    conditional = get_conditional_response(
        request, etag=stored.etag, last_modified=int(stored.last_modified.timestamp()), response=placeholder
    )
    if conditional is not placeholder:  # 304 Not Modified, or 412 Precondition Failed
        return conditional

    byte_range = None
    if _if_range_matches(request, stored):
        try:
            byte_range = parse_range(request.headers.get("Range"), stored.size)
        except RangeNotSatisfiable:
            response = HttpResponse(status=416, headers=headers)
            del response["Content-Disposition"]
            response["Content-Type"] = "text/plain; charset=utf-8"
            response["Content-Range"] = f"bytes */{stored.size}"
            return response

    start, end = byte_range or (0, stored.size - 1)
    length = end - start + 1
    status = 206 if byte_range else 200
    if request.method == "HEAD" or length == 0:
        # Streaming, so the page cache never stores this empty body under the file's address.
        response = StreamingHttpResponse(iter(()), status=status, headers=headers)
    elif byte_range or hasattr(stored.storage, "bucket"):
        response = StreamingHttpResponse(open_range(stored, start, length), status=status, headers=headers)
    else:  # a whole local file: the server may send it with sendfile (wsgi.file_wrapper)
        response = _FileResponse(stored.storage.open(stored.name, "rb"))
        for name, value in headers.items():  # FileResponse guesses some of them from the stored name
            response[name] = value
    if on_counted_download is not None and is_counted_download(request, start, length, stored.size):
        on_counted_download()  # once the file is open: a file missing from storage is not a download
    response["Content-Length"] = str(length)
    if byte_range:
        response["Content-Range"] = f"bytes {start}-{end}/{stored.size}"
    return response
