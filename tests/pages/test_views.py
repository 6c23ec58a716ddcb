"""Public pages: what the public sees, what staff preview, the language toggle, and query counts."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from pages.models import Page
from tests.conftest import login
from tests.factories import PageFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(timezone.datetime(2026, 3, 2, 9, 0))


def _public_urls(page):
    return [url_in_language(page, "en"), url_in_language(page, "fr")]


def _hidden_pages(root):
    return {
        "draft": PageFactory(parent=root, status=Status.DRAFT, title_en="Hidden draft"),
        "scheduled": PageFactory(parent=root, publish_at=NOW + timedelta(days=1), title_en="Hidden scheduled"),
        "expired": PageFactory(parent=root, unpublish_at=NOW - timedelta(days=1), title_en="Hidden expired"),
    }


def test_home_page_in_both_languages(client, root):
    assert "Home" in client.get("/en/").content.decode()
    response = client.get("/fr/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
    assert "<h1>Accueil</h1>" in response.content.decode()


@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_unpublished_page_is_invisible_on_every_public_url_and_menu(client, root, state):
    with time_machine.travel(NOW, tick=False):
        hidden = _hidden_pages(root)[state]
        child = PageFactory(parent=hidden)  # live itself, but under a hidden page
        for url in _public_urls(hidden) + _public_urls(child):
            assert client.get(url).status_code == 404, url
        for url in ("/en/", "/fr/", url_in_language(PageFactory(parent=root), "en")):
            content = client.get(url).content.decode()
            assert hidden.title_en not in content
            assert hidden.title_fr not in content


def test_a_page_under_a_scheduled_section_appears_when_the_section_goes_live(client, root):
    # The hidden sections are kept per content version and until the next scheduled moment: the child must
    # not stay hidden once the moment has come, though nothing was written in between.
    section = PageFactory(parent=root, publish_at=NOW + timedelta(hours=1), title_en="Coming section")
    child = PageFactory(parent=section, title_en="Coming child")
    with time_machine.travel(NOW, tick=False):
        assert client.get(url_in_language(child, "en")).status_code == 404
        assert client.get(url_in_language(child, "en")).status_code == 404  # and again, from what was kept
        assert child not in Page.objects.public("en")
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert client.get(url_in_language(child, "en")).status_code == 200
        assert child in Page.objects.public("en")


def test_many_hidden_sections_are_compared_in_sql(client, root, monkeypatch):
    from pages import models

    monkeypatch.setattr(models, "HIDDEN_SECTIONS_KEPT", 1)
    with time_machine.travel(NOW, tick=False):
        children = [PageFactory(parent=hidden) for hidden in _hidden_pages(root).values()]
        visible = PageFactory(parent=PageFactory(parent=root))
        assert client.get(url_in_language(visible, "en")).status_code == 200
        for child in children:
            for url in _public_urls(child):
                assert client.get(url).status_code == 404, url
        listed = set(Page.objects.public("en").values_list("pk", flat=True))
        assert visible.pk in listed
        assert not listed & {child.pk for child in children}


def test_scheduled_page_appears_and_expires_on_time(client, root):
    page = PageFactory(parent=root, publish_at=NOW, unpublish_at=NOW + timedelta(hours=1), title_en="Timed")
    url = url_in_language(page, "en")
    with time_machine.travel(NOW - timedelta(minutes=1), tick=False):
        assert client.get(url).status_code == 404
        assert "Timed" not in client.get("/en/").content.decode()
    with time_machine.travel(NOW, tick=False):
        assert client.get(url).status_code == 200
        assert "Timed" in client.get("/en/").content.decode()
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert client.get(url).status_code == 404
        assert "Timed" not in client.get("/en/").content.decode()


@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_staff_who_can_edit_preview_unpublished_pages_with_a_banner(editor_client, root, state):
    with time_machine.travel(NOW, tick=False):
        hidden = _hidden_pages(root)[state]
        for url in _public_urls(hidden):
            response = editor_client.get(url)
            assert response.status_code == 200
            assert 'class="preview-banner"' in response.content.decode()
            assert "no-store" in response["Cache-Control"]


def test_preview_banner_speaks_the_page_language(editor_client, root):
    draft = PageFactory(parent=root, status=Status.DRAFT)
    content = editor_client.get(url_in_language(draft, "fr")).content.decode()
    assert "Aperçu" in content
    assert "Ébauche" in content


def test_staff_without_change_permission_cannot_preview(client, root):
    draft = PageFactory(parent=root, status=Status.DRAFT)
    login(client, UserFactory(is_staff=True, permissions=["pages.view_page"]))
    assert client.get(url_in_language(draft, "en")).status_code == 404


def test_live_page_has_no_preview_banner(editor_client, page):
    assert 'class="preview-banner"' not in editor_client.get(url_in_language(page, "en")).content.decode()


def test_language_toggle_leads_to_the_same_page_in_the_other_language(client, root):
    section = PageFactory(parent=root, slug_en="canadian-initiatives", slug_fr="initiatives-canadiennes")
    page = PageFactory(parent=section, slug_en="working-group", slug_fr="groupe-de-travail")
    english = client.get("/en/canadian-initiatives/working-group/").content.decode()
    assert '<a href="/fr/initiatives-canadiennes/groupe-de-travail/" lang="fr" hreflang="fr">Français</a>' in english
    french = client.get("/fr/initiatives-canadiennes/groupe-de-travail/").content.decode()
    assert '<a href="/en/canadian-initiatives/working-group/" lang="en" hreflang="en">English</a>' in french
    assert page.title_fr in french


def test_toggle_to_a_missing_translation_leads_to_a_bilingual_notice(client, root):
    page = PageFactory(parent=root, slug_en="english-only", title_fr="", slug_fr=None)
    english = client.get("/en/english-only/").content.decode()
    assert '<a href="/fr/non-disponible/?from=%2Fen%2Fenglish-only%2F" lang="fr" hreflang="fr">' in english
    assert '<link rel="alternate" hreflang="fr"' not in english  # no French twin to announce (itself only)

    notice = client.get("/fr/non-disponible/", {"from": "/en/english-only/"})
    assert notice.status_code == 200
    content = notice.content.decode()
    assert "Cette page n'est pas disponible en français" in content
    assert "This page is not available in French" in content
    assert '<a href="/en/english-only/">Return to the page you were reading</a>' in content
    assert url_in_language(page, "fr") == "/en/english-only/"  # links never point to a missing version


def test_notice_never_links_to_another_site(client):
    content = client.get("/fr/non-disponible/", {"from": "https://evil.example/"}).content.decode()
    assert "evil.example" not in content
    content = client.get("/en/not-available/", {"from": "//evil.example/x"}).content.decode()
    assert "evil.example" not in content


def test_french_page_never_shows_english_content_in_place_of_missing_french(client, root):
    page = PageFactory(parent=root, summary_en="English-only summary", summary_fr="", body_fr="")
    content = client.get(url_in_language(page, "fr")).content.decode()
    assert "English-only summary" not in content
    assert "English body text" not in content


def test_page_without_french_is_left_out_of_the_french_menu(client, root):
    PageFactory(parent=root, title_en="Bilingual section")
    PageFactory(parent=root, title_en="English-only section", title_fr="", slug_fr=None)
    french = client.get("/fr/").content.decode()
    english = client.get("/en/").content.decode()
    assert "English-only section" in english
    assert "English-only section" not in french


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/no-such-page/", "We couldn't find that web page"),
        ("/fr/aucune-page/", "Nous ne pouvons trouver cette page Web"),
        ("/fr/deep/ly/missing/", "Nous ne pouvons trouver cette page Web"),
        ("/en/not a slug/", "We couldn't find that web page"),
    ],
)
def test_unknown_path_gives_the_404_page_in_its_language(client, root, path, text):
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.content.decode()


def test_english_slug_under_french_prefix_is_not_found(client, page):
    assert client.get(f"/fr/{page.url_path_en}").status_code == 404


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [("fr-CA,fr;q=0.9,en;q=0.8", "/fr/"), ("en-CA,en;q=0.9", "/en/"), ("de-DE,de;q=0.9", "/en/"), (None, "/en/")],
)
def test_root_redirects_by_accept_language(client, root, accept_language, target):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response["Location"] == target


def test_breadcrumbs_and_subpages(client, root):
    section = PageFactory(parent=root, title_en="Section")
    child = PageFactory(parent=section, title_en="Child", summary_en="About the child.")
    content = client.get(url_in_language(child, "en")).content.decode()
    trail = content[content.index('aria-label="Breadcrumb"') :]
    assert trail.index('<a href="https://www.canada.ca/en.html">Canada.ca</a>') < trail.index('<a href="/en/">')
    assert f'<a href="{url_in_language(section, "en")}">Section</a>' in content
    section_content = client.get(url_in_language(section, "en")).content.decode()
    assert "In this section" in section_content
    assert "About the child." in section_content


def test_date_modified_is_shown(client, root):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2025, 11, 25, 10, 0)), tick=False):
        page = PageFactory(parent=root)
    content = client.get(url_in_language(page, "fr")).content.decode()
    assert "Date de modification" in content
    assert '<time datetime="2025-11-25">2025-11-25</time>' in content


def test_a_page_and_its_ancestors_are_read_in_one_query(client, root, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # rendered each time
    section = PageFactory(parent=root, title_en="Upper section")
    deep = PageFactory(parent=PageFactory(parent=section, title_en="Lower section"), title_en="Deep page")
    url = url_in_language(deep, "en")
    client.get(url)  # the menu and the schedule, kept per content version, as a running site has them
    with django_assert_num_queries(1):
        response = client.get(url)
    crumbs = response.content.decode()
    assert crumbs.index("Upper section") < crumbs.index("Lower section") < crumbs.index("<h1>Deep page</h1>")


@pytest.mark.parametrize("count", [10, 500])
def test_page_renders_in_a_bounded_number_of_queries(client, root, count, django_assert_max_num_queries):
    sections = [PageFactory(parent=root) for _ in range(5)]
    for index in range(count - 5):
        PageFactory(parent=sections[index % 5])
    target = sections[0].children.first()
    for url in ("/en/", url_in_language(sections[0], "fr"), url_in_language(target, "en")):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


def test_staff_page_views_stay_bounded(editor_client, root, django_assert_max_num_queries):
    section = PageFactory(parent=root)
    page = PageFactory(parent=section)
    # Staff also get the item's working copy looked up, and the schedule and the hidden sections read (on a
    # cold cache).
    with django_assert_max_num_queries(11), translation.override("en"):
        assert editor_client.get(page.get_absolute_url()).status_code == 200
