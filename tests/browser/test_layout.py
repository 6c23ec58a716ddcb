"""The Canada.ca layout in a real browser, on a desktop (1280 px) and on a phone (375 by 667), in both languages:
screenshots of every page type, the design system's fonts, the h1 in the first screen, tables that never split
a word, targets of at least 24 px, the menu button without JavaScript, the keyboard journey, printing, and
the weight of a first view. Screenshots go to test-artifacts/browser/<test>/."""

import re

import pytest

from tests.browser.page_weight import first_view
from tests.browser.test_accessibility import PAGES, _pamphlet_pages

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
HOME_PAGE_BUDGET = 200 * 1000  # bytes, compressed: HTML, CSS, fonts, images

# Words that a line break splits: for each table cell, a word whose pieces lie on different lines.
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('main td, main th')) {
    if (!cell.getClientRects().length || cell.closest('thead')?.getBoundingClientRect().width <= 1) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-\\u2013\\u2014/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
        if (lines.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""
LOADED_FONTS = """document.fonts.ready.then(fonts => [...fonts].filter(f => f.status === 'loaded')
  .map(f => `${f.family.replace(/["']/g, '')} ${f.weight}`))"""
# Controls and links that are not part of a sentence (WCAG 2.5.8 leaves inline links out), smaller than 24 px.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, summary, nav a, footer a, .gc-lang-toggle a,'
    + ' .edition-list a, .page-feedback a, .get-help a')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => [e.tagName + ' ' + (e.innerText || e.name || '').trim().slice(0, 40), e.getBoundingClientRect()])
  .filter(([_, r]) => r.width > 0 && (r.height < 24 || r.width < 24))
  .map(([name, r]) => `${name} (${Math.round(r.width)} by ${Math.round(r.height)})`)"""


def _every_page_type(browser, live_server, shoot, viewport):
    """Each public page type in each language, loaded and photographed at `viewport`: yields (where, page)."""
    pages = dict(PAGES)
    pages["pamphlet detail"] = _pamphlet_pages()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        for name, paths in pages.items():
            for language, path in zip(("en", "fr"), paths, strict=True):
                page.goto(live_server.url + path)
                slug = re.sub(r"[^a-z0-9]+", "-", name).strip("-")
                shoot(page, f"{slug}-{language}-{viewport['width']}")
                yield f"{name} {path}", page
    finally:
        context.close()


def test_every_page_type_on_a_phone_shows_its_h1_first_keeps_words_whole_and_targets_large(
    seeded, live_server, browser, shoot
):
    problems = []
    for where, page in _every_page_type(browser, live_server, shoot, PHONE):
        h1 = page.locator("h1").first.bounding_box()
        if h1 is None or h1["y"] + h1["height"] > PHONE["height"]:
            problems.append(f"{where}: the h1 is not in the first screen ({h1})")
        if split := page.evaluate(SPLIT_WORDS):
            problems.append(f"{where}: words split in table cells: {split}")
        if small := page.evaluate(SMALL_TARGETS):
            problems.append(f"{where}: targets under 24 px: {small}")
    assert not problems, "\n".join(problems)


def test_every_page_type_on_a_desktop_uses_the_design_systems_fonts_and_one_menu_row(
    seeded, live_server, browser, shoot
):
    problems = []
    for where, page in _every_page_type(browser, live_server, shoot, DESKTOP):
        loaded = set(page.evaluate(LOADED_FONTS))
        if not {"Noto Sans 400", "Noto Sans 700", "Lato 700"} <= loaded:
            problems.append(f"{where}: fonts loaded: {sorted(loaded)}")
        tops = page.evaluate("[...document.querySelectorAll('.main-menu__list > li')].map(li => li.offsetTop)")
        if tops and len(set(tops)) != 1:
            problems.append(f"{where}: the menu takes {len(set(tops))} rows")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_menu_button_works_without_javascript(seeded, live_server, browser, shoot, language):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/")
    menu = page.locator(".main-menu__list")
    assert not menu.is_visible()
    page.click(".main-menu__button")
    assert menu.is_visible()
    shoot(page, f"menu-open-{language}")
    page.locator(".main-menu__list a").nth(4).click()  # Legislation / Législation
    page.wait_for_url(f"**/{language}/legislation/")
    assert not page.locator(".main-menu__list").is_visible()  # closed again on the next page
    context.close()

    desktop = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = desktop.new_page()
    page.goto(f"{live_server.url}/{language}/")
    assert page.locator(".main-menu__list").is_visible() and not page.locator(".main-menu__button").is_visible()
    desktop.close()


def _focused(page):
    return page.evaluate("[document.activeElement.tagName, (document.activeElement.innerText || '').trim()]")


def test_keyboard_journey_through_the_menu_the_toggle_the_search_and_feedback(seeded, live_server, browser, shoot):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    for _ in range(12):  # skip link, signature, toggle, search box and button, site name, then the Menu button
        page.keyboard.press("Tab")
        if _focused(page) == ["SUMMARY", "Menu"]:
            break
    assert _focused(page) == ["SUMMARY", "Menu"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.main-menu__list') !== null")
    shoot(page, "1-menu-opened-by-keyboard")
    context.close()

    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{live_server.url}/en/legislation/")
    page.focus(".gc-lang-toggle a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/legislation/")
    page.focus("#site-search-q")
    page.keyboard.type("dépliant")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/recherche/?q=*")
    assert page.input_value("#site-search-q") == "dépliant"  # the query stays in the header's box
    shoot(page, "2-search-results")
    page.focus(".page-feedback button")
    assert _focused(page) == ["BUTTON", "Oui"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/retroaction/merci/**")
    assert page.locator("h1").inner_text() == "Merci de votre rétroaction"
    shoot(page, "3-thanked-after-one-click")
    page.context.close()


def test_the_skip_link_draws_no_box_around_the_main_content(seeded, live_server, page):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "none"


def test_a_printout_keeps_the_content_and_leaves_the_navigation_out(seeded, live_server, page):
    page.goto(f"{live_server.url}/en/legislation/criminal-code/")
    page.emulate_media(media="print")
    hidden = (".main-menu", ".site-search", ".breadcrumbs", ".page-feedback", ".gc-footer__main", ".gc-lang-toggle")
    for selector in hidden:
        assert not page.locator(selector).first.is_visible(), selector
    for selector in ("h1", "main table", ".date-modified", ".gc-signature", ".gc-wordmark"):
        assert page.locator(selector).first.is_visible(), selector


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_home_pages_first_view_stays_within_200_kb(seeded, live_server, browser, language):
    weight = first_view(browser, f"{live_server.url}/{language}/")
    fonts = [resource for resource in weight.resources if resource[0].endswith(".woff2")]
    assert len(fonts) >= 3  # the weight counts the fonts
    listing = "\n".join(f"{compressed:>8} {url}" for url, _type, _sent, compressed in weight.resources)
    print(f"\n{language} home page: {weight.compressed} bytes compressed, {weight.transferred} sent\n{listing}")
    assert weight.compressed <= HOME_PAGE_BUDGET, listing
