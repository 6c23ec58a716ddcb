"""The page tree: where each page sits, and the addresses that follow from it.

A page's address in a language is the path of slugs from the home page (`Page.computed_url_paths`); it is
stored (`url_path`, per language, and `depth`) so pages are found and linked to without walking the tree.
This module is the one place that stores them: the workflow calls `page_addresses_update` after every
write of a page (through `Page.refresh_derived`), and a page whose address changed re-addresses its
sub-pages.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iwgtip_site import workflow
from iwgtip_site.i18n import LANGUAGE_CODES
from iwgtip_site.publishing import Status
from iwgtip_site.workflow import copies
from iwgtip_site.workflow.roles import can_publish

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


# Moving pages -----------------------------------------------------------------------------------------
#
# A move is an edit of the page's parent and order, made through the workflow's one write path
# (`item_save`): the page's history and the audit log say so, the cached pages go stale, and
# `page_addresses_update` re-addresses the page and its sub-pages (leaving redirects, where they are kept).
#
# Who may move what: moving a published page changes the public menu and addresses at once, so it takes a
# publisher of pages (as in Wagtail, where moving a live page takes the right to publish it). An editor
# moves draft pages only, and only where no published sibling has to be renumbered. A page with a working
# copy in progress is not moved: the copy would put it back where it was when it is published.

# The gap left between sibling pages when they are renumbered, so the next moves touch only the moved page.
ORDER_STEP = 10


def page_siblings(parent, *, exclude=None):
    """`parent`'s sub-pages in menu order (the order of Page.Meta), without `exclude`."""
    pages = Page._default_manager.filter(parent=parent).order_by("sort_order", "pk")
    return list(pages.exclude(pk=exclude.pk) if exclude is not None else pages)


def page_move_up(*, page, user):
    """Move `page` one place up among its siblings (the menu follows). Returns whether it moved."""
    return _page_shift(page=page, user=user, offset=-1)


def page_move_down(*, page, user):
    """Move `page` one place down among its siblings. Returns whether it moved."""
    return _page_shift(page=page, user=user, offset=1)


def _page_shift(*, page, user, offset):
    page = Page._default_manager.get(pk=page.pk)
    siblings = page_siblings(page.parent_id)
    index = next(position for position, sibling in enumerate(siblings) if sibling.pk == page.pk)
    if not 0 <= index + offset < len(siblings):
        return False
    return _page_place(page=page, user=user, parent=page.parent, index=index + offset)


def page_move(*, page, user, parent):
    """Move `page` under `parent`, as its last sub-page: its address and its sub-pages' follow. Refused with
    a ValidationError (under itself or one of its sub-pages, a slug already taken there) or PermissionDenied
    (see above). Returns whether it moved."""
    page = Page._default_manager.get(pk=page.pk)
    if parent.pk == page.parent_id:
        return False
    return _page_place(page=page, user=user, parent=parent, index=len(page_siblings(parent, exclude=page)))


def _fits(page, order, before, after):
    """Whether `page` at `order` sorts between `before` and `after` (ties go by primary key, like the menu)."""
    key = (order, page.pk)
    return (before is None or (before.sort_order, before.pk) < key) and (
        after is None or key < (after.sort_order, after.pk)
    )


def _new_orders(page, siblings, index):
    """{page: its new order} for `page` placed at `index` of `siblings` (which exclude it): the moved page
    alone when a number fits between its new neighbours, else every sibling renumbered by ORDER_STEP."""
    before = siblings[index - 1] if index > 0 else None
    after = siblings[index] if index < len(siblings) else None
    low = before.sort_order if before else 0
    candidates = [page.sort_order, (low + after.sort_order) // 2 if after else low + ORDER_STEP, low]
    if after is not None:
        candidates.append(after.sort_order)
    for order in candidates:
        if order >= 0 and _fits(page, order, before, after):
            return {page: order}
    placed = [*siblings[:index], page, *siblings[index:]]
    return {sibling: (position + 1) * ORDER_STEP for position, sibling in enumerate(placed)}


@transaction.atomic
def _page_place(*, page, user, parent, index):
    if parent is not None:  # one move at a time among the same siblings
        Page._default_manager.select_for_update().filter(pk=parent.pk).first()
    siblings = page_siblings(parent, exclude=page)
    orders = _new_orders(page, siblings, index)
    publisher = user is None or can_publish(user, Page)
    if not publisher and page.status == Status.PUBLISHED:
        raise PermissionDenied(_("Only publishers can move a published page: it would change the menu and the "
                                 "addresses the public sees."))  # fmt: skip
    for sibling, order in orders.items():
        if sibling.sort_order == order and sibling is not page:
            continue
        if not publisher and sibling.status == Status.PUBLISHED:
            raise PermissionDenied(
                _("Only publishers can reorder published pages: moving “%(page)s” there renumbers “%(sibling)s”.")
                % {"page": page, "sibling": sibling}
            )
        copy = copies.working_copy_of(sibling)
        if copy is not None and copy.holds_changes:
            raise ValidationError(
                _("“%(page)s” has a working copy in progress: publish or discard it before moving pages there.")
                % {"page": sibling}
            )
    page.parent, page.sort_order = parent, orders.get(page, page.sort_order)
    page.full_clean()  # under itself or a sub-page; a slug taken under the new parent, in either language
    for sibling, order in orders.items():
        if sibling is page or sibling.sort_order != order:
            sibling.sort_order = order
            workflow.item_save(item=sibling, user=user)
    return True


@dataclass
class TreeNode:
    """A page in the tree as staff see it: its sub-pages, and whether it is first or last among its siblings."""

    page: Page
    children: list = field(default_factory=list)
    first: bool = False
    last: bool = False


def page_tree(pages):
    """`pages` (already loaded: one query) as the tree's roots, each node's children in menu order."""
    nodes = {page.pk: TreeNode(page) for page in pages}
    roots = []
    for node in sorted(nodes.values(), key=lambda node: (node.page.sort_order, node.page.pk)):
        parent = nodes.get(node.page.parent_id)
        (parent.children if parent is not None else roots).append(node)
    for siblings in [roots, *(node.children for node in nodes.values())]:
        if siblings:
            siblings[0].first, siblings[-1].last = True, True
    return roots


def page_descendant_ids(page):
    """The primary keys of `page`'s sub-pages at every depth (one query per level)."""
    found, level = set(), {page.pk}
    while level:
        level = set(Page._default_manager.filter(parent__in=level).values_list("pk", flat=True)) - found
        found |= level
    return found
