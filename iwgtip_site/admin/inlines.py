"""Inline rows whose cost does not grow with their number.

Django's autocomplete box looks up the item it shows as chosen with a query of its own: in an inline, one query
per row (an instrument with 30 relations, a pamphlet with 30 editions: 30 more queries). The rows' querysets
already load that item (`select_related`); `LoadedChoicesMixin` hands it to the box instead.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.text import format_lazy


class RowAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete box, showing `known` (the row's chosen item, already loaded) without a query."""

    known = None

    def optgroups(self, name, value, attr=None):
        chosen = self.known
        to_pk = getattr(self.field.remote_field, "field_name", None) in (None, self.field.related_model._meta.pk.name)
        values = [str(v) for v in value if v not in self.choices.field.empty_values]
        if chosen is None or not to_pk or values != [str(chosen.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(chosen)
        options.append(self.create_option(name, chosen.pk, label, True, len(options)))
        return [(None, options, 0)]


class LoadedChoicesMixin:
    """For an inline with autocomplete fields whose queryset `select_related`s them."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = RowAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        base_form = formset.form

        class LoadedChoicesForm(base_form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, field in self.fields.items():
                    widget = getattr(field.widget, "widget", field.widget)
                    if not isinstance(widget, RowAutocompleteSelect) or not self.instance.pk:
                        continue
                    if self.instance._meta.get_field(name).is_cached(self.instance):
                        widget.known = getattr(self.instance, name)

        LoadedChoicesForm.__name__ = base_form.__name__
        formset.form = LoadedChoicesForm
        return formset


# A group of more rows than this starts folded.
LONG_GROUP = 5


class CountedInlinesMixin:
    """For a content type's admin: each inline group's heading says how many rows it holds ("Provisions (12)"),
    and a group of more than LONG_GROUP rows starts folded (Django's "collapse": a <details> its heading opens),
    so a pamphlet with 14 editions is not a 6,500-pixel form. Django keeps a group with an error open."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        groups = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for group in groups:
            count = len(group.formset.initial_forms)
            inline = group.opts  # this request's own instance
            inline.verbose_name_plural = format_lazy("{name} ({count})", name=inline.verbose_name_plural, count=count)
            if count > LONG_GROUP and "collapse" not in group.classes.split():
                group.classes = f"{group.classes} collapse".strip()
        return groups
