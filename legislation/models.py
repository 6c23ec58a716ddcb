from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from iwgtip_site.fields import WebAddressField, validate_lowercase_slug
from iwgtip_site.i18n import LANGUAGE_CODES, in_any_language, reverse_by_slug
from iwgtip_site.ordering import in_order_of
from iwgtip_site.publishing import Publishable, PublishableQuerySet
from iwgtip_site.richtext import RichTextField

from .choices import (  # the vocabulary, also imported from here
    DOMESTIC_KINDS,
    INVERSE_RELATION_HEADINGS,
    KIND_PLURALS,
    PROVISION_LABELS,
    RELATION_HEADINGS,
    RELATION_RULE_MESSAGES,
    RELATION_RULES,
    SCHEMA_LEGAL_FORCE,
    TREATY_KINDS,
    ConsentKind,
    InstrumentKind,
    Jurisdiction,
    LegalStatus,
    OffenceProcedure,
    RelationKind,
    relation_heading,
)
from .provisions import Provision

__all__ = [
    "DOMESTIC_KINDS",
    "INVERSE_RELATION_HEADINGS",
    "KIND_PLURALS",
    "PROVISION_LABELS",
    "RELATION_HEADINGS",
    "RELATION_RULES",
    "RELATION_RULE_MESSAGES",
    "SCHEMA_LEGAL_FORCE",
    "TREATY_KINDS",
    "ConsentKind",
    "Instrument",
    "InstrumentKind",
    "InstrumentRelation",
    "Jurisdiction",
    "LegalStatus",
    "OffenceProcedure",
    "Provision",
    "RelationKind",
    "relation_heading",
]


def _reading_order(language):
    """The legislation list's order (the public list, its CSV, the API): international instruments first,
    then federal; by kind in the order of the vocabulary; by title in `language`."""
    return (in_order_of("jurisdiction", Jurisdiction), in_order_of("kind", InstrumentKind), F(f"title_{language}"))


class InstrumentQuerySet(PublishableQuerySet):
    def in_reading_order(self, language=None):
        """In the legislation list's order, served by an index per language (a page of it reads a page)."""
        return self.order_by(*_reading_order(language or translation.get_language()), "pk")


