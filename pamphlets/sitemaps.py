"""The pamphlets' part of the sitemap (iwgtip_site.sitemaps): the list and every public pamphlet's page.
The PDF files are linked from those pages; they are not pages in a language of the site."""

from iwgtip_site.sitemaps import ContentSitemap, SectionSitemap

from .models import Pamphlet


class PamphletsSectionSitemap(SectionSitemap):
    routes = ("pamphlets:pamphlet_list",)


class PamphletSitemap(ContentSitemap):
    model = Pamphlet


def sitemaps():
    return {"pamphlets-index": PamphletsSectionSitemap, "pamphlets": PamphletSitemap}
