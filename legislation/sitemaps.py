"""Legislation's part of the sitemap (iwgtip_site.sitemaps): the list and every public instrument.
Provisions are places on their instrument's page, not addresses of their own."""

from iwgtip_site.sitemaps import ContentSitemap, SectionSitemap

from .models import Instrument


class LegislationSectionSitemap(SectionSitemap):
    routes = ("legislation:instrument_list",)


class InstrumentSitemap(ContentSitemap):
    model = Instrument


def sitemaps():
    return {"legislation-index": LegislationSectionSitemap, "instruments": InstrumentSitemap}
