"""The seeded legislation: the source text's instruments, linked, in English and French."""

import html
from io import StringIO

import pytest
from django.core.management import call_command

from legislation.models import Instrument, InstrumentRelation

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("load_initial_data", stdout=StringIO())


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def test_source_text_instruments_exist_in_both_languages(seeded, client):
    assert Instrument.objects.live().count() == 6
    for instrument in Instrument.objects.all():
        assert instrument.title_en and instrument.title_fr and instrument.slug_en and instrument.slug_fr
    english, french = _page(client, "/en/legislation/"), _page(client, "/fr/legislation/")
    assert "Protocol against the Smuggling of Migrants by Land, Sea and Air" in english
    assert "Protocole contre le trafic illicite de migrants par terre, air et mer" in french
    assert "Loi sur l'immigration et la protection des réfugiés" in french


def test_unctoc_dates_from_the_source_text(seeded, client):
    content = _page(client, "/en/legislation/unctoc/")
    assert "May 13, 2002" in content and "Ratified by Canada" in content
    assert "September 29, 2003" in content
    french = _page(client, "/fr/legislation/convention-criminalite-transnationale-organisee/")
    assert "13 mai 2002" in french and "29 septembre 2003" in french
    assert "Complétée par" in french


def test_both_protocols_supplement_unctoc(seeded):
    unctoc = Instrument.objects.get(slug_en="unctoc")
    supplements = InstrumentRelation.objects.filter(target=unctoc, kind="supplements")
    assert {relation.source.slug_en for relation in supplements} == {
        "smuggling-of-migrants-protocol",
        "trafficking-in-persons-protocol",
    }


def test_bill_c49_created_three_indictable_offences(seeded, client):
    bill = Instrument.objects.get(slug_en="bill-c-49")
    assert [p.label for p in bill.provisions.all()] == ["279.01", "279.02", "279.03"]
    assert all(p.offence_procedure == "indictable" for p in bill.provisions.all())
    content = _page(client, "/en/legislation/bill-c-49/")
    assert "November 25, 2005" in content and "S.C. 2005, c. 43" in content


def test_irpa_s118_penalties(seeded, client):
    content = _page(client, "/en/legislation/immigration-and-refugee-protection-act/#s-118")
    assert 'id="s-118"' in content and "$1,000,000" in content and "Life imprisonment" in content
    french = _page(client, "/fr/legislation/loi-immigration-protection-des-refugies/")
    assert "1\xa0000\xa0000\xa0$" in french


def test_related_criminal_code_offences_named_in_the_source_text(seeded, client):
    content = _page(client, "/en/legislation/criminal-code/")
    for offence in ("Kidnapping", "Extortion", "Forcible confinement", "Conspiracy", "living on the avails",
                    "criminal organization"):  # fmt: skip
        assert offence in content
