"""Honest samples: editions whose file is one of the generated sample PDFs are flagged, listed on the admin
home as needing the real file, and said to be samples on the public page, until the real file replaces them."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile

from pamphlets.models import Edition
from pamphlets.services import SAMPLES_FOLDER, edition_store_file
from tests.factories import EditionFactory, LanguageFactory, PamphletFactory, make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample_edition(root):
    pamphlet = PamphletFactory(slug_en="warning", slug_fr="mise-en-garde")
    return EditionFactory(
        pamphlet=pamphlet, language=LanguageFactory(code="es"), content=(SAMPLES_FOLDER / "es.pdf").read_bytes()
    )


def test_an_edition_made_from_a_sample_file_is_flagged_and_the_real_file_clears_it(sample_edition):
    assert sample_edition.is_sample
    edition_store_file(edition=sample_edition, uploaded=ContentFile(make_pdf("The real pamphlet"), name="real.pdf"))
    assert not Edition.objects.get(pk=sample_edition.pk).is_sample


def test_the_seeded_editions_are_all_samples():
    from tests.seed_data import load_seed

    load_seed()
    assert Edition.objects.count() == 14
    assert set(Edition.objects.values_list("is_sample", flat=True)) == {True}


def test_sample_editions_are_listed_as_needing_the_real_file_on_the_admin_home(admin_client, sample_edition):
    for url, heading in (("/en/admin/", "Needs the real file"), ("/fr/admin/", "Fichier réel à fournir")):
        page = admin_client.get(url).content.decode()
        assert heading in page
        assert f"/admin/pamphlets/pamphlet/{sample_edition.pamphlet.pk}/change/" in page
    edition_store_file(edition=sample_edition, uploaded=ContentFile(make_pdf("The real pamphlet"), name="real.pdf"))
    assert "Needs the real file" not in admin_client.get("/en/admin/").content.decode()


def test_the_public_page_says_which_files_are_samples_until_they_are_replaced(client, sample_edition):
    real = EditionFactory(pamphlet=sample_edition.pamphlet, language=LanguageFactory(code="ar"))
    for url, notice in (
        ("/en/pamphlets/warning/", "Sample files."),
        ("/fr/depliants/mise-en-garde/", "Fichiers d\u2019exemple."),
    ):
        page = client.get(url).content.decode()
        assert notice in page
        cards = page.split('<li class="edition-list__item">')[1:]
        marked = [card for card in cards if 'class="edition-list__state"' in card.split("</li>")[0]]
        assert len(marked) == 1 and 'hreflang="es"' in marked[0]
    assert real.is_sample is False
    edition_store_file(edition=sample_edition, uploaded=ContentFile(make_pdf("The real pamphlet"), name="real.pdf"))
    assert "Sample files." not in client.get("/en/pamphlets/warning/").content.decode()


def test_the_migration_flags_sample_editions_already_stored(sample_edition):
    Edition.objects.update(is_sample=False)
    migration = importlib.import_module("pamphlets.migrations.0005_edition_is_sample")
    migration.flag_sample_editions(apps, None)
    assert Edition.objects.get(pk=sample_edition.pk).is_sample
