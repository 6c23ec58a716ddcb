"""Pagination for public lists, the same everywhere: a page number that is not one (page=abc, page=999)
gives the first or last page instead of a 404, and the template shows a short range of page links."""


def page_numbers(page):
    """The page links to show around `page`: the first, the last, and two on each side of it."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


class ForgivingPaginationMixin:
    """For ListView subclasses with `paginate_by`; templates include "includes/pagination.html"."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            context["page_numbers"] = page_numbers(page)
        return context
