"""Site search: stemmed, accent-insensitive full-text search on PostgreSQL (a plain fallback on SQLite),
across every app, in the reader's language, showing only what the public may see."""

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from iwgtip_site import search_index
from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from iwgtip_site.text import collapse_spaces
from pages.models import Page
from tests.factories import (
    EditionFactory,
    InstrumentFactory,
    LanguageFactory,
    OrganizationFactory,
    PageFactory,
    PamphletFactory,
    ProvisionFactory,
    TreatyFactory,
)
from tests.iwgtip_site.bulk import bulk_content

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"

RESULT = re.compile(
    r'<h2 class="search-result__title"><a href="(?P<url>[^"]*)">(?P<title>.*?)</a></h2>\s*'
    r'<p class="search-result__type">(?P<type>.*?)</p>\s*'
    r'(?:<p class="search-result__snippet">(?P<snippet>.*?)</p>)?',
    re.S,
)


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("Stemming and accent-insensitive search need PostgreSQL: set DATABASE_URL to run this test.")


@pytest.fixture
def sqlite(db):
    if connection.vendor != "sqlite":
        pytest.skip("This is the SQLite fallback's test; on PostgreSQL the site uses full-text search.")


def search(client, language="en", **params):
    """(response, [{url, title, type, snippet}]) for /<language>/search/ with `params`. The factories save
    around the write path, so the search index (PostgreSQL) is written again first from what is stored."""
    search_index.rebuild()
    path = "/en/search/" if language == "en" else "/fr/recherche/"
    response = client.get(path, params)
    assert response.status_code == 200
    results = [match.groupdict() for match in RESULT.finditer(response.content.decode())]
    return response, results


def titles(results):
    return [html.unescape(result["title"]) for result in results]


def summary(response):
    match = re.search(r'<p class="search-summary" role="status">(.*?)</p>', response.content.decode(), re.S)
    return " ".join(html.unescape(match.group(1)).split()) if match else None


# What is found (PostgreSQL full-text search)


@pytest.mark.postgres
def test_english_search_finds_stemmed_variants(client, root, postgresql):
    PageFactory(parent=root, title_en="Canadian law", body_en="<p>Trafficking in persons is a crime.</p>")
    ProvisionFactory(heading_en="Penalty for smuggling")
    PageFactory(parent=root, title_en="Sentencing", body_en="<p>Severe penalties apply.</p>")
    assert titles(search(client, q="trafficker")[1]) == ["Canadian law"]
    assert "Sentencing" in titles(search(client, q="penalty")[1])
    found = search(client, q="penalties")[1]
    assert any(title.endswith("Penalty for smuggling") for title in titles(found))


@pytest.mark.postgres
def test_french_search_ignores_accents_both_ways(client, root, postgresql):
    PamphletFactory(title_fr="Dépliant en tagalog")
    PageFactory(parent=root, title_fr="Aide aux refugies", body_fr="<p>Sans accents.</p>")
    PageFactory(parent=root, title_fr="Protection", body_fr="<p>Les réfugiés et les demandeurs d'asile.</p>")
    assert titles(search(client, "fr", q="depliant tagalog")[1]) == ["Dépliant en tagalog"]
    assert set(titles(search(client, "fr", q="réfugiés")[1])) == {"Aide aux refugies", "Protection"}
    assert set(titles(search(client, "fr", q="refugies")[1])) == {"Aide aux refugies", "Protection"}
    assert set(titles(search(client, "fr", q="réfugié")[1])) == {"Aide aux refugies", "Protection"}  # and stems


@pytest.mark.postgres
def test_search_reads_the_language_of_the_reader(client, root, postgresql):
    PageFactory(parent=root, title_en="Smuggling", title_fr="Passage de clandestins", body_fr="<p>Clandestins.</p>")
    assert titles(search(client, "fr", q="clandestin")[1]) == ["Passage de clandestins"]
    assert search(client, "en", q="clandestin")[1] == []  # the English version does not say it


@pytest.mark.postgres
def test_markup_is_not_indexed(client, root, postgresql):
    PageFactory(
        parent=root, title_en="Emphasis", body_en='<p><strong>Bold</strong> <a href="https://example.org/">x</a></p>'
    )
    assert search(client, q="strong")[1] == []
    assert search(client, q="href")[1] == []
    assert titles(search(client, q="bold")[1]) == ["Emphasis"]


