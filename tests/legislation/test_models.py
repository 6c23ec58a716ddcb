"""Legal instruments: dates in a possible order, fields that fit the kind, typed relations, provisions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from legislation.models import (
    ConsentKind,
    InstrumentKind,
    InstrumentRelation,
    OffenceProcedure,
    Provision,
    RelationKind,
)
from tests.factories import InstrumentFactory, ProvisionFactory, TreatyFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _errors(instance):
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def test_treaty_dates_must_be_in_a_possible_order():
    treaty = TreatyFactory.build(
        adopted_on=D(2000, 11, 15),
        signed_by_canada_on=D(2000, 12, 14),
        ratified_by_canada_on=D(2000, 12, 1),
        canada_consent_kind=ConsentKind.RATIFICATION,
        in_force_internationally_on=D(2003, 9, 29),
        in_force_in_canada_on=D(2003, 9, 29),
    )
    assert _errors(treaty) == {"ratified_by_canada_on": ["Canada cannot ratify before it signs."]}
    treaty.ratified_by_canada_on = D(2002, 5, 13)
    treaty.in_force_in_canada_on = D(2003, 1, 1)
    with translation.override("fr"):
        assert _errors(treaty) == {
            "in_force_in_canada_on": [
                "Il ne peut pas être en vigueur pour le Canada avant son entrée en vigueur internationale."
            ]
        }
    treaty.in_force_in_canada_on = D(2003, 9, 29)
    treaty.full_clean()


def test_law_cannot_come_into_force_before_royal_assent():
    statute = InstrumentFactory.build(royal_assent_on=D(2005, 11, 25), in_force_in_canada_on=D(2005, 11, 24))
    assert "in_force_in_canada_on" in _errors(statute)


def test_fields_must_fit_the_kind_of_instrument():
    statute = InstrumentFactory.build(signed_by_canada_on=D(2000, 1, 1), bill_number="C-49")
    errors = _errors(statute)
    assert set(errors) == {"signed_by_canada_on", "bill_number"}
    treaty = TreatyFactory.build(royal_assent_on=D(2000, 1, 1))
    assert _errors(treaty) == {"royal_assent_on": ["Only statutes and bills receive Royal Assent."]}


def test_ratification_needs_the_kind_of_consent():
    treaty = TreatyFactory.build(ratified_by_canada_on=D(2002, 5, 13))
    assert "canada_consent_kind" in _errors(treaty)


def test_key_dates_are_listed_in_chronological_order():
    treaty = TreatyFactory.build(
        adopted_on=D(2000, 11, 15),
        in_force_internationally_on=D(2003, 9, 29),
        signed_by_canada_on=D(2000, 12, 14),
        ratified_by_canada_on=D(2002, 5, 13),
        canada_consent_kind=ConsentKind.ACCESSION,
    )
    labels = [str(label) for _day, label in treaty.key_dates()]
    assert labels == ["Adopted", "Signed by Canada", "Canada acceded", "Entered into force internationally"]


@pytest.mark.parametrize(
    ("source_kind", "relation", "target_kind", "accepted"),
    [
        (InstrumentKind.PROTOCOL, RelationKind.SUPPLEMENTS, InstrumentKind.CONVENTION, True),
        (InstrumentKind.CONVENTION, RelationKind.SUPPLEMENTS, InstrumentKind.PROTOCOL, False),
        (InstrumentKind.PROTOCOL, RelationKind.SUPPLEMENTS, InstrumentKind.PROTOCOL, False),
        (InstrumentKind.STATUTE, RelationKind.IMPLEMENTS, InstrumentKind.PROTOCOL, True),
        (InstrumentKind.STATUTE, RelationKind.IMPLEMENTS, InstrumentKind.STATUTE, False),
        (InstrumentKind.BILL, RelationKind.AMENDS, InstrumentKind.STATUTE, True),
        (InstrumentKind.BILL, RelationKind.AMENDS, InstrumentKind.CONVENTION, False),
        (InstrumentKind.CONVENTION, RelationKind.RELATED, InstrumentKind.STATUTE, True),
    ],
)
def test_typed_relations_join_only_fitting_kinds(source_kind, relation, target_kind, accepted):
    def make(kind):
        factory = TreatyFactory if kind in (InstrumentKind.CONVENTION, InstrumentKind.PROTOCOL) else InstrumentFactory
        return factory(kind=kind)

    link = InstrumentRelation(source=make(source_kind), kind=relation, target=make(target_kind))
    if accepted:
        link.full_clean()
    else:
        with pytest.raises(ValidationError):
            link.full_clean()


def test_relation_to_itself_or_back_again_is_refused():
    protocol, convention = TreatyFactory(kind=InstrumentKind.PROTOCOL), TreatyFactory()
    assert "target" in _errors(InstrumentRelation(source=protocol, kind=RelationKind.RELATED, target=protocol))
    InstrumentRelation.objects.create(source=protocol, kind=RelationKind.RELATED, target=convention)
    duplicate = InstrumentRelation(source=protocol, kind=RelationKind.RELATED, target=convention)
    assert _errors(duplicate) == {"__all__": ["This relation already exists."]}
    # "Is related to" reads the same from both ends: the reverse row would list the link twice.
    back = InstrumentRelation(source=convention, kind=RelationKind.RELATED, target=protocol)
    assert _errors(back) == {"target": ["The other instrument already has this relation to this one."]}


def test_provision_numbers_are_unique_within_an_instrument():
    provision = ProvisionFactory(label="279.01")
    twin = Provision(instrument=provision.instrument, label="279.01", heading_en="Again")
    assert _errors(twin) == {"__all__": ["This instrument already has a provision with this number."]}
    Provision(instrument=InstrumentFactory(), label="279.01").full_clean()


def test_penalties_need_an_offence_and_one_kind_of_maximum():
    provision = ProvisionFactory.build(instrument=InstrumentFactory(), max_imprisonment_years=5)
    assert "offence_procedure" in _errors(provision)
    provision.offence_procedure = OffenceProcedure.INDICTABLE
    provision.max_imprisonment_life = True
    assert "max_imprisonment_years" in _errors(provision)


@pytest.mark.parametrize(
    ("label", "anchor"), [("279.01", "s-279.01"), ("118(1)", "s-118-1"), ("3(a)", "s-3-a"), ("467.11", "s-467.11")]
)
def test_provisions_have_stable_anchors(label, anchor):
    assert Provision(label=label).anchor == anchor


def test_labels_and_amounts_read_naturally_in_both_languages():
    statute_section = ProvisionFactory(
        label="118", instrument=InstrumentFactory(), offence_procedure="indictable", max_fine=1_000_000
    )
    article = ProvisionFactory(label="3(a)", instrument=TreatyFactory())
    with translation.override("en"):
        assert (statute_section.display_label, article.display_label) == ("s. 118", "Art. 3(a)")
        assert statute_section.max_fine_display() == "$1,000,000"
    with translation.override("fr"):
        assert (statute_section.display_label, article.display_label) == ("art. 118", "article 3, alinéa a)")
        assert statute_section.max_fine_display() == "1\xa0000\xa0000\xa0$"


@pytest.mark.parametrize(
    ("label", "treaty", "english", "french"),
    [
        ("3(a)", True, "Art. 3(a)", "article 3, alinéa a)"),
        ("5(2)", True, "Art. 5(2)", "article 5, paragraphe 2"),
        ("6(3)(b)", True, "Art. 6(3)(b)", "article 6, paragraphe 3, alinéa b)"),
        ("3", True, "Art. 3", "article 3"),
        ("279.01", False, "s. 279.01", "art. 279.01"),
        ("118(1)", False, "s. 118(1)", "par. 118(1)"),
        ("3(a)", False, "s. 3(a)", "al. 3a)"),
        ("117(2)(b)", False, "s. 117(2)(b)", "al. 117(2)b)"),
        ("Schedule 1", False, "s. Schedule 1", "art. Schedule 1"),  # not a number: written as given
    ],
)
def test_provision_labels_are_cited_as_each_language_cites_them(label, treaty, english, french):
    provision = ProvisionFactory.build(label=label, instrument=(TreatyFactory if treaty else InstrumentFactory).build())
    with translation.override("en"):
        assert provision.display_label == english
    with translation.override("fr"):
        assert provision.display_label == french
        # At the start of a heading, a word written out takes a capital; an abbreviation stays as cited.
        assert provision.heading_label == (french[0].upper() + french[1:] if treaty else french)


def test_title_and_slug_go_together_in_each_language():
    instrument = InstrumentFactory.build(slug_fr=None)
    assert _errors(instrument) == {"slug_fr": ["Give the French version a slug."]}
