"""What the page cache (iwgtip_site/caching.py) may store and how a stored page is sent again: which
requests and responses are cacheable, the entry kept for a response, its validators and compression."""

import gzip
import hashlib
import logging
import time
from importlib import import_module

from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.utils.cache import cc_delim_re, get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

logger = logging.getLogger("iwgtip_site.caching")

MAX_CACHED_QUERY_LENGTH = 200
COMPRESSIBLE = ("text/", "application/xml", "application/rss+xml", "application/atom+xml", "application/json")


# Which requests and responses --------------------------------------------------------------------------


def session_authenticates(request):
    """Whether the request's session cookie names a session of a logged-in user. A made-up cookie costs
    one lookup of the session store, not a page rendering; a malformed one costs nothing."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    if len(key) < 8:  # what Django's session stores refuse without looking
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(key)
    try:
        return "_auth_user_id" in store.load()
    except Exception:  # the session store is down: render, as for a logged-in user, never serve staff a copy
        logger.exception("Page cache: could not read a session")
        return True


def request_is_cacheable(request):
    return request.method in ("GET", "HEAD") and len(request.META.get("QUERY_STRING", "")) <= MAX_CACHED_QUERY_LENGTH


def response_is_cacheable(request, response):
    # A 301 only from the redirects (iwgtip_site.redirects): one for each junk address would fill the cache.
    status_ok = response.status_code == 200 or getattr(response, "cacheable_redirect", False)
    if not status_ok or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token: it is personal
        return False
    directives = {d.strip().lower().split("=")[0] for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    # "Vary: Cookie" is harmless here: only requests without an authenticated session are served from the
    # cache; "Vary: Accept-Language" too: the key holds the language chosen from it.
    varies = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return not directives & {"private", "no-cache", "no-store"} and varies <= {"cookie", "accept-language"}


class ReadTrackingQueryDict(QueryDict):
    """request.GET that remembers which parameters the view asked for: by name (`get`, `[]`, `in`,
    `getlist`) or by reading every value (`items()`, `dict()`)."""

    def __init__(self, *args, **kwargs):
        self.names_read = set()
        super().__init__(*args, **kwargs)
        self.names_read = set()  # building it looked every name up

    def __getitem__(self, key):
        self.names_read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.names_read.add(key)
        return super().__contains__(key)

    def _getlist(self, key, *args, **kwargs):
        self.names_read.add(key)
        return super()._getlist(key, *args, **kwargs)

    # Copying or re-encoding the parameters (`{% querystring %}`, `urlencode()`) only passes them on: not a read.


# Responses ---------------------------------------------------------------------------------------------


def cache_control():
    return (
        f"public, max-age=0, s-maxage={settings.PAGE_SHARED_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.PAGE_STALE_WHILE_REVALIDATE_SECONDS}"
    )


def entry_for(response, version, timeout):
    """What the cache stores for a response: (version, valid until, status, headers, body, gzipped)."""
    headers = {name: value for name, value in response.items() if name.lower() != "content-length"}
    body = response.content
    compressible = headers.get("Content-Type", "").startswith(COMPRESSIBLE) and len(body) >= 200
    if compressible:
        body = gzip.compress(body, compresslevel=6, mtime=0)
    return (version, time.time() + timeout, response.status_code, headers, body, compressible)


def validators(response):
    """A weak ETag (of the uncompressed body) and Last-Modified, and the Cache-Control of a public page."""
    if not response.has_header("ETag"):
        response["ETag"] = f'W/"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date()
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = cache_control()
    if response.get("Content-Type", "").startswith(COMPRESSIBLE):
        patch_vary_headers(response, ("Accept-Encoding",))


def personal(response):
    """A response for a logged-in user: no shared cache (a CDN) may keep it."""
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = "private, no-cache"
    return response


def accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def from_entry(request, entry, label):
    _version, _valid_until, status, headers, body, gzipped = entry
    if gzipped and accepts_gzip(request):
        response = HttpResponse(body, status=status, headers=headers)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(body) if gzipped else body, status=status, headers=headers)
    response["Content-Length"] = str(len(response.content))
    response["X-Cache"] = label
    last_modified = parse_http_date_safe(headers.get("Last-Modified", ""))
    return get_conditional_response(request, etag=headers.get("ETag"), last_modified=last_modified, response=response)
