"""`load_initial_data`: the organizations and fora the source text names, in both languages; idempotent."""

import html
from io import StringIO

import pytest
from django.core.management import call_command

from iwgtip_site.i18n import url_in_language
from partners.models import Organization, OrganizationKind, WorkingGroupRole
from partners.seed import ORGANIZATIONS

pytestmark = pytest.mark.django_db

# English name: (French name, kind)
NAMED_IN_THE_SOURCE = {
    "Public Safety Canada": ("Sécurité publique Canada", OrganizationKind.FEDERAL),
    "Department of Justice Canada": ("Ministère de la Justice Canada", OrganizationKind.FEDERAL),
    "United Nations": ("Organisation des Nations Unies", OrganizationKind.INTERNATIONAL),
    "Organization of American States": ("Organisation des États américains", OrganizationKind.INTERNATIONAL),
    "G7": ("G7", OrganizationKind.FORUM),
    "Regional Conference on Migration": ("Conférence régionale sur les migrations", OrganizationKind.FORUM),
    "Organization for Security and Co-operation in Europe": (
        "Organisation pour la sécurité et la coopération en Europe",
        OrganizationKind.INTERNATIONAL,
    ),
    "Bali Process": ("Processus de Bali", OrganizationKind.FORUM),
}


def _load(*args):
    out = StringIO()
    call_command("load_initial_data", *args, stdout=out)
    return out.getvalue()


def _text(response):
    return html.unescape(response.content.decode())


def test_every_organization_the_source_names_is_live_in_both_languages(client):
    _load()
    assert Organization.objects.count() == len(NAMED_IN_THE_SOURCE)
    for english_name, (french_name, kind) in NAMED_IN_THE_SOURCE.items():
        organization = Organization.objects.get(name_en=english_name)
        assert (organization.name_fr, organization.kind) == (french_name, kind)
        english = client.get(url_in_language(organization, "en"))
        french = client.get(url_in_language(organization, "fr"))
        assert english.status_code == french.status_code == 200, english_name
        assert english_name in _text(english)
        assert french_name in _text(french)
        assert url_in_language(organization, "fr").startswith("/fr/partenaires/")


def test_public_safety_leads_the_working_group_page(client):
    _load()
    assert Organization.objects.get(name_en="Public Safety Canada").working_group_role == WorkingGroupRole.LEAD
    french = _text(client.get("/fr/partenaires/membres-du-groupe-de-travail/"))
    assert french.index("Sécurité publique Canada") < french.index("Ministère de la Justice Canada")


def test_every_forum_states_canadas_participation_from_the_source_text(client):
    _load()
    fora = Organization.objects.filter(kind__in=[OrganizationKind.INTERNATIONAL, OrganizationKind.FORUM])
    assert fora.count() == 6
    for forum in fora:
        assert "best practices and strategies to combat human trafficking" in forum.canada_participation_en
        assert "pratiques exemplaires et des stratégies de lutte contre" in forum.canada_participation_fr
    g7 = _text(client.get("/fr/partenaires/g7/"))
    assert "Le Canada participe au G7 pour échanger des pratiques exemplaires" in g7


def test_seeded_websites_are_https_and_french_pages_mark_english_only_sites(client):
    _load()
    for fields in ORGANIZATIONS:
        for key in ("website_en", "website_fr"):
            assert fields.get(key, "https://").startswith("https://")
    french = _text(client.get("/fr/partenaires/processus-de-bali/"))
    assert '<a href="https://www.baliprocess.net/" hreflang="en">www.baliprocess.net</a> (en anglais)' in french
    assert '<a href="https://www.oas.org/fr/">www.oas.org/fr/</a>' in _text(
        client.get("/fr/partenaires/organisation-des-etats-americains/")
    )


def test_every_seeded_record_passes_the_editors_validation():
    for fields in ORGANIZATIONS:
        Organization(**fields).full_clean()


def test_running_twice_changes_nothing_and_keeps_staff_edits():
    _load()
    organization = Organization.objects.get(slug_en="bali-process")
    organization.summary_en = "Edited by staff."
    organization.save()
    output = _load()
    assert "Partners: 0 created, 8 already present." in output
    assert Organization.objects.count() == len(NAMED_IN_THE_SOURCE)
    organization.refresh_from_db()
    assert organization.summary_en == "Edited by staff."


def test_reset_starts_over():
    _load()
    Organization.objects.filter(slug_en="g7").update(name_en="Changed")
    _load("--reset")
    assert Organization.objects.get(slug_en="g7").name_en == "G7"
    assert Organization.objects.count() == len(NAMED_IN_THE_SOURCE)


def test_dry_run_saves_no_organization():
    assert "Organization created: Public Safety Canada" in _load("--dry-run")
    assert not Organization.objects.exists()
