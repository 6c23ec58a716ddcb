"""Shared fixtures: every test gets its own media folder and an empty cache."""

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.factories import PageFactory, RootPageFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Requests activate their URL's language in the thread; each test starts from English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _empty_cache():
    # With REDIS_URL set, tests must use a Redis database of their own (CI uses /15).
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def root(db):
    return RootPageFactory()


@pytest.fixture
def page(root):
    return PageFactory(parent=root)


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def editor(db):
    """A staff member who may change pages (and so preview them), nothing more."""
    return UserFactory(is_staff=True, permissions=["pages.view_page", "pages.change_page", "pages.add_page"])


def login(client, user):
    """Log `user` in without a password. django-axes' backend comes first in settings and cannot
    restore a user from a session, so name the backend that does."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def password_login(client, username, password, path="/en/admin/login/", **extra):
    """The admin login's first step, the password, posted as a browser would (the login is a two-step wizard:
    password, then a code when the account has a second factor)."""
    data = {"staff_login_view-current_step": "auth", "auth-username": username, "auth-password": password}
    return client.post(path, data, **extra)


def code_login(client, code, step="token", path="/en/admin/login/", **extra):
    """The admin login's second step: a code from the authenticator app (or, step="backup", a recovery code)."""
    return client.post(path, {"staff_login_view-current_step": step, f"{step}-otp_token": code}, **extra)


@pytest.fixture
def admin_client(client, superuser):
    return login(client, superuser)


@pytest.fixture
def editor_client(client, editor):
    return login(client, editor)


@pytest.fixture
def owned_redis(tmp_path):
    """A Redis server of this test's own, which it may stop, hang and restart."""
    from tests.servers import RedisServer

    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def owned_redis_cache(owned_redis, settings):
    """The site's cache in `owned_redis`; the page cache forgets, afterwards, the trouble it had with it."""
    from iwgtip_site import caching

    settings.CACHES = owned_redis.cache_settings(settings.REDIS_CACHE_OPTIONS)
    yield owned_redis
    caching._state.update(check_database=False, checked_at=0.0, paused_until=0.0)


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """moto's S3-compatible server, started once for the session."""
    from tests.servers import S3Server

    server = S3Server(tmp_path_factory.mktemp("s3"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def s3_media(s3_server, settings, monkeypatch):
    """The site's media in a new, empty bucket of `s3_server`, configured as production reads it from
    the environment (MEDIA_STORAGE=s3 ...). Yields (boto3 client, bucket name)."""
    import uuid

    from iwgtip_site.settings.base import media_storage

    bucket = f"iwgtip-test-{uuid.uuid4().hex[:12]}"
    client = s3_server.client()
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": s3_server.region})
    for name, value in s3_server.environment(bucket).items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage()}
    yield client, bucket