@pytest.mark.postgres
def test_phrases_exclusions_and_french_quotation_marks(client, root, postgresql):
    PageFactory(parent=root, title_fr="Traite", body_fr="<p>La traite des personnes est un crime.</p>")
    PageFactory(parent=root, title_fr="Personnes", body_fr="<p>Des personnes ont signalé la traite.</p>")
    assert titles(search(client, "fr", q="« traite des personnes »")[1]) == ["Traite"]
    assert titles(search(client, "fr", q='"traite des personnes"')[1]) == ["Traite"]
    assert titles(search(client, "fr", q="traite -signalé")[1]) == ["Traite"]


# Ranking, snippets, links (both databases)


def test_title_matches_rank_first(client, root):
    PageFactory(parent=root, title_en="About the working group", body_en="<p>Lorem zanzibar ipsum.</p>")
    PageFactory(parent=root, title_en="Zanzibar", body_en="<p>Nothing else.</p>")
    assert titles(search(client, q="zanzibar")[1]) == ["Zanzibar", "About the working group"]


def test_results_are_labelled_by_type_and_linked_in_the_readers_language(client, root):
    page = PageFactory(parent=root, title_en="Zanzibar page", title_fr="Page zanzibar")
    instrument = InstrumentFactory(title_en="Zanzibar Act", title_fr="Loi zanzibar")
    organization = OrganizationFactory(name_en="Zanzibar Agency", name_fr="Agence zanzibar")
    pamphlet = PamphletFactory(title_en="Zanzibar leaflet", title_fr="Dépliant zanzibar")
    for language, labels in (("en", {"Page", "Legislation", "Partner", "Pamphlet"}),
                             ("fr", {"Page", "Législation", "Partenaire", "Dépliant"})):  # fmt: skip
        results = search(client, language, q="zanzibar")[1]
        assert {result["type"] for result in results} == labels
        assert {result["url"] for result in results} == {
            url_in_language(item, language) for item in (page, instrument, organization, pamphlet)
        }


def test_snippets_keep_the_no_break_spaces_of_french_typography(client, root):
    PageFactory(parent=root, title_fr="Peines", body_fr="<p>Peine maximale&nbsp;: emprisonnement à perpétuité.</p>")
    snippet = search(client, "fr", q="emprisonnement")[1][0]["snippet"]
    assert "maximale\xa0: " in html.unescape(snippet)


def test_collapsing_spaces_keeps_no_break_spaces():
    assert collapse_spaces(" Peine\n maximale\u00a0:\t 1\u202f000 ") == "Peine maximale\u00a0: 1\u202f000"


def test_a_provision_links_to_its_place_on_the_instruments_page(client):
    code = InstrumentFactory(title_en="Criminal Code", short_title_en="Criminal Code", slug_en="criminal-code")
    ProvisionFactory(instrument=code, label="279.01", heading_en="Trafficking in persons zanzibar")
    (result,) = search(client, q="zanzibar", type="provisions")[1]
    assert result["type"] == "Provision"
    assert result["url"] == "/en/legislation/criminal-code/#s-279.01"
    assert html.unescape(result["title"]) == "Criminal Code, s. 279.01 Trafficking in persons zanzibar"


def test_a_french_article_cited_inside_a_title_starts_in_lowercase(client):
    """« Protocole …, article 3, alinéa a) Définition » in the results; « Article 3, alinéa a) » where it starts
    the provision's heading on the instrument's page."""
    protocol = TreatyFactory(short_title_fr="Protocole relatif à la traite")
    ProvisionFactory(instrument=protocol, label="3(a)", heading_fr="Définition zanzibar")
    (result,) = search(client, "fr", q="zanzibar", type="provisions")[1]
    assert html.unescape(result["title"]) == "Protocole relatif à la traite, article 3, alinéa a) Définition zanzibar"
    page = html.unescape(client.get(url_in_language(protocol, "fr")).content.decode())
    assert '<a class="provision__link" href="#s-3-a">Article 3, alinéa a)</a> Définition zanzibar' in page


def test_snippets_mark_the_matches_and_never_let_content_html_through(client, root):
    PageFactory(
        parent=root,
        title_en="Help",
        summary_en="",
        body_en="<p>Victims &lt;script&gt;alert(1)&lt;/script&gt; of <strong>zanzibar</strong> &amp; others.</p>",
    )
    (result,) = search(client, q="zanzibar")[1]
    snippet = result["snippet"]
    assert "<mark>zanzibar</mark>" in snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "<script>" not in snippet and "<strong>" not in snippet
    assert "&amp; others" in snippet  # an entity of the stored HTML is shown as its character


