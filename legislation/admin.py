from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from iwgtip_site.admin.accessible import NamedColumnsMixin, NamedDateTimeMixin
from iwgtip_site.admin.base import PUBLISHING_FIELDSET, PublishableAdmin
from iwgtip_site.admin.inlines import LoadedChoicesMixin

from .models import Instrument, InstrumentRelation, Provision


class ProvisionInline(NamedDateTimeMixin, TranslationStackedInline):
    model = Provision
    extra = 0
    fields = (
        ("label", "order"),
        "heading",
        "text",
        "offence_procedure",
        ("max_imprisonment_life", "max_imprisonment_years", "max_fine"),
        "penalty_note",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("instrument")  # each row's title names it


class RelationInline(NamedColumnsMixin, LoadedChoicesMixin, admin.TabularInline):
    """Relations this instrument states: "this protocol supplements that convention"."""

    model = InstrumentRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ("target",)
    verbose_name = _("relation to another instrument")
    verbose_name_plural = _("relations to other instruments")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "target")  # each row names both


class IncomingRelationInline(admin.TabularInline):
    """Relations other instruments state about this one; edited on the other instrument."""

    model = InstrumentRelation
    fk_name = "target"
    extra = 0
    max_num = 0
    can_delete = False
    fields = ("source_link", "kind")
    readonly_fields = ("source_link", "kind")
    verbose_name = _("relation from another instrument")
    verbose_name_plural = _("relations from other instruments (edit them on the other instrument)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "target")  # each row names both

    @admin.display(description=_("instrument"))
    def source_link(self, relation):
        url = reverse("admin:legislation_instrument_change", args=[relation.source_id])
        return format_html('<a href="{}">{}</a>', url, relation.source)


@admin.register(Instrument)
class InstrumentAdmin(PublishableAdmin, TranslationAdmin):
    list_display = (
        "__str__",
        "kind",
        "jurisdiction",
        "legal_status",
        "publication_state_label",
        "updated_at",
        "view_links",
    )
    list_filter = ("kind", "jurisdiction", "legal_status", "status")
    search_fields = (
        "title_en",
        "title_fr",
        "short_title_en",
        "short_title_fr",
        "acronym_en",
        "acronym_fr",
        "citation_en",
        "citation_fr",
        "bill_number",
    )
    prepopulated_fields = {"slug": ("title",)}
    inlines = (ProvisionInline, RelationInline, IncomingRelationInline)
    fieldsets = (
        (None, {"fields": ("kind", "jurisdiction", "title", "short_title", "acronym", "slug")}),
        (_("Description"), {"fields": ("summary", "body")}),
        (_("Citation and official text"), {"fields": ("citation", "bill_number", "un_resolution", "official_url")}),
        (
            _("Key dates"),
            {
                "fields": (
                    "adopted_on",
                    ("signed_by_canada_on", "ratified_by_canada_on", "canada_consent_kind"),
                    "in_force_internationally_on",
                    "royal_assent_on",
                    "in_force_in_canada_on",
                ),
                "description": _("Leave a date empty when it is not known or does not apply."),
            },
        ),
        (_("Status and verification"), {"fields": ("legal_status", "last_checked_on", "checked_against_url")}),
        PUBLISHING_FIELDSET,
    )
