"""Site-wide views: health check, public media, the "no version in this language" notice, error pages."""

import logging
import mimetypes

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.utils._os import safe_join
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import i18n

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not.
    The cache is reported but optional: the site serves pages, uncached, without it."""
    database = cache_status = "ok"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: the database is unreachable")
        database = "unavailable"
    try:
        cache.set("healthz", "ok", 10)
        if cache.get("healthz") != "ok":
            cache_status = "unavailable"
    except Exception:
        logger.exception("Health check: the cache is unreachable")
        cache_status = "unavailable"
    healthy = database == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "database": database, "cache": cache_status},
        status=200 if healthy else 503,
    )


@require_safe
def translation_unavailable(request):
    """Where the language toggle leads when a page has no version in the other language.

    Says so in both official languages, with a link back to the page the reader came from."""
    back = i18n.safe_local_path(request.GET.get("from", ""))
    response = render(request, "translation_unavailable.html", {"back_url": back, "toggle_to_home": True})
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def public_media(request, path):
    """Uploaded files that are public by nature (partner logos), from the configured storage.

    Only folders listed in PUBLIC_MEDIA_FOLDERS are served: pamphlet files go through their own
    download view, which checks publication. Stored names are random and never reused, so a file
    can be cached for a long time."""
    if not path.startswith(tuple(settings.PUBLIC_MEDIA_FOLDERS)) or ".." in path.split("/"):
        raise Http404
    try:
        safe_join(str(settings.MEDIA_ROOT), path)
        handle = default_storage.open(path, "rb")
    except (OSError, ValueError) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def page_not_found(request, exception):
    response = render(request, "404.html", {"toggle_to_home": True}, status=404)
    add_never_cache_headers(response)
    return response


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (cookies blocked, a form left open too long): said in the
    reader's language, with the way out, instead of Django's technical page (settings.CSRF_FAILURE_VIEW)."""
    response = render(request, "403_csrf.html", {"toggle_to_home": True}, status=403)
    add_never_cache_headers(response)
    return response
