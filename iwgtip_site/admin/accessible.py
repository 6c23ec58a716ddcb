"""What Django's admin widgets lack for assistive technology, added once for every content type's form.

- A date-and-time field is two boxes, and its label points at neither (a MultiWidget has no single id): each
  box is named after the field ("Publish at: date").
- A tabular inline's boxes have a column header but no label: each is named after its column.
- The autocomplete boxes (Select2) are named after their field by `js/admin-accessible.js`.
"""

from django.contrib.admin.widgets import AdminSplitDateTime, RelatedFieldWidgetWrapper
from django.forms import MultiWidget
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

SCRIPT = "iwgtip/js/admin-accessible.js"


def name_date_and_time(widget, label):
    """Names the date box and the time box of a split date-and-time `widget` after the field's `label`."""
    if isinstance(widget, MultiWidget) and len(widget.widgets) == 2:
        date, time = widget.widgets
        date.attrs["aria-label"] = format_lazy(_("{field}: date"), field=label)
        time.attrs["aria-label"] = format_lazy(_("{field}: time"), field=label)


class NamedDateTimeMixin:
    """For a ModelAdmin or an inline: date-and-time boxes named after their field."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, AdminSplitDateTime):
            name_date_and_time(formfield.widget, formfield.label)
        return formfield

    @property
    def media(self):
        return super().media + type(super().media)(js=[SCRIPT])


class NamedColumnsMixin(NamedDateTimeMixin):
    """For a TabularInline: each row's boxes named after their column (what a sighted reader reads above),
    the "Delete" box included."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class NamedColumnsFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    widget = field.widget
                    widget = widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget
                    if field.label and not widget.is_hidden:
                        widget.attrs.setdefault("aria-label", field.label)

        NamedColumnsFormSet.__name__ = formset.__name__
        return NamedColumnsFormSet
