"""What the partners directory offers to site search and the updates feed (iwgtip_site.sources)."""

from django.utils.translation import gettext_lazy as _

from iwgtip_site.sources import ContentSource, SearchField

from .models import Organization


def content_sources():
    return [
        ContentSource(
            key="partners",
            label=_("Partner"),
            plural=_("Partners"),
            items=Organization.objects.public,
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
