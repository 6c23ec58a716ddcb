"""Caching of anonymous public pages, shared by every app server through the cache (Redis in production).

**The content version.** Any change to any content model raises one number, kept in the database
(`models.ContentVersion`) and written in the same transaction as the change: it cannot be lost with the
cache. Redis keeps a copy that is only ever raised (never lowered), and each cached page records the copy
it was rendered under; a page is served only while the copy still says that. A change raises the copy
twice: during its transaction (its own later reads miss) and once committed (nothing another server
rendered from the data before the commit outlives it). If Redis cannot be reached then, the database
still has the change: this process checks the database before it serves from the cache again (and the
Publisher is told the refresh was delayed), and every process compares the copy with the database every
`PAGE_CACHE_VERSION_CHECK_SECONDS`, so a change made by a server cut off from Redis reaches the others
too. A page scheduled to go live or expire is cached only until that moment.

**One request, one version.** `ContentVersionMiddleware` has a request read the copy once, with the first
thing that asks (the schedule, the page cache, a value kept per version); a change made during the request
raises it. Values kept per version are also kept in each process, under the version they were worked out
for: a request whose version a process has seen before reads them without asking Redis again.

**A hit is one round trip.** The copy of the version and the page are read with one MGET, before the
session, locale, CSRF or URL resolution do any work; the stored response carries the headers the inner
middleware set (CSP, X-Frame-Options...), and the outer SecurityMiddleware adds its own to hits and
misses alike.

**What is cached.** Anonymous GET and HEAD answers of 200 with no cookie, no CSRF token and no
`private`/`no-store`. A session cookie bypasses the cache only if its session is authenticated (one
lookup of the session, not a page rendering). A page is stored only if the view read every query
parameter of the request (request.GET tells), so junk query strings (`?utm_x=...`, `?a1=`, `?a2=`...)
create no entries: they are answered, uncached, like any page the cache does not hold.

**Validators and compression.** Cached pages carry a weak ETag and Last-Modified (conditional
requests get 304) and `Cache-Control: public, max-age=0, s-maxage=..., stale-while-revalidate=...`, so a
CDN may keep them briefly; they are stored and sent gzip-compressed (they hold no secret and no CSRF
token, so BREACH has nothing to recover). If the cache is down, pages are served uncached; a failing
cache is left alone for a moment so that it costs each request little.
"""

import contextvars
import gzip
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext as _

from .cache_entries import (
    COMPRESSIBLE,
    ReadTrackingQueryDict,
    accepts_gzip,
    entry_for,
    from_entry,
    personal,
    request_is_cacheable,
    response_is_cacheable,
    session_authenticates,
    validators,
)
from .models import ContentVersion
from .publishing import is_content_model
from .workflow import copies, schedule

logger = logging.getLogger(__name__)

VERSION_KEY = "content:version"
NO_SCHEDULED_CHANGE = "none"
FAILURE_PAUSE_SECONDS = 2  # after a cache error, this process leaves the cache alone this long
VERSIONED_SECONDS = 24 * 3600  # values kept per content version: a change replaces them before that
KEPT_IN_PROCESS = 512  # values kept per version that each process keeps a copy of (the oldest written go first)

# Raises the copy of the version in Redis, never lowers it, in one atomic step.
_RAISE_SCRIPT = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local wanted = tonumber(ARGV[1])
if wanted > current then
  redis.call('SET', KEYS[1], ARGV[1])
  return ARGV[1]
