"""The page tree in the admin: pages listed in menu order, moved up, down or under another parent with buttons,
through the workflow (history, audit log, cache), with the addresses and the menu following."""

import html
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from reversion.models import Version

from iwgtip_site.publishing import Status
from iwgtip_site.workflow.changes import render
from pages.models import Page
from tests.conftest import login
from tests.factories import PageFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "/en/admin/pages/page/"
MOVE = "/en/admin/pages/page/move/"


def _member(role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return login(Client(), user)


@pytest.fixture
def publisher():
    return _member("Publishers")


@pytest.fixture
def editor():
    return _member("Editors")


def _text(response):
    return html.unescape(response.content.decode())


def _menu(language="en"):
    """The pages in the main menu (before the app sections), as the public reads them on the home page."""
    content = _text(Client().get(f"/{language}/"))
    menu = content[content.index('class="main-menu__list"') : content.index("</ul>", content.index("main-menu__list"))]
    return re.findall(r"<a href=\"[^\"]*\"[^>]*>([^<]+)</a>", menu)[:3]


def _tree_order(content):
    """The pages' titles in the order the tree lists them."""
    return re.findall(r'class="page-tree__title" href="[^"]+">([^<]+)</a>', content)


@pytest.fixture
def sections(root):
    """Three published sections (in the menu, in this order) and a sub-page with its own sub-page."""
    first = PageFactory(parent=root, title_en="First", title_fr="Premier", slug_en="first", slug_fr="premier",
                        sort_order=10)  # fmt: skip
    second = PageFactory(parent=root, title_en="Second", title_fr="Deuxième", slug_en="second", slug_fr="deuxieme",
                         sort_order=20)  # fmt: skip
    third = PageFactory(parent=root, title_en="Third", title_fr="Troisième", slug_en="third", slug_fr="troisieme",
                        sort_order=30)  # fmt: skip
    child = PageFactory(parent=first, title_en="Child", title_fr="Enfant", slug_en="child", slug_fr="enfant",
                        sort_order=10)  # fmt: skip
    grandchild = PageFactory(parent=child, title_en="Grandchild", title_fr="Petit-enfant", slug_en="grandchild",
                             slug_fr="petit-enfant")  # fmt: skip
    return first, second, third, child, grandchild


def test_the_list_shows_the_tree_in_menu_order_with_states(publisher, sections):
    first, second, third, _child, _grandchild = sections
    PageFactory(parent=first, title_en="Before child", slug_en="before", sort_order=0, title_fr="", slug_fr="",
                status=Status.DRAFT)  # fmt: skip
    content = _text(publisher.get(LIST))
    assert _tree_order(content) == ["Home", "First", "Before child", "Child", "Grandchild", "Second", "Third"]
    # Nested: a page's sub-pages are in a collapsible list inside its item.
    first_item = content[content.index(f'id="page-{first.pk}"') : content.index(f'id="page-{second.pk}"')]
    assert "<details" in first_item and "2 sub-pages" in first_item and "Grandchild" in first_item
    before_row = content[content.index("Before child") :][:1500]
    assert "Draft" in before_row and "EN complete" in before_row and "FR missing" in before_row
    # The first of its siblings cannot go up, the last cannot go down.
    assert f'name="up" value="{first.pk}"' not in content and f'name="down" value="{first.pk}"' in content
    assert f'name="down" value="{third.pk}"' not in content and f'name="up" value="{third.pk}"' in content


def test_a_search_shows_the_flat_list_with_a_way_back_to_the_tree(publisher, sections):
    content = _text(publisher.get(LIST, {"q": "Enfant"}))
    assert "Child" in content and "page-tree__title" not in content
    assert "Show every page as the tree" in content


def test_moving_a_page_under_another_parent_moves_its_addresses_and_its_sub_pages(publisher, sections):
    _first, second, _third, child, grandchild = sections
    assert Client().get("/en/first/child/grandchild/").status_code == 200  # cached now
    form = publisher.get(f"/en/admin/pages/page/{child.pk}/move/")
    assert "— Second" in _text(form) and "Grandchild" not in _text(form)  # not under its own sub-page
    response = publisher.post(f"/en/admin/pages/page/{child.pk}/move/", {"parent": second.pk}, follow=True)
    assert "“Child” moved" in _text(response)
    child.refresh_from_db()
    grandchild.refresh_from_db()
    assert (child.url_path_en, child.url_path_fr) == ("second/child/", "deuxieme/enfant/")
    assert grandchild.url_path_en == "second/child/grandchild/"
    assert grandchild.url_path_fr == "deuxieme/enfant/petit-enfant/"
    public = Client()
    assert public.get("/en/second/child/grandchild/").status_code == 200
    assert public.get("/fr/deuxieme/enfant/petit-enfant/").status_code == 200
    assert public.get("/en/first/child/grandchild/").status_code in (301, 404)  # not the old page any more
    # Through the workflow: a version and an audit log entry that say what changed.
    assert render(LogEntry.objects.filter(object_id=str(child.pk)).latest("action_time").change_message) == (
        "Changed parent page."
    )
    assert Version.objects.get_for_object(child).count() == 1
    assert _tree_order(_text(publisher.get(LIST)))[-3:] == ["Child", "Grandchild", "Third"]


def test_reordering_siblings_changes_the_menu(publisher, sections):
    first, _second, third, _child, _grandchild = sections
    assert _menu() == ["First", "Second", "Third"]
    response = publisher.post(MOVE, {"up": third.pk}, follow=True)
    assert "“Third” moved up." in _text(response)
    assert _menu() == ["First", "Third", "Second"]
    assert _menu("fr") == ["Premier", "Troisième", "Deuxième"]
    publisher.post(MOVE, {"down": first.pk})
    assert _menu() == ["Third", "First", "Second"]
    # Only the moved page was renumbered: the others' order is untouched while numbers fit between them.
    assert sorted(Page.objects.filter(depth=1).values_list("title_en", "sort_order")) == [
        ("First", 17), ("Second", 20), ("Third", 15)]  # fmt: skip
    # Siblings with the same number are renumbered, each through the workflow.
    Page.objects.filter(depth=1).update(sort_order=0)
    publisher.post(MOVE, {"up": Page.objects.get(title_en="Third").pk})
    assert _menu() == ["First", "Third", "Second"]


def test_moving_the_first_page_up_changes_nothing(publisher, sections):
    first = sections[0]
    response = publisher.post(MOVE, {"up": first.pk}, follow=True)
    assert "moved" not in _text(response)
    assert _menu() == ["First", "Second", "Third"]


def test_an_editor_moves_drafts_but_not_published_pages(editor, sections, root):
    first, second, third, child, _grandchild = sections
    response = editor.post(MOVE, {"up": third.pk}, follow=True)
    assert "Only publishers can move a published page" in _text(response)
    assert _menu() == ["First", "Second", "Third"]
    response = editor.post(f"/fr/admin/pages/page/{child.pk}/move/", {"parent": second.pk})
    assert response.status_code == 200
    assert "Seuls les publicateurs peuvent déplacer une page publiée" in _text(response)
    child.refresh_from_db()
    assert child.parent == first
    # A draft among drafts: an editor may.
    draft = PageFactory(parent=third, status=Status.DRAFT, sort_order=10, title_en="Draft A", slug_en="draft-a")
    PageFactory(parent=third, status=Status.DRAFT, sort_order=20, title_en="Draft B", slug_en="draft-b")
    assert _tree_order(_text(editor.get(LIST)))[-2:] == ["Draft A", "Draft B"]
    editor.post(MOVE, {"down": draft.pk})
    assert _tree_order(_text(editor.get(LIST)))[-2:] == ["Draft B", "Draft A"]
    # The editor is not offered buttons for published pages.
    assert f'name="up" value="{third.pk}"' not in _text(editor.get(LIST))


def test_a_page_cannot_be_moved_under_itself_or_a_sub_page(publisher, sections):
    first, _second, _third, _child, grandchild = sections
    response = publisher.post(f"/fr/admin/pages/page/{first.pk}/move/", {"parent": grandchild.pk})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in _text(response)  # not offered
    first.refresh_from_db()
    assert first.parent_id == sections[0].parent_id


def test_a_move_whose_slug_is_taken_under_the_new_parent_is_refused_naming_the_language(publisher, sections):
    first, second, _third, child, _grandchild = sections
    PageFactory(parent=second, slug_en="other", slug_fr="enfant")
    response = publisher.post(f"/en/admin/pages/page/{child.pk}/move/", {"parent": second.pk})
    assert response.status_code == 200
    assert "already uses this slug in French" in _text(response)
    child.refresh_from_db()
    assert child.parent == first and child.url_path_en == "first/child/"


def test_a_page_with_a_working_copy_in_progress_is_not_moved(publisher, sections):
    from iwgtip_site import workflow

    first, second, _third, child, _grandchild = sections
    child.title_en = "Child, revised"
    workflow.item_save(item=child, user=None, as_working_copy=True)
    response = publisher.post(f"/en/admin/pages/page/{child.pk}/move/", {"parent": second.pk})
    assert "has a working copy in progress" in _text(response)
    child.refresh_from_db()
    assert child.parent == first


def test_moving_needs_a_post_and_the_right_to_change_pages(sections):
    client = login(Client(), UserFactory(is_staff=True, permissions=["pages.view_page"]))
    assert client.get(MOVE).status_code == 405
    assert client.post(MOVE, {"up": sections[2].pk}).status_code == 403
    assert _menu() == ["First", "Second", "Third"]
    assert _member("Publishers").post(MOVE, {"up": "not-a-page"}).status_code == 404


@pytest.mark.parametrize("count", [10, 1000])
def test_the_tree_makes_a_bounded_number_of_queries(publisher, root, count, django_assert_max_num_queries):
    sections = [PageFactory(parent=root, sort_order=index) for index in range(5)]
    Page.objects.bulk_create(
        [
            Page(
                parent=sections[index % 5],
                title_en=f"Bulk {index}",
                title_fr=f"Masse {index}",
                slug_en=f"bulk-{index}",
                slug_fr=f"masse-{index}",
                sort_order=index,
                depth=2,
                url_path_en=f"{sections[index % 5].url_path_en}bulk-{index}/",
                url_path_fr=f"{sections[index % 5].url_path_fr}masse-{index}/",
            )
            for index in range(count - 6)
        ]
    )
    with django_assert_max_num_queries(15):
        response = publisher.get(LIST)
    assert len(_tree_order(_text(response))) == count
