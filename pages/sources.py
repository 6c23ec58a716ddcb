"""What the pages offer to site search, the updates feed and the API (iwgtip_site.sources)."""

from django.utils.translation import gettext_lazy as _

from iwgtip_site.sources import ContentSource, SearchField

from .models import Page


def content_sources():
    return [
        ContentSource(
            key="pages",
            label=_("Page"),
            plural=_("Pages"),
            items=Page.objects.public,
            fields=(
                SearchField("title", "A"),
                SearchField("summary", "B"),
                SearchField("body", "C", rich_text=True),
                SearchField("meta_description", "D"),
            ),
        )
    ]
