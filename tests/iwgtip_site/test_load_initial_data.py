"""`load_initial_data`: the command that loads the seed (tests/iwgtip_site/test_seed.py tests the loader)."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from reversion.models import Revision

from iwgtip_site import seed
from pages.models import Page
from tests.conftest import password_login
from tests.seed_data import load_seed

pytestmark = pytest.mark.django_db


def _files(media_root):
    return [path for path in Path(media_root).rglob("*") if path.is_file()] if Path(media_root).exists() else []


def test_dry_run_says_what_it_would_do_and_keeps_nothing(settings):
    output = load_seed("--dry-run")
    assert "Created page:" in output and "Dry run: nothing was saved." in output
    for model in seed.seeded_models(seed.data_files()):
        assert not model._default_manager.exists(), model
    assert not Revision.objects.exists()
    assert _files(settings.MEDIA_ROOT) == []


def test_dry_run_with_reset_deletes_nothing(settings):
    load_seed()
    files = _files(settings.MEDIA_ROOT)
    load_seed("--reset", "--dry-run")
    assert Page.objects.count() == 8
    assert _files(settings.MEDIA_ROOT) == files


def test_a_broken_data_file_is_a_command_error_and_nothing_is_saved(monkeypatch, tmp_path):
    path = tmp_path / "content.toml"
    path.write_text('[loader]\nidentify = { Page = ["slug_en"] }\n\n[[Page]]\ntitle_en = "Home"\n', encoding="utf-8")
    broken = seed.DataFile.read("pages", path)  # a home page with no French version
    monkeypatch.setattr(seed, "data_files", lambda: [broken])
    with pytest.raises(CommandError, match="French"):
        call_command("load_initial_data")
    assert not Page.objects.exists()


def test_development_admin_gets_a_printed_random_password(settings, client):
    settings.IWGTIP_CREATE_DEV_ADMIN = True
    output = load_seed()
    line = next(line for line in output.splitlines() if "Admin login" in line)
    password = line.split(" / ")[1].split()[0]
    response = password_login(client, "admin", password, path="/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/en/admin/"
    second = load_seed()
    assert password not in second  # a new password each run
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_no_admin_account_outside_development(settings):
    settings.IWGTIP_CREATE_DEV_ADMIN = False
    assert "Admin login" not in load_seed()
    assert not get_user_model().objects.exists()
