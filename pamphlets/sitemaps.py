"""The pamphlets' part of the sitemap (iwgtip_site.sitemaps): the list and every live pamphlet's page.
The PDF files are linked from those pages; they are not pages in a language of the site."""

from iwgtip_site.search import light
from iwgtip_site.sitemaps import ContentSitemap, SectionSitemap

from .models import Pamphlet


class PamphletsSectionSitemap(SectionSitemap):
    routes = ("pamphlets:pamphlet_list",)


class PamphletSitemap(ContentSitemap):
    def items(self):
        return light(Pamphlet.objects.live()).order_by("pk")


def sitemaps():
    return {"pamphlets-index": PamphletsSectionSitemap, "pamphlets": PamphletSitemap}
