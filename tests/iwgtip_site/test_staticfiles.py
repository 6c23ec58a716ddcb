"""Static files: CKEditor's editor is served; its samples and test pages are not (CVE-2024-24816)."""

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command


@pytest.mark.parametrize(
    "path",
    [
        "ckeditor/ckeditor/samples/index.html",
        "ckeditor/ckeditor/samples/old/sample.js",
        "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html",
    ],
)
@pytest.mark.django_db
def test_ckeditor_samples_and_test_pages_are_not_served(client, path):
    assert finders.find(path) is None
    assert client.get(f"/static/{path}").status_code == 404


def test_ckeditor_itself_is_served(client):
    response = client.get("/static/ckeditor/ckeditor/ckeditor.js")
    assert response.status_code == 200


def test_collectstatic_leaves_samples_and_tests_out(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    collected = {path.relative_to(settings.STATIC_ROOT).as_posix() for path in settings.STATIC_ROOT.rglob("*")}
    assert "ckeditor/ckeditor/ckeditor.js" in collected
    assert "iwgtip/css/site.css" in collected
    assert not [path for path in collected if "/samples/" in path or "/tests/" in path]
