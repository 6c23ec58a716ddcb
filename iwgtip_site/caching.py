"""Caching of anonymous public pages, shared by every app server through the cache (Redis in production).

A cached page is filed under the content *version*: a counter that any change to any content model
increments (signals, below), plus the moment the next scheduled publication or unpublication takes
effect. So an edit saved on one server, and a page scheduled to go live at 10:00, both take effect
everywhere at once, with no purge list and no cron job. Logged-in staff (anyone with a session) and
responses that set cookies or say `private`/`no-store` are never cached. If the cache itself is down,
pages are served uncached.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re

from .publishing import is_content_model, next_scheduled_change

logger = logging.getLogger(__name__)

VERSION_KEY = "content:version"
NO_SCHEDULED_CHANGE = "none"
MAX_CACHED_QUERY_LENGTH = 200


def content_changed(**kwargs):
    """Make every cached page stale, on every server."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet, or it was evicted: start from a number never used before
        cache.set(VERSION_KEY, time.time_ns(), None)
    except Exception:
        logger.exception("Could not invalidate the page cache")


def _on_change(sender, action="post_", **kwargs):
    # Many-to-many changes are signalled before and after; the content changes once, after.
    if is_content_model(sender) and action.startswith("post_"):
        # Now, for this transaction's own later reads; and again once committed, so that a page another
        # server rendered meanwhile, from the data before the commit, is not kept under the new version.
        content_changed()
        transaction.on_commit(content_changed, robust=True)


def connect_invalidation_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"iwgtip-cache-{signal!r}")


def current_version():
    """(version key part, seconds until it changes by itself or None)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    schedule_key = f"content:schedule:{version}"
    now = timezone.now()
    next_change = cache.get(schedule_key)
    if next_change is None or (next_change != NO_SCHEDULED_CHANGE and next_change <= now.timestamp()):
        moment = next_scheduled_change(now)
        next_change = moment.timestamp() if moment else NO_SCHEDULED_CHANGE
        cache.set(schedule_key, next_change, settings.PAGE_CACHE_SECONDS * 6)
    if next_change == NO_SCHEDULED_CHANGE:
        return f"{version}", None
    return f"{version}.{int(next_change)}", next_change - now.timestamp()


def _request_is_cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and len(request.META.get("QUERY_STRING", "")) <= MAX_CACHED_QUERY_LENGTH
    )


def _response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token: it is personal
        return False
    directives = {d.strip().lower().split("=")[0] for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    # "Vary: Cookie" is harmless here: only requests without a session are served from the cache.
    varies = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return not directives & {"private", "no-cache", "no-store"} and varies <= {"cookie"}


class PublicPageCacheMiddleware:
    """Serves anonymous GET and HEAD requests for public pages from the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or not _request_is_cacheable(request):
            return self.get_response(request)
        # Host and scheme too: the sitemap, robots.txt and the feed hold absolute addresses. (A host
        # outside ALLOWED_HOSTS raises DisallowedHost here, which Django answers with a 400.)
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        try:
            version, expires_in = current_version()
            key = f"page:{version}:{address}"
            cached = cache.get(key)
        except Exception:
            logger.exception("Page cache unavailable; serving uncached")
            return self.get_response(request)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _response_is_cacheable(request, response):
            timeout = (
                settings.PAGE_CACHE_SECONDS if expires_in is None else min(settings.PAGE_CACHE_SECONDS, expires_in)
            )
            if timeout >= 1:
                try:
                    cache.set(key, (response.status_code, dict(response.items()), response.content), int(timeout))
                except Exception:
                    logger.exception("Could not store a page in the cache")
            response["X-Cache"] = "miss"
        return response
