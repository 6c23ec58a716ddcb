"""The test suite: SQLite unless DATABASE_URL is set (CI runs it on PostgreSQL too)."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import CACHES, LOGGING, REDIS_URL, env

SECRET_KEY = get_random_secret_key()
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if REDIS_URL:
    # A run of its own in a shared Redis: tests clear only their keys.
    CACHES["default"]["KEY_PREFIX"] = f"iwgtip-test-{get_random_secret_key()[:8]}"
# One process: it checks the database's content version after its own cache errors, not on a clock (the
# query counts of cached pages stay exact); tests of the clock turn it on.
PAGE_CACHE_VERSION_CHECK_SECONDS = 0
AXES_ENABLED = True
# The site's logging, silent unless LOG_LEVEL asks (a test that reads the logs of a site process sets it).
_log_level = env("LOG_LEVEL", default="CRITICAL")
LOGGING = {
    **LOGGING,
    "handlers": {"console": {**LOGGING["handlers"]["console"], "level": _log_level}},
    "root": {**LOGGING["root"], "level": _log_level},
}

# Static files straight from the apps (through the finder that hides CKEditor's samples): no
# collectstatic needed before running.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
