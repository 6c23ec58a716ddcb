"""What the pamphlets offer to site search and the updates feed (iwgtip_site.sources). A pamphlet is also
found by the languages it is issued in, by their names in the reader's language or in their own
("dépliant en arabe", "العربية"), as long as that language's file is live."""

from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _

from iwgtip_site.sources import ContentSource, SearchField, joined_text

from .models import Edition, Pamphlet


def _edition_languages(language):
    editions = Edition.objects.public(language).filter(pamphlet=OuterRef("pk"))
    return joined_text(editions, "pamphlet", f"language__name_{language}", "language__endonym")


def content_sources():
    return [
        ContentSource(
            key="pamphlets",
            label=_("Pamphlet"),
            plural=_("Pamphlets"),
            items=Pamphlet.objects.public,
            fields=(
                SearchField("title", "A"),
                SearchField("summary", "B"),
                SearchField("body", "C", rich_text=True),
                SearchField("languages", "B", expression=_edition_languages),
            ),
        )
    ]
