"""WCAG 2.1 AA in a real browser: axe-core on every public page type in both languages, and the checks axe
cannot make (the skip link moves focus, the keyboard reaches everything, 200% zoom does not scroll sideways).
A failure names the page and the rule."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from iwgtip_site.i18n import url_in_language
from pamphlets.models import Pamphlet

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# Every public page type, in both languages (the seed content provides them).
PAGES = {
    "home": ("/en/", "/fr/"),
    "content page": (
        "/en/canadian-initiatives/working-group/",
        "/fr/initiatives-canadiennes/groupe-de-travail/",
    ),
    "page with a table": ("/en/smuggling-and-trafficking/", "/fr/passage-de-clandestins-et-traite/"),
    "legislation list": ("/en/legislation/", "/fr/legislation/?kind=statute"),
    "legislation detail": (
        "/en/legislation/immigration-and-refugee-protection-act/",
        "/fr/legislation/projet-de-loi-c-49/",
    ),
    "partners list": ("/en/partners/", "/fr/partenaires/"),
    "partner detail": (
        "/en/partners/public-safety-canada/",
        "/fr/partenaires/securite-publique-canada/",
    ),
    "working group members": ("/en/partners/working-group-members/", "/fr/partenaires/membres-du-groupe-de-travail/"),
    "pamphlet list": ("/en/pamphlets/", "/fr/depliants/"),
    "search results": ("/en/search/?q=trafficking+penalties", "/fr/recherche/?q=d%C3%A9pliant"),
    "search, no query": ("/en/search/", "/fr/recherche/?q="),
    "feedback form": ("/en/feedback/?page=/en/&answer=no", "/fr/retroaction/?page=/fr/&answer=yes"),
    "feedback thank-you": ("/en/feedback/thank-you/", "/fr/retroaction/merci/"),
    "not found (404)": ("/en/no-such-page/", "/fr/aucune-page/"),
    "no version in this language": ("/fr/non-disponible/?from=/en/", "/en/not-available/?from=/fr/"),
}


def _pamphlet_pages():
    pamphlet = Pamphlet.objects.get()
    return url_in_language(pamphlet, "en"), url_in_language(pamphlet, "fr")


def _violations(page, axe):
    results = axe.run(page, options=WCAG_21_AA)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 375])  # a desktop, and a phone (the menu behind its button)
def test_every_page_type_has_no_wcag_21_aa_violation_in_either_language(seeded, live_server, browser, shoot, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    axe = Axe()
    base = live_server.url
    pages = dict(PAGES)
    pages["pamphlet detail"] = _pamphlet_pages()
    report = []
    for name, paths in pages.items():
        for path in paths:
            page.goto(base + path)
            found = _violations(page, axe)
            if found:
                shoot(page, f"violations-{width}-{name}-{path.strip('/').replace('/', '_')}")
                report.extend(f"{name} {path} at {width} px: {line}" for line in found)
    context.close()
    assert not report, "Accessibility violations:\n" + "\n".join(report)


def test_skip_link_moves_focus_to_the_main_content(seeded, live_server, page):
    for path in ("/en/", "/fr/legislation/"):
        page.goto(live_server.url + path)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert focused == "skip-link"
        assert page.locator(".skip-link").is_visible()  # visible when focused
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", path


def _tab_through(page, limit=120):
    """What keyboard focus visits, in order: (tag, text, href, name)."""
    visited = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = page.evaluate(
            """() => { const e = document.activeElement;
                return [e.tagName, (e.innerText || e.value || '').trim().slice(0, 60),
                        e.getAttribute('href') || '', e.getAttribute('name') || '',
                        e.getAttribute('lang') || '']; }"""
        )
        if element[0] == "BODY" or (visited and element == visited[0]):
            break
        visited.append(element)
    return visited


def test_keyboard_alone_reaches_the_toggle_the_menu_and_the_downloads(seeded, live_server, page):
    page.goto(live_server.url + "/en/")
    visited = _tab_through(page)
    assert any(tag == "A" and lang == "fr" and text == "Français" for tag, text, _href, _name, lang in visited)
    assert any(href == "/en/legislation/" for _tag, _text, href, _name, _lang in visited)  # the main menu
    assert any(tag == "INPUT" and name == "q" for tag, _text, _href, name, _lang in visited)  # the search box
    page.goto(live_server.url + _pamphlet_pages()[0])
    visited = _tab_through(page, limit=200)
    downloads = [href for _tag, _text, href, _name, _lang in visited if href.endswith(".pdf") or ".zip" in href]
    assert len(downloads) >= 14, downloads  # every language's file, and the ZIP


@pytest.mark.parametrize("width", [640, 320])
def test_zoom_to_200_percent_needs_no_horizontal_scrolling(seeded, live_server, browser, width):
    """200% zoom of a 1280-pixel window is a 640-pixel viewport (WCAG 1.4.10 asks for 320)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    overflowing = []
    for name, (english, french) in PAGES.items():
        for path in (english, french):
            page.goto(live_server.url + path)
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                overflowing.append(f"{name} {path}: {scroll}px wide in a {client}px window")
    context.close()
    assert not overflowing, "\n".join(overflowing)
