"""Filters of public lists, the same everywhere: a GET form of choices, which works without JavaScript
and can be bookmarked. A value that is not one of the choices is ignored rather than reported (a
reader may follow an old or hand-edited link); the page shows the filters in force and, when any
is, a link back to the whole list. Templates include "includes/filters.html"."""

from functools import cached_property

from django import forms


class ListFilterForm(forms.Form):
    """Declare optional ChoiceFields whose first choice, "", means "all"; `lookups` maps a field whose
    name is not the model field's to that field ({"status": "legal_status"})."""

    lookups = {}

    def selected(self):
        """{field: value} of the valid filters asked for."""
        self.is_valid()  # invalid fields are left out of cleaned_data
        return {name: value for name, value in self.cleaned_data.items() if value}


def apply_filters(form, queryset):
    """`queryset` narrowed by the valid filters of a bound `form`: the public lists, their CSV exports and
    the API filter the same way."""
    return queryset.filter(**{form.lookups.get(name, name): value for name, value in form.selected().items()})


class FilteredListMixin:
    """For ListViews with a `filter_form_class`: `filtered(queryset)` applies the reader's filters, and
    the template gets `filter_form` (showing them) and `is_filtered`."""

    filter_form_class = ListFilterForm

    @cached_property
    def filters(self):
        return self.filter_form_class(self.request.GET).selected()

    def filtered(self, queryset):
        return apply_filters(self.filter_form_class(self.request.GET), queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form_class(initial=self.filters)
        context["is_filtered"] = bool(self.filters)
        return context
