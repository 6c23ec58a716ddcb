"""Every public page that lists items paginates or caps them: it renders in the same number of queries,
and at about the same size, with 10 items of each kind or 1,000 (iwgtip_site.pagination)."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from iwgtip_site import caching
from legislation.models import Instrument, InstrumentRelation, RelationKind
from pamphlets.models import Pamphlet
from partners.models import Organization
from tests.factories import InstrumentFactory, PageFactory
from tests.iwgtip_site.bulk import bulk_content

pytestmark = pytest.mark.django_db

LISTS = ["/en/", "/fr/", "/en/legislation/", "/fr/partenaires/", "/en/pamphlets/", "/en/search/?q=zanzibar"]


def measured(client, path):
    """(queries, bytes) of an uncached request for `path`, as a running site renders it: after a first one,
    which works out what is kept per content version (the menu, the schedule)."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries), len(response.content)


def item_pages():
    """The page of one instrument, one partner and one pamphlet (the first of each, with the most links)."""
    return [
        Instrument.objects.order_by("pk").first().get_absolute_url(),
        Organization.objects.order_by("pk").first().get_absolute_url(),
        Pamphlet.objects.order_by("pk").first().get_absolute_url(),
    ]


def test_list_section_and_item_pages_cost_the_same_with_10_items_or_1000(client, root, settings):
    from iwgtip_site import search_index

    settings.PAGE_CACHE_SECONDS = 0  # every request renders
    bulk_content(root, 10)
    first = Instrument.objects.order_by("pk").first()
    InstrumentRelation.objects.bulk_create(
        InstrumentRelation(source=first, target=other, kind=RelationKind.choices[0][0])
        for other in Instrument.objects.exclude(pk=first.pk)
    )
    search_index.rebuild()
    paths = LISTS + item_pages()
    small = {path: measured(client, path) for path in paths}

    bulk_content(root, 990)
    InstrumentRelation.objects.bulk_create(
        InstrumentRelation(source=first, target=other, kind=RelationKind.choices[0][0])
        for other in Instrument.objects.exclude(pk=first.pk).exclude(relations_to__source=first)
    )
    search_index.rebuild()
    caching.content_changed()  # bulk_create sends no signal: the menu and the schedule are worked out again
    large = {path: measured(client, path) for path in paths}

    for path in paths:
        assert large[path][0] == small[path][0], f"{path}: {small[path][0]} queries, then {large[path][0]}"
        assert large[path][0] <= 6, f"{path}: {large[path][0]} queries"
        assert large[path][1] < 3 * small[path][1], f"{path} grew from {small[path][1]} to {large[path][1]} bytes"


def test_a_section_lists_its_subpages_a_page_at_a_time(client, root):
    bulk_content(root, 120)
    first = client.get("/en/").content.decode()
    assert first.count('<li class="card">') == 20
    assert 'href="?page=2" rel="next"' in first
    PageFactory(parent=root, title_en="The last one")  # 121 subpages: the seventh page holds one
    last = client.get("/en/", {"page": "99"}).content.decode()  # a page number past the end: the last page
    assert last.count('<li class="card">') == 1 and "The last one" in last


def test_a_list_counts_its_items_once_per_change_and_again_at_a_scheduled_moment(client, root, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders: only the count is kept
    now = timezone.make_aware(timezone.datetime(2026, 5, 4, 8, 0))
    with time_machine.travel(now, tick=False):
        bulk_content(root, 30)
        caching.content_changed()  # bulk_create sends no signal
        assert "30 instruments" in client.get("/en/legislation/").content.decode()
        with CaptureQueriesContext(connection) as queries:
            assert "30 instruments" in client.get("/en/legislation/", {"page": "2"}).content.decode()
        assert not [query for query in queries if "COUNT(" in query["sql"]]  # kept for this version
        InstrumentFactory()
        InstrumentFactory(publish_at=now + timedelta(hours=1))
        assert "31 instruments" in client.get("/en/legislation/").content.decode()  # a change counts again
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        assert "32 instruments" in client.get("/en/legislation/").content.decode()  # and so does the schedule
