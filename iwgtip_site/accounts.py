"""Staff accounts: how the login is throttled, and how long a staff session lasts.

Login throttle (django-axes): failed logins are counted three ways, each with its own limit per hour
(LOGIN_FAILURE_LIMITS), and the account is locked out for the hour when any of them is reached:
- one account from one address: someone mistyping, or guessing one account's password;
- one account from any address: guessing spread over many addresses (a botnet);
- one address against any account: password spraying, a few common passwords tried on many accounts.
A failed password and a failed second-factor code both count. A successful login clears that account's
failures, never those of other accounts tried from the same address. django-axes compares every set with
one AXES_FAILURE_LIMIT; `LoginAttemptsHandler` scales each set's count to it.

Session lifetime: a staff session ends after STAFF_SESSION_IDLE_MINUTES without a request, and in any case
STAFF_SESSION_MAX_HOURS after the login (`StaffSessionMiddleware`); the reader signs in again, with the
second factor. The public has no sessions at all.
"""

import time

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_lockout_parameters
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

LOGIN_AT, SEEN_AT = "staff_login_at", "staff_seen_at"
SEEN_RESOLUTION_SECONDS = 60  # the last-seen time is written at most once a minute


def _parameter_key(parameter):
    return (parameter,) if isinstance(parameter, str) else tuple(parameter)


class LoginAttemptsHandler(AxesDatabaseHandler):
    """django-axes' database handler, with a failure limit of its own for each set of lockout parameters."""

    def get_failures(self, request, credentials=None):
        limits = {_parameter_key(parameters): limit for parameters, limit in settings.LOGIN_FAILURE_LIMITS}
        attempt_sets = self.get_user_attempts(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        scaled = []
        for parameter, attempts in zip(parameters, attempt_sets, strict=True):
            failures = sum(attempts.values_list("failures_since_start", flat=True))
            scaled.append(failures * settings.AXES_FAILURE_LIMIT // limits[_parameter_key(parameter)])
        return max(scaled, default=0)

    def reset_user_attempts(self, request, credentials=None):
        """On a successful login: this account's failures only (not other accounts' from this address)."""
        attempts = self.filter_user_attempts(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        cleared = 0
        for parameter, queryset in zip(parameters, attempts, strict=True):
            if "username" in _parameter_key(parameter):
                cleared += queryset.delete()[0]
        return cleared


@receiver(user_logged_in, dispatch_uid="iwgtip-staff-session-start")
def _session_started(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = request.session[SEEN_AT] = int(time.time())


def session_has_expired(session, now):
    """Whether a signed-in session is past its idle timeout or its absolute lifetime."""
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if login_at is None or seen_at is None:
        return True  # a session from before these limits: start again
    return (
        now - seen_at > settings.STAFF_SESSION_IDLE_MINUTES * 60
        or now - login_at > settings.STAFF_SESSION_MAX_HOURS * 3600
    )


class StaffSessionMiddleware:
    """Ends a signed-in session that has been idle too long or has lasted too long (after authentication
    and messages, so the next page can say why)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if session_has_expired(request.session, now):
                logout(request)
                messages.info(request, _("Your session has ended, for your security. Please log in again."))
            elif now - request.session[SEEN_AT] >= SEEN_RESOLUTION_SECONDS:
                request.session[SEEN_AT] = now
        return self.get_response(request)
