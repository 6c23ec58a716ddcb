"""The public pamphlet pages: the list, a pamphlet with its languages, both official languages, query counts."""

import html
import io
import re
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from iwgtip_site.files import format_size
from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from pamphlets import archive
from pamphlets.models import TextDirection
from pamphlets.services import edition_store_file
from tests.conftest import login
from tests.factories import EditionFactory, LanguageFactory, PamphletFactory, UserFactory, make_pdf

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(timezone.datetime(2026, 11, 2, 9, 0))


@pytest.fixture
def arabic(db):
    return LanguageFactory(code="ar", name_en="Arabic", name_fr="arabe", endonym="العربية", direction=TextDirection.RTL)


@pytest.fixture
def chinese(db):
    return LanguageFactory(
        code="zh-Hans", name_en="Simplified Chinese", name_fr="chinois simplifié", endonym="简体中文"
    )


@pytest.fixture
def pamphlet(root):
    return PamphletFactory(
        title_en="Warning pamphlet", title_fr="Dépliant de mise en garde", slug_en="warning", slug_fr="mise-en-garde"
    )


def test_list_shows_live_pamphlets_in_each_language(client, root, pamphlet, arabic):
    EditionFactory(pamphlet=pamphlet, language=arabic)
    PamphletFactory(status=Status.DRAFT, title_en="Hidden draft")
    PamphletFactory(title_en="English only", title_fr="", slug_fr=None)
    english = client.get("/en/pamphlets/").content.decode()
    assert '<a href="/en/pamphlets/warning/">Warning pamphlet</a>' in english
    assert "Available in 1 language." in english
    assert "English only" in english
    assert "Hidden draft" not in english
    french = html.unescape(client.get("/fr/depliants/").content.decode())
    assert '<a href="/fr/depliants/mise-en-garde/">Dépliant de mise en garde</a>' in french
    assert "English only" not in french
    assert "Offert en 1 langue." in french


def test_list_ignores_a_bad_page_number(client, root, pamphlet):
    for page in ("abc", "-1", "999", ""):
        response = client.get("/en/pamphlets/", {"page": page})
        assert response.status_code == 200
        assert "Warning pamphlet" in response.content.decode()


def test_pamphlets_are_in_the_main_menu_in_both_languages(client, root):
    assert '<a href="/en/pamphlets/">Pamphlets</a>' in client.get("/en/").content.decode()
    assert '<a href="/fr/depliants/">Dépliants</a>' in client.get("/fr/").content.decode()


def test_pamphlet_page_lists_each_language_by_its_own_name(client, pamphlet, arabic, chinese):
    content = make_pdf(pages=2)
    arabic_edition = EditionFactory(pamphlet=pamphlet, language=arabic, content=content)
    EditionFactory(pamphlet=pamphlet, language=chinese)
    page = client.get("/en/pamphlets/warning/").content.decode()
    assert (
        '<a class="edition-list__link" href="/en/pamphlets/warning/ar.pdf" type="application/pdf" '
        'hreflang="ar" lang="ar" dir="rtl">العربية</a>'
    ) in page
    assert 'zh-Hans.pdf" type="application/pdf" hreflang="zh-Hans" lang="zh-Hans" dir="ltr">简体中文</a>' in page
    assert '<span class="edition-list__name">Arabic</span>' in page
    size = f"{len(content) / 1024:.1f}"
    assert f"(PDF, {size}\xa0KB, 2 pages)" in page
    assert arabic_edition.sha256 in page
    assert page.index("Arabic") < page.index("Simplified Chinese")  # alphabetical in the reader's language
    assert '<h2 id="text-heading">Text of the pamphlet</h2>' in page
    assert "<p>The pamphlet's text.</p>" in page

    french = client.get("/fr/depliants/mise-en-garde/").content.decode()
    assert 'mise-en-garde/ar.pdf" type="application/pdf" hreflang="ar" lang="ar" dir="rtl">العربية</a>' in french
    assert '<span class="edition-list__name">arabe</span>' in french  # lowercase, after the endonym
    assert f"(PDF, {size.replace('.', ',')}\xa0Ko, 2 pages)" in french
    assert french.index(">arabe<") < french.index(">chinois simplifié<")


def test_one_page_is_singular(client, pamphlet, arabic):
    EditionFactory(pamphlet=pamphlet, language=arabic, content=make_pdf(pages=1))
    assert ", 1 page)</span>" in client.get("/en/pamphlets/warning/").content.decode()


def _zip_label(content):
    """(the ZIP link's size, its number of files) as the page says them."""
    found = re.search(r"All languages in one ZIP file</a>\s*\(ZIP, (.+?), (\d+) files\)", content)
    found = found or re.search(
        r"Toutes les langues dans un seul fichier ZIP</a>\s*\(ZIP, (.+?), (\d+) fichiers\)", content
    )
    return found.group(1), int(found.group(2))


