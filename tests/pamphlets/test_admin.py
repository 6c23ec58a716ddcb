"""Managing pamphlets in the admin: editions inline, uploads checked by content, languages, statistics."""

import hashlib
import html
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iwgtip_site.publishing import Status
from pamphlets import pdf
from pamphlets.admin import download_statistics
from pamphlets.models import DownloadCount, Edition, Language, Pamphlet
from pamphlets.services import download_record
from tests.factories import (
    EditionFactory,
    LanguageFactory,
    PamphletFactory,
    make_pdf,
    make_pdf_with_javascript,
    make_tagged_pdf,
)

pytestmark = pytest.mark.django_db


def _form(pamphlet=None, editions=(), **overrides):
    """The pamphlet change form as a browser posts it; `editions` are dicts of inline fields."""
    data = {
        "title_en": pamphlet.title_en if pamphlet else "Warning pamphlet",
        "title_fr": pamphlet.title_fr if pamphlet else "Dépliant de mise en garde",
        "slug_en": pamphlet.slug_en if pamphlet else "warning",
        "slug_fr": pamphlet.slug_fr if pamphlet else "mise-en-garde",
        "edition_date": "",
        "summary_en": "",
        "summary_fr": "",
        "body_en": "<p>Text.</p>",
        "body_fr": "<p>Texte.</p>",
        "status": Status.PUBLISHED,
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "loaded_version": str(pamphlet.edit_version) if pamphlet else "",
        "editions-TOTAL_FORMS": str(len(editions)),
        "editions-INITIAL_FORMS": str(sum(1 for edition in editions if edition.get("id"))),
        "editions-MIN_NUM_FORMS": "0",
        "editions-MAX_NUM_FORMS": "1000",
    }
    for index, edition in enumerate(editions):
        for key, value in edition.items():
            data[f"editions-{index}-{key}"] = value
    data.update(overrides)
    return data


def _pdf_upload(text="Uploaded", pages=2, name="pamphlet.pdf"):
    return SimpleUploadedFile(name, make_pdf(text, pages=pages), content_type="application/pdf")


