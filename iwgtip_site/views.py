"""Site-wide views: health check, public media, the "no version in this language" notice, error pages."""

import hashlib
import logging
import mimetypes
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import i18n
from .downloads import StoredFile, serve
from .publishing import can_preview

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
    """Uploaded files shown on public pages (partner logos), from the configured storage.

    Only the folders in PUBLIC_MEDIA_FOLDERS are served, and a file only while the item that owns it
    is live (staff who may edit that kind of item also get it for drafts): a logo leaves the site with
    its organization. Pamphlet files go through their own download view, which checks publication."""
    owner = next((owner for folder, owner in settings.PUBLIC_MEDIA_FOLDERS.items() if path.startswith(folder)), None)
    if owner is None or ".." in path.split("/"):
        raise Http404
    app_label, model_name, field = owner.split(".")
    model = apps.get_model(app_label, model_name)
    staff = can_preview(request.user, model)
    if not model._default_manager.filter(**{field: path}).visible_to(request.user).exists():
        raise Http404
    try:
        stored = StoredFile(
            storage=default_storage,
            name=path,
            size=default_storage.size(path),
            content_type=mimetypes.guess_type(path)[0] or "application/octet-stream",
            download_name=PurePosixPath(path).name,
            etag=f'"{hashlib.sha256(path.encode()).hexdigest()[:32]}"',  # stored names are never reused
            last_modified=default_storage.get_modified_time(path),
            attachment=False,
            cache_control="private, no-store" if staff else "public, max-age=3600",
        )
    except (OSError, ValueError, NotImplementedError) as error:
        raise Http404 from error
    return serve(request, stored)


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
