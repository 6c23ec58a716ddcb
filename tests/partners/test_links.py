"""Organizations linked to the rest of the site: the legislation they are responsible for and the pamphlets
they distribute, shown from both ends, live items only, in the reader's language."""

import html
from io import StringIO

import pytest
from django.core.management import call_command

from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from partners.models import Organization
from tests.factories import InstrumentFactory, OrganizationFactory, PamphletFactory

pytestmark = pytest.mark.django_db


def _page(client, item, language):
    response = client.get(url_in_language(item, language))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_responsibility_shows_from_both_ends(client):
    justice = OrganizationFactory(name_en="Department of Justice Canada", name_fr="Ministère de la Justice Canada")
    code = InstrumentFactory(title_en="Criminal Code", title_fr="Code criminel")
    justice.responsible_for.add(code)
    organization_page = _page(client, justice, "fr")
    # « sous sa responsabilité », not « dont elle est responsable »: a ministère is masculine, an organisation feminine.
    assert "Législation sous sa responsabilité" in organization_page and "Code criminel" in organization_page
    instrument_page = _page(client, code, "en")
    assert "Responsible organizations" in instrument_page and "Department of Justice Canada" in instrument_page


def test_distribution_shows_from_both_ends(client):
    ngo = OrganizationFactory(kind="ngo", name_en="Helping Hands", name_fr="Mains secourables")
    pamphlet = PamphletFactory(title_en="Warning pamphlet", title_fr="Dépliant de mise en garde")
    ngo.distributes.add(pamphlet)
    assert "Dépliant de mise en garde" in _page(client, ngo, "fr")
    assert "Distributed by" in _page(client, pamphlet, "en") and "Helping Hands" in _page(client, pamphlet, "en")


def test_unpublished_ends_are_not_shown(client):
    organization = OrganizationFactory()
    draft_law = InstrumentFactory(status=Status.DRAFT, title_en="Secret draft law")
    organization.responsible_for.add(draft_law)
    assert "Secret draft law" not in _page(client, organization, "en")
    draft_organization = OrganizationFactory(status=Status.DRAFT, name_en="Hidden office")
    law = InstrumentFactory()
    draft_organization.responsible_for.add(law)
    assert "Hidden office" not in _page(client, law, "en")


def test_seed_links_justice_to_the_criminal_code():
    call_command("load_initial_data", stdout=StringIO())
    justice = Organization.objects.get(slug_en="department-of-justice-canada")
    assert [instrument.slug_en for instrument in justice.responsible_for.all()] == ["criminal-code"]
