"""The publication fields of every content form: the "Publishing" fieldset, the form that checks the
item's version and the bilingual gate, the status badge, and which fields an editor may not set."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from iwgtip_site import workflow
from iwgtip_site.publishing import PUBLICATION_FIELDS
from iwgtip_site.richtext import RichTextField, as_displayed, sanitize_html
from iwgtip_site.workflow.roles import can_publish
from iwgtip_site.workflow.services import check_not_stale

from .review import refusal_message

PUBLISHING_FIELDSET = (
    _("Publishing"),
    {
        "fields": (
            "status",
            "publish_at",
            "unpublish_at",
            "review_by",
            "translation_state",
            "first_published_at",
            "updated_at",
            "updated_by",
        ),
        "description": _(
            "A published item is public from its publication time (at once if empty) until its "
            "unpublication time (indefinitely if empty). Only publishers can change these. An item is "
            "published only when it is complete in both official languages."
        ),
    },
)


class PublishableAdminForm(forms.ModelForm):
    """Carries the version the editor started from, so a save over someone else's newer edit is
    refused with the editor's text kept; and lets an editor confirm a flagged translation."""

    loaded_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    confirm_translations = forms.BooleanField(
        required=False,
        label=_("The other language is up to date"),
        help_text=_("Tick after checking that the flagged language still says the same thing."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Required on an edit: a form without it could otherwise write over a newer version unseen.
            self.fields["loaded_version"].initial = self.instance.edit_version
            self.fields["loaded_version"].required = True

    # Set by PublishableAdmin when the workflow refused a save this form passed: shown as the form's error.
    workflow_refusal = None

    def clean(self):
        cleaned = super().clean()
        try:
            if isinstance(self.workflow_refusal, workflow.EditConflict):
                raise self.workflow_refusal
            check_not_stale(self.instance, cleaned.get("loaded_version"))
        except workflow.EditConflict as conflict:
            # Show the editor's text again, ready to be saved over the current version once merged.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = conflict.version
            raise ValidationError(conflict.message(), code="edit_conflict") from None
        if self.workflow_refusal is not None:
            raise ValidationError(refusal_message(self.workflow_refusal), code="refused")
        return cleaned


def publication_state_badge(obj):
    """What the public sees of `obj` right now (Draft, Scheduled, Live, Expired), as a coloured label."""
    if obj.pk is None:
        return "—"
    state = obj.publication_state()
    return format_html('<span class="publication-state publication-state--{}">{}</span>', state, state.label)


def read_only_fieldsets(model, fieldsets):
    """The fieldsets of the read-only view (staff who may see an item but not change it), each rich-text field
    shown as readers see it, sanitized, rather than as its HTML source."""
    rich = {field.name for field in model._meta.concrete_fields if isinstance(field, RichTextField)}
    return [
        (name, {**options, "fields": [_shown(model, field) if field in rich else field for field in options["fields"]]})
        for name, options in fieldsets
    ]


def _shown(model, name):
    @admin.display(description=model._meta.get_field(name).verbose_name)
    def shown(obj):
        return format_html('<div class="rich-text-read-only">{}</div>', as_displayed(sanitize_html(getattr(obj, name))))

    shown.__name__ = name  # the row's class, as Django names a field's
    return shown


class PublicationFieldsMixin:
    """For the admin of publishable rows, and inlines of them (a pamphlet's editions): only publishers
    set their status and publication window; the "public status" column says what the public sees."""

    def can_publish(self, request):
        return can_publish(request.user, self.model)

    @admin.display(description=_("public status"))
    def publication_state_label(self, obj):
        return publication_state_badge(obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            readonly += tuple(field for field in PUBLICATION_FIELDS if field not in readonly)
        return readonly
