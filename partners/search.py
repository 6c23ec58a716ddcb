"""What the partners directory offers to site search and the updates feed (iwgtip_site.search)."""

from django.utils.translation import gettext_lazy as _

from iwgtip_site.search import SearchField, SearchSource

from .models import Organization


def live_organizations(language):
    return Organization.objects.live().in_language(language)


def search_sources():
    return [
        SearchSource(
            key="partners",
            label=_("Partner"),
            plural=_("Partners"),
            items=live_organizations,
            fields=(
                SearchField("name", "A"),
                SearchField("acronym", "A"),
                SearchField("summary", "B"),
                SearchField("description", "C", rich_text=True),
                SearchField("canada_participation", "C", rich_text=True),
                SearchField("country_or_region", "D"),
            ),
            title=lambda organization: organization.name,
        )
    ]
