"""The search index (PostgreSQL): the same results, ranks and snippets as a search over the live columns, and
kept current by every write path (save, publish, unpublish, a working copy published, restore, delete,
recovery), never showing what the public may not see."""

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone
from reversion.models import Version

from iwgtip_site import search_index, workflow
from iwgtip_site.models import SearchEntry
from iwgtip_site.publishing import Status
from iwgtip_site.search import MARK_END, MARK_START, run_search
from iwgtip_site.sources import content_sources
from pages.models import Page
from tests.factories import (
    EditionFactory,
    InstrumentFactory,
    LanguageFactory,
    OrganizationFactory,
    PageFactory,
    PamphletFactory,
    ProvisionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

RESULT_TITLE = re.compile(r'<h2 class="search-result__title"><a href="[^"]*">(.*?)</a></h2>', re.S)


@pytest.fixture(autouse=True)
def postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("The search index is PostgreSQL's: set DATABASE_URL to run this test.")


@pytest.fixture
def publisher(db):
    return UserFactory(is_staff=True, is_superuser=True)


def found(client, query, language="en"):
    """The titles a reader finds for `query`, through the site."""
    path = "/en/search/" if language == "en" else "/fr/recherche/"
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    return [html.unescape(title) for title in RESULT_TITLE.findall(response.content.decode())]


def live_search(query, language):
    """What search gave before the index: every public row's vector built from its columns at query time.
    [(source key, pk, rank, snippet)], best first, ties in the sources' order then by key."""
    config = search_index.TEXT_SEARCH_CONFIGURATIONS[language]
    terms = SearchQuery(query, search_type="websearch", config=config)
    rows = []
    for order, source in enumerate(content_sources()):
        matches = (
            source.items(language)
            .alias(live_document=search_index.document(source, language))
            .filter(live_document=terms)
            .annotate(
                live_rank=SearchRank(F("live_document"), terms),
                live_snippet=SearchHeadline(
                    search_index.snippet_text(source, language),
                    terms,
                    config=config,
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    min_words=15,
                    max_words=35,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
        )
        rows += [(order, source.key, item.pk, item.live_rank, item.live_snippet) for item in matches]
    rows.sort(key=lambda row: (-row[3], row[0], row[2]))
    return [(key, pk, rank, snippet) for _order, key, pk, rank, snippet in rows]


def indexed_search(query, language):
    """What search gives now, every page of it."""
    results, page = [], 1
    while True:
        outcome = run_search(query, language=language, page_number=page)
        results += [(result.source.key, result.item.pk, result.rank, result.snippet) for result in outcome.results]
        if not outcome.page.has_next():
            return results
        page += 1


def marked(snippet):
    """A live headline as the page shows it (escaped, the matches in <mark>)."""
    text = html.escape(" ".join(html.unescape(snippet).split()), quote=True)
    return text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def test_every_source_has_a_gin_index_of_its_own(root):
    """A source without one would be searched by reading its entries one by one (migration 0009)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'iwgtip_site_searchentry'")
        definitions = dict(cursor.fetchall())
    for source in content_sources():
        definition = definitions.get(f"search_entry_document_{source.key}", "")
        assert "USING gin (document)" in definition and f"source)::text = '{source.key}'" in definition, source.key


def test_results_ranks_and_snippets_are_identical_before_and_after_indexing(root):
    arabic = LanguageFactory(code="ar", name_en="Arabic", name_fr="Arabe", endonym="العربية")
    for index in range(14):
        PageFactory(
            parent=root,
            title_en=f"Trafficking in persons {index}" if index % 3 == 0 else f"Guide {index}",
            summary_en="How trafficking works." if index % 2 else "Support for survivors.",
            body_en=f"<p>Victims of <strong>human trafficking</strong> &amp; labour exploitation {index}.</p>"
            * (index % 4 + 1),
            title_fr=f"Traite des personnes {index}",
            body_fr="<p>Les victimes de la traite, réfugiés et travailleurs.</p>",
        )
    for index in range(6):
        instrument = InstrumentFactory(summary_en=f"An act on trafficking and labour, part {index}.")
        ProvisionFactory(instrument=instrument, heading_en="Trafficking in persons", text_en="<p>Every person</p>")
        OrganizationFactory(name_en=f"Survivors network {index}", summary_en="Helps victims of trafficking.")
    EditionFactory(pamphlet=PamphletFactory(summary_en="Know your rights at work."), language=arabic)
    PageFactory(parent=root, title_en="Draft about trafficking", status=Status.DRAFT)
    queries = ["trafficking", "victims labour", '"human trafficking"', "trafficking -survivors", "arabic", "work"]
    before = {(query, language): live_search(query, language) for query in queries for language in ("en", "fr")}
    before[("traite", "fr")] = live_search("traite", "fr")

    call_command("rebuild_search_index", verbosity=0)

    for (query, language), expected in before.items():
        after = indexed_search(query, language)
        assert [(key, pk, rank) for key, pk, rank, _snippet in after] == [row[:3] for row in expected], query
        assert [snippet for *_row, snippet in after] == [marked(row[3]) for row in expected], query
    assert len(before[("trafficking", "en")]) > 20  # more than one page of results was compared
    assert "Draft about trafficking" not in found_titles(before)


def found_titles(before):
    return [Page.objects.get(pk=pk).title_en for key, pk, *_rest in before[("trafficking", "en")] if key == "pages"]


def entries(item):
    return SearchEntry.objects.filter(object_id=item.pk, source="pages").count()


def test_every_write_path_updates_the_index(client, root, publisher):
    page = PageFactory.build(parent=root, title_en="Zanzibar", title_fr="Zanzibar fr", status=Status.DRAFT)
    workflow.item_save(item=page, user=publisher)  # a new draft: stored, never shown
    assert entries(page) == 2  # one document per language
    assert found(client, "zanzibar") == []

    workflow.item_publish(item=page, user=publisher)
    assert found(client, "zanzibar") == ["Zanzibar"]
    assert found(client, "zanzibar", "fr") == ["Zanzibar fr"]

    page.refresh_from_db()
    page.title_en = "Pemba"
    workflow.item_save(item=page, user=publisher)  # a publisher's edit, written for good
    assert found(client, "pemba") == ["Pemba"]
    assert found(client, "zanzibar") == []

    page.refresh_from_db()
    page.title_en = "Mafia island"
    workflow.item_save(item=page, user=publisher, as_working_copy=True)  # the public keeps "Pemba"
    assert found(client, "mafia") == []
    assert found(client, "pemba") == ["Pemba"]
    workflow.item_approve(item=page, user=publisher)  # the working copy applied to the published rows
    assert found(client, "mafia") == ["Mafia island"]
    assert found(client, "pemba") == []

    first = Version.objects.get_for_object(page).order_by("pk")[1]  # as published: "Zanzibar"
    workflow.item_restore(item=page, version=first, user=publisher)
    assert found(client, "zanzibar") == ["Zanzibar"]
    assert found(client, "mafia") == []

    workflow.item_unpublish(item=page, user=publisher)
    assert found(client, "zanzibar") == []
    assert entries(page) == 2  # kept for a publication to come, never shown

    workflow.item_delete(item=page, user=publisher)
    assert entries(page) == 0
    recovered = workflow.item_recover(model=Page, version=Version.objects.get_deleted(Page).first(), user=publisher)
    assert entries(recovered) == 2 and found(client, "zanzibar") == []  # recovered as a draft


def test_an_instrument_write_indexes_its_provisions(client, publisher):
    instrument = InstrumentFactory(title_en="Criminal Code")
    provision = ProvisionFactory(instrument=instrument, heading_en="Zanzibar offence")
    instrument.summary_en = "Amended."
    workflow.item_save(item=instrument, user=publisher)
    assert found(client, "zanzibar") == [f"Criminal Code, {provision.display_label} Zanzibar offence".strip()]
    workflow.item_delete(item=instrument, user=publisher)
    assert not SearchEntry.objects.filter(source="provisions", object_id=provision.pk).exists()


def test_a_scheduled_item_is_found_from_the_moment_it_goes_live(client, root, publisher):
    page = PageFactory.build(parent=root, title_en="Zanzibar", status=Status.DRAFT)
    page.publish_at = timezone.now() + timedelta(hours=2)
    workflow.item_save(item=page, user=publisher)
    workflow.item_publish(item=page, user=publisher)
    assert found(client, "zanzibar") == []
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert found(client, "zanzibar") == ["Zanzibar"]


def test_a_pamphlet_is_found_by_an_editions_language_once_that_edition_goes_live(client, publisher):
    swahili = LanguageFactory(code="sw", name_en="Swahili", name_fr="Swahili", endonym="Kiswahili")
    pamphlet = PamphletFactory(title_en="Know your rights")
    EditionFactory(pamphlet=pamphlet, language=swahili, publish_at=timezone.now() + timedelta(hours=2))
    pamphlet.summary_en = "Your rights at work."
    workflow.item_save(item=pamphlet, user=publisher)
    assert found(client, "swahili") == []  # the edition is scheduled: its language is not in the document yet
    assert found(client, "rights") == ["Know your rights"]
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert found(client, "swahili") == ["Know your rights"]  # written again on the first request after
    assert SearchEntry.objects.filter(refresh_at__isnull=False).count() == 0


def test_rebuild_writes_every_entry_from_what_is_stored(root):
    PageFactory(parent=root, title_en="Zanzibar")
    InstrumentFactory.create_batch(2)
    assert SearchEntry.objects.count() == 0  # the factories save around the write path
    call_command("rebuild_search_index", verbosity=0)
    assert SearchEntry.objects.filter(source="pages").count() == 2 * Page.objects.count()
    assert SearchEntry.objects.filter(source="legislation").count() == 4
    assert [result.title for result in run_search("zanzibar", language="en").results] == ["Zanzibar"]
