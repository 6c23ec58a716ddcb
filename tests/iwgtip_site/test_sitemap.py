"""The sitemap and robots.txt: every public address in both languages, each with its twin, and nothing else."""

from datetime import timedelta

import pytest
import time_machine
from defusedxml import ElementTree as ET
from django.utils import timezone

from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from tests.factories import InstrumentFactory, OrganizationFactory, PageFactory, PamphletFactory, ProvisionFactory
from tests.iwgtip_site.bulk import bulk_content

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"
NOW = timezone.now()


def sitemap_parts(client):
    """The addresses of the sitemaps /sitemap.xml (a sitemap index) lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    index = ET.fromstring(response.content)
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    return [part.findtext("s:loc", namespaces=NS) for part in index.findall("s:sitemap", NS)]


def sitemap_part(client, location):
    """[(address, lastmod "YYYY-MM-DD" or None, {hreflang: address})] of one sitemap the index lists."""
    response = client.get(location.removeprefix(HOST))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return [
        (
            url.findtext("s:loc", namespaces=NS),
            url.findtext("s:lastmod", namespaces=NS),
            {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)},
        )
        for url in ET.fromstring(response.content).findall("s:url", NS)
    ]


def sitemap(client):
    """{address: {"lastmod": "YYYY-MM-DD" or None, "alternates": {hreflang: address}}}, over every sitemap
    the index lists."""
    entries = {}
    for part in sitemap_parts(client):
        for location, lastmod, alternates in sitemap_part(client, part):
            assert location not in entries, f"listed twice: {location}"
            entries[location] = {"lastmod": lastmod, "alternates": alternates}
    return entries


def address(item, language):
    return f"{HOST}{url_in_language(item, language)}"


def test_every_live_item_is_listed_in_both_languages_with_its_twin_and_x_default(client, root):
    page = PageFactory(parent=root, slug_en="working-group", slug_fr="groupe-de-travail")
    child = PageFactory(parent=page)
    instrument = InstrumentFactory()
    organization = OrganizationFactory()
    pamphlet = PamphletFactory()
    entries = sitemap(client)
    for item in (root, page, child, instrument, organization, pamphlet):
        english, french = address(item, "en"), address(item, "fr")
        for location in (english, french):
            assert entries[location]["alternates"] == {"en": english, "fr": french, "x-default": english}
    assert f"{HOST}/fr/initiatives-canadiennes/" not in entries
    assert f"{HOST}/fr/groupe-de-travail/" in entries


def test_section_pages_are_listed_in_both_languages(client, root):
    entries = sitemap(client)
    for english, french in (
        ("/en/legislation/", "/fr/legislation/"),
        ("/en/partners/", "/fr/partenaires/"),
        ("/en/partners/working-group-members/", "/fr/partenaires/membres-du-groupe-de-travail/"),
        ("/en/pamphlets/", "/fr/depliants/"),
    ):
        assert entries[f"{HOST}{english}"]["alternates"]["fr"] == f"{HOST}{french}"
        assert entries[f"{HOST}{french}"]["alternates"]["x-default"] == f"{HOST}{english}"


def test_every_listed_address_names_every_listed_twin(client, root):
    PageFactory(parent=PageFactory(parent=root))
    InstrumentFactory.create_batch(2)
    PamphletFactory(title_fr="", slug_fr=None)  # English only
    entries = sitemap(client)
    for location, entry in entries.items():
        alternates = entry["alternates"]
        assert location in alternates.values()
        for language, twin in alternates.items():
            if language != "x-default":
                assert twin in entries, f"{location} names {twin}, which is not listed"
                assert entries[twin]["alternates"] == alternates


def test_an_item_without_a_french_version_is_listed_in_english_only(client, root):
    page = PageFactory(parent=root, title_fr="", slug_fr=None)
    organization = OrganizationFactory(name_fr="", slug_fr=None)
    french_only = InstrumentFactory(title_en="", slug_en=None)
    entries = sitemap(client)
    for item in (page, organization):
        english = address(item, "en")
        assert entries[english]["alternates"] == {"en": english, "x-default": english}
    french = address(french_only, "fr")
    assert entries[french]["alternates"] == {"fr": french}  # no English version: no x-default
    for item in (page, organization):  # listed once: no French address names it
        naming = [
            location for location, entry in entries.items() if address(item, "en") in entry["alternates"].values()
        ]
        assert naming == [address(item, "en")]


@pytest.mark.parametrize(
    "hidden", [{"status": Status.DRAFT}, {"publish_at": NOW + timedelta(days=1)}, {"unpublish_at": NOW}]
)
def test_unpublished_items_are_never_listed(client, root, hidden):
    section = PageFactory(parent=root, title_en="Hidden section", **hidden)
    under = PageFactory(parent=section, title_en="Under a hidden section")
    items = [
        section,
        under,
        InstrumentFactory(**hidden),
        OrganizationFactory(**hidden),
        PamphletFactory(**hidden),
    ]
    entries = sitemap(client)
    for item in items:
        for language in ("en", "fr"):
            assert address(item, language) not in entries


def test_provisions_are_not_addresses_of_their_own(client):
    instrument = InstrumentFactory()
    ProvisionFactory(instrument=instrument)
    assert not any("#" in location for location in sitemap(client))


def test_lastmod_is_the_date_modified(client, root):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 3, 14, 12, 0)), tick=False):
        instrument = InstrumentFactory()
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 9, 1, 12, 0)), tick=False):
        instrument.summary_en = "Updated."
        instrument.save()
    entries = sitemap(client)
    assert entries[address(instrument, "en")]["lastmod"] == "2026-09-01"
    assert entries[address(instrument, "fr")]["lastmod"] == "2026-09-01"


@pytest.mark.parametrize("count", [10, 1000])
def test_sitemap_renders_in_a_bounded_number_of_queries(
    client, root, count, django_assert_num_queries, django_assert_max_num_queries
):
    bulk_content(root, count)
    # A count (with the latest date) per content section, whatever the count, and the hidden sections of
    # each language, which the pages' public rule reads (both kept per content version afterwards).
    with django_assert_num_queries(7):
        parts = sitemap_parts(client)
    entries = 0
    for part in parts:
        with django_assert_max_num_queries(4):  # a part: its count, and its rows in each language
            entries += len(sitemap_part(client, part))
    assert entries > 2 * 4 * count


def test_the_index_lists_sections_of_at_most_the_section_size(client, root, settings):
    settings.SITEMAP_SECTION_SIZE = 7
    bulk_content(root, 10)  # 11 pages (the home page too), 10 of each other kind, each in two languages
    parts = sitemap_parts(client)
    assert f"{HOST}/sitemap-pages.xml" in parts
    assert f"{HOST}/sitemap-pages.xml?p=4" in parts  # 22 addresses: 4 parts of 7
    assert f"{HOST}/sitemap-pages.xml?p=5" not in parts
    sizes = {part: len(sitemap_part(client, part)) for part in parts}
    assert all(size <= 7 for size in sizes.values())
    assert sizes[f"{HOST}/sitemap-pages.xml?p=4"] == 1
    listed = [location for part in parts for location, _lastmod, _alternates in sitemap_part(client, part)]
    assert len(listed) == len(set(listed))  # the parts do not overlap
    assert len([location for location in listed if "/zanzibar-page" in location or location.endswith("/en/")]) > 0
    assert client.get("/sitemap-pages.xml", {"p": "9"}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_forms_search_and_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in (
        "/en/admin/",
        "/fr/admin/",
        "/en/search/",
        "/fr/recherche/",
        "/en/feedback/",
        "/fr/retroaction/",
    ):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
