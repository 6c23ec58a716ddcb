"""The admin's own error pages. Staff refused an action (403), or asking for an admin address or an item that
does not exist (404), stay in the admin: its layout, its language, the reason, a way back. Not the public
site's page, with the Government of Canada header and "Did you find what you were looking for?"."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from iwgtip_site.i18n import LANGUAGE_CODES

TITLES = {403: _("You may not do this"), 404: _("Not found in the administration")}
EXPLANATIONS = {
    403: _("Your role does not allow this action. A publisher or an administrator can do it, or give you the right."),
    404: _("There is no such screen or item here. It may have been deleted, or the address mistyped."),
}


def wants_admin_page(request):
    """Whether the error is to be shown in the admin: a staff member, at an admin address."""
    user = getattr(request, "user", None)
    in_admin = any(request.path_info.startswith(f"/{code}/admin/") for code in LANGUAGE_CODES)
    return in_admin and user is not None and user.is_active and user.is_staff


def error_page(request, status, exception=None):
    reason = str(exception or "") if status == 403 else ""  # a 404's own text is for developers
    context = {
        **admin.site.each_context(request),
        "title": TITLES[status],
        "explanation": EXPLANATIONS[status],
        "reason": reason,
        "status": status,
    }
    response = TemplateResponse(request, "admin/iwgtip/error.html", context, status=status)
    add_never_cache_headers(response)
    return response.render()
