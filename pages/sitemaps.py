"""The pages' part of the sitemap (iwgtip_site.sitemaps): every page a reader can open, in each language."""

from iwgtip_site.sitemaps import ContentSitemap

from .models import Page


class PageSitemap(ContentSitemap):
    model = Page
    ordering = ("depth", "sort_order", "pk")


def sitemaps():
    return {"pages": PageSitemap}
