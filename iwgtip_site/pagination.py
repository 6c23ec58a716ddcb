"""Pagination for public lists, the same everywhere: a page number that is not one (page=abc, page=999)
gives the first or last page instead of a 404, and the template shows a short range of page links.

Every public page that lists items either paginates them (`paginate`, `ForgivingPaginationMixin`) or caps
them (`capped`, for related items shown beside an item's own content), so that no page grows with the
amount of content: a page renders in the same number of queries with 10 items or 10,000."""

import datetime
import hashlib
import re

from django.core import paginator
from django.utils.functional import cached_property

from .caching import per_version

# A page number is what the site's own links write: ASCII digits, a few of them. str.isdigit() and int()
# would also take "²", "١٢", " 2" or "1_0" (and "²" then breaks int()).
_PAGE_NUMBER = re.compile(r"[0-9]{1,6}", re.ASCII)


def parse_page_number(value):
    """The page number in `value` (the `page` query parameter), or 1 when it is not one."""
    value = value or ""
    return int(value) if _PAGE_NUMBER.fullmatch(value) else 1


def page_numbers(page):
    """The page links to show around `page`: the first, the last, and two on each side of it."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


# Related items shown on an item's page (an instrument's related instruments, a partner's instruments):
# beyond this, the lists link to the full lists instead.
RELATED_MAX = 50


# A moment as SQLite's adapter writes one (PostgreSQL's receives the datetime itself).
_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?")


def _is_a_moment(param):
    return isinstance(param, datetime.datetime) or (isinstance(param, str) and _MOMENT.fullmatch(param))


class Paginator(paginator.Paginator):
    """Django's, with the count of a list of content kept per content version (iwgtip_site.caching): every
    page of a list, and the "N items" above it, read it, and it changes only with the content or at a
    scheduled moment, when kept values expire. (Counting is the part of a list's cost that grows with the
    content.) The key is the count's SQL without its times: the public rule compares with "now", and
    what it counts stays the same until the next scheduled moment."""

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        sql, params = query.sql_with_params()
        params = [param for param in params if not _is_a_moment(param)]
        key = hashlib.sha256(repr((self.object_list.db, sql, params)).encode()).hexdigest()
        return per_version(f"count:{key}", lambda: self.object_list.count())


def paginate(request, items, per_page):
    """The context a template needs to show one page of `items` with "includes/pagination.html":
    page_obj, paginator, is_paginated, page_numbers (the page is `?page=`, forgiven as above)."""
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    page = paginator.get_page(parse_page_number(request.GET.get("page")))
    return {
        "page_obj": page,
        "paginator": paginator,
        "is_paginated": page.has_other_pages(),
        "page_numbers": page_numbers(page),
    }


def capped(items, limit=RELATED_MAX):
    """At most `limit` of `items` (a queryset: one query, LIMIT), as a list."""
    return list(items[:limit])


class ForgivingPaginationMixin:
    """For ListView subclasses with `paginate_by`; templates include "includes/pagination.html"."""

    paginator_class = Paginator

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(parse_page_number(self.request.GET.get(self.page_kwarg)))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            context["page_numbers"] = page_numbers(page)
        return context
