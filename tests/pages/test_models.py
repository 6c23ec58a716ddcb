"""The page tree: addresses in both languages, moves, cycles, slug clashes, reserved addresses."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from iwgtip_site import workflow
from pages.models import Page
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_address_is_the_slug_path_in_each_language(root):
    section = PageFactory(parent=root, slug_en="canadian-initiatives", slug_fr="initiatives-canadiennes")
    child = PageFactory(parent=section, slug_en="working-group", slug_fr="groupe-de-travail")
    assert child.url_path_en == "canadian-initiatives/working-group/"
    assert child.url_path_fr == "initiatives-canadiennes/groupe-de-travail/"
    assert child.depth == 2
    with translation.override("en"):
        assert child.get_absolute_url() == "/en/canadian-initiatives/working-group/"
    with translation.override("fr"):
        assert child.get_absolute_url() == "/fr/initiatives-canadiennes/groupe-de-travail/"
    assert root.get_absolute_url() in ("/en/", "/fr/")


def test_moving_a_page_moves_its_descendants(root):
    old_parent = PageFactory(parent=root, slug_en="old", slug_fr="ancien")
    new_parent = PageFactory(parent=root, slug_en="new", slug_fr="nouveau")
    moved = PageFactory(parent=old_parent, slug_en="moved", slug_fr="deplace")
    grandchild = PageFactory(parent=moved, slug_en="leaf", slug_fr="feuille")

    moved.parent = new_parent
    workflow.item_save(item=moved, user=None)

    grandchild.refresh_from_db()
    assert grandchild.url_path_en == "new/moved/leaf/"
    assert grandchild.url_path_fr == "nouveau/deplace/feuille/"
    assert grandchild.depth == 3


def test_renaming_a_slug_in_one_language_updates_descendants_in_that_language(root):
    section = PageFactory(parent=root, slug_en="section", slug_fr="section-fr")
    child = PageFactory(parent=section, slug_en="child", slug_fr="enfant")
    section.slug_fr = "rubrique"
    workflow.item_save(item=section, user=None)
    child.refresh_from_db()
    assert (child.url_path_en, child.url_path_fr) == ("section/child/", "rubrique/enfant/")


def test_page_without_french_title_has_no_french_address(root):
    page = PageFactory(parent=root, title_fr="", slug_fr=None)
    child = PageFactory(parent=page)
    assert page.url_path_fr is None
    assert child.url_path_fr is None  # an address needs every ancestor's slug
    assert not child.has_translation("fr")
    assert child.has_translation("en")


def test_page_cannot_become_its_own_ancestor(root):
    top = PageFactory(parent=root)
    below = PageFactory(parent=top)
    top.parent = below
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "parent" in error.value.message_dict
    top.parent = top
    with pytest.raises(ValidationError):
        top.full_clean()


def test_siblings_cannot_share_a_slug_in_a_language(root):
    PageFactory(parent=root, slug_en="same", slug_fr="pareil")
    clash = PageFactory.build(parent=root, slug_en="different", slug_fr="pareil")
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert error.value.message_dict == {
        "slug_fr": ["Une autre page sous la même page parente utilise déjà ce segment d'adresse en français."]
    }


def test_same_slug_under_different_parents_is_fine(root):
    first = PageFactory(parent=root)
    second = PageFactory(parent=root)
    PageFactory(parent=first, slug_en="about")
    PageFactory.build(parent=second, slug_en="about").full_clean()


def test_only_the_home_page_has_no_parent(root):
    with pytest.raises(ValidationError) as error:
        Page(title_en="Second root", title_fr="Seconde racine").full_clean()
    assert "parent" in error.value.message_dict


def test_slug_may_not_take_over_an_address_of_the_site(root):
    with translation.override("en"):
        page = PageFactory.build(parent=root, slug_en="admin", slug_fr="fine")
        with pytest.raises(ValidationError) as error:
            page.full_clean()
    assert "slug_en" in error.value.message_dict
    page = PageFactory.build(parent=root, slug_en="fine", slug_fr="non-disponible")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug_fr" in error.value.message_dict


def test_title_in_a_language_needs_a_slug_in_it(root):
    page = PageFactory.build(parent=root, slug_fr=None)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug_fr" in error.value.message_dict


def test_slugs_are_lowercase_letters_digits_and_hyphens(root):
    for bad in ("About_Us", "About-us", "à-propos"):
        with pytest.raises(ValidationError) as error:
            PageFactory.build(parent=root, slug_en=bad).full_clean()
        assert "slug_en" in error.value.message_dict
