"""One rule for what the public sees: `public(language)`, in the publishing layer, and nowhere else.

A source scan: no module outside iwgtip_site/publishing.py filters content on its status or publication
dates. A view, menu, feed or sitemap that did would be a second rule, free to drift from the first."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from iwgtip_site.publishing import PUBLICATION_FIELDS
from pages.models import Page
from tests.factories import PageFactory

ROOT = Path(settings.BASE_DIR)
PUBLISHING_LAYER = {"iwgtip_site/publishing.py"}
# Readers' page feedback has a triage status of its own (new, handled), and a working copy its own time to be
# published (the time a publisher chose): neither is a content item's publication.
NOT_CONTENT = {
    "iwgtip_site/feedback/",
    "iwgtip_site/management/commands/purge_page_feedback.py",
    "iwgtip_site/workflow/schedule.py",
}
FILTERING_CALLS = {"filter", "exclude", "get", "Q", "count", "exists"}


def _project_modules():
    for folder in ("iwgtip_site", "pages", "legislation", "partners", "pamphlets"):
        for path in (ROOT / folder).rglob("*.py"):
            name = path.relative_to(ROOT).as_posix()
            if "/migrations/" in name or name in PUBLISHING_LAYER or any(name.startswith(p) for p in NOT_CONTENT):
                continue
            yield name, path


def _publication_filters(tree):
    """(line, keyword) for every call like `.filter(status=...)` or `Q(publish_at__lte=...)`."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if called not in FILTERING_CALLS:
            continue
        for keyword in node.keywords:
            if keyword.arg and keyword.arg.split("__")[0] in PUBLICATION_FIELDS:
                yield node.lineno, keyword.arg


def test_no_module_outside_the_publishing_layer_filters_content_on_publication_fields():
    found = [
        f"{name}:{line} {keyword}"
        for name, path in _project_modules()
        for line, keyword in _publication_filters(ast.parse(path.read_text()))
    ]
    assert found == []


def test_the_scan_finds_a_filter_on_status():
    """The scan itself can fail: a view that filtered by hand would be reported."""
    tree = ast.parse("Page.objects.filter(status='published')\nQ(unpublish_at__gt=now)")
    assert [keyword for _line, keyword in _publication_filters(tree)] == ["status", "unpublish_at__gt"]


@pytest.mark.django_db
def test_a_page_under_an_unpublished_section_is_not_public_in_any_list(root):
    section = PageFactory(parent=root, status="draft")
    child = PageFactory(parent=section)
    assert child.is_live()
    for language in ("en", "fr"):
        assert child not in Page.objects.public(language)
    assert not Page.objects.filter(pk=child.pk).public_in_languages().exists()
