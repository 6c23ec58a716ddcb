"""Settings shared by every environment.

Values that differ between machines come from the environment (django-environ); `dev.py`, `test.py`
and `prod.py` only choose defaults and fail-safes. See README.md for the variables.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from iwgtip_site.observability import start_error_reporting
from iwgtip_site.staticfiles import static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default=None)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so it can patch admin forms; the project
    # package too, so its admin templates (language toggle, site styles) take precedence.
    "modeltranslation",
    "iwgtip_site",
    # Django's admin, with the staff login through a second factor (iwgtip_site/admin_site.py).
    "iwgtip_site.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ckeditor",
    "axes",
    # A second factor for staff logins (iwgtip_site/second_factor.py): authenticator apps, recovery codes.
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "django_guid",
    "reversion",
    "rest_framework",  # the public API (iwgtip_site/api/), its OpenAPI document by drf-spectacular
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from this site (no CDN)
    "corsheaders",
    "pages",
    "legislation",
    "partners",
    "pamphlets",
]

MIDDLEWARE = [
    # First: every log line and response of the request carries its id (iwgtip_site/observability.py).
    "iwgtip_site.observability.UntrustedRequestIdMiddleware",
    "django_guid.middleware.guid_middleware",
    "iwgtip_site.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside WhiteNoise and the page cache, so static files and cached pages carry it too.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Before anything reads the address: a NUL byte or broken UTF-8 in it is a 400, not a database error.
    "iwgtip_site.security.RequestGuardMiddleware",
    # Outside the page cache, so cached API answers are open to other sites too (CORS_URLS_REGEX).
    "corsheaders.middleware.CorsMiddleware",
    # Before the page cache: /healthz answers within a second even when the cache hangs.
    "iwgtip_site.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # One content version for the whole request, read once (iwgtip_site.caching).
    "iwgtip_site.caching.ContentVersionMiddleware",
    # Approved working copies whose time has come are published before anything is served (on first need).
    "iwgtip_site.workflow.schedule.ScheduledChangesMiddleware",
    # Early, so a cached page costs no session, database or template work.
    "iwgtip_site.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Inside the page cache (which keeps its 301s) and CommonMiddleware (its 404s are looked up first).
    "iwgtip_site.redirects.middleware.RedirectFallbackMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff e-mails follow the admin language they use (iwgtip_site.admin.preferences).
    "iwgtip_site.admin.preferences.AdminLanguageMiddleware",
    "iwgtip_site.accounts.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "iwgtip_site.security.ContentSecurityPolicyMiddleware",
    # django-axes wants to be last: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iwgtip_site.urls"
WSGI_APPLICATION = "iwgtip_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "iwgtip_site.navigation.navigation",
            ],
        },
    },
]

# Database: SQLite by default (see dev.py), PostgreSQL when DATABASE_URL says so.
DATABASE_URL = env("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that does not answer costs a request this long, not the operating system's minutes. (libpq's
    # minimum is 2 s; /healthz bounds its own check tighter still.)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3))
    # No JIT compilation and no parallel workers: both pay off for long analytical queries, and the site's
    # take milliseconds. The planner turns them on from its estimates, and search's (thousands of rows it
    # will not read, since it stops at the first few hundred) passed their marks: compiling took 10 ms of
    # an 11 ms query, and starting workers to scan 28,000 rows made a 1 ms read take 7. Under load, workers
    # would also take the cores other requests need. (Behind PgBouncer, which drops this startup option,
    # set both on the role: README.)
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off -c max_parallel_workers_per_gather=0")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue instead of failing with "database is locked" under concurrent requests.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared Redis when REDIS_URL is set (several app servers; Django's backend, reusing its clients:
# iwgtip_site/cache_backends.py), else this process's memory.
REDIS_URL = env("REDIS_URL", default="")
# A hung or unreachable Redis costs a request at most this long per call (then the page is served
# uncached and the cache is left alone for a moment: iwgtip_site/caching.py).
REDIS_CACHE_OPTIONS = {
    "socket_connect_timeout": env.float("REDIS_TIMEOUT", default=0.5),
    "socket_timeout": env.float("REDIS_TIMEOUT", default=0.5),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "iwgtip_site.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="iwgtip"),
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long an anonymous page may be served from the cache. Content changes and scheduled
# publications invalidate it sooner (iwgtip_site/caching.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How often each process compares the cache's copy of the content version with the database's, so that a
# change made by a server that could not reach Redis reaches every server (0: only after its own errors).
PAGE_CACHE_VERSION_CHECK_SECONDS = env.float("PAGE_CACHE_VERSION_CHECK_SECONDS", default=2)
# How long a shared cache (a CDN) may keep a public page, and serve it stale while it asks again.
PAGE_SHARED_CACHE_SECONDS = env.int("PAGE_SHARED_CACHE_SECONDS", default=60)
PAGE_STALE_WHILE_REVALIDATE_SECONDS = env.int("PAGE_STALE_WHILE_REVALIDATE_SECONDS", default=30)

from .security import *  # noqa: E402, F403 (logins, sessions, headers, CSP, Permissions-Policy)

# Languages: both official languages, both prefixed in URLs (/en/, /fr/).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["iwgtip_site.formats"]
USE_I18N = True
TIME_ZONE = "America/Toronto"
USE_TZ = True

# Content is never silently shown in the other official language: a French page shows French
# content or, where an item has no French version, says so (see iwgtip_site/i18n.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ()}

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    # Drops CKEditor's bundled samples and manual test pages (CVE-2024-24816).
    "iwgtip_site.staticfiles.SafeAppDirectoriesFinder",
]
# WhiteNoise: no "Access-Control-Allow-Origin: *" (nothing on another site needs our static files), and the
# documents among them (HTML, SVG) get a policy of their own (iwgtip_site/staticfiles.py).
WHITENOISE_ALLOW_ALL_ORIGINS = False
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Media folders served at MEDIA_URL (iwgtip_site.views.public_media), each with the model field that owns
# its files: a file is public while its owner is live. Every other upload is served, if at all, by a view
# that checks publication.
PUBLIC_MEDIA_FOLDERS = {"partners/logos/": "partners.Organization.logo"}


def media_storage():
    """Where uploads go: MEDIA_ROOT on local disk, or, with MEDIA_STORAGE=s3, a private bucket of an
    S3-compatible object store (django-storages), which several app servers share. The site never hands
    out the bucket's addresses: pamphlet files and logos are streamed through their views, which check
    publication and count downloads."""
    if env("MEDIA_STORAGE", default="filesystem") != "s3":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    endpoint = env("S3_ENDPOINT_URL", default=None)  # empty: AWS itself
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": endpoint,
            "region_name": env("S3_REGION", default=None),
            # Empty: boto3 finds credentials itself (instance role, AWS_* variables, ~/.aws).
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "location": env("S3_PREFIX", default=""),
            "custom_domain": env("S3_CUSTOM_DOMAIN", default=None),
            "addressing_style": env("S3_ADDRESSING_STYLE", default="path" if endpoint else "virtual"),
            "signature_version": "s3v4",
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,  # any URL that is ever made is signed, and short-lived
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Rich text: CKEditor 4 in the admin; every value is sanitized by iwgtip_site/richtext.py before it is
# stored. The uploader (ckeditor_uploader) is deliberately not installed.
CKEDITOR_BASEPATH = "/static/ckeditor/ckeditor/"
CKEDITOR_CONFIGS = {
    "default": {
        "versionCheck": False,  # the EOL notice is answered by server-side sanitizing, not hidden from review
        "toolbar": "iwgtip",
        "toolbar_iwgtip": [
            ["Format"],
            ["Bold", "Italic", "Subscript", "Superscript", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote", "-", "Outdent", "Indent"],
            ["Link", "Unlink"],
            ["Table", "HorizontalRule", "SpecialChar"],
            ["PasteText", "PasteFromWord", "-", "Undo", "Redo"],
            ["Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "removePlugins": "exportpdf,image,flash,iframe,forms,smiley,scayt,wsc,stylescombo,font,colorbutton",
        "disallowedContent": "*[on*]; *{*}; script; style; iframe",
        "height": 320,
        "width": "100%",
        "linkShowAdvancedTab": False,
        "linkShowTargetTab": False,
    },
}
SILENCED_SYSTEM_CHECKS = [
    # ckeditor.W001 warns that the bundled CKEditor 4.22.1 is end-of-life with known XSS issues.
    # Mitigation: every rich-text value is sanitized with nh3 to an allow-list before it is stored
    # (iwgtip_site/richtext.py, tested in tests/iwgtip_site/test_richtext.py), the uploader is off,
    # and CKEditor's samples are not served (iwgtip_site/staticfiles.py).
    "ckeditor.W001",
]

# Page feedback (iwgtip_site.feedback) is throttled per client with django-ratelimit, in the cache.
# Behind reverse proxies, the client's address is read from X-Forwarded-For: set TRUSTED_PROXY_COUNT to
# the number of proxies that append to it (0: the address the app server sees is the client's).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Handled page feedback is deleted after this many days (manage.py purge_page_feedback).
FEEDBACK_RETENTION_DAYS = env.int("FEEDBACK_RETENTION_DAYS", default=365)
# Where readers ask for a pamphlet in another format (large print, braille...); empty: the feedback form.
ALTERNATIVE_FORMAT_EMAIL = env("ALTERNATIVE_FORMAT_EMAIL", default="")
# An item published without a review-by date is given one this many months later (iwgtip_site.workflow.review_dates).
REVIEW_PERIOD_MONTHS = env.int("REVIEW_PERIOD_MONTHS", default=12)

# Addresses in one part of a section's sitemap (iwgtip_site.sitemaps). The protocol allows 50,000, which would
# take ten seconds to make and 300 MB of memory; a part of 1,000 takes 0.2 s and a 6 MB peak, and a worker's
# four threads making parts at once left it at 156 MB, over the 150 MB budget. A part of 500 takes half of
# that, and an index may list 50,000 parts.
SITEMAP_SECTION_SIZE = env.int("SITEMAP_SECTION_SIZE", default=500)
RATELIMIT_IP_META_KEY = "iwgtip_site.security.client_ip"

# A deleted item can be recovered, with its rows and files, for this many days (iwgtip_site/files.py).
DELETED_ITEMS_RETENTION_DAYS = env.int("DELETED_ITEMS_RETENTION_DAYS", default=90)

# The largest files editors may upload, in bytes (the front web server's own limit must allow them).
PAMPHLET_MAX_UPLOAD_BYTES = env.int("PAMPHLET_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
# How large a pamphlet PDF's compressed streams may become once decompressed, all together (pamphlets/pdf.py):
# a real pamphlet is a few megabytes; a "decompression bomb" of a few hundred kilobytes can be gigabytes.
PAMPHLET_MAX_INFLATED_BYTES = env.int("PAMPHLET_MAX_INFLATED_BYTES", default=100 * 1024 * 1024)
PARTNER_LOGO_MAX_BYTES = env.int("PARTNER_LOGO_MAX_BYTES", default=2 * 1024 * 1024)

# E-mail: review notifications (iwgtip_site.workflow.notifications). EMAIL_URL, e.g.
# smtp+tls://user:password@smtp.example.gc.ca:587, in production; dev.py prints messages to the console.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="IWGTIP <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address staff reach the site at, for links in e-mails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Request ids (iwgtip_site/observability.py): the front proxy's X-Request-ID when there is one, else a new one;
# returned in the response and written in every log line of the request.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId", "correlation_id_field": "request_id"}},
    "formatters": {
        "structured": {
            "format": "time=%(asctime)s level=%(levelname)s logger=%(name)s request_id=%(request_id)s %(message)s"
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "structured"},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}, "django_guid": {"level": "WARNING"}},
}

# Error reports to Sentry, only when SENTRY_DSN is set, with no personal data (iwgtip_site/observability.py).
SENTRY_DSN = env("SENTRY_DSN", default="")
if start_error_reporting(
    SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT", default="production"), release=env("SENTRY_RELEASE", default="")
):
    from django_guid.integrations import SentryIntegration

    DJANGO_GUID["INTEGRATIONS"] = [SentryIntegration()]

# Translation files returned by translators (iwgtip_site/translation_exchange.py): a few items' text.
XLIFF_MAX_UPLOAD_BYTES = env.int("XLIFF_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)

from .api import *  # noqa: E402, F403 (the public API: Django REST framework, its schema, CORS)
