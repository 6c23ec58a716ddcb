"""Production: everything that matters must come from the environment, or the site will not start."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, env, media_storage

_REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
_missing = [name for name in _REQUIRED if not env(name, default="")]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables, which are not set: "
        + ", ".join(_missing)
        + ". See README.md, section 'Configuration'."
    )

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
# The page cache must be shared by every worker and server, or an edit would reach only one of them: without
# Redis it is off unless PAGE_CACHE_SECONDS is set on purpose (a single process).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600 if REDIS_URL else 0)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Every staff login gives a second factor: an account without one sets it up at its first login.
ADMIN_REQUIRE_SECOND_FACTOR = env.bool("ADMIN_REQUIRE_SECOND_FACTOR", default=True)

# HTTPS only. A proxy that terminates TLS must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The GC HTTPS policy (ITPIN 2018-01) asks for HSTS; preloading is the department's call per domain.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
