"""Static files: CKEditor's editor is served; its samples, test pages and plugin pages are not (CVE-2024-24816);
documents get a policy of their own; no wildcard CORS."""

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command


@pytest.mark.parametrize(
    "path",
    [
        "ckeditor/ckeditor/samples/index.html",
        "ckeditor/ckeditor/samples/old/sample.js",
        "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html",
        "ckeditor/ckeditor/plugins/preview/preview.html",
        "ckeditor/ckeditor/plugins/wsc/dialogs/ciframe.html",
        "ckeditor/ckeditor/plugins/wsc/dialogs/tmpFrameset.html",
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
    assert not [path for path in collected if path.startswith("ckeditor/") and path.endswith(".html")]


def test_static_files_allow_no_other_site_to_read_them(client):
    response = client.get("/static/iwgtip/css/site.css")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_static_documents_may_run_nothing_and_not_be_framed(client):
    response = client.get("/static/iwgtip/img/flag.svg")
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" not in client.get("/static/iwgtip/css/site.css")


def test_the_editor_as_configured_uses_no_excluded_plugin():
    """The plugin pages are hidden because the editor never loads them: their plugins are not in its toolbar."""
    from django.conf import settings

    config = settings.CKEDITOR_CONFIGS["default"]
    toolbar = {button for group in config["toolbar_iwgtip"] for button in group}
    assert not toolbar & {"Preview", "SpellChecker", "Scayt", "Templates"}
    assert "wsc" in config["removePlugins"].split(",")
