from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from iwgtip_site.admin.base import PUBLISHING_FIELDSET, PublishableAdmin
from iwgtip_site.i18n import LANGUAGE_CODES, in_any_language, localized

from .models import Organization


def _fitted(organization, box_width, box_height):
    """The logo's width and height scaled to fit a box, keeping its proportions."""
    width, height = organization.logo_width or box_width, organization.logo_height or box_height
    scale = min(box_width / width, box_height / height, 1)
    return max(1, round(width * scale)), max(1, round(height * scale))


@admin.register(Organization)
class OrganizationAdmin(PublishableAdmin, TranslationAdmin):
    list_display = (
        "logo_thumbnail",
        "__str__",
        "acronym",
        "kind",
        "working_group_role",
        "publication_state_label",
        "updated_at",
        "view_links",
    )
    list_display_links = ("__str__",)
    list_filter = ("kind", "working_group_role", "status")
    search_fields = ("name_en", "name_fr", "acronym_en", "acronym_fr")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = (*PublishableAdmin.readonly_fields, "logo_preview")
    autocomplete_fields = ("responsible_for", "distributes")
    fieldsets = (
        (None, {"fields": ("name", "acronym", "slug", "kind", "country_or_region")}),
        (_("Working group and Canada's participation"), {"fields": ("working_group_role", "canada_participation")}),
        (_("Description and website"), {"fields": ("summary", "description", "website")}),
        (_("Logo"), {"fields": ("logo", "logo_preview", "logo_alt")}),
        (_("Links to the rest of the site"), {"fields": ("responsible_for", "distributes")}),
        PUBLISHING_FIELDSET,
    )

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, obj):
        if not obj.logo:
            return "—"
        width, height = _fitted(obj, 80, 40)
        alt = in_any_language(obj, "logo_alt")
        return format_html('<img src="{}" alt="{}" width="{}" height="{}">', obj.logo.url, alt, width, height)

    @admin.display(description=_("logo as published"))
    def logo_preview(self, obj):
        """The stored logo as readers see it, with its text alternative in each language."""
        if not obj.pk or not obj.logo:
            return _("No logo.")
        width, height = _fitted(obj, 240, 120)
        alternatives = format_html(
            "".join(["<li>{}: {}</li>"] * len(LANGUAGE_CODES)),
            *[part for code in LANGUAGE_CODES for part in (code.upper(), localized(obj, "logo_alt", code) or "—")],
        )
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}"><ul>{}</ul>',
            obj.logo.url,
            in_any_language(obj, "logo_alt"),
            width,
            height,
            alternatives,
        )
