"""The public directory, the organization pages and the working group page, in both languages."""

import html
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from partners.models import Organization, OrganizationKind, WorkingGroupRole
from tests.conftest import login
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(timezone.datetime(2026, 11, 2, 9, 0))


def _text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def partners_editor_client(client):
    editor = UserFactory(is_staff=True, permissions=["partners.view_organization", "partners.change_organization"])
    return login(client, editor)


def _hidden_organizations():
    return {
        "draft": OrganizationFactory(status=Status.DRAFT, name_en="Hidden draft", name_fr="Ébauche cachée"),
        "scheduled": OrganizationFactory(
            publish_at=NOW + timedelta(days=1), name_en="Hidden scheduled", name_fr="Prévue cachée"
        ),
        "expired": OrganizationFactory(
            unpublish_at=NOW - timedelta(days=1), name_en="Hidden expired", name_fr="Expirée cachée"
        ),
    }


def test_directory_groups_organizations_by_type_in_both_languages(client, root):
    OrganizationFactory(name_en="Public Safety Canada", name_fr="Sécurité publique Canada", acronym_en="PS",
                        acronym_fr="SP", working_group_role=WorkingGroupRole.LEAD, country_or_region_en="Canada",
                        country_or_region_fr="Canada")  # fmt: skip
    OrganizationFactory(kind=OrganizationKind.FORUM, name_en="Bali Process", name_fr="Processus de Bali",
                        country_or_region_en="Asia-Pacific", country_or_region_fr="Asie-Pacifique")  # fmt: skip
    OrganizationFactory(kind=OrganizationKind.INTERNATIONAL, name_en="United Nations",
                        name_fr="Organisation des Nations Unies")  # fmt: skip

    english = _text(client.get("/en/partners/"))
    assert "<h1>Partners</h1>" in english
    headings = ["Federal departments and agencies", "International organizations", "Intergovernmental fora"]
    assert [english.index(f">{heading}</h2>") for heading in headings] == sorted(
        english.index(f">{heading}</h2>") for heading in headings
    )
    assert "Public Safety Canada</a> (PS)" in english
    assert "Chair or lead" in english
    assert "Asia-Pacific" in english
    assert "3 organizations" in english

    french = _text(client.get("/fr/partenaires/"))
    assert "<h1>Partenaires</h1>" in french
    for heading in (
        "Ministères et organismes fédéraux",
        "Organisations internationales",
        "Forums intergouvernementaux",
    ):
        assert f">{heading}</h2>" in french
    assert "Sécurité publique Canada</a> (SP)" in french
    assert "Présidence ou direction" in french
    assert "Asie-Pacifique" in french
    assert "3 organisations" in french
    assert "Public Safety Canada" not in french


def test_directory_filters_by_type_and_role_with_a_plain_get_form(client, root):
    lead = OrganizationFactory(name_en="Lead department", working_group_role=WorkingGroupRole.LEAD)
    member = OrganizationFactory(name_en="Member agency", working_group_role=WorkingGroupRole.MEMBER)
    forum = OrganizationFactory(name_en="A forum", kind=OrganizationKind.FORUM)

    content = _text(client.get("/en/partners/", {"kind": "forum"}))
    assert forum.name_en in content and lead.name_en not in content and member.name_en not in content
    assert '<option value="forum" selected>' in content  # the form shows the filter in force
    assert "Show all organizations" in content

    content = _text(client.get("/fr/partenaires/", {"role": "member"}))
    assert member.name_fr in content and lead.name_fr not in content and forum.name_fr not in content

    content = _text(client.get("/en/partners/", {"kind": "federal", "role": "lead"}))
    assert lead.name_en in content and member.name_en not in content

    content = _text(client.get("/fr/partenaires/", {"kind": "ngo"}))
    assert "Aucune organisation ne correspond à ces filtres." in content

    form = _text(client.get("/fr/partenaires/"))
    assert '<form method="get" action="/fr/partenaires/"' in form
    assert '<label for="id_kind">Type d\'organisation' in form
    assert '<button type="submit">Filtrer</button>' in form


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "unknown"},
        {"role": "<script>alert(1)</script>"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"kind": ["federal", "forum"]},
        {"unrelated": "x"},
    ],
)
def test_bad_query_parameters_are_ignored_never_an_error(client, root, query):
    OrganizationFactory(name_en="Listed anyway")
    response = client.get("/en/partners/", query)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert 'aria-invalid="true"' not in content


