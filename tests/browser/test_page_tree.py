"""The page tree in a real browser, with the keyboard only: a publisher moves a section down and a page under
another section; axe finds no WCAG 2.1 AA violation on the tree or the move screen, in English or French."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from pages.models import Page
from tests.browser.conftest import log_in, member
from tests.browser.test_accessibility import _violations

pytestmark = pytest.mark.django_db(transaction=True)


def _tab_to(page, name, limit=400):
    """Press Tab until the focused control's accessible text is `name` (what a keyboard user does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.textContent.trim()")
        if focused == name:
            return
    raise AssertionError(f"No control “{name}” reached with the Tab key")


def _menu(page, base):
    page.goto(f"{base}/en/")
    return page.locator(".main-menu__list a").all_inner_texts()


def test_a_publisher_moves_pages_in_the_tree_with_the_keyboard_only(seeded, live_server, page, shoot):
    axe, base = Axe(), live_server.url
    publisher = member("Publishers", "tree-publisher")
    canadian = Page.objects.get(slug_en="canadian-initiatives")
    international = Page.objects.get(slug_en="international-initiatives")
    group = Page.objects.get(parent=canadian, sort_order=10)
    menu_before = _menu(page, base)
    assert menu_before.index(canadian.title_en) < menu_before.index(international.title_en)

    log_in(page, base, publisher)
    page.goto(f"{base}/en/admin/pages/page/")
    shoot(page, "tree-en")
    assert _violations(page, axe) == [], "tree, English"

    _tab_to(page, f"Move down {canadian.title_en}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*#page-{canadian.pk}$"))
    assert f"“{canadian.title_en}” moved down." in page.locator(".messagelist").inner_text()
    menu_after = _menu(page, base)
    assert menu_after.index(canadian.title_en) > menu_after.index(international.title_en)

    page.goto(f"{base}/en/admin/pages/page/")
    _tab_to(page, f"{canadian.children.count()} sub-pages {canadian.title_en}")  # a closed branch: open it
    page.keyboard.press("Enter")
    _tab_to(page, f"Move {group.title_en}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*/{group.pk}/move/$"))
    assert _violations(page, axe) == [], "move screen, English"
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.tagName") != "SELECT":
        page.keyboard.press("Tab")
    target = page.evaluate(f"[...document.activeElement.options].findIndex(o => o.value == '{international.pk}')")
    for _ in range(50):  # the arrow keys choose an option of a closed select
        current = page.evaluate("document.activeElement.selectedIndex")
        if current == target:
            break
        page.keyboard.press("ArrowDown" if current < target else "ArrowUp")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*#page-{group.pk}$"))
    shoot(page, "moved")
    group.refresh_from_db()
    assert group.parent_id == international.pk
    assert group.url_path_en.startswith(international.url_path_en)
    page.goto(f"{base}{group.get_absolute_url()}")
    assert page.locator("h1").inner_text() == group.title_en

    page.goto(f"{base}/fr/admin/pages/page/")
    shoot(page, "tree-fr")
    assert _violations(page, axe) == [], "tree, French"
    page.goto(f"{base}/fr/admin/pages/page/{group.pk}/move/")
    assert _violations(page, axe) == [], "move screen, French"
