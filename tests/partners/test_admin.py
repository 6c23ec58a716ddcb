"""Editing organizations in the admin: both languages, filters, search, logo preview, errors in French."""

import html

import pytest
from django.test import Client

from iwgtip_site.publishing import Status
from partners.models import Organization, OrganizationKind, WorkingGroupRole
from tests.factories import OrganizationFactory

from .admin_forms import form_data
from .images import upload

pytestmark = pytest.mark.django_db

LIST = "/en/admin/partners/organization/"


def _text(response):
    return html.unescape(response.content.decode())


def test_change_form_has_both_languages_with_ckeditor_for_rich_text(admin_client):
    organization = OrganizationFactory()
    content = admin_client.get(f"{LIST}{organization.pk}/change/").content.decode()
    for field in ("name", "acronym", "slug", "summary", "description", "website", "canada_participation", "logo_alt"):
        for code in ("en", "fr"):
            assert f'name="{field}_{code}"' in content, field
    assert content.count('data-type="ckeditortype"') == 4  # description and Canada's participation, twice
    assert 'name="logo" accept="image/png,image/jpeg,image/webp"' in content
    assert 'enctype="multipart/form-data"' in content


def test_french_admin_speaks_french(admin_client):
    content = _text(admin_client.get("/fr/admin/partners/organization/add/"))
    assert "Participation du Canada" in content
    assert "Rôle au sein du groupe de travail" in content
    assert "Ministère ou organisme fédéral" in content


def test_editor_creates_a_bilingual_organization_with_sanitized_rich_text(admin_client, root):
    data = form_data(
        status=Status.PUBLISHED,
        description_en='<p onclick="steal()">Runs the hotline.</p><script>steal()</script>',
        description_fr="<p>Gère la ligne d'urgence.</p>",
        website_en="https://www.canadiancentretoendhumantrafficking.ca/",
    )
    response = admin_client.post(f"{LIST}add/", data)
    assert response.status_code == 302, _text(response)[:3000]
    organization = Organization.objects.get(slug_en="canadian-centre")
    assert organization.description_en == "<p>Runs the hotline.</p>"
    public = Client()
    assert "Runs the hotline." in _text(public.get("/en/partners/canadian-centre/"))
    assert "Gère la ligne d'urgence." in _text(public.get("/fr/partenaires/centre-canadien/"))


def test_a_website_that_is_not_http_is_a_form_error_in_the_editors_language(admin_client):
    data = form_data(website_en="javascript:alert(document.cookie)", website_fr="ftp://example.org/")
    response = admin_client.post("/fr/admin/partners/organization/add/", data)
    assert response.status_code == 200
    content = _text(response)
    assert content.count("Entrez une adresse Web qui commence par https:// ou http://") == 2
    assert not Organization.objects.exists()


def test_website_without_a_scheme_is_taken_as_https(admin_client):
    response = admin_client.post(f"{LIST}add/", form_data(website_en="www.osce.org"))
    assert response.status_code == 302
    assert Organization.objects.get().website_en == "https://www.osce.org"


def test_slug_clash_and_missing_alt_text_are_form_errors_in_french(admin_client):
    OrganizationFactory(slug_fr="centre-canadien")
    data = form_data(logo=upload(), logo_alt_en="Logo of the centre")
    response = admin_client.post("/fr/admin/partners/organization/add/", data)
    assert response.status_code == 200
    content = _text(response)
    assert "Une autre organisation utilise déjà ce segment d'adresse en français." in content
    assert "Décrivez le logo en français, pour les personnes qui ne peuvent pas le voir." in content
    assert not Organization.objects.filter(slug_en="canadian-centre").exists()


def test_list_filters_by_type_and_role(admin_client):
    OrganizationFactory(name_en="Lead department", working_group_role=WorkingGroupRole.LEAD)
    OrganizationFactory(name_en="Bali Process", kind=OrganizationKind.FORUM)
    content = _text(admin_client.get(LIST))
    assert "By type" in content and "By role in the working group" in content
    by_kind = _text(admin_client.get(LIST, {"kind__exact": "forum"}))
    assert "Bali Process" in by_kind and "Lead department" not in by_kind
    by_role = _text(admin_client.get(LIST, {"working_group_role__exact": "lead"}))
    assert "Lead department" in by_role and "Bali Process" not in by_role


@pytest.mark.parametrize("query", ["Sécurité publique", "Public Safety", "SP", "PS"])
def test_search_finds_names_and_acronyms_in_both_languages(admin_client, query):
    OrganizationFactory(name_en="Public Safety Canada", name_fr="Sécurité publique Canada", acronym_en="PS",
                        acronym_fr="SP")  # fmt: skip
    OrganizationFactory(name_en="United Nations", name_fr="Organisation des Nations Unies", acronym_en="UN",
                        acronym_fr="ONU")  # fmt: skip
    content = _text(admin_client.get(LIST, {"q": query}))
    assert "Public Safety Canada" in content
    assert "United Nations" not in content


def test_logo_preview_in_the_list_and_the_form_with_its_text_alternatives(admin_client):
    organization = OrganizationFactory(
        logo=upload(), logo_alt_en="Public Safety Canada logo", logo_alt_fr="Logo de Sécurité publique Canada"
    )
    url = f"/media/{organization.logo.name}"
    listing = _text(admin_client.get(LIST))
    assert f'<img src="{url}" alt="Public Safety Canada logo" width="80" height="40">' in listing
    form = _text(admin_client.get(f"/fr/admin/partners/organization/{organization.pk}/change/"))
    assert f'<img src="{url}" alt="Logo de Sécurité publique Canada" width="120" height="60">' in form
    assert "<li>EN: Public Safety Canada logo</li><li>FR: Logo de Sécurité publique Canada</li>" in form


def test_publish_action_puts_an_organization_on_the_public_site(admin_client, root):
    draft = OrganizationFactory(status=Status.DRAFT, slug_en="soon")
    public = Client()
    assert public.get("/en/partners/soon/").status_code == 404
    response = admin_client.post(LIST, {"action": "publish_selected", "_selected_action": [draft.pk]}, follow=True)
    assert "1 item published." in _text(response)
    assert public.get("/en/partners/soon/").status_code == 200
