"""Addresses that never break (iwgtip_site.redirects): a renamed or moved item's old addresses, and its
sub-pages', answer 301 to where they are now, in both languages; staff add and manage redirects."""

import pytest
from django.contrib.contenttypes.models import ContentType

from iwgtip_site import workflow
from iwgtip_site.publishing import Status
from iwgtip_site.redirects.models import Redirect, RedirectOrigin
from iwgtip_site.redirects.services import redirect_record
from pages.models import Page
from pamphlets.models import Pamphlet
from tests.factories import EditionFactory, InstrumentFactory, OrganizationFactory, PageFactory

pytestmark = pytest.mark.django_db


def _rename(item, **slugs):
    for name, value in slugs.items():
        setattr(item, name, value)
    return workflow.item_save(item=item, user=None)


def _follows(client, old, new):
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    assert client.get(new).status_code == 200


@pytest.fixture
def section(root):
    """/en/section/child/leaf/ and /fr/rubrique/enfant/feuille/."""
    section = PageFactory(parent=root, slug_en="section", slug_fr="rubrique")
    child = PageFactory(parent=section, slug_en="child", slug_fr="enfant")
    PageFactory(parent=child, slug_en="leaf", slug_fr="feuille")
    return section


@pytest.mark.parametrize(
    ("slugs", "expected"),
    [
        (
            {"slug_en": "renamed"},
            {"/en/section/child/leaf/": "/en/renamed/child/leaf/", "/en/section/": "/en/renamed/"},
        ),
        (
            {"slug_fr": "rebaptisee"},
            {"/fr/rubrique/child/": None, "/fr/rubrique/enfant/": "/fr/rebaptisee/enfant/"},
        ),
    ],
    ids=["english slug", "french slug"],
)
def test_a_renamed_slug_leaves_301s_for_the_page_and_all_its_sub_pages(client, section, slugs, expected):
    _rename(Page.objects.get(pk=section.pk), **slugs)
    for old, new in expected.items():
        if new is None:
            assert client.get(old).status_code == 404
        else:
            _follows(client, old, new)
    language = "en" if "slug_en" in slugs else "fr"
    other = {"en": "/fr/rubrique/enfant/feuille/", "fr": "/en/section/child/leaf/"}[language]
    assert client.get(other).status_code == 200  # the other language's addresses did not change


def test_a_moved_page_leaves_301s_in_both_languages_for_it_and_its_sub_pages(client, root, section):
    elsewhere = PageFactory(parent=root, slug_en="elsewhere", slug_fr="ailleurs")
    child = Page.objects.get(slug_en="child")
    child.parent = elsewhere
    workflow.item_save(item=child, user=None)
    _follows(client, "/en/section/child/", "/en/elsewhere/child/")
    _follows(client, "/fr/rubrique/enfant/feuille/", "/fr/ailleurs/enfant/feuille/")
    redirect = Redirect.objects.get(old_path="/en/section/child/leaf/")
    assert redirect.origin == RedirectOrigin.AUTOMATIC
    assert redirect.target == Page.objects.get(slug_en="leaf")


def test_chains_collapse_every_old_address_leads_to_the_newest(client, section):
    _rename(Page.objects.get(pk=section.pk), slug_en="second")
    _rename(Page.objects.get(pk=section.pk), slug_en="third")
    _follows(client, "/en/section/child/", "/en/third/child/")
    _follows(client, "/en/second/child/", "/en/third/child/")


def test_an_address_taken_again_stops_redirecting(client, root, section):
    _rename(Page.objects.get(pk=section.pk), slug_en="renamed")
    assert Redirect.objects.filter(old_path="/en/section/").exists()
    newcomer = PageFactory.build(parent=root, slug_en="section", slug_fr="nouvelle", title_en="New section")
    workflow.item_save(item=newcomer, user=None)
    assert not Redirect.objects.filter(old_path="/en/section/").exists()
    response = client.get("/en/section/")
    assert response.status_code == 200
    assert response.context["page"] == newcomer
    # and moving back to an old address frees it too
    _rename(Page.objects.get(pk=section.pk), slug_en="section-again")
    _rename(Page.objects.get(pk=section.pk), slug_en="renamed")
    assert not Redirect.objects.filter(old_path="/en/renamed/").exists()
    assert client.get("/en/renamed/child/").status_code == 200


def test_a_draft_leaves_no_redirect_and_an_unpublished_target_is_a_404(client, root, section):
    draft = PageFactory(parent=root, slug_en="draft", slug_fr="brouillon", status=Status.DRAFT)
    _rename(Page.objects.get(pk=draft.pk), slug_en="draft-renamed")
    assert not Redirect.objects.filter(old_path="/en/draft/").exists()
    _rename(Page.objects.get(pk=section.pk), slug_en="renamed")
    workflow.item_unpublish(item=Page.objects.get(pk=section.pk), user=None)
    assert client.get("/en/section/").status_code == 404


