"""The translators' round trip in the admin: the export action on a list, the import screen's report, the
confirmation before a partial import, hostile files refused with a message; in English and French."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from iwgtip_site import translation_exchange as exchange
from legislation.models import Instrument
from pages.models import Page
from tests.factories import EditionFactory, InstrumentFactory, LanguageFactory, PageFactory, PamphletFactory
from tests.iwgtip_site.test_translation_exchange import BILLION_LAUGHS, editions, translated

pytestmark = pytest.mark.django_db
IMPORT = "/en/admin/translations/import/"


def upload(client, data, path=IMPORT):
    return client.post(path, {"file": SimpleUploadedFile("returned.xlf", data, "application/x-xliff+xml")})


def test_the_export_action_sends_an_xliff_file_of_the_selected_items(admin_client, root):
    page = PageFactory(parent=root, summary_fr="")
    response = admin_client.post(
        "/en/admin/pages/page/", {"action": "export_for_translation", "_selected_action": [page.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-xliff+xml"
    assert response["Content-Disposition"].endswith('.xlf"')
    units = {unit.id for unit in exchange.read(response.content).units}
    assert f"pages.page:{page.pk}:summary" in units


def test_an_upload_is_reported_unit_by_unit_and_applied_only_when_asked(admin_client, root):
    page = PageFactory(parent=root, status="draft", summary_fr="")
    returned = translated(exchange.export([page]), {f"pages.page:{page.pk}:summary": "Un résumé traduit."})
    report = upload(admin_client, returned)
    assert report.status_code == 200
    assert report.content.decode().count('class="translation-unit ') == len(exchange.read(returned).units)
    assert Page.objects.get(pk=page.pk).summary_fr == ""  # checked, not applied
    token = report.context["token"]
    applied = admin_client.post(IMPORT, {"token": token}, follow=True)
    assert "The translation was applied to 1 item" in applied.content.decode()
    assert Page.objects.get(pk=page.pk).summary_fr == "Un résumé traduit."


def test_a_file_with_units_that_cannot_be_applied_needs_the_editors_confirmation(admin_client):
    instrument = InstrumentFactory(status="draft", body_en="<p>Body.</p>", body_fr="")
    data = exchange.export([instrument])
    Instrument.objects.filter(pk=instrument.pk).update(summary_en="Changed since the export.")
    returned = translated(
        data,
        {
            f"legislation.instrument:{instrument.pk}:summary": "Résumé.",
            f"legislation.instrument:{instrument.pk}:body": "<p>Corps.</p>",
        },
    )
    report = upload(admin_client, returned)
    assert "Source changed since export: not applied" in report.content.decode()
    token = report.context["token"]
    refused = admin_client.post(IMPORT, {"token": token})
    assert "tick the box" in refused.content.decode()
    assert Instrument.objects.get(pk=instrument.pk).body_fr == ""  # nothing applied partially
    admin_client.post(IMPORT, {"token": token, "confirm": "yes"})
    stored = Instrument.objects.get(pk=instrument.pk)
    assert stored.body_fr == "<p>Corps.</p>"
    assert stored.summary_fr == "Ce que fait cette loi."  # the unit whose source changed is left alone


@pytest.mark.parametrize(("path", "label", "message"), [
    (IMPORT, "Wrong language: not applied", "This unit names the version in another language (es)"),
    ("/fr/admin/translations/import/", "Langue incorrecte\u00a0: non appliqué",
     "Cette unité désigne la version dans une autre langue (es)"),
])  # fmt: skip
def test_an_edition_in_another_language_than_the_files_is_reported_in_the_admins_language(
    admin_client, path, label, message
):
    pamphlet = PamphletFactory(status="draft")
    _english, french = editions(pamphlet, english="<p>Ask for help.</p>", french="", status="draft")
    spanish = EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="es"), status="draft")
    returned = translated(exchange.export([pamphlet]), {f"pamphlets.edition:{french.pk}:text": "<p>Aide.</p>"})
    returned = returned.replace(f"pamphlets.edition:{french.pk}:".encode(), f"pamphlets.edition:{spanish.pk}:".encode())
    content = upload(admin_client, returned, path).content.decode()
    assert label in content and message in content
    assert str(spanish) in content  # the edition the unit names


@pytest.mark.parametrize(("path", "message"), [
    (IMPORT, "declares a DTD or entities"),
    ("/fr/admin/translations/import/", "déclare une DTD ou des entités"),
])  # fmt: skip
def test_a_hostile_file_is_refused_with_a_message_in_the_admins_language(admin_client, root, path, message):
    response = upload(admin_client, BILLION_LAUGHS, path)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "token" not in response.context


def test_the_import_screen_is_in_french(admin_client):
    html = admin_client.get("/fr/admin/translations/import/").content.decode()
    assert "Importer une traduction" in html and "Vérifier le fichier" in html
