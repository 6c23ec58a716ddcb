"""Admin pieces every content app uses: the publishing fields, state column and actions."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import publishing
from .i18n import LANGUAGE_CODES, has_translation, url_in_language

admin.site.site_header = _("IWGTIP content management")
admin.site.site_title = _("IWGTIP content management")
admin.site.index_title = _("Site content")

PUBLISHING_FIELDSET = (
    _("Publishing"),
    {
        "fields": ("status", "publish_at", "unpublish_at", "first_published_at", "updated_at"),
        "description": _(
            "A published item is public from its publication time (at once if empty) until its "
            "unpublication time (indefinitely if empty)."
        ),
    },
)


class PublishableAdmin(admin.ModelAdmin):
    """Mixed into every content model's admin, before modeltranslation's TranslationAdmin."""

    readonly_fields = ("first_published_at", "updated_at")
    actions = ["publish_selected", "unpublish_selected"]

    @admin.display(description=_("public status"))
    def publication_state_label(self, obj):
        state = obj.publication_state()
        return format_html('<span class="publication-state publication-state--{}">{}</span>', state, state.label)

    @admin.display(description=_("view"))
    def view_links(self, obj):
        """Links to the item on the site in each language it has (a preview while not live)."""
        links = [
            format_html('<a href="{}" lang="{}">{}</a>', url_in_language(obj, code), code, code.upper())
            for code in LANGUAGE_CODES
            if has_translation(obj, code)
        ]
        return format_html(" · ".join(["{}"] * len(links)), *links) if links else "—"

    @admin.action(description=_("Publish selected items"))
    def publish_selected(self, request, queryset):
        count = publishing.publish(items=queryset)
        self.message_user(
            request, ngettext("%(count)d item published.", "%(count)d items published.", count) % {"count": count}
        )

    @admin.action(description=_("Return selected items to draft"))
    def unpublish_selected(self, request, queryset):
        count = publishing.unpublish(items=queryset)
        self.message_user(
            request,
            ngettext("%(count)d item returned to draft.", "%(count)d items returned to draft.", count)
            % {"count": count},
        )
