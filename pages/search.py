"""What the pages offer to site search, the updates feed (iwgtip_site.search) and the sitemap."""

from django.db.models import F, Func, OuterRef, Subquery
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext_lazy as _

from iwgtip_site.search import SearchField, SearchSource

from .models import Page


def public_pages(language):
    """The pages a reader can open in `language`: live, with a version in it, and under live pages only
    (the page view answers 404 under an unpublished section). One query, whatever the tree's size: a
    page's ancestors are the pages whose address is a prefix of its own, so it is public when as many
    of them are live as the page is deep."""
    path = f"url_path_{language}"
    live_ancestors = (
        Page.objects.live()
        .filter(StartsWith(OuterRef(path), F(path)), depth__lt=OuterRef("depth"))
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))  # a plain function: no GROUP BY, one row
        .values("count")
    )
    return Page.objects.live().in_language(language).filter(depth=Subquery(live_ancestors))


def search_sources():
    return [
        SearchSource(
            key="pages",
            label=_("Page"),
            plural=_("Pages"),
            items=public_pages,
            fields=(
                SearchField("title", "A"),
                SearchField("summary", "B"),
                SearchField("body", "C", rich_text=True),
                SearchField("meta_description", "D"),
            ),
        )
    ]
