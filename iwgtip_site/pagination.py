"""Pagination for public lists, the same everywhere: a page number that is not one (page=abc, page=999)
gives the first or last page instead of a 404, and the template shows a short range of page links."""

import re

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


class ForgivingPaginationMixin:
    """For ListView subclasses with `paginate_by`; templates include "includes/pagination.html"."""

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