def _served_zip(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content)
    assert len(body) == int(response["Content-Length"])
    return zipfile.ZipFile(io.BytesIO(body)), len(body)


def test_the_zip_label_gives_the_served_zips_size_and_files_in_both_languages_also_after_a_replacement(
    client, pamphlet, arabic, chinese
):
    arabic_edition = EditionFactory(pamphlet=pamphlet, language=arabic)
    EditionFactory(pamphlet=pamphlet, language=chinese, content=make_pdf("Chinese", pages=5))
    for _round in ("first", "after the Arabic file is replaced"):
        for page, zip_url in (
            ("/en/pamphlets/warning/", "/en/pamphlets/warning/all-languages.zip"),
            ("/fr/depliants/mise-en-garde/", "/fr/depliants/mise-en-garde/toutes-les-langues.zip"),
        ):
            size, files = _zip_label(html.unescape(client.get(page).content.decode()))
            served, served_size = _served_zip(client, zip_url)
            with translation.override(page[1:3]):
                assert size == format_size(served_size)
            assert files == len(served.namelist()) == 5
        assert archive.zip_size(pamphlet=pamphlet, editions=list(pamphlet.editions.all())) == served_size
        edition_store_file(
            edition=arabic_edition, uploaded=ContentFile(make_pdf("A much longer revised Arabic text " * 20, pages=9))
        )


def test_the_page_says_exactly_what_the_zip_holds(client, pamphlet, arabic, chinese):
    EditionFactory(pamphlet=pamphlet, language=arabic)
    EditionFactory(pamphlet=pamphlet, language=chinese)
    page = html.unescape(client.get("/en/pamphlets/warning/").content.decode())
    assert (
        '<a href="/en/pamphlets/warning/all-languages.zip" type="application/zip">All languages in one ZIP file</a>'
    ) in page
    served, _size = _served_zip(client, "/en/pamphlets/warning/all-languages.zip")
    said = re.search(r"It holds the PDF files of the (\d+) languages above.*?</p>", page, re.S).group(0)
    assert "the 2 languages" in said and '“<code lang="en">warning-ar-arabic.pdf</code>”' in said
    for name in served.namelist():
        if not name.endswith(".pdf"):
            assert name in said


def test_each_card_has_one_download_link_and_the_checksum_behind_verify_the_file(client, pamphlet, arabic):
    edition = EditionFactory(pamphlet=pamphlet, language=arabic)
    for url, summary in (
        ("/en/pamphlets/warning/", "Verify the file"),
        ("/fr/depliants/mise-en-garde/", "Vérifier le fichier"),
    ):
        page = client.get(url).content.decode()
        card = re.search(r'<li class="edition-list__item">.*?</li>', page, re.S).group(0)
        assert len(re.findall(r'href="[^"]+\.pdf', card)) == 1
        details = re.search(r"<details.*?</details>", card, re.S).group(0)
        assert summary in details and edition.sha256 in details
        assert card.count(edition.sha256) == 1


@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_unpublished_editions_are_not_listed_nor_downloadable(client, pamphlet, arabic, chinese, state):
    with time_machine.travel(NOW, tick=False):
        EditionFactory(pamphlet=pamphlet, language=chinese)
        hidden = {
            "draft": {"status": Status.DRAFT},
            "scheduled": {"publish_at": NOW + timedelta(days=1)},
            "expired": {"unpublish_at": NOW - timedelta(days=1)},
        }[state]
        EditionFactory(pamphlet=pamphlet, language=arabic, **hidden)
        page = client.get("/en/pamphlets/warning/").content.decode()
        assert "ar.pdf" not in page
        assert "zh-Hans.pdf" in page
        for url in ("/en/pamphlets/warning/ar.pdf", "/fr/depliants/mise-en-garde/ar.pdf"):
            assert client.get(url).status_code == 404
            assert client.head(url).status_code == 404


@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_nothing_of_an_unpublished_pamphlet_is_public(client, root, arabic, state):
    with time_machine.travel(NOW, tick=False):
        hidden = {
            "draft": {"status": Status.DRAFT},
            "scheduled": {"publish_at": NOW + timedelta(days=1)},
            "expired": {"unpublish_at": NOW - timedelta(days=1)},
        }[state]
        pamphlet = PamphletFactory(slug_en="hidden", **hidden)
        EditionFactory(pamphlet=pamphlet, language=arabic)
        for url in (
            "/en/pamphlets/hidden/",
            "/en/pamphlets/hidden/ar.pdf",
            "/en/pamphlets/hidden/all-languages.zip",
        ):
            assert client.get(url).status_code == 404, url
        assert pamphlet.title_en not in client.get("/en/pamphlets/").content.decode()