def add_pamphlet_with_an_arabic_edition(admin_client, pages=3):
    """An editor adds the "warning" pamphlet with a published Arabic edition; returns (edition, the PDF)."""
    arabic = LanguageFactory(code="ar")
    upload = _pdf_upload(pages=pages)
    content = upload.read()
    upload.seek(0)
    response = admin_client.post(
        "/en/admin/pamphlets/pamphlet/add/",
        _form(editions=[{"language": arabic.pk, "file": upload, "status": Status.PUBLISHED}]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Edition.objects.get(), content


def test_editor_adds_a_pamphlet_with_an_edition_and_its_file_is_described(admin_client, client):
    edition, content = add_pamphlet_with_an_arabic_edition(admin_client, pages=3)
    assert (edition.size, edition.page_count) == (len(content), 3)
    assert edition.sha256 == hashlib.sha256(content).hexdigest()
    assert edition.uploaded_at is not None
    downloaded = client.get("/en/pamphlets/warning/ar.pdf")
    assert b"".join(downloaded.streaming_content) == content


def test_change_form_shows_each_editions_file_information(admin_client):
    edition = EditionFactory(content=make_pdf(pages=2))
    page = html.unescape(
        admin_client.get(f"/en/admin/pamphlets/pamphlet/{edition.pamphlet.pk}/change/").content.decode()
    )
    assert edition.sha256[:16] + "<wbr>" + edition.sha256[16:32] in page
    assert "2 pages" in page
    assert f'href="{edition.get_absolute_url()}"' in page
    assert 'accept="application/pdf,.pdf"' in page
    assert "Language editions (one PDF file per language)" in page
    french = html.unescape(
        admin_client.get(f"/fr/admin/pamphlets/pamphlet/{edition.pamphlet.pk}/change/").content.decode()
    )
    assert "Ouvrir le fichier" in french
    assert "Téléversé le" in french


@pytest.mark.parametrize(
    ("content", "english", "french"),
    [
        (
            b"<html><body>Not a PDF</body></html>",
            "This file is not a PDF document",
            "Ce fichier n'est pas un document PDF",
        ),
        (
            make_pdf(pages=3)[:900],
            "This PDF file is damaged or incomplete",
            "Ce fichier PDF est endommagé ou incomplet",
        ),
    ],
)
def test_a_bad_upload_is_a_form_error_in_the_editors_language_and_the_old_file_stays(
    admin_client, client, content, english, french
):
    edition = EditionFactory(pamphlet=PamphletFactory(slug_en="warning"), language=LanguageFactory(code="ar"))
    before = b"".join(client.get("/en/pamphlets/warning/ar.pdf").streaming_content)
    files_before = sorted(default_storage.listdir("pamphlets")[1])
    row = {
        "id": edition.pk,
        "pamphlet": edition.pamphlet.pk,
        "language": edition.language.pk,
        "status": Status.PUBLISHED,
    }
    for language, message in (("fr", french), ("en", english)):
        data = _form(edition.pamphlet, editions=[{**row, "file": SimpleUploadedFile("fake.pdf", content)}])
        response = admin_client.post(f"/{language}/admin/pamphlets/pamphlet/{edition.pamphlet.pk}/change/", data)
        assert response.status_code == 200
        assert message in html.unescape(response.content.decode())
    edition.refresh_from_db()
    assert b"".join(client.get("/en/pamphlets/warning/ar.pdf").streaming_content) == before
    assert sorted(default_storage.listdir("pamphlets")[1]) == files_before


def test_replacing_a_file_in_the_admin_keeps_the_address(admin_client, client, django_capture_on_commit_callbacks):
    edition = EditionFactory(pamphlet=PamphletFactory(slug_en="warning"), language=LanguageFactory(code="ar"))
    old_name = edition.file.name
    upload = _pdf_upload("Second edition", pages=4)
    new_content = upload.read()
    upload.seek(0)
    row = {
        "id": edition.pk,
        "pamphlet": edition.pamphlet.pk,
        "language": edition.language.pk,
        "status": Status.PUBLISHED,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/en/admin/pamphlets/pamphlet/{edition.pamphlet.pk}/change/",
            _form(edition.pamphlet, editions=[{**row, "file": upload}]),
        )
    assert response.status_code == 302
    assert b"".join(client.get("/en/pamphlets/warning/ar.pdf").streaming_content) == new_content
    assert not default_storage.exists(old_name)
    edition.refresh_from_db()
    assert edition.page_count == 4


def test_saving_without_a_new_file_keeps_the_file(admin_client):
    edition = EditionFactory()
    before = (edition.file.name, edition.sha256)
    row = {"id": edition.pk, "pamphlet": edition.pamphlet.pk, "language": edition.language.pk, "status": Status.DRAFT}
    response = admin_client.post(
        f"/en/admin/pamphlets/pamphlet/{edition.pamphlet.pk}/change/", _form(edition.pamphlet, editions=[row])
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.file.name, edition.sha256, edition.status) == (*before, Status.DRAFT)


def test_one_file_per_language(admin_client):
    arabic = LanguageFactory(code="ar")
    rows = [{"language": arabic.pk, "file": _pdf_upload(), "status": Status.PUBLISHED} for _ in range(2)]
    response = admin_client.post("/fr/admin/pamphlets/pamphlet/add/", _form(editions=rows))
    assert response.status_code == 200
    assert not Pamphlet.objects.exists()
    assert not default_storage.exists("pamphlets") or not default_storage.listdir("pamphlets")[1]


def test_slug_clash_and_missing_slug_are_form_errors_in_the_editors_language(admin_client):
    PamphletFactory(slug_fr="mise-en-garde")
    response = admin_client.post("/fr/admin/pamphlets/pamphlet/add/", _form(slug_en="other"))
    assert response.status_code == 200
    assert "Un objet Dépliant avec ce champ Segment d'adresse [fr] existe déjà." in html.unescape(
        response.content.decode()
    )
    response = admin_client.post("/fr/admin/pamphlets/pamphlet/add/", _form(slug_en="", slug_fr="autre"))
    assert "Donnez un segment d'adresse à la version en anglais." in html.unescape(response.content.decode())
    assert Pamphlet.objects.count() == 1


def test_languages_have_their_own_screen(admin_client):
    response = admin_client.post(
        "/fr/admin/pamphlets/language/add/",
        {"code": "fa", "name_en": "Persian", "name_fr": "persan", "endonym": "فارسی", "direction": "rtl"},
    )
    assert response.status_code == 302
    listing = admin_client.get("/en/admin/pamphlets/language/").content.decode()
    assert '<span lang="fa" dir="rtl">فارسی</span>' in listing
    bad = admin_client.post(
        "/fr/admin/pamphlets/language/add/",
        {"code": "Farsi", "name_en": "Persian", "name_fr": "persan", "endonym": "فارسی", "direction": "rtl"},
    )
    assert "Entrez une étiquette de langue BCP 47" in html.unescape(bad.content.decode())
    assert Language.objects.count() == 1


def test_a_language_in_use_cannot_be_deleted(admin_client):
    edition = EditionFactory()
    response = admin_client.post(f"/en/admin/pamphlets/language/{edition.language.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert Language.objects.filter(pk=edition.language.pk).exists()


def test_publish_with_all_editions_action(admin_client, client):
    pamphlet = PamphletFactory(slug_en="soon", status=Status.DRAFT)
    EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="ar"), status=Status.DRAFT)
    response = admin_client.post(
        "/en/admin/pamphlets/pamphlet/",
        {"action": "publish_with_editions", "_selected_action": [pamphlet.pk]},
        follow=True,
    )
    assert "2 items published." in response.content.decode()
    assert client.get("/en/pamphlets/soon/ar.pdf").status_code == 200


def test_statistics_show_totals_per_language_and_months(admin_client):
    pamphlet = PamphletFactory()
    arabic = EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="ar", name_en="Arabic", endonym="العربية"))
    EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="ko", name_en="Korean", endonym="한국어"))
    for day, times in ((date(2026, 11, 3), 4), (date(2026, 9, 30), 2), (date(2024, 1, 1), 7)):
        for _ in range(times):
            download_record(pamphlet=pamphlet, edition=arabic, day=day)
    download_record(pamphlet=pamphlet, day=date(2026, 11, 4))

    stats = download_statistics(pamphlet, today=date(2026, 11, 28))
    assert [(language.code, total) for language, total in stats["rows"]] == [("ar", 13), ("ko", 0)]
    assert (stats["zip_total"], stats["grand_total"]) == (1, 14)
    months = [(bar["month"], bar["total"]) for bar in stats["bars"]]
    assert months[0] == (date(2025, 12, 1), 0)
    assert months[-1] == (date(2026, 11, 1), 5)
    assert (date(2026, 9, 1), 2) in months
    assert max(bar["height"] for bar in stats["bars"]) == stats["chart_height"]

    page = html.unescape(admin_client.get(f"/fr/admin/pamphlets/pamphlet/{pamphlet.pk}/change/").content.decode())
    assert "Téléchargements par langue" in page
    assert '<th scope="row">Toutes les langues (fichier ZIP)</th><td>—</td><td>1</td>' in page
    assert '<svg class="pamphlet-downloads__chart" role="img"' in page
    assert "<caption>Téléchargements par mois</caption>" in page
    assert DownloadCount.objects.count() == 4