def test_directory_is_paginated_and_keeps_the_filters_across_pages(client, root):
    Organization.objects.bulk_create(
        [OrganizationFactory.build(kind=OrganizationKind.NGO, name_en=f"NGO {index:03}") for index in range(120)]
    )
    first = _text(client.get("/en/partners/", {"kind": "ngo"}))
    assert "NGO 000" in first and "NGO 020" not in first
    assert "120 organizations" in first
    assert 'href="?kind=ngo&amp;page=2" rel="next"' in client.get("/en/partners/", {"kind": "ngo"}).content.decode()
    third = _text(client.get("/en/partners/", {"kind": "ngo", "page": "3"}))
    assert "NGO 040" in third and "NGO 039" not in third
    assert 'aria-current="page"' in third
    last = _text(client.get("/en/partners/", {"kind": "ngo", "page": "999"}))
    assert "NGO 119" in last
    for not_a_number in ("٣", "3_0", " 3"):  # int() takes them all; a page number is ASCII digits only
        assert "NGO 000" in _text(client.get("/en/partners/", {"kind": "ngo", "page": not_a_number})), not_a_number


@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_unpublished_organizations_appear_nowhere_public(client, root, state):
    with time_machine.travel(NOW, tick=False):
        hidden = _hidden_organizations()[state]
        hidden.working_group_role = WorkingGroupRole.MEMBER
        hidden.save()
        for url in (url_in_language(hidden, "en"), url_in_language(hidden, "fr")):
            response = client.get(url)
            assert response.status_code == 404, url
        for url in ("/en/partners/", "/fr/partenaires/", "/en/partners/working-group-members/",
                    "/fr/partenaires/membres-du-groupe-de-travail/", "/en/partners/?role=member"):  # fmt: skip
            content = _text(client.get(url))
            assert hidden.name_en not in content and hidden.name_fr not in content, url


def test_scheduled_organization_appears_and_expires_on_time(client, root):
    organization = OrganizationFactory(publish_at=NOW, unpublish_at=NOW + timedelta(hours=1), name_en="Timed")
    url = url_in_language(organization, "en")
    with time_machine.travel(NOW - timedelta(minutes=1), tick=False):
        assert client.get(url).status_code == 404
    with time_machine.travel(NOW, tick=False):
        assert client.get(url).status_code == 200
        assert "Timed" in _text(client.get("/en/partners/"))
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert client.get(url).status_code == 404
        assert "Timed" not in _text(client.get("/en/partners/"))


@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_staff_who_can_edit_preview_unpublished_organizations(partners_editor_client, root, state):
    with time_machine.travel(NOW, tick=False):
        hidden = _hidden_organizations()[state]
        response = partners_editor_client.get(url_in_language(hidden, "fr"))
        assert response.status_code == 200
        assert 'class="preview-banner"' in response.content.decode()
        assert "Aperçu" in _text(response)
        assert "no-store" in response["Cache-Control"]
        # Previews never leak into lists, even for staff.
        assert hidden.name_en not in _text(partners_editor_client.get("/en/partners/"))


def test_staff_without_change_permission_cannot_preview(client, root):
    draft = OrganizationFactory(status=Status.DRAFT)
    login(client, UserFactory(is_staff=True, permissions=["partners.view_organization", "pages.change_page"]))
    assert client.get(url_in_language(draft, "en")).status_code == 404


