"""The audit log: Django's admin log entries, read-only, across the site or for one item."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from iwgtip_site.workflow.changes import render_log_entry


@admin.register(LogEntry)
class AuditLogAdmin(admin.ModelAdmin):
    """The audit log: who did what and when, across the site or for one item. Read-only."""

    list_display = ("action_time", "user", "content_type", "item_link", "action_label", "change_summary")
    # Only the kinds of item the log holds: not every model of every library, most named in English only.
    list_filter = ("action_flag", ("content_type", admin.RelatedOnlyFieldListFilter), "user", "action_time")
    search_fields = ("object_repr", "change_message", "user__username")
    date_hierarchy = "action_time"
    list_select_related = ("user", "content_type")
    ordering = ("-action_time",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def lookup_allowed(self, lookup, value, request=None):
        # "?object_id=12&content_type__id__exact=7": the log of one item, linked from its history.
        return lookup == "object_id" or super().lookup_allowed(lookup, value, request)

    @admin.display(description=_("item"), ordering="object_repr")
    def item_link(self, entry):
        if entry.is_deletion() or not entry.get_admin_url():
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', entry.get_admin_url(), entry.object_repr)

    @admin.display(description=_("action"), ordering="action_flag")
    def action_label(self, entry):
        return entry.get_action_flag_display()

    @admin.display(description=_("change"))
    def change_summary(self, entry):
        """What the workflow recorded, in the reader's language (Django's own messages as Django says them)."""
        return render_log_entry(entry)