def test_change_form_queries_do_not_grow_with_the_editions(admin_client):
    def queries_for(editions):
        pamphlet = PamphletFactory()
        EditionFactory.create_batch(editions, pamphlet=pamphlet)
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get(f"/en/admin/pamphlets/pamphlet/{pamphlet.pk}/change/").status_code == 200
        return len(context.captured_queries)

    # The rows' autocomplete boxes show the language the rows' queryset loaded (iwgtip_site.admin.inlines).
    assert queries_for(6) == queries_for(1)


def test_an_uploaded_pdf_is_read_once(admin_client, monkeypatch):
    reads = []

    def counted(uploaded):
        reads.append(uploaded.name)
        return inspect(uploaded)

    inspect = pdf.inspect_pdf
    monkeypatch.setattr("pamphlets.admin.inspect_pdf", counted)
    monkeypatch.setattr("pamphlets.services.inspect_pdf", counted)
    language = LanguageFactory()
    editions = [{"language": language.pk, "file": _pdf_upload(), "status": Status.PUBLISHED}]
    assert admin_client.post("/en/admin/pamphlets/pamphlet/add/", _form(editions=editions)).status_code == 302
    assert Edition.objects.get().page_count == 2
    assert reads == ["pamphlet.pdf"]


# After an upload: what the file lacks for accessibility (issue 15), and names of any length (issue 16)