end
return redis.call('GET', KEYS[1])
"""

_current_request = contextvars.ContextVar("iwgtip_current_request", default=None)
# [the version the request being served sees, once read] (ContentVersionMiddleware).
_request_version = contextvars.ContextVar("iwgtip_request_version", default=None)
_kept = OrderedDict()  # this process's copies of values kept per version: key -> (version, until, value)
_state_lock = threading.Lock()
_state = {"check_database": False, "checked_at": 0.0, "paused_until": 0.0}


# The version -------------------------------------------------------------------------------------------


def _committed(version):
    return 2 * version


def _pending(version):
    return 2 * version - 1


def _raise_database_version(using):
    """Raise the database's version in the current transaction and return it. The new value is at least
    the current time in microseconds, so it exceeds every earlier one even after a restore or a flush."""
    connection = connections[using]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    greatest = "MAX" if connection.vendor == "sqlite" else "GREATEST"
    now = time.time_ns() // 1000
    with connection.cursor() as cursor:
        sql = f"UPDATE {table} SET version = {greatest}(version + 1, %s) WHERE id = 1 RETURNING version"  # noqa: S608
        cursor.execute(sql, [now])
        row = cursor.fetchone()
    if row:
        return row[0]
    try:
        with transaction.atomic(using=using):
            ContentVersion.objects.using(using).create(pk=1, version=now)
    except IntegrityError:  # created meanwhile by another transaction
        return _raise_database_version(using)
    return now


def database_version(using=DEFAULT_DB_ALIAS):
    return ContentVersion.objects.using(using).filter(pk=1).values_list("version", flat=True).first() or 0


def _raise_copy(value):
    """Raise the cache's copy of the version to `value` (if lower); returns the copy now in force."""
    client_of = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client_of is not None and hasattr(cache, "make_and_validate_key"):  # Redis: atomically, across servers
        key = cache.make_and_validate_key(VERSION_KEY)
        return int(client_of(key, write=True).eval(_RAISE_SCRIPT, 1, key, value))
    with _state_lock:  # a per-process cache (development, tests on SQLite)
        current = cache.get(VERSION_KEY) or 0
        if value > current:
            cache.set(VERSION_KEY, value, None)
            return value
        return current


def _cache_failed(during):
    logger.exception("Page cache: %s failed; the cache is left alone for a moment", during)
    with _state_lock:
        _state["check_database"] = True
        _state["paused_until"] = time.monotonic() + FAILURE_PAUSE_SECONDS


def _cache_paused():
    return time.monotonic() < _state["paused_until"]


def _tell_publisher():
    request = _current_request.get()
    if request is not None and not getattr(request, "_iwgtip_refresh_delayed", False):
        request._iwgtip_refresh_delayed = True
        messages.warning(
            request,
            _(
                "The change is saved, but the public pages could not be refreshed at once: the cache server "
                "did not answer. They will show the change as soon as it answers again."
            ),
            fail_silently=True,
        )


def _publish_copy(value):
    seen = _request_version.get()
    try:
        copy = _raise_copy(value)
    except Exception:
        copy = None  # the request asks again, and this process checks the database (_cache_failed)
        _cache_failed("refreshing the content version")
        _tell_publisher()
    if seen is not None:
        seen[0] = copy


def content_changed(using=DEFAULT_DB_ALIAS):
    """Make every cached page stale, on every server: raise the version in the database, in the current
    transaction, and its copy in the cache now and again once the transaction is committed."""
    version = _raise_database_version(using)
    _publish_copy(_pending(version))
    transaction.on_commit(lambda: _publish_copy(_committed(version)), using=using, robust=True)