def test_a_pamphlet_is_found_by_the_languages_it_is_issued_in(client):
    pamphlet = PamphletFactory(title_en="Warning", title_fr="Mise en garde")
    EditionFactory(
        pamphlet=pamphlet, language=LanguageFactory(code="ar", name_en="Arabic", name_fr="arabe", endonym="العربية")
    )
    EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="tl", name_en="Tagalog", name_fr="tagalog"),
                   status=Status.DRAFT)  # fmt: skip
    assert titles(search(client, "fr", q="arabe")[1]) == ["Mise en garde"]
    assert titles(search(client, "en", q="العربية")[1]) == ["Warning"]
    assert search(client, "fr", q="tagalog")[1] == []  # that file is not public


# Only what the public may see


NOW = timezone.now()
HIDDEN_STATES = {
    "draft": {"status": Status.DRAFT},
    "scheduled": {"publish_at": NOW + timedelta(days=1)},
    "expired": {"unpublish_at": NOW - timedelta(days=1)},
}


@pytest.mark.parametrize("listed", [1000, 0], ids=["hidden entries listed", "too many: the rule in SQL"])
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_unpublished_content_never_appears(client, root, state, listed, monkeypatch):
    from iwgtip_site import search as site_search

    monkeypatch.setattr(site_search, "HIDDEN_LISTED", listed)
    hidden = HIDDEN_STATES[state]
    PageFactory(parent=root, title_en="Zanzibar page", **hidden)
    section = PageFactory(parent=root, title_en="Section", **hidden)
    PageFactory(parent=section, title_en="Zanzibar under an unpublished section")
    instrument = InstrumentFactory(title_en="Zanzibar Act", **hidden)
    ProvisionFactory(instrument=instrument, heading_en="Zanzibar provision")
    OrganizationFactory(name_en="Zanzibar Agency", **hidden)
    PamphletFactory(title_en="Zanzibar leaflet", **hidden)
    response, results = search(client, q="zanzibar")
    assert results == []
    assert "Zanzibar" not in response.content.decode().replace("“zanzibar”", "")
    assert summary(response) == "No results for “zanzibar”."


def test_a_scheduled_item_is_found_from_its_moment_although_the_hidden_entries_were_kept(client, root):
    """The list of entries the public may not see is kept per content version: until the next scheduled moment."""
    with time_machine.travel(NOW, tick=False):
        PageFactory(parent=root, title_en="Zanzibar at nine", publish_at=NOW + timedelta(hours=1))
        PageFactory(parent=root, title_en="Zanzibar now")
        assert titles(search(client, q="zanzibar")[1]) == ["Zanzibar now"]
        assert titles(search(client, q="zanzibar now")[1]) == ["Zanzibar now"]  # a new query: the list kept
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert sorted(titles(search(client, q="Zanzibar")[1])) == ["Zanzibar at nine", "Zanzibar now"]


@pytest.mark.postgres
def test_an_entry_written_after_the_hidden_list_was_kept_is_not_found_before_the_version_moves(
    client, root, postgresql
):
    """A draft written where no version is raised (another server's write not yet heard of) stays unfound."""
    PageFactory(parent=root, title_en="Zanzibar now")
    assert titles(search(client, q="zanzibar")[1]) == ["Zanzibar now"]  # the hidden list is kept
    Page.objects.bulk_create([Page(parent=root, depth=1, title_en="Zanzibar draft", slug_en="draft",
                                   url_path_en="draft/", status=Status.DRAFT)])  # fmt: skip
    search_index.index_items(Page, Page.objects.filter(slug_en="draft").values_list("pk", flat=True))
    assert titles(search(client, q="Zanzibar")[1]) == ["Zanzibar now"]


def test_content_without_a_version_in_the_readers_language_is_not_found_in_it(client, root):
    PageFactory(parent=root, title_en="Zanzibar", title_fr="", slug_fr=None)
    InstrumentFactory(title_en="Zanzibar Act", title_fr="", slug_fr=None)
    assert len(search(client, "en", q="zanzibar")[1]) == 2
    assert search(client, "fr", q="zanzibar")[1] == []


# The results page


def test_results_are_paginated_ten_at_a_time(client, root):
    for index in range(25):
        PageFactory(parent=root, title_en=f"Zanzibar {index:02d}", show_in_menu=False)
    cases = {"": (1, 10), "2": (11, 20), "3": (21, 25), "abc": (1, 10), "0": (1, 10), "-1": (1, 10), "999": (21, 25)}
    for page, (first, last) in cases.items():
        response, results = search(client, q="zanzibar", page=page)
        assert summary(response) == f"Showing {first}{DASH}{last} of 25 results for “zanzibar”", page
        assert len(results) == last - first + 1
    content = search(client, q="zanzibar", page="2")[0].content.decode()
    assert 'href="?q=zanzibar&amp;page=3" rel="next"' in content
    assert '<ol class="search-results" start="11">' in content


