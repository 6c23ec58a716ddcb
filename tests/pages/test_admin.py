"""Editing pages in the admin: both languages, the tree, errors in the editor's language, publishing."""

import html

import pytest
from django.test import Client

from iwgtip_site.publishing import Status
from pages.models import Page
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def _form_data(parent, **overrides):
    data = {
        "title_en": "Victim services",
        "title_fr": "Services aux victimes",
        "slug_en": "victim-services",
        "slug_fr": "services-aux-victimes",
        "parent": parent.pk,
        "sort_order": 5,
        "show_in_menu": "on",
        "summary_en": "",
        "summary_fr": "",
        "body_en": "<p>Help is available.</p>",
        "body_fr": "<p>De l'aide est offerte.</p>",
        "meta_description_en": "",
        "meta_description_fr": "",
        "status": Status.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
    }
    data.update(overrides)
    return data


def test_change_form_has_both_languages_with_ckeditor(admin_client, page):
    content = admin_client.get(f"/en/admin/pages/page/{page.pk}/change/").content.decode()
    for field in ("title_en", "title_fr", "slug_en", "slug_fr", "body_en", "body_fr"):
        assert f'name="{field}"' in content
    assert content.count('data-type="ckeditortype"') == 2
    assert "ckeditor/ckeditor/ckeditor.js" in content


def test_editor_creates_a_bilingual_page_and_its_rich_text_is_sanitized(admin_client, root):
    public = Client()
    data = _form_data(
        root, body_en='<p onclick="steal()">Help is available.</p><script>steal()</script>', status=Status.PUBLISHED
    )
    response = admin_client.post("/en/admin/pages/page/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = Page.objects.get(slug_en="victim-services")
    assert page.body_en == "<p>Help is available.</p>"
    assert public.get("/en/victim-services/").status_code == 200
    assert "De l'aide est offerte." in html.unescape(public.get("/fr/services-aux-victimes/").content.decode())


def test_slug_clash_is_a_form_error_in_the_editors_language(admin_client, root):
    PageFactory(parent=root, slug_fr="services-aux-victimes")
    response = admin_client.post("/fr/admin/pages/page/add/", _form_data(root))
    assert response.status_code == 200
    assert "Une autre page sous la même page parente utilise déjà ce segment d'adresse en français." in html.unescape(
        response.content.decode()
    )
    response = admin_client.post("/en/admin/pages/page/add/", _form_data(root))
    assert "Another page under the same parent already uses this slug in French." in response.content.decode()
    assert not Page.objects.filter(slug_en="victim-services").exists()


def test_parent_cycle_is_a_form_error(admin_client, root):
    top = PageFactory(parent=root)
    below = PageFactory(parent=top)
    data = _form_data(below, title_en=top.title_en, slug_en=top.slug_en, title_fr=top.title_fr, slug_fr=top.slug_fr)
    response = admin_client.post(f"/fr/admin/pages/page/{top.pk}/change/", data)
    assert response.status_code == 200
    assert "Une page ne peut pas être placée sous elle-même" in response.content.decode()
    top.refresh_from_db()
    assert top.parent == root


def test_list_shows_the_tree_and_searches_both_languages(admin_client, root):
    section = PageFactory(parent=root, title_en="Canadian initiatives", slug_en="canadian-initiatives")
    PageFactory(parent=section, title_en="Working group", title_fr="Groupe de travail")
    content = admin_client.get("/en/admin/pages/page/").content.decode()  # the tree (tests/pages/test_tree.py)
    assert content.index("Canadian initiatives") < content.index("Working group")
    filtered = admin_client.get("/en/admin/pages/page/", {"status": "published"}).content.decode()  # a flat list
    assert 'data-depth="2">— — Working group' in filtered
    found = admin_client.get("/en/admin/pages/page/", {"q": "Groupe de travail"}).content.decode()
    assert "Working group" in found
    assert "Canadian initiatives" not in found


def test_publish_and_unpublish_actions(admin_client, root):
    public = Client()
    draft = PageFactory(parent=root, status=Status.DRAFT, slug_en="soon")
    response = admin_client.post(
        "/en/admin/pages/page/", {"action": "publish_selected", "_selected_action": [draft.pk]}, follow=True
    )
    assert "1 item published." in response.content.decode()
    assert public.get("/en/soon/").status_code == 200
    response = admin_client.post(
        "/fr/admin/pages/page/", {"action": "unpublish_selected", "_selected_action": [draft.pk]}, follow=True
    )
    assert "1 élément remis à l'état d'ébauche." in html.unescape(response.content.decode())
    assert public.get("/en/soon/").status_code == 404


def test_deleting_a_page_with_subpages_is_refused(admin_client, root):
    section = PageFactory(parent=root)
    PageFactory(parent=section)
    response = admin_client.post(f"/en/admin/pages/page/{section.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert Page.objects.filter(pk=section.pk).exists()
