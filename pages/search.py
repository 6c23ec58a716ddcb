"""What the pages offer to site search, the updates feed (iwgtip_site.search) and the sitemap."""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Left, Length
from django.utils.translation import gettext_lazy as _

from iwgtip_site.search import SearchField, SearchSource

from .models import Page


def public_pages(language):
    """The pages a reader can open in `language`: live, with a version in it, and under live pages only
    (the page view answers 404 under an unpublished section). One query, whatever the tree's size: a
    page's ancestors are the pages whose address is a prefix of its own (a page has an address in a
    language only if its parent has one), so it is public when none of them is hidden. Only hidden
    pages, usually few, are compared with each page."""
    path = f"url_path_{language}"
    hidden_sections = Page.objects.exclude(pk__in=Page.objects.live().values("pk")).filter(
        pk__in=Page.objects.values("parent"), **{f"{path}__isnull": False}
    )
    # A plain comparison of the first characters: LIKE would escape and compile a pattern per pair.
    hidden_ancestors = hidden_sections.alias(prefix=Left(OuterRef(path), Length(path))).filter(
        prefix=F(path), depth__lt=OuterRef("depth")
    )
    return Page.objects.live().in_language(language).exclude(Exists(hidden_ancestors))


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