NOT_PAGE_NUMBERS = ["²", "³", "\N{ARABIC-INDIC DIGIT ONE}", "\N{ARABIC-INDIC DIGIT TWO}", " 2", "1_0", "²²²²²²²"]


@pytest.mark.parametrize("page", NOT_PAGE_NUMBERS)
def test_page_numbers_in_other_scripts_or_forms_give_the_first_page(client, root, page):
    """str.isdigit() takes "²" (then int() fails); int() takes Arabic-Indic digits and "1_0": pages are ASCII."""
    for index in range(25):
        PageFactory(parent=root, title_en=f"Zanzibar {index:02d}", show_in_menu=False)
    response, _results = search(client, q="zanzibar", page=page)
    assert response.status_code == 200
    assert summary(response) == f"Showing 1{DASH}10 of 25 results for “zanzibar”"


def test_type_filter_shows_one_type_and_counts_each(client, root):
    PageFactory(parent=root, title_en="Zanzibar page")
    InstrumentFactory.create_batch(2, summary_en="On zanzibar.")
    response, results = search(client, q="zanzibar", type="legislation")
    assert {result["type"] for result in results} == {"Legislation"}
    content = html.unescape(response.content.decode())
    assert 'aria-current="true">Legislation <span class="search-types__count">(2)</span>' in content
    assert "Pages <span" in content and "(1)" in content
    assert summary(response) == f"Showing 1{DASH}2 of 2 results for “zanzibar”"
    assert len(search(client, q="zanzibar", type="bogus")[1]) == 3  # an unknown type is ignored


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE pages_page; --",
        "<script>alert('x')</script>",
        '" OR 1=1 --',
        "a\x01b\x07c\x1bd",  # (a NUL in any address is refused before search: see test_security)
        "!!! ::: &&& |||",
        "(((",
        "-",
        '"',
        "é" * 5000,
        "zanzibar\u2028\u0085",
    ],
)
def test_odd_queries_give_a_normal_page_and_are_never_reflected_unescaped(client, root, query):
    PageFactory(parent=root, title_en="Zanzibar")
    response, _results = search(client, q=query)
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "\x01" not in content and "\x07" not in content
    assert Page.objects.exists()
    assert summary(response) is not None  # a results summary, even if there are none


def test_an_empty_query_shows_a_friendly_prompt(client):
    for params in ({}, {"q": ""}, {"q": "   "}, {"q": "\x01\x02"}):
        response, results = search(client, **params)
        assert results == []
        assert "Enter one or more words to search" in response.content.decode()
    assert "Entrez un ou plusieurs mots" in search(client, "fr", q="")[0].content.decode()


def test_an_overlong_query_is_cut_and_the_reader_told(client, root):
    PageFactory(parent=root, title_en="Zanzibar")
    response, _results = search(client, q="zanzibar " + "x" * 400)
    content = response.content.decode()
    assert "Your search was too long: only its first 200 characters were used." in content
    assert re.search(r'<input id="search-q" type="search" name="q" value="zanzibar x{191}" maxlength="200"', content)
    assert "trop longue" in search(client, "fr", q="y" * 201)[0].content.decode()


def test_the_search_box_is_in_the_header_of_every_public_page(client, root):
    page = PageFactory(parent=root)
    for url, action, label in (
        ("/en/", "/en/search/", "Search this site"),
        (url_in_language(page, "fr"), "/fr/recherche/", "Rechercher dans ce site"),
        ("/en/legislation/", "/en/search/", "Search this site"),
        ("/fr/introuvable/", "/fr/recherche/", "Rechercher dans ce site"),
    ):
        content = client.get(url).content.decode()
        form = re.search(r'<form class="site-search__form" role="search" method="get" action="([^"]+)"', content)
        assert form and form.group(1) == action, url
        assert f'<label for="site-search-q" class="visually-hidden">{label}</label>' in content
        assert '<input id="site-search-q" class="site-search__input" type="search" name="q"' in content
        assert f'placeholder="{label}"' in content


def test_language_toggle_keeps_the_query(client):
    content = client.get("/en/search/", {"q": "trafficking"}).content.decode()
    assert '<a href="/fr/recherche/?q=trafficking" lang="fr" hreflang="fr">Français</a>' in content


