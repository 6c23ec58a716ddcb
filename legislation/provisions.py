"""A provision of an instrument: a section or article, with its offence and penalties."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from iwgtip_site.i18n import in_any_language
from iwgtip_site.publishing import ContentQuerySet
from iwgtip_site.richtext import RichTextField

from .choices import PROVISION_LABELS, PROVISION_NUMBER, OffenceProcedure


class Provision(models.Model):
    """A section or article of an instrument; an offence where the procedure is set."""

    instrument = models.ForeignKey(
        "legislation.Instrument", verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="provisions"
    )
    label = models.CharField(
        _("number"),
        max_length=30,
        help_text=_('The section or article number only: "279.01", "118(1)", "3(a)".'),
    )
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = RichTextField(_("text"), blank=True, help_text=_("The provision's text or a plain-language summary."))
    order = models.PositiveIntegerField(_("order"), default=0)
    offence_procedure = models.CharField(
        _("offence"),
        max_length=20,
        choices=OffenceProcedure.choices,
        blank=True,
        help_text=_("Leave empty if the provision creates no offence."),
    )
    max_imprisonment_life = models.BooleanField(_("maximum: life imprisonment"), default=False)
    max_imprisonment_years = models.PositiveSmallIntegerField(
        _("maximum imprisonment (years)"), null=True, blank=True, help_text=_("On indictment. Empty if life or none.")
    )
    max_fine = models.DecimalField(_("maximum fine (dollars)"), max_digits=12, decimal_places=0, null=True, blank=True)
    penalty_note = models.CharField(
        _("penalty note"),
        max_length=300,
        blank=True,
        help_text=_('Conditions on the maximum, e.g. "life if the offence involves kidnapping; otherwise 14 years".'),
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["instrument", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "label"],
                name="legislation_provision_unique_label",
                violation_error_message=_("This instrument already has a provision with this number."),
            )
        ]

    def __str__(self):
        return f"{self.heading_label} {in_any_language(self, 'heading')}".strip()

    @property
    def anchor(self):
        """The fragment that deep-links to this provision: "s-279.01", "s-118-1", "s-3-a"."""
        return "s-" + re.sub(r"[^0-9A-Za-z.]+", "-", self.label).strip("-").lower()

    @property
    def display_label(self):
        """How the provision is cited in a sentence, in the current language: "Art. 3(a)" / « article 3, alinéa
        a) » for a treaty, "s. 118(1)" / « par. 118(1) » for a statute (see PROVISION_LABELS)."""
        match = PROVISION_NUMBER.match(self.label)
        parts = match.groupdict() if match else {}
        shape = tuple(part for part in ("paragraph", "letter") if parts.get(part))
        labels = PROVISION_LABELS["treaty" if self.instrument.is_treaty else "statute"]
        if not match or shape not in labels:
            return labels[None] % {"number": self.label}
        return labels[shape] % parts

    @property
    def heading_label(self):
        """The label where it starts a heading or a table row: « Article 3, alinéa a) ». A word written out takes
        a capital there; an abbreviation stays as cited (« art. 118 », "s. 118")."""
        return capfirst(self.display_label) if self.instrument.is_treaty else self.display_label

    @property
    def is_offence(self):
        return bool(self.offence_procedure)

    def max_imprisonment_display(self):
        """The maximum as a table cell shows it: "Life imprisonment", "14 years"."""
        return capfirst(self.max_imprisonment_phrase())

    def max_imprisonment_phrase(self):
        """The maximum inside a sentence, after "Maximum:": "life imprisonment", "14 years" (French, too, writes
        no capital after a colon)."""
        if self.max_imprisonment_life:
            return str(_("life imprisonment"))
        if self.max_imprisonment_years:
            return ngettext("%(years)d year", "%(years)d years", self.max_imprisonment_years) % {
                "years": self.max_imprisonment_years
            }
        return ""

    def max_fine_display(self):
        if self.max_fine is None:
            return ""
        return _("$%(amount)s") % {"amount": number_format(self.max_fine, 0, force_grouping=True)}

    def clean(self):
        super().clean()
        errors = {}
        penalties = self.max_imprisonment_life or self.max_imprisonment_years or self.max_fine is not None
        if penalties and not self.offence_procedure:
            errors["offence_procedure"] = _("Penalties apply to offences: say what kind of offence this is.")
        if self.max_imprisonment_life and self.max_imprisonment_years:
            errors["max_imprisonment_years"] = _("Give either life imprisonment or a number of years, not both.")
        if errors:
            raise ValidationError(errors)