def test_an_untagged_upload_is_accepted_with_warnings_naming_the_file_and_edition(admin_client):
    arabic = LanguageFactory(code="ar", name_en="Arabic", name_fr="arabe")
    upload = _pdf_upload(name="dépliant-arabe.pdf")
    response = admin_client.post(
        "/en/admin/pamphlets/pamphlet/add/",
        _form(editions=[{"language": arabic.pk, "file": upload, "status": Status.PUBLISHED}]),
        follow=True,
    )
    assert response.status_code == 200
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 2
    assert warnings[0].startswith("The PDF file “dépliant-arabe.pdf” of the Arabic (ar) edition is not tagged")
    assert "(ar)" in warnings[1]
    edition = Edition.objects.get()
    assert (edition.is_tagged, edition.document_language) == (False, "")
    change_form = html.unescape(
        admin_client.get(f"/en/admin/pamphlets/pamphlet/{edition.pamphlet.pk}/change/").content.decode()
    )
    assert f"The PDF file “{edition.download_name}” of the Arabic (ar) edition is not tagged" in change_form


def test_a_tagged_upload_in_its_language_brings_no_warning(admin_client):
    arabic = LanguageFactory(code="ar")
    upload = SimpleUploadedFile("tagged.pdf", make_tagged_pdf("ar"), content_type="application/pdf")
    response = admin_client.post(
        "/en/admin/pamphlets/pamphlet/add/",
        _form(editions=[{"language": arabic.pk, "file": upload, "status": Status.PUBLISHED}]),
        follow=True,
    )
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert Edition.objects.get().is_tagged is True


def test_an_upload_with_a_very_long_file_name_is_accepted(admin_client):
    arabic = LanguageFactory(code="ar")
    upload = _pdf_upload(name="pamphlet-" + "x" * 240 + ".pdf")
    response = admin_client.post(
        "/en/admin/pamphlets/pamphlet/add/",
        _form(editions=[{"language": arabic.pk, "file": upload, "status": Status.PUBLISHED}]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(Edition.objects.get().file.name) < 60


def test_a_pdf_with_javascript_is_a_form_error(admin_client):
    arabic = LanguageFactory(code="ar")
    upload = SimpleUploadedFile("script.pdf", make_pdf_with_javascript(), content_type="application/pdf")
    response = admin_client.post(
        "/en/admin/pamphlets/pamphlet/add/",
        _form(editions=[{"language": arabic.pk, "file": upload, "status": Status.PUBLISHED}]),
    )
    assert response.status_code == 200
    assert "This PDF file contains JavaScript" in html.unescape(response.content.decode())
    assert not Edition.objects.exists()
