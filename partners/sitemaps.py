"""The partners' part of the sitemap (iwgtip_site.sitemaps): the directory, the working group's members
and every live organization."""

from iwgtip_site.search import light
from iwgtip_site.sitemaps import ContentSitemap, SectionSitemap

from .models import Organization


class PartnersSectionSitemap(SectionSitemap):
    routes = ("partners:organization_list", "partners:working_group_members")


class OrganizationSitemap(ContentSitemap):
    def items(self):
        return light(Organization.objects.live()).order_by("pk")


def sitemaps():
    return {"partners-index": PartnersSectionSitemap, "organizations": OrganizationSitemap}
