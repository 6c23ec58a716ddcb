"""The admin site: Django's own, whose login is the staff login with a second factor (second_factor.py).

Installed as the default admin site through `AdminConfig` (in INSTALLED_APPS in place of
"django.contrib.admin"), so every `@admin.register` in the apps registers with it unchanged. With
ADMIN_REQUIRE_SECOND_FACTOR on (production), the admin opens only to a session that gave a code from the
account's authenticator app or a recovery code; an account with none is sent to set one up.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse


class AdminConfig(DjangoAdminConfig):
    default_site = "iwgtip_site.admin_site.StaffAdminSite"


def second_factor_required():
    return settings.ADMIN_REQUIRE_SECOND_FACTOR


class StaffAdminSite(AdminSite):
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
