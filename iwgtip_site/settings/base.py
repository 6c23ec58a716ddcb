"""Settings shared by every environment.

Values that differ between machines come from the environment (django-environ); `dev.py`, `test.py`
and `prod.py` only choose defaults and fail-safes. See README.md for the variables.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ckeditor",
    "axes",
    "reversion",
    "pages",
    "legislation",
    "partners",
    "pamphlets",
    # Deletes a replaced or deleted record's old file, after the transaction commits. Last, so it
    # sees every app's models.
    "django_cleanup.apps.CleanupConfig",
]
# The apps whose models are public content: any change to them refreshes the page cache.
CONTENT_APPS = ["pages", "legislation", "partners", "pamphlets"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so a cached page costs no session, database or template work.
    "iwgtip_site.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind the production proxy every login would seem to come from the proxy: read the client's address
# the way the feedback throttle does (TRUSTED_PROXY_COUNT, below).
AXES_CLIENT_IP_CALLABLE = "iwgtip_site.security.client_ip"

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

# Page feedback (iwgtip_site/feedback.py) is throttled per client with django-ratelimit, in the cache.
# Behind reverse proxies, the client's address is read from X-Forwarded-For: set TRUSTED_PROXY_COUNT to
# the number of proxies that append to it (0: the address the app server sees is the client's).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Handled page feedback is deleted after this many days (manage.py purge_page_feedback).
FEEDBACK_RETENTION_DAYS = env.int("FEEDBACK_RETENTION_DAYS", default=365)
RATELIMIT_IP_META_KEY = "iwgtip_site.security.client_ip"

# The largest files editors may upload, in bytes (the front web server's own limit must allow them).
PAMPHLET_MAX_UPLOAD_BYTES = env.int("PAMPHLET_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
PARTNER_LOGO_MAX_BYTES = env.int("PARTNER_LOGO_MAX_BYTES", default=2 * 1024 * 1024)

# Security headers (prod.py tightens the HTTPS-only ones).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
