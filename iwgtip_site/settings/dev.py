"""Local development: the default settings. Safe defaults, SQLite, no set-up needed."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import BASE_DIR, env


def _local_secret_key(path):
    """A random key kept in a git-ignored file, so logins survive a runserver reload."""
    if not path.exists():
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default=None) or _local_secret_key(BASE_DIR / ".dev-secret-key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# Templates and code change under a developer's eyes: no page cache unless asked for.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)

# E-mail goes to the console unless EMAIL_URL says otherwise.
if not env("EMAIL_URL", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# `load_initial_data` creates (or refreshes) a local admin account and prints its password.
IWGTIP_CREATE_DEV_ADMIN = True

# Static files straight from the apps (through the finder that hides CKEditor's samples): no
# collectstatic needed before running.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
