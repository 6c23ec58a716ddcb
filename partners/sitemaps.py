"""The partners' part of the sitemap (iwgtip_site.sitemaps): the directory, the working group's members
and every public organization."""

from iwgtip_site.sitemaps import ContentSitemap, SectionSitemap

from .models import Organization


class PartnersSectionSitemap(SectionSitemap):
    routes = ("partners:organization_list", "partners:working_group_members")


class OrganizationSitemap(ContentSitemap):
    model = Organization


def sitemaps():
    return {"partners-index": PartnersSectionSitemap, "organizations": OrganizationSitemap}