def test_results_are_cached_per_query_and_refreshed_by_an_edit(client, root):
    page = PageFactory(parent=root, title_en="Zanzibar")
    assert client.get("/en/search/", {"q": "zanzibar"})["X-Cache"] == "miss"
    assert client.get("/en/search/", {"q": "zanzibar"})["X-Cache"] == "hit"
    other = client.get("/en/search/", {"q": "zanzibar", "page": "2"})
    assert other["X-Cache"] == "miss"
    page.title_en = "Pemba"
    page.save()
    assert titles(search(client, q="pemba")[1]) == ["Pemba"]
    response = client.get("/en/search/", {"q": "zanzibar"})
    assert response["X-Cache"] == "miss"
    assert RESULT.findall(response.content.decode()) == []  # the renamed page no longer matches
    long_query = client.get("/en/search/", {"q": "z" * 250})
    assert "X-Cache" not in long_query  # query strings over 200 characters are never cached
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize("count", [10, 1000])
def test_results_page_renders_in_a_bounded_number_of_queries(client, root, count, django_assert_max_num_queries):
    bulk_content(root, count)
    search_index.rebuild()
    for path in ("/en/", "/fr/"):
        client.get(path)  # the menu and the schedule, kept per content version, as a running site has them
    for params in ({"q": "zanzibar"}, {"q": "zanzibar", "page": "3"}, {"q": "zanzibar", "type": "provisions"}):
        for path in ("/en/search/", "/fr/recherche/"):
            with django_assert_max_num_queries(6):  # one per source at most, each with its snippets
                response = client.get(path, params)
            assert response.status_code == 200
            assert len(RESULT.findall(response.content.decode())) == 10


@pytest.fixture
def small_bounds(monkeypatch):
    """Search's bounds, made small enough to reach with a few pages: 2 results a page and 2 in all at most,
    each type ranked among its 3 newest matches, and looked for among its 5 newest entries first."""
    from iwgtip_site import search as site_search

    monkeypatch.setattr(site_search, "RESULTS_PER_PAGE", 2)
    monkeypatch.setattr(site_search, "MAX_RESULTS", 2)
    monkeypatch.setattr(site_search, "NEWEST_RANKED", 3)
    monkeypatch.setattr(site_search, "RECENT_WINDOW", 5)


def test_a_common_query_is_ranked_among_each_types_newest_matches(client, root, small_bounds):
    PageFactory(parent=root, title_en="Zanzibar zanzibar zanzibar", show_in_menu=False)  # the best, and the oldest
    for index in range(6):
        PageFactory(
            parent=root,
            title_en=f"Page {index}",
            body_en="<p>About zanzibar.</p>",
            body_fr="<p>Sur Zanzibar.</p>",
            show_in_menu=False,
        )
    response, results = search(client, q="zanzibar")
    assert titles(results) == ["Page 3", "Page 4"]  # equal ranks, oldest first; the oldest match is not ranked
    assert summary(response) == f"Showing 1{DASH}2 of more than 2 results for “zanzibar”"
    content = html.unescape(response.content.decode())
    assert 'Pages <span class="search-types__count">(more than 2)</span>' in content
    french, _results = search(client, "fr", q="zanzibar")
    assert "Affichage de 1 à 2 sur plus de 2 résultats" in summary(french)
    assert "(plus de 2)" in html.unescape(french.content.decode())


def test_below_the_bound_every_match_is_ranked_and_counted(client, root, small_bounds):
    PageFactory(parent=root, title_en="Zanzibar zanzibar zanzibar", show_in_menu=False)
    for index in range(6):
        PageFactory(parent=root, title_en=f"Page {index}", show_in_menu=False)
    PageFactory(parent=root, title_en="Page 6", body_en="<p>About zanzibar.</p>", show_in_menu=False)
    response, results = search(client, q="zanzibar")
    assert titles(results) == ["Zanzibar zanzibar zanzibar", "Page 6"]  # the oldest is found, and first
    assert summary(response) == f"Showing 1{DASH}2 of 2 results for “zanzibar”"


# The SQLite fallback


def test_sqlite_fallback_finds_words_anywhere_titles_first(client, root, sqlite):
    PageFactory(parent=root, title_en="Working group", body_en="<p>It coordinates the response to trafficking.</p>")
    PageFactory(parent=root, title_en="Trafficking in persons", body_en="<p>Definitions.</p>")
    PageFactory(parent=root, title_en="Unrelated", body_en="<p>Smuggling only.</p>")
    results = search(client, q="TRAFFICK response")[1]
    assert titles(results) == ["Working group"]  # every word must appear
    results = search(client, q="traffick")[1]
    assert titles(results) == ["Trafficking in persons", "Working group"]
    assert "the response to <mark>traffick</mark>ing." in results[1]["snippet"]
    assert titles(search(client, q="traffick -response")[1]) == ["Trafficking in persons"]  # "-" excludes
