"""The legislation app's vocabulary: the kinds of instrument, jurisdictions, statuses, offence procedures,
relation kinds, and how provision numbers and relations read in each language."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InstrumentKind(models.TextChoices):
    CONVENTION = "convention", _("Convention")
    PROTOCOL = "protocol", _("Protocol")
    STATUTE = "statute", _("Statute")
    BILL = "bill", _("Bill")
    REGULATION = "regulation", _("Regulation")


KIND_PLURALS = {
    InstrumentKind.CONVENTION: _("Conventions"),
    InstrumentKind.PROTOCOL: _("Protocols"),
    InstrumentKind.STATUTE: _("Statutes"),
    InstrumentKind.BILL: _("Bills"),
    InstrumentKind.REGULATION: _("Regulations"),
}
TREATY_KINDS = (InstrumentKind.CONVENTION, InstrumentKind.PROTOCOL)
DOMESTIC_KINDS = (InstrumentKind.STATUTE, InstrumentKind.BILL, InstrumentKind.REGULATION)


class Jurisdiction(models.TextChoices):
    INTERNATIONAL = "international", _("International")
    CANADA_FEDERAL = "canada-federal", _("Canada (federal)")


class ConsentKind(models.TextChoices):
    """How Canada agreed to be bound by a treaty."""

    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    ACCEPTANCE = "acceptance", _("Acceptance")


class LegalStatus(models.TextChoices):
    IN_FORCE = "in-force", _("In force")
    NOT_YET_IN_FORCE = "not-in-force", _("Not yet in force")
    PARTLY_IN_FORCE = "partly-in-force", _("Partly in force")
    REPEALED = "repealed", _("Repealed")


# schema.org's LegalForceStatus for each legal status (a repealed instrument is no longer in force).
SCHEMA_LEGAL_FORCE = {
    LegalStatus.IN_FORCE: "https://schema.org/InForce",
    LegalStatus.NOT_YET_IN_FORCE: "https://schema.org/NotInForce",
    LegalStatus.PARTLY_IN_FORCE: "https://schema.org/PartiallyInForce",
    LegalStatus.REPEALED: "https://schema.org/NotInForce",
}


class OffenceProcedure(models.TextChoices):
    INDICTABLE = "indictable", _("Indictable offence")
    HYBRID = "hybrid", _("Hybrid offence (indictment or summary conviction)")


# A provision's number, as editors write it: "279.01", "118(1)", "3(a)", "6(3)(b)".
PROVISION_NUMBER = re.compile(r"^(?P<number>\d+(?:\.\d+)*)(?:\((?P<paragraph>\d+)\))?(?:\((?P<letter>[a-z]+)\))?$")
# How each shape of number is cited. English writes the number as given; French cites a treaty's parts in
# words (« article 3, alinéa a) ») and a statute's by its level (« art. 279.01 », « par. 118(1) », « al. 3a) »).
PROVISION_LABELS = {
    "treaty": {
        None: _("Art. %(number)s"),
        (): _("Art. %(number)s"),
        ("paragraph",): _("Art. %(number)s(%(paragraph)s)"),
        ("letter",): _("Art. %(number)s(%(letter)s)"),
        ("paragraph", "letter"): _("Art. %(number)s(%(paragraph)s)(%(letter)s)"),
    },
    "statute": {
        None: _("s. %(number)s"),
        (): _("s. %(number)s"),
        ("paragraph",): _("s. %(number)s(%(paragraph)s)"),
        ("letter",): _("s. %(number)s(%(letter)s)"),
        ("paragraph", "letter"): _("s. %(number)s(%(paragraph)s)(%(letter)s)"),
    },
}


class RelationKind(models.TextChoices):
    SUPPLEMENTS = "supplements", _("supplements")
    IMPLEMENTS = "implements", _("implements")
    AMENDS = "amends", _("amends")
    RELATED = "related", _("is related to")


# How a relation reads from each end: "X supplements Y" / "Y is supplemented by X".
RELATION_HEADINGS = {
    RelationKind.SUPPLEMENTS: (_("Supplements"), _("Supplemented by")),
    RelationKind.IMPLEMENTS: (_("Implements"), _("Implemented by")),
    RelationKind.AMENDS: (_("Amends"), _("Amended by")),
    RelationKind.RELATED: (_("Related instruments"), _("Related instruments")),
}
# Read from the other end, a heading is said of the instrument whose page it is, and in French its participle
# agrees with that instrument's kind (« Complétée par » for la Convention, « Modifié par » for le Règlement): one
# heading for each kind RELATION_RULES lets a relation reach. Other pairs use the plain heading above.
INVERSE_RELATION_HEADINGS = {
    (RelationKind.SUPPLEMENTS, InstrumentKind.CONVENTION): pgettext_lazy("of a convention", "Supplemented by"),
    (RelationKind.IMPLEMENTS, InstrumentKind.CONVENTION): pgettext_lazy("of a convention", "Implemented by"),
    (RelationKind.IMPLEMENTS, InstrumentKind.PROTOCOL): pgettext_lazy("of a protocol", "Implemented by"),
    (RelationKind.AMENDS, InstrumentKind.STATUTE): pgettext_lazy("of a statute", "Amended by"),
    (RelationKind.AMENDS, InstrumentKind.REGULATION): pgettext_lazy("of a regulation", "Amended by"),
}


def relation_heading(kind, *, seen_from_target, instrument_kind):
    """The heading of relations of `kind` on the page of an instrument of `instrument_kind`, which is the
    relation's target (`seen_from_target`) or its source."""
    if not seen_from_target or kind == RelationKind.RELATED:
        return RELATION_HEADINGS[kind][0]
    return INVERSE_RELATION_HEADINGS.get((kind, instrument_kind), RELATION_HEADINGS[kind][1])


# Which kinds of instrument each typed relation may join: (sources, targets).
RELATION_RULES = {
    RelationKind.SUPPLEMENTS: ((InstrumentKind.PROTOCOL,), (InstrumentKind.CONVENTION,)),
    RelationKind.IMPLEMENTS: (DOMESTIC_KINDS, TREATY_KINDS),
    RelationKind.AMENDS: (DOMESTIC_KINDS, (InstrumentKind.STATUTE, InstrumentKind.REGULATION)),
}
RELATION_RULE_MESSAGES = {
    RelationKind.SUPPLEMENTS: _("Only a protocol can supplement another instrument, and only a convention."),
    RelationKind.IMPLEMENTS: _("Only a statute, bill or regulation can implement a treaty (a convention or protocol)."),
    RelationKind.AMENDS: _("Only a statute, bill or regulation can amend another instrument, and only a statute or "
                           "regulation."),
}  # fmt: skip
