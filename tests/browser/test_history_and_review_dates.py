"""Staff reading history and review dates in a real browser: the history, the comparison of two versions, the
read-only view, the preview in both languages and the review-dates report have no WCAG 2.1 AA violation
(axe-core) in English or French; the preview shows each language's whole page; the read-only view's links
do not cover its title. Screenshots in test-artifacts/browser/<test>/."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from reversion.models import Version

from iwgtip_site import workflow
from legislation.models import Instrument
from tests.browser.conftest import log_in, member
from tests.browser.test_accessibility import _violations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _two_versions(publisher):
    """An instrument from the seed with provisions, saved twice: its body reworded, a provision changed."""
    instrument = Instrument.objects.filter(provisions__isnull=False).order_by("pk").first()
    instrument.body_en = (instrument.body_en or "") + "<p>A first saved paragraph.</p>"
    workflow.item_save(item=instrument, user=publisher)
    instrument = Instrument.objects.get(pk=instrument.pk)
    instrument.body_en = instrument.body_en.replace("A first saved paragraph.", "A reworded second paragraph.")
    provision = instrument.provisions.order_by("pk").first()

    def save_rows():
        provision.max_imprisonment_life = not provision.max_imprisonment_life
        provision.save()

    workflow.item_save(item=instrument, user=publisher, save_rows=save_rows)
    return instrument


def _frames_show_whole_pages(page):
    page.wait_for_function(
        "() => [...document.querySelectorAll('.side-by-side iframe')].every(frame => frame.contentDocument"
        " && frame.contentDocument.readyState === 'complete'"
        " && Math.abs(frame.getBoundingClientRect().height - frame.contentDocument.documentElement.scrollHeight) < 4)"
    )
    heights = page.eval_on_selector_all(".side-by-side iframe", "frames => frames.map(f => f.clientHeight)")
    assert len(heights) == 2 and min(heights) > 900, heights  # the whole page, not a 440 px window


def test_history_comparison_preview_and_review_dates_are_accessible_in_both_languages(seeded, live_server, page, shoot):
    axe, base = Axe(), live_server.url
    publisher = member("Publishers", "paul")
    instrument = _two_versions(publisher)
    Instrument.objects.filter(pk=instrument.pk).update(review_by=timezone.localdate() - timedelta(days=2))
    older, newer = Version.objects.get_for_object(instrument).order_by("-pk")[:2][::-1]
    admin = f"/admin/legislation/instrument/{instrument.pk}"
    log_in(page, base, publisher)
    report = []
    for language in ("en", "fr"):
        screens = {
            "history": f"/{language}{admin}/history/",
            "compare": f"/{language}{admin}/history/compare/?from={older.pk}&to={newer.pk}",
            "preview-both-languages": f"/{language}{admin}/preview/",
            "review-dates": f"/{language}/admin/review-dates/",
        }
        for name, path in screens.items():
            page.goto(base + path)
            if name == "preview-both-languages":
                _frames_show_whole_pages(page)
            if name == "compare":
                assert page.locator(".version-compare ins").count() >= 1
            report += [f"{name} ({language}): {line}" for line in _violations(page, axe)]
            shoot(page, f"{language}-{name}")
    assert report == []


def test_the_read_only_view_renders_rich_text_and_keeps_its_links_off_the_title(seeded, live_server, page, shoot):
    axe, base = Axe(), live_server.url
    viewer = UserFactory(
        username="vera", is_staff=True, password="correct horse battery staple", permissions=["pages.view_page"]
    )
    from pages.models import Page

    target = Page.objects.exclude(parent=None).exclude(body_en="").order_by("pk").first()
    log_in(page, base, viewer)
    report = []
    for language in ("en", "fr"):
        page.goto(f"{base}/{language}/admin/pages/page/{target.pk}/change/")
        body = page.locator(".rich-text-read-only").first
        assert body.is_visible() and "<p>" not in body.inner_text()
        title = page.locator("#content h1").bounding_box()
        for link in page.locator(".object-tools a").all():
            box = link.bounding_box()
            overlaps = box["y"] < title["y"] + title["height"] and box["y"] + box["height"] > title["y"]
            assert not overlaps, f"{link.inner_text()} covers the title"
        report += [f"read-only view ({language}): {line}" for line in _violations(page, axe)]
        shoot(page, f"{language}-read-only-view")
    assert report == []
