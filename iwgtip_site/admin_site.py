"""The admin site: Django's own, whose login is the staff login with a second factor (second_factor.py).

Installed as the default admin site through `AdminConfig` (in INSTALLED_APPS in place of
"django.contrib.admin"), so every `@admin.register` in the apps registers with it unchanged. With
ADMIN_REQUIRE_SECOND_FACTOR on (production), the admin opens only to a session that gave a code from the
account's authenticator app or a recovery code; an account with none is sent to set one up.

Two kinds of request that Django's admin answers with a 500 are a 400 here, on every model's pages: a list
action posted with a selection that is not a list of the model's ids (the database refuses it), and an
empty `_to_field` parameter (Django looks up a field named "").
"""

from functools import wraps

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class AdminConfig(DjangoAdminConfig):
    default_site = "iwgtip_site.admin_site.StaffAdminSite"


def second_factor_required():
    return settings.ADMIN_REQUIRE_SECOND_FACTOR


def _is_selection_of(model, values):
    try:
        for value in values:
            model._meta.pk.to_python(value)
    except ValidationError:
        return False
    return True


def _bad_request(message):
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class StaffAdminSite(AdminSite):
    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)
        model = getattr(getattr(view, "__self__", None), "model", None)  # a ModelAdmin's view
        if model is None:
            return protected

        @wraps(protected)
        def checked(request, *args, **kwargs):
            if request.method == "POST" and not _is_selection_of(model, request.POST.getlist(ACTION_CHECKBOX_NAME)):
                return _bad_request(_("The items selected are not valid. Go back to the list and select them again."))
            if request.GET.get(TO_FIELD_VAR, None) == "" or request.POST.get(TO_FIELD_VAR, None) == "":
                return _bad_request(_("This address is not valid. Go back to the list and try again."))
            return protected(request, *args, **kwargs)

        return checked

    def has_permission(self, request):
        return super().has_permission(request) and (not second_factor_required() or request.user.is_verified())

    def login(self, request, extra_context=None):
        """Password, then code (StaffLoginView). A staff account signed in without a code goes on to set up a
        second factor when it has none, or signs in again with its code."""
        from two_factor.utils import default_device

        from .second_factor import StaffLoginView

        if request.method == "GET" and self.has_permission(request):
            return redirect(reverse("admin:index", current_app=self.name))
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff and second_factor_required():
            if default_device(user) is None:
                return redirect("two_factor:setup")
            logout(request)
        context = {**self.each_context(request), **(extra_context or {})}
        return StaffLoginView.as_view(extra_context=context)(request)
