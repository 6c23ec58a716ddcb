"""Security settings, read by base.py: staff logins (passwords, lockouts, the second factor), sessions,
security headers, the Content Security Policy and the Permissions-Policy. What each is for: the README's
"Security notes"."""

import environ
from django.utils.translation import gettext_lazy as _

env = environ.Env()

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins in an hour before a lockout, counted three ways (iwgtip_site/accounts.py): one account from one
# address (a person mistyping gets five tries); one account from anywhere (guessing spread over many
# addresses); one address against any account (password spraying).
LOGIN_FAILURE_LIMITS = [
    (["username", "ip_address"], env.int("LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", default=5)),
    ("username", env.int("LOGIN_FAILURES_PER_ACCOUNT", default=20)),
    ("ip_address", env.int("LOGIN_FAILURES_PER_ADDRESS", default=30)),
]
AXES_HANDLER = "iwgtip_site.accounts.LoginAttemptsHandler"
# The staff login: password, then a code from an authenticator app (iwgtip_site/second_factor.py). Required in
# production (prod.py); elsewhere accounts that have a device are asked for it, and tests can switch it on.
ADMIN_REQUIRE_SECOND_FACTOR = env.bool("ADMIN_REQUIRE_SECOND_FACTOR", default=False)
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
TWO_FACTOR_LOGIN_TIMEOUT = 300  # seconds between the password and the code
OTP_TOTP_ISSUER = "IWGTIP"
AXES_FAILURE_LIMIT = 5  # what each limit above is scaled to
AXES_COOLOFF_TIME = 1  # hours
AXES_COOLOFF_MESSAGE = _(
    "Too many failed logins: logging in is blocked for an hour, for this account or from this address. "
    "Try again later, or ask an administrator to unblock it."
)
AXES_LOCKOUT_PARAMETERS = [parameters for parameters, _limit in LOGIN_FAILURE_LIMITS]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind the production proxy every login would seem to come from the proxy: read the client's address
# the way the feedback throttle does (TRUSTED_PROXY_COUNT, below).
AXES_CLIENT_IP_CALLABLE = "iwgtip_site.security.client_ip"

# Security headers (prod.py tightens the HTTPS-only ones).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Staff sessions (the public has none) end after this long without a request, and this long after the login
# whatever happens (iwgtip_site/accounts.py); the cookie itself expires then too.
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_HOURS * 3600
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "iwgtip_site.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Browser features the site never uses, refused for it and anything it might embed: no page here needs
# the camera, the microphone, the reader's location or sensors, and none may join ad-interest groups.
# Only what the site itself uses is allowed to itself: copying text (the "Copy" buttons on legislation) and
# full screen (the browser's PDF viewer, for the pamphlets).
PERMISSIONS_POLICY = {
    **{
        feature: []
        for feature in (
            "accelerometer",
            "ambient-light-sensor",
            "autoplay",
            "bluetooth",
            "browsing-topics",
            "camera",
            "clipboard-read",
            "display-capture",
            "encrypted-media",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "interest-cohort",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "publickey-credentials-get",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    },
    "clipboard-write": ["self"],
    "fullscreen": ["self"],
}
