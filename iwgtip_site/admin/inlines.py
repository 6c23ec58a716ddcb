"""Inline rows whose cost does not grow with their number.

Django's autocomplete box looks up the item it shows as chosen with a query of its own: in an inline, one query
per row (an instrument with 30 relations, a pamphlet with 30 editions: 30 more queries). The rows' querysets
already load that item (`select_related`); `LoadedChoicesMixin` hands it to the box instead.
"""

from django.contrib.admin.widgets import AutocompleteSelect


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