def _on_change(sender, action="post_", using=DEFAULT_DB_ALIAS, **kwargs):
    # Many-to-many changes are signalled before and after; the content changes once, after.
    # Writes inside a working copy's session are rolled back: nothing the public sees changes.
    if not (is_content_model(sender) and action.startswith("post_")) or copies.applying.get():
        return
    if sender.__module__ == "__fake__":  # a migration's model: the version table may not exist yet
        _publish_copy(_committed(time.time_ns() // 1000))
    else:
        content_changed(using=using)


def connect_invalidation_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"iwgtip-cache-{signal!r}")


def _copy_in_force(found):
    """The cache's copy of the version, from an MGET's result, checked against the database when this
    process had trouble with the cache or has not compared the two for a while. None if unusable."""
    copy = found.get(VERSION_KEY)
    interval = settings.PAGE_CACHE_VERSION_CHECK_SECONDS
    now = time.monotonic()
    if _state["check_database"] or (interval > 0 and now - _state["checked_at"] >= interval):
        try:
            truth = _committed(database_version())
        except DatabaseError:  # serve what the cache has: cached pages outlive a database outage
            logger.warning("Page cache: the database did not answer the version check")
            return copy
        copy = _raise_copy(truth)
        with _state_lock:
            _state["check_database"], _state["checked_at"] = False, now
    elif copy is None:  # evicted or flushed: a value above any page's, without asking the database
        copy = _raise_copy(_committed(time.time_ns() // 1000))
    return copy


def _version_and(keys=()):
    """(the version the request sees, {key: value} of those of `keys` the cache holds): one round trip, the
    version's copy read with the keys, unless the request has read it already (then the keys only, if any).
    The version is None if unusable."""
    seen = _request_version.get()
    if seen is not None and seen[0] is not None:
        return seen[0], (cache.get_many(keys) if keys else {})
    found = cache.get_many([VERSION_KEY, *keys])
    version = _copy_in_force(found)
    if seen is not None:
        seen[0] = version
    return version, found


def _kept_here(key, version):
    """This process's copy of the entry `key` if it was kept under `version` and is still current."""
    entry = _kept.get(key)
    return entry if entry is not None and entry[0] == version and time.time() < entry[1] else None


def _keep_here(key, entry):
    with _state_lock:
        _kept[key] = entry
        _kept.move_to_end(key)
        while len(_kept) > KEPT_IN_PROCESS:
            _kept.popitem(last=False)


def _seconds_until_scheduled_change(version):
    """Seconds until the next scheduled publication or expiry (None if none), cached per version."""
    schedule_key = f"content:schedule:{version}"
    now = timezone.now()
    kept = _kept_here(schedule_key, version)
    next_change = kept[2] if kept is not None else cache.get(schedule_key)
    if next_change is None or (next_change != NO_SCHEDULED_CHANGE and next_change <= now.timestamp()):
        moment = schedule.upcoming(now)  # publishes the working copies already due first
        next_change = moment.timestamp() if moment else NO_SCHEDULED_CHANGE
        cache.set(schedule_key, next_change, VERSIONED_SECONDS)
    if kept is None or kept[2] != next_change:
        _keep_here(schedule_key, (version, time.time() + VERSIONED_SECONDS, next_change))
    return None if next_change == NO_SCHEDULED_CHANGE else next_change - now.timestamp()


def per_version(name, compute):
    """`compute()`, kept in the cache for the current content version and until the next scheduled
    change: what every public page shows and any change may alter (the main menu), worked out once per
    change rather than once per rendering, with the page cache on or off. A hit costs no round trip when
    this process has kept the value under the request's version, else one (the version's copy and the
    value, one MGET, or the value alone once the request has read the version); the value is computed
    afresh when the cache cannot be used. The value is shared: callers read it, never change it. Nothing
    is kept from a working copy's rolled-back writes (a preview)."""
    key = f"content:value:{name}"
    if _cache_paused() or copies.applying.get():
        return compute()
    try:
        seen = _request_version.get()
        known = seen is not None and seen[0] is not None
        version, found = _version_and([] if known else [key])
        if version is None:  # no version to keep it under
            return compute()
        kept = _kept_here(key, version)
        if kept is not None:
            return kept[2]
        kept = cache.get(key) if known else found.get(key)
        if kept is not None and kept[0] == version and time.time() < kept[1]:
            _keep_here(key, kept)
            return kept[2]
        expires_in = _seconds_until_scheduled_change(version)
    except Exception:
        _cache_failed("reading a value kept per version")
        return compute()
    seconds = VERSIONED_SECONDS if expires_in is None else max(0, min(expires_in, VERSIONED_SECONDS))
    until = time.time() + seconds  # the moment itself, before the time computing takes
    value = compute()
    entry = (version, until, value)
    try:
        cache.set(key, entry, seconds or 1)
    except Exception:
        _cache_failed("keeping a value per version")
        return value
    _keep_here(key, entry)
    return value


def handles(request):
    """Whether the page cache looks at this request (and so asks the schedule itself, on a miss)."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request_is_cacheable(request)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not _cache_paused()
    )


def current_version():
    """(the version pages are cached under, seconds until it changes by itself or None)."""
    version = _version_and()[0]
    return str(version), _seconds_until_scheduled_change(version)


class ContentVersionMiddleware:
    """One request, one content version: the copy is read once, by the first thing that asks (the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set([None])
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(token)


class PublicPageCacheMiddleware:
    """Serves anonymous GET and HEAD requests for public pages from the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self._respond(request)
        finally:
            _current_request.reset(token)

    def _respond(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        if settings.PAGE_CACHE_SECONDS <= 0 or _cache_paused():
            return self._render(request, store=None)
        # Host and scheme too: the sitemap, robots.txt and the feed hold absolute addresses. (A host
        # outside ALLOWED_HOSTS raises DisallowedHost here, which Django answers with a 400.) An address
        # without a language prefix (the sitemap) is answered in the reader's language, as LocaleMiddleware
        # chooses it: one entry per site language, however many Accept-Language headers there are.
        prefixed = translation.get_language_from_path(request.path_info)
        language = "" if prefixed else translation.get_language_from_request(request)
        key = f"page:{language}:{request.scheme}://{request.get_host()}{request.get_full_path()}"
        try:
            version, found = _version_and([key])
        except Exception:
            _cache_failed("reading")
            return self._render(request, store=None)
        entry = found.get(key)
        if entry is not None and entry[0] == version and time.time() < entry[1]:
            if not session_authenticates(request):
                return from_entry(request, entry, "hit")
            return personal(self.get_response(request))  # staff: rendered for them, never stored
        try:
            # Before the view: when a scheduled moment has passed, the working copies due are published first.
            expires_in = _seconds_until_scheduled_change(version)
        except Exception:
            _cache_failed("reading the schedule")
            return self._render(request, store=None)
        return self._render(request, store=(key, version, expires_in))

    def _render(self, request, store):
        """Render the page; if it is cacheable, give it its validators and store it under `store`'s key
        (when the cache is in use)."""
        tracked = None
        if request.META.get("QUERY_STRING"):
            tracked = request.GET = ReadTrackingQueryDict(request.META["QUERY_STRING"], encoding=request.encoding)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return personal(response)
        if not response_is_cacheable(request, response):
            return response
        validators(response)
        if tracked is not None and not tracked.names_read.issuperset(request.GET.keys()):
            store = None  # the view ignored some parameters: junk, which must not fill the cache
        if store is None:
            return self._send(request, response)
        key, version, expires_in = store
        try:
            timeout = settings.PAGE_CACHE_SECONDS
            if expires_in is not None:  # a scheduled publication or expiry comes first
                timeout = min(timeout, expires_in)
            if timeout < 1 or request.method != "GET":
                return self._send(request, response)
            entry = entry_for(response, version, timeout)
            cache.set(key, entry, int(timeout))
        except Exception:
            _cache_failed("storing a page")
            return self._send(request, response)
        return from_entry(request, entry, "miss")

    def _send(self, request, response):
        """An uncached public response, with its validators honoured and compressed like a cached one."""
        last_modified = parse_http_date_safe(response["Last-Modified"])
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
        if conditional is not response:
            return conditional
        if accepts_gzip(request) and response.get("Content-Type", "").startswith(COMPRESSIBLE):
            response.content = gzip.compress(response.content, compresslevel=6, mtime=0)
            response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(response.content))
        return response