def test_staff_preview_draft_pamphlets_and_editions_uncached(client, pamphlet, arabic, chinese):
    editor = UserFactory(
        is_staff=True,
        permissions=["pamphlets.view_pamphlet", "pamphlets.change_pamphlet", "pamphlets.change_edition"],
    )
    login(client, editor)
    draft = PamphletFactory(slug_en="draft", status=Status.DRAFT)
    EditionFactory(pamphlet=draft, language=arabic)
    EditionFactory(pamphlet=pamphlet, language=chinese, status=Status.DRAFT)
    response = client.get("/en/pamphlets/draft/")
    assert response.status_code == 200
    assert 'class="preview-banner"' in response.content.decode()
    assert "all-languages.zip" not in response.content.decode()  # the ZIP holds public files only
    live_page = client.get("/en/pamphlets/warning/")
    assert "Not public (Draft)" in live_page.content.decode()
    assert "no-store" in live_page["Cache-Control"]
    download = client.get("/en/pamphlets/draft/ar.pdf")
    assert download.status_code == 200
    assert "no-store" in download["Cache-Control"]


def test_unknown_pamphlet_or_language_gives_the_404_page_in_its_language(client, pamphlet, arabic):
    EditionFactory(pamphlet=pamphlet, language=arabic)
    for url, text in (
        ("/en/pamphlets/nope/", "We couldn't find that web page"),
        ("/fr/depliants/rien/", "Nous ne pouvons trouver cette page Web"),
        ("/en/pamphlets/warning/xx.pdf", "We couldn't find that web page"),
        ("/fr/depliants/mise-en-garde/de.pdf", "Nous ne pouvons trouver cette page Web"),
        ("/en/pamphlets/nope/ar.pdf", "We couldn't find that web page"),
        ("/en/pamphlets/nope/all-languages.zip", "We couldn't find that web page"),
        ("/fr/depliants/mise-en-garde/all-languages.zip", "Nous ne pouvons trouver cette page Web"),
        ("/en/pamphlets/mise-en-garde/ar.pdf", "We couldn't find that web page"),  # French slug, English prefix
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert text in html.unescape(response.content.decode()), url


def test_a_pamphlet_without_editions_says_so_and_has_no_zip(client, pamphlet):
    page = client.get("/en/pamphlets/warning/").content.decode()
    assert "No language edition of this pamphlet is available at the moment." in page
    assert client.get("/en/pamphlets/warning/all-languages.zip").status_code == 404


def test_language_toggle_leads_to_the_same_pamphlet(client, pamphlet):
    english = client.get("/en/pamphlets/warning/").content.decode()
    assert '<a href="/fr/depliants/mise-en-garde/" lang="fr" hreflang="fr">Français</a>' in english
    english_only = PamphletFactory(slug_en="english-only", title_fr="", slug_fr=None)
    page = client.get(url_in_language(english_only, "en")).content.decode()
    assert "/fr/non-disponible/?from=%2Fen%2Fpamphlets%2Fenglish-only%2F" in page
    assert client.get("/fr/depliants/english-only/").status_code == 404


def test_breadcrumbs_and_date_modified(client, root, arabic):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 10, 1, 10, 0)), tick=False):
        pamphlet = PamphletFactory(slug_fr="mise-en-garde")
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 11, 20, 10, 0)), tick=False):
        EditionFactory(pamphlet=pamphlet, language=arabic)
    page = client.get("/fr/depliants/mise-en-garde/").content.decode()
    assert '<a href="/fr/depliants/">Dépliants</a>' in page
    assert '<time datetime="2026-11-20">2026-11-20</time>' in page  # the newest file counts as a change


@pytest.mark.parametrize("count", [10, 1000])
def test_pages_render_in_a_bounded_number_of_queries(client, root, count, django_assert_max_num_queries):
    languages = [LanguageFactory() for _ in range(14)]
    pamphlets = PamphletFactory.create_batch(count)
    target = pamphlets[0]
    for language in languages:
        EditionFactory(pamphlet=target, language=language)
    for url in (
        "/en/pamphlets/",
        "/fr/depliants/?page=2",
        url_in_language(target, "en"),
        url_in_language(target, "fr"),
        f"{url_in_language(target, 'en')}all-languages.zip",
        f"{url_in_language(target, 'en')}{languages[0].code}.pdf",
    ):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200, url


def test_staff_views_stay_bounded(admin_client, pamphlet, arabic, django_assert_max_num_queries):
    EditionFactory(pamphlet=pamphlet, language=arabic, status=Status.DRAFT)
    for url in ("/en/pamphlets/", "/en/pamphlets/warning/", "/en/pamphlets/warning/ar.pdf"):
        with django_assert_max_num_queries(8):
            assert admin_client.get(url).status_code == 200, url
