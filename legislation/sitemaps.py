"""Legislation's part of the sitemap (iwgtip_site.sitemaps): the list and every live instrument.
Provisions are places on their instrument's page, not addresses of their own."""

from iwgtip_site.search import light
from iwgtip_site.sitemaps import ContentSitemap, SectionSitemap

from .models import Instrument


class LegislationSectionSitemap(SectionSitemap):
    routes = ("legislation:instrument_list",)


class InstrumentSitemap(ContentSitemap):
    def items(self):
        return light(Instrument.objects.live()).order_by("pk")


def sitemaps():
    return {"legislation-index": LegislationSectionSitemap, "instruments": InstrumentSitemap}