class Instrument(Publishable):
    """A treaty, protocol, statute, bill or regulation that bears on trafficking or smuggling."""

    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=20, choices=Jurisdiction.choices)
    title = models.CharField(_("title"), max_length=300, help_text=_("The instrument's full official title."))
    short_title = models.CharField(
        _("short title"), max_length=150, blank=True, help_text=_('How it is usually called ("Trafficking Protocol").')
    )
    acronym = models.CharField(_("acronym"), max_length=20, blank=True, help_text=_("For example UNCTOC or IRPA."))
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        validators=[validate_lowercase_slug],
        help_text=_("The last part of its web address."),
    )
    summary = models.TextField(_("summary"), blank=True, max_length=800, help_text=_("One or two plain sentences."))
    body = RichTextField(_("body"), blank=True, help_text=_("What the instrument does and why it matters."))
    citation = models.CharField(
        _("citation"), max_length=200, blank=True, help_text=_('The official citation, e.g. "S.C. 2005, c. 43".')
    )
    bill_number = models.CharField(_("bill number"), max_length=20, blank=True, help_text=_("For bills: e.g. C-49."))
    un_resolution = models.CharField(
        _("UN adoption resolution"), max_length=40, blank=True, help_text=_("For UN treaties: e.g. A/RES/55/25.")
    )
    official_url = WebAddressField(
        _("official text"), max_length=500, blank=True, help_text=_("Link to the official text in this language.")
    )
    adopted_on = models.DateField(_("adopted or signed"), null=True, blank=True)
    signed_by_canada_on = models.DateField(_("signed by Canada"), null=True, blank=True)
    ratified_by_canada_on = models.DateField(
        _("Canada's consent to be bound"), null=True, blank=True, help_text=_("Ratification, accession or acceptance.")
    )
    canada_consent_kind = models.CharField(_("kind of consent"), max_length=20, choices=ConsentKind.choices, blank=True)
    in_force_internationally_on = models.DateField(_("entry into force (international)"), null=True, blank=True)
    royal_assent_on = models.DateField(_("Royal Assent"), null=True, blank=True)
    in_force_in_canada_on = models.DateField(_("in force in Canada"), null=True, blank=True)
    legal_status = models.CharField(
        _("legal status"), max_length=20, choices=LegalStatus.choices, default=LegalStatus.IN_FORCE
    )
    last_checked_on = models.DateField(
        _("last checked"), null=True, blank=True, help_text=_("When this record was last checked against its source.")
    )
    checked_against_url = WebAddressField(
        _("checked against"), max_length=500, blank=True, help_text=_("The official source it was checked against.")
    )

    required_translations = ("title", "slug")
    # May exist in one language only: an acronym or short title used in one language, an official text
    # published in one.
    translations_optional = ("acronym", "short_title", "official_url")
    # The rows that are part of an instrument: edited, versioned and published with it. (Relations other
    # instruments state are theirs.)
    item_rows = ("provisions", "relations_from")

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal instrument")
        verbose_name_plural = _("legal instruments")
        ordering = ["jurisdiction", "kind", "title"]
        constraints = [
            models.UniqueConstraint(fields=[f"slug_{code}"], name=f"legislation_instrument_unique_slug_{code}")
            for code in LANGUAGE_CODES
        ]
        indexes = [
            models.Index(*_reading_order(code), F("id"), name=f"instrument_reading_{code}") for code in LANGUAGE_CODES
        ]

    def __str__(self):
        return in_any_language(self, "title")

    def get_absolute_url(self):
        return reverse_by_slug(self, "legislation:instrument_detail")

    def schema_org(self, absolute):
        """The instrument as a schema.org Legislation (iwgtip_site.structured_data), in the current language."""
        identifier = self.citation or self.bill_number or self.un_resolution or self.acronym or self.title
        date = self.adopted_on or self.royal_assent_on
        data = {
            "@type": "Legislation",
            "name": self.title,
            "url": absolute(self.get_absolute_url()),
            "legislationIdentifier": identifier,
            "legislationType": self.get_kind_display(),
            "legislationDate": date.isoformat() if date else None,
            "jurisdiction": (
                {"@type": "Country", "name": str(_("Canada"))}
                if self.jurisdiction == Jurisdiction.CANADA_FEDERAL
                else str(self.get_jurisdiction_display())
            ),
            "inLanguage": translation.get_language(),
            "legislationLegalForce": SCHEMA_LEGAL_FORCE.get(self.legal_status),
            "dateModified": self.updated_at.date().isoformat() if self.updated_at else None,
        }
        return {key: value for key, value in data.items() if value is not None}

    @staticmethod
    def list_url():
        return reverse("legislation:instrument_list")

    @property
    def is_treaty(self):
        return self.kind in TREATY_KINDS

    @property
    def display_name(self):
        """The name readers know it by: the short title, else the title."""
        return self.short_title or self.title

    def official_text_link(self):
        """The words of the link to the official text: in English a name takes "the" ("of the Criminal Code"),
        except a bill's ("of Bill C-49"); the French names it after a colon, with no article to agree."""
        if self.kind == InstrumentKind.BILL:
            return _("Read the official text of %(name)s") % {"name": self.display_name}
        return pgettext_lazy("a name that takes an article", "Read the official text of the %(name)s") % {
            "name": self.display_name
        }

    def full_citation(self):
        """A citation a reader can copy, in the current language."""
        parts = [self.title]
        if self.kind == InstrumentKind.BILL and self.bill_number:
            parts = [_("Bill %(number)s") % {"number": self.bill_number}, self.title]
        if self.citation:
            parts.append(self.citation)
        elif self.un_resolution:
            parts.append(self.un_resolution)
        return ", ".join(str(part) for part in parts)

    def key_dates(self):
        """The dates known for this instrument, in chronological order, as (date, label)."""
        consent_label = {
            ConsentKind.RATIFICATION: _("Ratified by Canada"),
            ConsentKind.ACCESSION: _("Canada acceded"),
            ConsentKind.ACCEPTANCE: _("Accepted by Canada"),
        }.get(self.canada_consent_kind, _("Canada consented to be bound"))
        dates = [
            (self.adopted_on, _("Adopted")),
            (self.signed_by_canada_on, _("Signed by Canada")),
            (self.ratified_by_canada_on, consent_label),
            (self.in_force_internationally_on, _("Entered into force internationally")),
            (self.royal_assent_on, _("Royal Assent")),
            (self.in_force_in_canada_on, _("In force in Canada")),
        ]
        return sorted(((day, label) for day, label in dates if day), key=lambda entry: entry[0])

    def clean(self):
        super().clean()
        errors = {}
        self._check_fields_fit_kind(errors)
        self._check_date_order(errors)
        if self.ratified_by_canada_on and not self.canada_consent_kind:
            errors.setdefault("canada_consent_kind", _("Say how Canada consented to be bound."))
        if errors:
            raise ValidationError(errors)

    def _check_fields_fit_kind(self, errors):
        if not self.kind:
            return
        treaty_only = ("signed_by_canada_on", "ratified_by_canada_on", "canada_consent_kind",
                       "in_force_internationally_on", "un_resolution")  # fmt: skip
        domestic_only = ("royal_assent_on",)
        if self.is_treaty:
            for field in domestic_only:
                if getattr(self, field):
                    errors[field] = _("Only statutes and bills receive Royal Assent.")
        else:
            for field in treaty_only:
                if getattr(self, field):
                    errors[field] = _("This applies to treaties (conventions and protocols) only.")
        if self.bill_number and self.kind != InstrumentKind.BILL:
            errors["bill_number"] = _("Only bills have a bill number.")
        if self.is_treaty and self.jurisdiction == Jurisdiction.CANADA_FEDERAL:
            errors["jurisdiction"] = _("Conventions and protocols are international instruments.")

    def _check_date_order(self, errors):
        """Each pair (earlier, later) must be in that order where both dates are known."""
        in_order = [
            ("adopted_on", "signed_by_canada_on", _("Canada cannot sign before the text is adopted.")),
            ("signed_by_canada_on", "ratified_by_canada_on", _("Canada cannot ratify before it signs.")),
            ("adopted_on", "ratified_by_canada_on", _("Canada cannot consent before the text is adopted.")),
            ("adopted_on", "in_force_internationally_on", _("A treaty cannot enter into force before adoption.")),
            ("ratified_by_canada_on", "in_force_in_canada_on",
             _("It cannot be in force for Canada before Canada consents.")),
            ("in_force_internationally_on", "in_force_in_canada_on",
             _("It cannot be in force for Canada before it is in force at all.")),
            ("royal_assent_on", "in_force_in_canada_on", _("A law cannot come into force before Royal Assent.")),
        ]  # fmt: skip
        for earlier, later, message in in_order:
            first, second = getattr(self, earlier), getattr(self, later)
            if first and second and second < first and later not in errors:
                errors[later] = message


