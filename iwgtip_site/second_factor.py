"""The staff login's second factor: a code from an authenticator app (TOTP), and recovery codes.

Built on django-two-factor-auth (its login and set-up wizards, QR code, recovery codes) over django-otp (the
devices, their throttling): this module only gives them the admin's look and this site's words, in both
languages, and makes a failed code count towards the login lockout like a failed password
(iwgtip_site/accounts.py). Whether a second factor is required is ADMIN_REQUIRE_SECOND_FACTOR (on in
production): then an account without one is sent to set it up right after its password, and the admin
opens only to a session that gave a code (iwgtip_site/admin_site.py).

A staff member who loses the phone signs in with a recovery code, or asks an administrator to remove the
device (`manage.py two_factor_disable <username>`), then sets up a new one at the next login.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from two_factor import views as two_factor
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm

TOKEN_FIELDS = {"otp_token", "token"}
ERROR_MESSAGES = {
    "token_required": _("Enter the code from your authenticator app."),
    "invalid_token": _("This code is not right, or it has expired. Enter the code your app shows now."),
    "n_failed_attempts": ngettext_lazy(
        "Codes are refused for a moment after %(failure_count)d wrong code. Wait a minute, then try again.",
        "Codes are refused for a moment after %(failure_count)d wrong codes. Wait a minute, then try again.",
        "failure_count",
    ),
    "verification_not_allowed": _("Codes are refused for a moment. Wait a minute, then try again."),
}


class AdminLookMixin:
    """The admin's header, title and language toggle on the second factor's pages."""

    def get_context_data(self, *args, **kwargs):
        return {**super().get_context_data(*args, **kwargs), **admin.site.each_context(self.request)}


def _in_our_words(form, step):
    """The library's form for `step`, with this site's labels and messages (translated in our catalogue)."""
    field = next((form.fields[name] for name in TOKEN_FIELDS if name in form.fields), None)
    if field is None:
        return form
    if step == StaffLoginView.BACKUP_STEP:
        field.label = _("Recovery code")
        field.help_text = _("One of the recovery codes you saved when you set up your second factor.")
    else:
        field.label = _("Code from your authenticator app")
        field.help_text = _("Six digits, for example 123456. A new code appears every 30 seconds.")
    field.widget.attrs.update({"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"})
    if step == StaffLoginView.BACKUP_STEP:
        field.widget.attrs["inputmode"] = "text"
    form.otp_error_messages = {**getattr(form, "otp_error_messages", {}), **ERROR_MESSAGES}
    form.error_messages = {**getattr(form, "error_messages", {}), "invalid_token": ERROR_MESSAGES["invalid_token"]}
    return form


class StaffLoginView(AdminLookMixin, two_factor.LoginView):
    """The admin's login: a staff account's password, then (if it has one) a code from its device."""

    template_name = "two_factor/core/login.html"
    form_list = (
        (two_factor.LoginView.AUTH_STEP, AdminAuthenticationForm),  # staff accounts only, as the admin's own
        (two_factor.LoginView.TOKEN_STEP, AuthenticationTokenForm),
        (two_factor.LoginView.BACKUP_STEP, BackupTokenForm),
    )

    def get_form(self, step=None, **kwargs):
        step = step or self.steps.current
        return _in_our_words(super().get_form(step=step, **kwargs), step)

    def post(self, *args, **kwargs):
        # A locked-out account may not go on trying codes either.
        if self.steps.current != self.AUTH_STEP and (user := self.get_user()):
            credentials = {"username": user.get_username()}
            if not AxesProxyHandler.is_allowed(self.request, credentials):
                return get_lockout_response(self.request, credentials=credentials)
        return super().post(*args, **kwargs)

    def render(self, form=None, **kwargs):
        if form is not None and form.is_bound and form.errors and self.steps.current != self.AUTH_STEP:
            # A wrong code counts towards the lockout like a wrong password (the password step's failures are
            # counted by django-axes' authentication backend).
            # django-axes' middleware answers with the lockout once this reaches the limit.
            user_login_failed.send(
                sender=__name__, credentials={"username": self.get_user().get_username()}, request=self.request
            )
        return super().render(form, **kwargs)


class StaffSetupView(AdminLookMixin, two_factor.SetupView):
    """Setting up the authenticator app: an introduction, the QR code (or the key), a first code."""

    def get_success_url(self):
        return reverse("two_factor:setup_complete")  # then the recovery codes, then the admin

    def get_form(self, step=None, **kwargs):
        step = step or self.steps.current
        return _in_our_words(super().get_form(step=step, **kwargs), step)


class StaffSetupCompleteView(AdminLookMixin, two_factor.SetupCompleteView):
    pass


class StaffRecoveryCodesView(AdminLookMixin, two_factor.BackupTokensView):
    pass


class StaffProfileView(AdminLookMixin, two_factor.ProfileView):
    pass


app_name = "two_factor"
urlpatterns = [
    path("account/second-factor/", StaffProfileView.as_view(), name="profile"),
    path("account/second-factor/set-up/", StaffSetupView.as_view(), name="setup"),
    path("account/second-factor/set-up/qr-code/", two_factor.QRGeneratorView.as_view(), name="qr"),
    path("account/second-factor/set-up/done/", StaffSetupCompleteView.as_view(), name="setup_complete"),
    path("account/second-factor/recovery-codes/", StaffRecoveryCodesView.as_view(), name="backup_tokens"),
]
