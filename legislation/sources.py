"""What legislation offers to site search and the updates feed (iwgtip_site.sources): instruments, and
their provisions, found on their own and linked to their place on the instrument's page."""

from django.utils.translation import gettext_lazy as _

from iwgtip_site.i18n import LANGUAGE_CODES
from iwgtip_site.sources import ContentSource, SearchField

from .models import Instrument, Provision


def _provision_rows():
    """Provisions with the instrument their title and address name (without its long texts)."""
    long_texts = [f"instrument__{name}" for field in ("summary", "body") for name in (field, *_localized(field))]
    return Provision.objects.select_related("instrument").defer(*long_texts)


def _provisions(language):
    """Provisions of the instruments public in `language` (a provision is part of its instrument's page)."""
    return _provision_rows().filter(instrument__in=Instrument.objects.public(language))


def _localized(field):
    return [f"{field}_{code}" for code in LANGUAGE_CODES]


def _provision_title(provision):
    """ "Criminal Code, s. 279.01 Trafficking in persons"."""
    return f"{provision.instrument.display_name}, {provision.display_label} {provision.heading}".strip()


def _provision_url(provision):
    return f"{provision.instrument.get_absolute_url()}#{provision.anchor}"


def content_sources():
    return [
        ContentSource(
            key="legislation",
            label=_("Legislation"),
            plural=_("Legislation"),
            items=Instrument.objects.public,
            fields=(
                SearchField("title", "A"),
                SearchField("short_title", "A"),
                SearchField("acronym", "A"),
                SearchField("bill_number", "A", translated=False),
                SearchField("summary", "B"),
                SearchField("body", "C", rich_text=True),
                SearchField("citation", "D"),
                SearchField("un_resolution", "D", translated=False),
            ),
        ),
        ContentSource(
            key="provisions",
            label=_("Provision"),
            plural=_("Provisions"),
            items=_provisions,
            fields=(
                SearchField("label", "A", translated=False),
                SearchField("heading", "A"),
                SearchField("text", "C", rich_text=True),
                SearchField("penalty_note", "C"),
            ),
            title=_provision_title,
            url=_provision_url,
            in_feed=False,
            rows=_provision_rows,
        ),
    ]