def test_organization_page_in_both_languages(client, root):
    organization = OrganizationFactory(
        name_en="Organization for Security and Co-operation in Europe",
        name_fr="Organisation pour la sécurité et la coopération en Europe",
        acronym_en="OSCE",
        acronym_fr="OSCE",
        slug_en="osce",
        slug_fr="osce-fr",
        kind=OrganizationKind.INTERNATIONAL,
        country_or_region_en="Europe, Central Asia and North America",
        country_or_region_fr="Europe, Asie centrale et Amérique du Nord",
        description_en="<p>A regional security organization.</p>",
        description_fr="<p>Une organisation régionale de sécurité.</p>",
        canada_participation_en="<p>Canada participates in the OSCE.</p>",
        canada_participation_fr="<p>Le Canada participe à l'OSCE.</p>",
        website_en="https://www.osce.org/",
    )
    english = _text(client.get("/en/partners/osce/"))
    assert f"<h1>{organization.name_en} <small>(OSCE)</small></h1>" in english
    assert "<dd>International organization</dd>" in english
    assert "Europe, Central Asia and North America" in english
    assert "<p>A regional security organization.</p>" in english
    assert "Canada's participation</h2>" in english
    assert '<a href="https://www.osce.org/">www.osce.org</a></dd>' in english
    assert '<a href="/en/partners/">Partners</a>' in english  # breadcrumb

    french = _text(client.get("/fr/partenaires/osce-fr/"))
    assert "<dd>Organisation internationale</dd>" in french
    assert "Participation du Canada</h2>" in french
    assert "<p>Le Canada participe à l'OSCE.</p>" in french
    # The OSCE's site has no French version: linked, and said to be in English.
    assert '<a href="https://www.osce.org/" hreflang="en">www.osce.org</a> (en anglais)' in french
    assert "A regional security organization" not in french


def test_language_toggle_leads_to_the_same_organization_or_a_notice(client, root):
    OrganizationFactory(slug_en="g7-en", slug_fr="g7-fr")
    OrganizationFactory(slug_en="english-only", name_fr="", slug_fr=None)
    english = client.get("/en/partners/g7-en/").content.decode()
    assert '<a href="/fr/partenaires/g7-fr/" lang="fr" hreflang="fr">Français</a>' in english
    french = client.get("/fr/partenaires/g7-fr/").content.decode()
    assert '<a href="/en/partners/g7-en/" lang="en" hreflang="en">English</a>' in french

    english_only = client.get("/en/partners/english-only/").content.decode()
    assert 'href="/fr/non-disponible/?from=%2Fen%2Fpartners%2Fenglish-only%2F"' in english_only
    # Nor is it in the French directory, nor at a French address.
    assert "english-only" not in client.get("/fr/partenaires/").content.decode()
    assert client.get("/fr/partenaires/english-only/").status_code == 404


def test_directory_toggle_keeps_the_filters(client, root):
    content = client.get("/en/partners/", {"kind": "forum"}).content.decode()
    assert '<a href="/fr/partenaires/?kind=forum" lang="fr" hreflang="fr">Français</a>' in content


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/partners/no-such-organization/", "We couldn't find that web page"),
        ("/fr/partenaires/aucune-organisation/", "Nous ne pouvons trouver cette page Web"),
        ("/fr/partenaires/not a slug/", "Nous ne pouvons trouver cette page Web"),
    ],
)
def test_unknown_organization_gives_the_404_page_in_its_language(client, root, path, text):
    response = client.get(path)
    assert response.status_code == 404
    assert text in _text(response)


def test_english_slug_under_the_french_prefix_is_not_found(client, root):
    organization = OrganizationFactory(slug_en="public-safety-canada", slug_fr="securite-publique-canada")
    assert client.get(f"/fr/partenaires/{organization.slug_en}/").status_code == 404


def test_working_group_page_is_built_from_the_records_with_the_lead_first(client, root):
    OrganizationFactory(name_en="Department of Justice Canada", name_fr="ministère de la Justice Canada",
                        working_group_role=WorkingGroupRole.MEMBER)  # fmt: skip
    OrganizationFactory(name_en="Public Safety Canada", name_fr="Sécurité publique Canada", acronym_en="PS",
                        acronym_fr="SP", working_group_role=WorkingGroupRole.LEAD)  # fmt: skip
    OrganizationFactory(name_en="Bali Process", kind=OrganizationKind.FORUM)
    OrganizationFactory(name_en="Canada Border Services Agency", name_fr="", slug_fr=None,
                        working_group_role=WorkingGroupRole.MEMBER)  # fmt: skip

    english = _text(client.get("/en/partners/working-group-members/"))
    assert "<h1>Working group members</h1>" in english
    assert "<caption>Members of the working group</caption>" in english
    # The lead first, then the members by name.
    assert english.index("Public Safety Canada") < english.index("Canada Border Services Agency")
    assert english.index("Canada Border Services Agency") < english.index("Department of Justice Canada")
    assert "Bali Process" not in english

    french = _text(client.get("/fr/partenaires/membres-du-groupe-de-travail/"))
    assert "<h1>Membres du groupe de travail</h1>" in french
    assert french.index("Sécurité publique Canada") < french.index("ministère de la Justice Canada")
    assert "Canada Border Services Agency" not in french  # no French version
    assert "Présidence ou direction" in french and '<td data-label="Rôle">Membre</td>' in french


