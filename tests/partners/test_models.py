"""Organizations: both languages, addresses, the working group and website rules, in the editor's language."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from iwgtip_site.i18n import has_translation, url_in_language
from iwgtip_site.publishing import Status
from partners.models import Organization, OrganizationKind, WorkingGroupRole
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _errors(organization, language="en"):
    """The validation errors, read (as the admin does) in the editor's language."""
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            organization.full_clean()
        return {field: [str(message) for message in messages] for field, messages in error.value.message_dict.items()}


def test_address_is_the_slug_in_each_language():
    organization = OrganizationFactory(slug_en="public-safety-canada", slug_fr="securite-publique-canada")
    assert url_in_language(organization, "en") == "/en/partners/public-safety-canada/"
    assert url_in_language(organization, "fr") == "/fr/partenaires/securite-publique-canada/"


def test_links_to_an_english_only_organization_lead_to_its_english_page():
    organization = OrganizationFactory(slug_en="english-only", name_fr="", slug_fr=None)
    assert not has_translation(organization, "fr")
    assert url_in_language(organization, "fr") == "/en/partners/english-only/"


def test_name_in_the_other_language_serves_as_label_when_the_current_one_is_missing():
    organization = OrganizationFactory.build(name_en="", name_fr="Processus de Bali")
    with translation.override("en"):
        assert str(organization) == "Processus de Bali"


def test_an_organization_needs_a_name_in_some_language():
    organization = OrganizationFactory.build(name_en="", name_fr="", slug_en=None, slug_fr=None)
    assert _errors(organization, "fr") == {"name_en": ["Donnez-lui un nom dans au moins une langue."]}


def test_a_name_needs_a_slug_in_the_same_language_and_the_other_way_round():
    assert _errors(OrganizationFactory.build(slug_fr=None), "fr") == {
        "slug_fr": ["Donnez un segment d'adresse à la version en français."]
    }
    assert _errors(OrganizationFactory.build(name_en=""), "en") == {"name_en": ["Give the English version a name."]}


def test_a_french_only_organization_is_a_valid_draft_but_cannot_be_published():
    draft = OrganizationFactory.build(
        name_en="", slug_en=None, name_fr="Organisme québécois", slug_fr="organisme", status=Status.DRAFT
    )
    draft.full_clean()
    draft.status = Status.PUBLISHED
    assert "status" in _errors(draft, "en")


def test_slugs_are_unique_in_each_language():
    OrganizationFactory(slug_en="same", slug_fr="pareil")
    assert _errors(OrganizationFactory.build(slug_en="other", slug_fr="pareil"), "fr") == {
        "slug_fr": ["Une autre organisation utilise déjà ce segment d'adresse en français."]
    }
    assert _errors(OrganizationFactory.build(slug_en="same", slug_fr="autre"), "en") == {
        "slug_en": ["Another organization already uses this slug in English."]
    }
    # The same word may serve in both languages (G7 is "g7" in both).
    OrganizationFactory.build(slug_en="pareil", slug_fr="same").full_clean()


@pytest.mark.parametrize(
    ("field", "slug"), [("slug_en", "working-group-members"), ("slug_fr", "membres-du-groupe-de-travail")]
)
def test_a_slug_may_not_take_the_working_group_page_address(field, slug):
    errors = _errors(OrganizationFactory.build(**{field: slug}))
    assert list(errors) == [field]
    assert "This address is taken by another page of the partners section" in errors[field][0]


def test_a_slug_with_spaces_is_a_form_error_not_a_crash():
    errors = _errors(OrganizationFactory.build(slug_en="not a slug"))
    assert "slug_en" in errors
    assert "slug_fr" not in errors


@pytest.mark.parametrize("kind", [k for k in OrganizationKind if k != OrganizationKind.FEDERAL])
def test_only_federal_organizations_sit_on_the_working_group(kind):
    organization = OrganizationFactory.build(kind=kind, working_group_role=WorkingGroupRole.MEMBER)
    assert _errors(organization, "fr") == {
        "working_group_role": [
            "Seuls les ministères et organismes fédéraux font partie du groupe de travail interministériel\xa0: "
            "choisissez «\xa0Aucun\xa0» ou changez le type."
        ]
    }


def test_canadas_participation_is_for_international_organizations_and_fora():
    federal = OrganizationFactory.build(canada_participation_fr="<p>Le Canada y participe.</p>")
    assert list(_errors(federal)) == ["canada_participation_fr"]
    for kind in (OrganizationKind.INTERNATIONAL, OrganizationKind.FORUM):
        OrganizationFactory.build(
            kind=kind,
            canada_participation_en="<p>Canada takes part.</p>",
            canada_participation_fr="<p>Le Canada y participe.</p>",
        ).full_clean()


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://ftp.example.org/",
        "file:///etc/passwd",
        "mailto:someone@example.org",
        "https://",
    ],
)
def test_a_website_must_be_an_http_or_https_address(address):
    organization = OrganizationFactory.build(website_en=address, website_fr=address)
    errors = _errors(organization, "fr")
    assert errors["website_fr"] == [
        "Entrez une adresse Web qui commence par https:// ou http://, comme https://www.canada.ca/."
    ]
    assert "website_en" in errors


def test_http_and_https_websites_are_accepted():
    OrganizationFactory.build(website_en="https://www.osce.org/", website_fr="http://example.org/fr/").full_clean()


def test_the_website_shown_is_the_readers_language_or_the_other_one_marked_as_such():
    organization = OrganizationFactory.build(website_en="https://crmsv.org/en", website_fr="")
    assert organization.website_link("en") == ("https://crmsv.org/en", "en")
    assert organization.website_link("fr") == ("https://crmsv.org/en", "en")
    organization.website_fr = "https://example.org/fr/"
    assert organization.website_link("fr") == ("https://example.org/fr/", "fr")
    assert OrganizationFactory.build().website_link("fr") == (None, None)


def test_live_and_in_language_select_what_the_public_may_see_in_each_language():
    bilingual = OrganizationFactory()
    english_only = OrganizationFactory(name_fr="", slug_fr=None)
    OrganizationFactory(status=Status.DRAFT)
    assert set(Organization.objects.live().in_language("en")) == {bilingual, english_only}
    assert set(Organization.objects.live().in_language("fr")) == {bilingual}


def test_directory_order_is_by_kind_then_name_ignoring_case():
    forum = OrganizationFactory(kind=OrganizationKind.FORUM, name_en="Bali Process")
    ngo = OrganizationFactory(kind=OrganizationKind.NGO, name_en="A shelter")
    federal_b = OrganizationFactory(name_en="public Safety Canada")
    federal_a = OrganizationFactory(name_en="Department of Justice Canada")
    international = OrganizationFactory(kind=OrganizationKind.INTERNATIONAL, name_en="United Nations")
    assert list(Organization.objects.in_directory_order("en")) == [federal_a, federal_b, international, forum, ngo]


def test_working_group_lists_the_lead_first_then_members_by_name():
    member_b = OrganizationFactory(name_en="B member", working_group_role=WorkingGroupRole.MEMBER)
    lead = OrganizationFactory(name_en="Z lead", working_group_role=WorkingGroupRole.LEAD)
    member_a = OrganizationFactory(name_en="a member", working_group_role=WorkingGroupRole.MEMBER)
    OrganizationFactory(name_en="Not a member")
    assert list(Organization.objects.working_group("en")) == [lead, member_a, member_b]
