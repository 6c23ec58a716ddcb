"""The admin is a workplace too (Accessible Canada Act, Standard on Web Accessibility): axe-core finds no WCAG 2.1
A/AA violation on any admin screen type an Editor or a Publisher uses, in English and in French, with the CKEditor
widget and the inlines on the change forms; a page can be edited end to end with the keyboard alone; and the
forms fit the window. A failure names the role, language, screen and rule; every screen is kept as a screenshot
in test-artifacts/browser/."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from iwgtip_site import workflow
from iwgtip_site.feedback.models import PageFeedback
from iwgtip_site.i18n import url_in_language
from legislation.models import Instrument
from pages.models import Page
from pamphlets.models import Pamphlet
from partners.models import Organization
from tests.browser.conftest import log_in, member
from tests.browser.test_accessibility import _violations
from tests.factories import OrganizationFactory, PageFeedbackFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _admin(name, *args):
    return reverse(f"admin:{name}", args=args).removeprefix("/en")


def _content():
    """What the screens show: seeded items, one with a working copy, a deleted item to recover, feedback."""
    publisher = member("Publishers", "paul")
    editor = member("Editors", "edith")
    page = Page.objects.exclude(parent=None).order_by("pk").first()
    page.summary_en = f"{page.summary_en} A change in progress."
    workflow.item_save(item=page, user=editor)  # a published page: the change goes to its working copy
    gone = OrganizationFactory(status="draft", name_en="Gone Agency", name_fr="Agence disparue")
    workflow.item_delete(item=gone, user=publisher)
    PageFeedbackFactory()
    return publisher, editor, page


def _screens(page):
    """Every admin screen type (name: address without the language prefix)."""
    instrument = Instrument.objects.filter(provisions__isnull=False).order_by("pk").first()
    organization = Organization.objects.order_by("pk").first()
    pamphlet = Pamphlet.objects.get()
    version = Version.objects.get_for_object(page).order_by("pk").first()
    deleted = Version.objects.get_deleted(Organization).first()
    screens = {"dashboard": _admin("index")}
    for label, item in (
        ("page", page),
        ("instrument", instrument),
        ("organization", organization),
        ("pamphlet", pamphlet),
    ):
        opts = item._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        screens[f"{label} list"] = _admin(f"{prefix}_changelist")
        screens[f"{label} form"] = _admin(f"{prefix}_change", item.pk)
        screens[f"{label} add form"] = _admin(f"{prefix}_add")
        screens[f"{label} history"] = _admin(f"{prefix}_history", item.pk)
        screens[f"{label} recover list"] = _admin(f"{prefix}_recoverlist")
    screens.update(
        {
            "pamphlet languages list": _admin("pamphlets_language_changelist"),
            "restore confirmation": _admin("pages_page_revision", page.pk, version.pk),
            "recover confirmation": _admin("partners_organization_recover", deleted.pk),
            "working copy review": _admin("pages_page_review", page.pk),
            "working copy discard": _admin("pages_page_discard", page.pk),
            "feedback list": _admin("iwgtip_site_pagefeedback_changelist"),
            "feedback form": _admin("iwgtip_site_pagefeedback_change", PageFeedback.objects.get().pk),
            "audit log": _admin("admin_logentry_changelist"),
            "audit log entry": _admin("admin_logentry_change", LogEntry.objects.order_by("pk").first().pk),
            "preferences": reverse("admin_preferences").removeprefix("/en"),
            "password change": _admin("password_change"),
        }
    )
    return screens


def _screen_path(screen):
    return re.sub(r"[^\w-]+", "-", screen)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("role", ["Editors", "Publishers"])
def test_every_admin_screen_type_has_no_wcag_21_aa_violation(seeded, live_server, page, shoot, role, language):
    publisher, editor, item = _content()
    user = editor if role == "Editors" else publisher
    axe, base = Axe(), live_server.url
    screens = {**_screens(item), "preview": url_in_language(item, language).removeprefix(f"/{language}")}
    page.goto(f"{base}/{language}/admin/login/")
    report = [f"login: {line}" for line in _violations(page, axe)]
    shoot(page, "login")
    log_in(page, base, user, language)
    for screen, path in screens.items():
        response = page.goto(f"{base}/{language}{path}")
        if response.status != 200:
            report.append(f"{screen} {path}: HTTP {response.status}")
            continue
        if page.locator("div.django-ckeditor-widget textarea").count():
            page.wait_for_selector(".cke_wysiwyg_frame", state="attached")  # axe runs with the editor present
        report.extend(f"{screen} {path}: {line}" for line in _violations(page, axe))
        shoot(page, _screen_path(screen))
    assert not report, f"Accessibility violations ({role}, {language}):\n" + "\n".join(report)


def _tab_to(page, selector, limit=400):
    """Presses Tab until the focused element matches `selector` (the keyboard's way there); fails if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_publisher_edits_a_page_end_to_end_with_the_keyboard_alone(seeded, live_server, page, shoot):
    publisher = member("Publishers", "paul")
    target = Page.objects.exclude(parent=None).order_by("pk").first()
    base = live_server.url
    log_in(page, base, publisher, "fr")
    page.goto(f"{base}/fr/admin/pages/page/")
    _tab_to(page, f'.page-tree a.page-tree__title[href$="/pages/page/{target.pk}/change/"]')  # the tree
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*/pages/page/{target.pk}/change/$"))
    page.wait_for_selector(".cke_wysiwyg_frame", state="attached")
    for field, title in (("#id_title_en", "Typed with the keyboard"), ("#id_title_fr", "Tapé au clavier")):
        _tab_to(page, field)
        page.keyboard.press("Control+A")
        page.keyboard.type(title)
    shoot(page, "1-typed")
    _tab_to(page, "input[name=_save]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/fr/admin/pages/page/$"))
    assert "Tapé au clavier" in page.locator(".messagelist .success").inner_text()
    shoot(page, "2-saved")
    target.refresh_from_db()
    assert (target.title_en, target.title_fr) == ("Typed with the keyboard", "Tapé au clavier")


@pytest.mark.parametrize("width", [1280, 768])
def test_change_forms_and_their_tables_fit_the_window(seeded, live_server, browser, shoot, width):
    """No sideways scrolling inside a form at a desktop width, nor at a tablet's (the tables reflow)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    base = live_server.url
    log_in(page, base, member("Publishers", "paul"))
    instrument = Instrument.objects.filter(provisions__isnull=False).order_by("pk").first()
    overflowing = []
    for path in (
        _admin("pamphlets_pamphlet_change", Pamphlet.objects.get().pk),
        _admin("legislation_instrument_change", instrument.pk),
    ):
        page.goto(f"{base}/en{path}")
        page.wait_for_selector(".cke_wysiwyg_frame", state="attached")
        boxes = page.evaluate(
            """() => [document.querySelector('#content-main form'), document.documentElement,
                      ...document.querySelectorAll('.inline-group')]
                .map(box => [box.id || box.tagName, box.scrollWidth, box.clientWidth])"""
        )
        overflowing += [f"{path} {name}: {wide} px in {room} px" for name, wide, room in boxes if wide > room]
        shoot(page, f"{width}-{_screen_path(path)}")
    context.close()
    assert not overflowing, "\n".join(overflowing)