def test_directory_links_to_the_working_group_page_and_the_menu_to_the_directory(client, root):
    content = client.get("/fr/partenaires/").content.decode()
    assert '<a href="/fr/partenaires/membres-du-groupe-de-travail/">' in content
    assert '<li><a href="/fr/partenaires/" aria-current="page">Partenaires</a></li>' in content
    home = client.get("/en/").content.decode()
    assert '<li><a href="/en/partners/">Partners</a></li>' in home


def test_date_modified_is_the_latest_change_shown(client, root):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 5, 4, 10, 0)), tick=False):
        OrganizationFactory(working_group_role=WorkingGroupRole.LEAD)
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 6, 7, 10, 0)), tick=False):
        latest = OrganizationFactory()
    assert '<time datetime="2026-06-07">' in client.get("/fr/partenaires/").content.decode()
    assert '<time datetime="2026-05-04">' in client.get("/en/partners/working-group-members/").content.decode()
    assert '<time datetime="2026-06-07">' in client.get(url_in_language(latest, "fr")).content.decode()


@pytest.mark.parametrize("count", [10, 1000])
def test_public_pages_render_in_a_bounded_number_of_queries(client, root, count, django_assert_max_num_queries):
    kinds = list(OrganizationKind)
    roles = [WorkingGroupRole.LEAD, WorkingGroupRole.MEMBER, WorkingGroupRole.NONE]
    Organization.objects.bulk_create(
        [
            OrganizationFactory.build(
                kind=kinds[index % len(kinds)],
                working_group_role=roles[index % 3] if index % len(kinds) == 0 else WorkingGroupRole.NONE,
            )
            for index in range(count)
        ]
    )
    target = Organization.objects.order_by("pk")[count // 2]
    urls = [
        "/en/partners/",
        "/fr/partenaires/?kind=federal&role=member&page=2",
        "/fr/partenaires/membres-du-groupe-de-travail/",
        url_in_language(target, "en"),
        url_in_language(target, "fr"),
    ]
    for url in urls:
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200, url


def test_staff_preview_stays_bounded(partners_editor_client, root, django_assert_max_num_queries):
    draft = OrganizationFactory(status=Status.DRAFT)
    # Staff also get the item's working copy looked up, and the schedule and the hidden sections (for the
    # menu) read (on a cold cache).
    with django_assert_max_num_queries(11):
        assert partners_editor_client.get(url_in_language(draft, "en")).status_code == 200


def test_a_french_only_organization_is_listed_in_french_only(client, root):
    organization = OrganizationFactory(name_en="", slug_en=None, name_fr="Organisme québécois", slug_fr="organisme")
    assert "Organisme québécois" in _text(client.get("/fr/partenaires/"))
    assert "Organisme québécois" not in _text(client.get("/en/partners/"))
    assert url_in_language(organization, "en") == "/fr/partenaires/organisme/"
    french = client.get("/fr/partenaires/organisme/").content.decode()
    assert 'href="/en/not-available/?from=%2Ffr%2Fpartenaires%2Forganisme%2F"' in french


def test_an_edit_reaches_the_cached_directory_at_once(client, root, settings):
    settings.PAGE_CACHE_SECONDS = 600
    organization = OrganizationFactory(name_en="Old name")
    assert "Old name" in _text(client.get("/en/partners/"))
    assert client.get("/en/partners/")["X-Cache"] == "hit"
    organization.name_en = "New name"
    organization.save()
    content = _text(client.get("/en/partners/"))
    assert "New name" in content and "Old name" not in content
