"""Settings: production refuses to start without its required configuration."""

import os
import subprocess
import sys

from django.conf import settings

CHECK = "import django; django.setup(); print('started')"


def _start(env_overrides):
    env = {
        key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
    }
    env.update({"DJANGO_SETTINGS_MODULE": "iwgtip_site.settings.prod", **env_overrides})
    return subprocess.run([sys.executable, "-c", CHECK], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True)


def test_production_fails_clearly_when_required_variables_are_missing():
    result = _start({"ALLOWED_HOSTS": "iwgtip.example.gc.ca"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY, DATABASE_URL" in result.stderr


def test_production_starts_when_configured():
    result = _start(
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "iwgtip.example.gc.ca",
            "DATABASE_URL": "sqlite:////tmp/prod-check.sqlite3",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_defaults_are_explicit():
    assert settings.DEFAULT_AUTO_FIELD == "django.db.models.BigAutoField"
    assert [code for code, _name in settings.LANGUAGES] == ["en", "fr"]
    assert settings.MODELTRANSLATION_FALLBACK_LANGUAGES == {"default": ()}


def test_production_has_no_per_process_page_cache_without_redis():
    check = "import django; django.setup(); from django.conf import settings; print(settings.PAGE_CACHE_SECONDS)"
    env = {key: value for key, value in os.environ.items() if key not in ("PAGE_CACHE_SECONDS", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="iwgtip_site.settings.prod",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="iwgtip.example.gc.ca",
        DATABASE_URL="sqlite:////tmp/prod-check.sqlite3",
    )
    run = {"env": env, "cwd": settings.BASE_DIR, "capture_output": True, "text": True}
    result = subprocess.run([sys.executable, "-c", check], **run)
    assert result.stdout.strip() == "0", result.stderr
    env["REDIS_URL"] = "redis://127.0.0.1:6379/14"
    result = subprocess.run([sys.executable, "-c", check], **run)
    assert result.stdout.strip() == "600", result.stderr
