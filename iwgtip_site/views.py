"""Site-wide views: public media, the "no version in this language" notice, error pages (the health check is
in health.py)."""

import hashlib
import logging
import mimetypes
import sys
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.http import require_safe

from . import i18n
from .admin import errors as admin_errors
from .downloads import StoredFile, serve
from .publishing import can_preview

logger = logging.getLogger(__name__)


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
    owners = model._default_manager.filter(**{field: path})
    # Shown on pages in either language: public in one is enough (staff also get drafts' files).
    if not (owners if staff else owners.public_in_languages()).exists():
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
            # Stored, but checked with the site on every use (a cheap 304 while it is unchanged): a logo
            # leaves every browser and shared cache as soon as its organization is unpublished.
            cache_control="private, no-store" if staff else "public, no-cache",
        )
    except (OSError, ValueError, NotImplementedError) as error:
        raise Http404 from error
    return serve(request, stored)


def page_not_found(request, exception):
    if admin_errors.wants_admin_page(request):
        return admin_errors.error_page(request, 404, exception)
    response = render(request, "404.html", {"toggle_to_home": True}, status=404)
    add_never_cache_headers(response)
    return response


# How long a reader is asked to wait when the database is unreachable (Retry-After).
DATABASE_RETRY_AFTER_SECONDS = 30


def permission_denied(request, exception):
    """handler403: in the admin, the admin's own page (iwgtip_site.admin.errors); elsewhere, Django's."""
    if admin_errors.wants_admin_page(request):
        return admin_errors.error_page(request, 403, exception)
    return defaults.permission_denied(request, exception)


def server_error(request):
    """handler500. When the database is what failed (it is down or unreachable, not a bug in a query), a 503
    with Retry-After that says so in both official languages, rendered without the database; any other
    error, the bilingual 500 page. Both are logged as errors, with the traceback, by Django."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


def database_unavailable(request):
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    languages = [language, *(code for code, _name in settings.LANGUAGES if code != language)]
    content = loader.get_template("503.html").render({"languages": languages})
    response = HttpResponse(content, status=503, headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)})
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (cookies blocked, a form left open too long): said in the
    reader's language, with the way out, instead of Django's technical page (settings.CSRF_FAILURE_VIEW)."""
    response = render(request, "403_csrf.html", {"toggle_to_home": True}, status=403)
    add_never_cache_headers(response)
    return response
