"""The updates feed: an Atom feed per language of what was published or changed last, drafts never."""

from datetime import timedelta

import pytest
import time_machine
from defusedxml import ElementTree as ET
from django.utils import timezone

from iwgtip_site.feeds import FEED_LENGTH
from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from tests.factories import InstrumentFactory, OrganizationFactory, PageFactory, PamphletFactory, ProvisionFactory
from tests.iwgtip_site.bulk import bulk_content

pytestmark = pytest.mark.django_db

ATOM = {"a": "http://www.w3.org/2005/Atom"}
HOST = "http://testserver"
DAY = timezone.now().replace(microsecond=0) + timedelta(days=30)  # after the home page (`root`) was made


def feed(client, path="/en/feed/"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entries(root):
    return [
        {
            "title": entry.findtext("a:title", namespaces=ATOM),
            "link": entry.find("a:link", ATOM).get("href"),
            "updated": entry.findtext("a:updated", namespaces=ATOM),
            "summary": entry.findtext("a:summary", namespaces=ATOM),
        }
        for entry in root.findall("a:entry", ATOM)
    ]


def test_each_language_has_its_feed_of_the_latest_changes_newest_first(client, root):
    for offset, factory in enumerate((PageFactory, InstrumentFactory, OrganizationFactory, PamphletFactory)):
        with time_machine.travel(DAY + timedelta(days=offset), tick=False):
            item = factory(parent=root) if factory is PageFactory else factory()
    english, french = feed(client, "/en/feed/"), feed(client, "/fr/fil/")
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert english.findtext("a:title", namespaces=ATOM) == "Human trafficking and migrant smuggling: updates"
    assert (
        french.findtext("a:title", namespaces=ATOM)
        == "La traite des personnes et le passage de clandestins\u00a0: mises à jour"
    )
    assert english.findtext("a:author/a:name", namespaces=ATOM) == "Government of Canada"
    assert french.findtext("a:author/a:name", namespaces=ATOM) == "Gouvernement du Canada"
    assert entries(french)[0]["link"] == f"{HOST}{url_in_language(item, 'fr')}"  # the pamphlet, changed last
    assert entries(english)[0]["title"] == item.title_en
    updated = [entry["updated"] for entry in entries(english)[:4]]
    assert updated == [(DAY + timedelta(days=offset)).isoformat() for offset in (3, 2, 1, 0)]


def test_a_scheduled_item_is_news_when_it_goes_live(client, root):
    with time_machine.travel(DAY, tick=False):
        PageFactory(parent=root, title_en="Edited today")
        PageFactory(parent=root, title_en="Goes live later", publish_at=DAY + timedelta(days=3))
    with time_machine.travel(DAY + timedelta(days=1), tick=False):
        assert "Goes live later" not in [entry["title"] for entry in entries(feed(client))]
    with time_machine.travel(DAY + timedelta(days=3, hours=1), tick=False):
        first = entries(feed(client))[0]
    assert first["title"] == "Goes live later"
    assert first["updated"] == (DAY + timedelta(days=3)).isoformat()  # when it went live


@pytest.mark.parametrize(
    "hidden",
    [{"status": Status.DRAFT}, {"publish_at": timezone.now() + timedelta(days=1)}, {"unpublish_at": timezone.now()}],
)
def test_unpublished_items_are_never_in_the_feed(client, root, hidden):
    section = PageFactory(parent=root, title_en="Hidden section", **hidden)
    PageFactory(parent=section, title_en="Under a hidden section")
    InstrumentFactory(title_en="Hidden act", **hidden)
    OrganizationFactory(name_en="Hidden agency", **hidden)
    PamphletFactory(title_en="Hidden leaflet", **hidden)
    titles = [entry["title"] for entry in entries(feed(client))]
    assert titles == ["Home"]


def test_items_without_a_version_in_the_language_are_left_out_of_its_feed(client, root):
    PageFactory(parent=root, title_en="English only", title_fr="", slug_fr=None)
    assert "English only" in [entry["title"] for entry in entries(feed(client, "/en/feed/"))]
    assert "English only" not in [entry["title"] for entry in entries(feed(client, "/fr/fil/"))]


def test_provisions_are_not_entries_of_their_own(client):
    ProvisionFactory(heading_en="Trafficking in persons")
    assert not any("#" in entry["link"] for entry in entries(feed(client)))


def test_summaries_are_plain_text(client):
    InstrumentFactory(summary_en="Fines <b>&</b> prison")
    (entry,) = entries(feed(client))
    assert entry["summary"] == "Fines &lt;b&gt;&amp;&lt;/b&gt; prison"  # HTML for the text, not markup


def test_feed_holds_the_latest_thirty_and_stays_bounded(client, root, django_assert_max_num_queries):
    bulk_content(root, 1000)
    with django_assert_max_num_queries(8):
        items = entries(feed(client, "/fr/fil/"))
    assert len(items) == FEED_LENGTH


def test_every_page_announces_the_feed_of_its_language(client, root):
    assert 'rel="alternate" type="application/atom+xml" href="/en/feed/"' in client.get("/en/").content.decode()
    assert 'rel="alternate" type="application/atom+xml" href="/fr/fil/"' in client.get("/fr/").content.decode()
