"""The updates feed: an Atom feed per language (/en/feed/, /fr/fil/) of the content most recently
published or changed, across every app.

It reads the same per-app sources as site search (iwgtip_site.sources: each app's `sources.py`), so what
an item is, how it is titled and linked, and which items the public may see are said once per app.
An item's date is when it last changed or, if later, when it went live (a page scheduled last week
for this morning is news this morning). Summaries are plain text: they are escaped as HTML here, and
the feed framework escapes them again as XML.
"""

import heapq
import html
from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .i18n import localized
from .sources import content_sources

FEED_LENGTH = 30


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str
    changed: datetime
    first_published: datetime | None
    summary: str


def recent_entries(language=None, *, count=FEED_LENGTH):
    """The `count` live items changed or published last, newest first: one query per source."""
    language = language or translation.get_language()
    entries = []
    for source in content_sources():
        if not source.in_feed:
            continue
        items = (
            source.items(language)
            .light(keep=[source.summary])
            .annotate(feed_changed=Greatest("updated_at", Coalesce("publish_at", "updated_at")))
            .order_by("-feed_changed", "-pk")[:count]
        )
        entries += [
            FeedEntry(
                title=source.title(item),
                url=source.url(item),
                changed=item.feed_changed,
                first_published=item.first_published_at,
                summary=localized(item, source.summary, language) or "",
            )
            for item in items
        ]
    return heapq.nlargest(count, entries, key=lambda entry: entry.changed)


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Human trafficking and migrant smuggling: updates")
    subtitle = _("Pages, legislation, partners and pamphlets recently published or updated.")
    author_name = _("Government of Canada")

    def link(self):
        return reverse("pages:home")

    def items(self):
        return recent_entries()

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.url

    def item_description(self, entry):
        # Atom's summary is HTML here: plain text must not be read as markup ("<", "&").
        return html.escape(entry.summary, quote=False) if entry.summary else None

    def item_updateddate(self, entry):
        return entry.changed

    def item_pubdate(self, entry):
        return entry.first_published

    def item_author_name(self, entry):
        return self.author_name
