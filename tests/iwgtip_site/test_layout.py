"""The Canada.ca page anatomy every public page shares (base.html and includes/): title, header, breadcrumbs,
footer, help for a person in danger, the bilingual "not found" page."""

import re
from html import unescape

import pytest

from iwgtip_site import canada_ca
from iwgtip_site.i18n import url_in_language
from tests.factories import EditionFactory, LanguageFactory, PageFactory, PamphletFactory

pytestmark = pytest.mark.django_db
DASH = "\N{EN DASH}"


def _title(content):
    return unescape(re.search(r"<title>(.*?)</title>", content, re.DOTALL).group(1))


@pytest.mark.parametrize(("language", "site"), [("en", "IWGTIP"), ("fr", "GTITP")])
def test_page_titles_name_the_page_once_then_the_site_then_canada_ca(client, root, language, site):
    page = PageFactory(parent=root, title_en="Help for victims", title_fr="Aide aux victimes")
    home = _title(client.get(f"/{language}/").content.decode())
    assert home == f"{root.title_en if language == 'en' else root.title_fr} {DASH} {site} {DASH} Canada.ca"
    title = _title(client.get(url_in_language(page, language)).content.decode())
    assert title == f"{page.title_en if language == 'en' else page.title_fr} {DASH} {site} {DASH} Canada.ca"


def test_the_home_page_title_is_not_doubled_with_the_real_site_name(client, root):
    root.title_en = "Human trafficking and migrant smuggling"
    root.save()
    title = _title(client.get("/en/").content.decode())
    assert title.count("Human trafficking and migrant smuggling") == 1


@pytest.mark.parametrize(
    ("language", "canada_ca_home"), [("en", "https://www.canada.ca/en.html"), ("fr", "https://www.canada.ca/fr.html")]
)
def test_breadcrumbs_start_at_canada_ca_then_the_sites_home(client, root, language, canada_ca_home):
    section = PageFactory(parent=root)
    child = PageFactory(parent=section)
    content = client.get(url_in_language(child, language)).content.decode()
    trail = re.search(r'<nav class="breadcrumbs container"[^>]*>(.*?)</nav>', content, re.DOTALL).group(1)
    links = re.findall(r'<a href="([^"]+)">', trail)
    assert links == [canada_ca_home, f"/{language}/", url_in_language(section, language)]
    home_trail = re.search(
        r'<nav class="breadcrumbs container"[^>]*>(.*?)</nav>', client.get(f"/{language}/").content.decode(), re.DOTALL
    )
    assert re.findall(r'<a href="([^"]+)">', home_trail.group(1)) == [canada_ca_home]


@pytest.mark.parametrize(
    ("language", "terms", "privacy"),
    [
        (
            "en",
            "https://www.canada.ca/en/transparency/terms.html",
            "https://www.canada.ca/en/transparency/privacy.html",
        ),
        (
            "fr",
            "https://www.canada.ca/fr/transparence/avis.html",
            "https://www.canada.ca/fr/transparence/confidentialite.html",
        ),
    ],
)
def test_footer_has_the_government_of_canada_band_and_the_real_terms_and_privacy_pages(
    client, root, language, terms, privacy
):
    content = client.get(f"/{language}/").content.decode()
    footer = content[content.index('<footer class="gc-footer">') :]
    assert f'<a href="{terms}">' in footer and f'<a href="{privacy}">' in footer
    heading = "Government of Canada" if language == "en" else "Gouvernement du Canada"
    assert f'class="gc-footer__heading gc-footer__heading--underlined">{heading}</h3>' in footer
    contacts = "https://www.canada.ca/en/contact.html" if language == "en" else "https://www.canada.ca/fr/contact.html"
    assert f'<a href="{contacts}">' in footer


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_footer_link_leads_to_the_government_of_canada_in_the_readers_language(client, root, language):
    content = client.get(f"/{language}/").content.decode()
    footer = content[content.index('<footer class="gc-footer">') :]
    links = canada_ca.GOVERNMENT + canada_ca.THEMES + canada_ca.CORPORATE
    hrefs = re.findall(r'<a href="(https://[^"]+)"', footer)
    assert len(hrefs) == len(links)
    for href in hrefs:
        assert re.match(r"https://(www\.)?([a-z]+\.)?(canada\.ca|gc\.ca)/", href), href
        if "canada.ca/" in href:
            assert f"canada.ca/{language}/" in href, href


def test_the_search_box_shows_the_query_on_the_results_page_only(client, root):
    results = client.get("/en/search/", {"q": "trafficking & smuggling"}).content.decode()
    header = results[: results.index("<main")]
    assert 'value="trafficking &amp; smuggling"' in header
    assert 'placeholder="Search this site"' in header
    assert "<svg" in header[header.index('class="site-search__button"') :]  # the magnifier
    home = client.get("/en/", {"q": "trafficking"}).content.decode()
    assert 'value="trafficking"' not in home[: home.index("<main")]


@pytest.mark.parametrize(
    ("language", "hotline", "emergency"),
    [
        ("en", "Canadian Human Trafficking Hotline", "immediate danger"),
        ("fr", "Ligne d'urgence canadienne contre la traite des personnes", "danger immédiat"),
    ],
)
def test_home_and_pamphlet_pages_tell_a_person_in_danger_whom_to_call(client, root, language, hotline, emergency):
    pamphlet = PamphletFactory()
    EditionFactory(pamphlet=pamphlet, language=LanguageFactory())
    other = PageFactory(parent=root)
    for url in (f"/{language}/", url_in_language(pamphlet, language)):
        content = unescape(client.get(url).content.decode())
        assert '<a href="tel:+1-833-900-1010">1-833-900-1010</a>' in content, url
        assert '<a href="tel:911">911</a>' in content, url
        assert hotline in content and emergency in content, url
        assert "canadianhumantraffickinghotline.ca" in content, url  # the source, beside the number
    assert "tel:" not in client.get(url_in_language(other, language)).content.decode()


@pytest.mark.parametrize(
    ("path", "first", "second"),
    [
        ("/en/no-such-page/", "We couldn't find that web page", "Nous ne pouvons trouver cette page Web"),
        ("/fr/aucune-page/", "Nous ne pouvons trouver cette page Web", "We couldn't find that web page"),
    ],
)
def test_not_found_page_speaks_both_official_languages_the_readers_first(client, root, path, first, second):
    response = client.get(path)
    assert response.status_code == 404
    content = unescape(response.content.decode())
    assert content.index(f"<h1>{first}") < content.index(f"<h2>{second}")
    other = "fr" if path.startswith("/en/") else "en"
    assert f'<section lang="{other}">' in content
    assert f'<a href="/{other}/" hreflang="{other}">' in content


def test_an_address_without_a_language_leads_to_the_bilingual_not_found_page(client, root):
    response = client.get("/nothing-here", follow=True)
    assert response.status_code == 404
    content = unescape(response.content.decode())
    assert "We couldn't find that web page" in content and "Nous ne pouvons trouver cette page Web" in content


def test_a_rich_text_table_scrolls_in_its_own_labelled_region(client, root):
    page = PageFactory(
        parent=root,
        body_en="<table><caption>Smuggling &amp; trafficking</caption><tr><td>Consent</td></tr></table><p>After.</p>",
    )
    content = client.get(url_in_language(page, "en")).content.decode()
    assert (
        '<div class="table-scroll" role="region" aria-label="Smuggling &amp; trafficking" tabindex="0"><table>'
        in content
    )