class InstrumentRelation(models.Model):
    """A typed link between two instruments, shown on both: a protocol supplements a convention."""

    source = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="relations_from"
    )
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        Instrument, verbose_name=_("other instrument"), on_delete=models.PROTECT, related_name="relations_to"
    )

    class Meta:
        verbose_name = _("relation between instruments")
        verbose_name_plural = _("relations between instruments")
        ordering = ["source", "kind", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"],
                name="legislation_relation_unique",
                violation_error_message=_("This relation already exists."),
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="legislation_relation_not_to_itself",
                violation_error_message=_("An instrument cannot relate to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def clean(self):
        super().clean()
        # In the admin a new instrument's relations are checked before it is saved: use the objects.
        source, target = getattr(self, "source", None), getattr(self, "target", None)
        if source is None or target is None or not self.kind:
            return  # the form says which field is missing
        if source.pk is not None and source.pk == target.pk:
            raise ValidationError({"target": _("An instrument cannot relate to itself.")})
        sources, targets = RELATION_RULES.get(self.kind, (None, None))
        if sources and source.kind not in sources:
            raise ValidationError({"kind": RELATION_RULE_MESSAGES[self.kind]})
        if targets and target.kind not in targets:
            raise ValidationError({"target": RELATION_RULE_MESSAGES[self.kind]})
        # The same relation back again contradicts a typed one, and repeats "is related to".
        if source.pk is not None and target.relations_from.filter(target=source, kind=self.kind).exists():
            raise ValidationError({"target": _("The other instrument already has this relation to this one.")})