def test_instruments_and_organizations_leave_redirects_in_both_languages(client):
    instrument = InstrumentFactory(slug_en="old-act", slug_fr="ancienne-loi")
    organization = OrganizationFactory(slug_en="old-name", slug_fr="ancien-nom")
    _rename(instrument, slug_en="new-act", slug_fr="nouvelle-loi")
    _rename(organization, slug_fr="nouveau-nom")
    _follows(client, "/en/legislation/old-act/", "/en/legislation/new-act/")
    _follows(client, "/fr/legislation/ancienne-loi/", "/fr/legislation/nouvelle-loi/")
    _follows(client, "/fr/partenaires/ancien-nom/", "/fr/partenaires/nouveau-nom/")


def test_a_manual_redirect_works_and_collapses_chains(client, page):
    redirect_record(old_path="/en/retired/", target_url="/en/other-retired/")
    redirect_record(old_path="/en/other-retired/", target=page)  # A→B, B→page: A→page
    assert Redirect.objects.get(old_path="/en/retired/").target == page
    _follows(client, "/en/retired/", page.get_absolute_url())
    redirect_record(old_path="/en/older/", target_url="/en/retired/")  # C→A while A→page: C→page
    _follows(client, "/en/older/", page.get_absolute_url())
    redirect_record(old_path="/old-site/index.html", target_url="https://www.canada.ca/en.html")
    response = client.get("/old-site/index.html")
    assert (response.status_code, response["Location"]) == (301, "https://www.canada.ca/en.html")


def test_a_redirect_keeps_the_query_string(client, page):
    redirect_record(old_path="/en/retired/", target=page)
    assert client.get("/en/retired/", {"q": "x"})["Location"] == f"{page.get_absolute_url()}?q=x"


def test_redirects_are_served_in_a_bounded_number_of_queries_and_cached(client, settings, root, section,
                                                                      django_assert_max_num_queries):  # fmt: skip
    settings.PAGE_CACHE_SECONDS = 600
    for number in range(30):
        redirect_record(old_path=f"/en/retired-{number}/", target=section)
    client.get("/en/")  # the schedule and the content version, read once
    with django_assert_max_num_queries(4):  # the page lookup, the redirect, its item (public?) and the schedule
        response = client.get("/en/retired-7/")
    assert (response.status_code, response["X-Cache"]) == (301, "miss")
    with django_assert_max_num_queries(0):
        response = client.get("/en/retired-7/")
    assert (response.status_code, response["Location"], response["X-Cache"]) == (301, "/en/section/", "hit")
    Redirect.objects.filter(old_path="/en/retired-7/").delete()  # a change to redirects refreshes the cache
    assert client.get("/en/retired-7/").status_code == 404


def test_staff_add_a_manual_redirect_to_an_item_and_see_its_origin(admin_client, superuser, page):
    response = admin_client.post(
        "/en/admin/iwgtip_site/redirect/add/",
        {
            "old_path": "/en/retired-page/",
            "target_url": "",
            "target_type": ContentType.objects.get_for_model(Page).pk,
            "target_id": page.pk,
        },
    )
    assert response.status_code == 302
    redirect = Redirect.objects.get(old_path="/en/retired-page/")
    assert (redirect.origin, redirect.created_by, redirect.target) == (RedirectOrigin.MANUAL, superuser, page)
    listing = admin_client.get("/fr/admin/iwgtip_site/redirect/").content.decode()
    assert "/en/retired-page/" in listing
    assert f"par {superuser.username}" in listing
    assert admin_client.get("/en/retired-page/").status_code == 301


def test_a_redirect_form_with_no_destination_or_two_says_so(admin_client, page):
    kind = ContentType.objects.get_for_model(Page).pk
    both = {"old_path": "/en/x/", "target_url": "/en/y/", "target_type": kind, "target_id": page.pk}
    response = admin_client.post("/fr/admin/iwgtip_site/redirect/add/", both)
    assert response.status_code == 200
    assert "une seule destination" in response.content.decode()
    response = admin_client.post("/en/admin/iwgtip_site/redirect/add/", {"old_path": "en/x", "target_url": "/en/y/"})
    assert "starting with /" in response.content.decode()
    assert not Redirect.objects.exists()


def test_a_renamed_pamphlet_leaves_301s_for_its_page_its_files_and_its_zip(client):
    edition = EditionFactory(pamphlet__slug_en="warning", pamphlet__slug_fr="mise-en-garde")
    code = edition.language.code
    _rename(Pamphlet.objects.get(pk=edition.pamphlet.pk), slug_en="caution", slug_fr="prudence")
    _follows(client, "/en/pamphlets/warning/", "/en/pamphlets/caution/")
    _follows(client, f"/fr/depliants/mise-en-garde/{code}.pdf", f"/fr/depliants/prudence/{code}.pdf")
    _follows(client, "/en/pamphlets/warning/all-languages.zip", "/en/pamphlets/caution/all-languages.zip")
