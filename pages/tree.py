"""The page tree: where each page sits, and the addresses that follow from it.

A page's address in a language is the path of slugs from the home page (`Page.computed_url_paths`); it is
stored (`url_path`, per language, and `depth`) so pages are found and linked to without walking the tree.
This module is the one place that stores them: the workflow calls `page_addresses_update` after every
write of a page (through `Page.refresh_derived`), and a page whose address changed re-addresses its
sub-pages.
"""

from iwgtip_site.i18n import LANGUAGE_CODES

from .models import Page


def page_addresses_update(page):
    """Store `page`'s addresses and depth as its parent and slugs make them; then its sub-pages', if its
    own changed. Returns whether anything changed."""
    stored = Page._default_manager.filter(pk=page.pk).values(*(f"url_path_{code}" for code in LANGUAGE_CODES))
    before = stored.first() or {}
    page.parent = Page._default_manager.get(pk=page.parent_id) if page.parent_id else None
    paths = page.computed_url_paths()
    values = {f"url_path_{code}": paths[code] for code in LANGUAGE_CODES}
    values["depth"] = page.parent.depth + 1 if page.parent else 0
    for name, value in values.items():
        setattr(page, name, value)
    moved = any(before.get(f"url_path_{code}") != paths[code] for code in LANGUAGE_CODES)
    Page._default_manager.filter(pk=page.pk).update(**values)
    if moved:
        for child in Page._default_manager.filter(parent=page).order_by("pk"):
            page_addresses_update(child)
    return moved
