"""The admin's triage screen for readers' page feedback (iwgtip_site.feedback): new reports first,
filtered by status, answer, language or page; marked handled (by whom, when) or new again.

Feedback comes only from the public form: staff cannot add it or change what the reader wrote."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import FeedbackStatus, PageFeedback
from .services import feedback_set_status

PAGES_IN_FILTER = 30


class PageFilter(admin.SimpleListFilter):
    """The pages with the most feedback (any page can also be reached with the "page" link in a row)."""

    title = _("page")
    parameter_name = "page_path"

    def lookups(self, request, model_admin):
        pages = (
            PageFeedback.objects.values("page_path")
            .annotate(count=Count("pk"))
            .order_by("-count", "page_path")[:PAGES_IN_FILTER]
        )
        return [(row["page_path"], f"{row['page_path']} ({row['count']})") for row in pages]

    def queryset(self, request, queryset):
        return queryset.filter(page_path=self.value()) if self.value() else queryset


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "answer_label", "page", "comment_excerpt", "status")
    list_display_links = ("created_at",)
    list_filter = ("status", "answer", "language", PageFilter)
    search_fields = ("page_path", "comment")
    date_hierarchy = "created_at"
    list_per_page = 50
    fields = ("page_link", "language", "answer", "comment", "created_at", "status", "handled_by", "handled_at")
    readonly_fields = ("page_link", "language", "answer", "comment", "created_at", "handled_by", "handled_at")
    actions = ["mark_handled", "mark_new"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("answer"), ordering="answer")
    def answer_label(self, feedback):
        return feedback.get_answer_display()

    @admin.display(description=_("page"), ordering="page_path")
    def page(self, feedback):
        """The page's address, filtering the list to that page's feedback."""
        return format_html(
            '<a href="?{}" title="{}">{}</a>',
            urlencode({"page_path": feedback.page_path}),
            _("Show only this page's feedback"),
            feedback.page_path,
        )

    @admin.display(description=_("page"))
    def page_link(self, feedback):
        return format_html('<a href="{}">{}</a>', feedback.page_path, feedback.page_path)

    @admin.display(description=_("comment"))
    def comment_excerpt(self, feedback):
        return Truncator(feedback.comment).chars(80) or "—"

    def save_model(self, request, obj, form, change):
        """Only the status changes here, through the service that records who handled it."""
        if "status" in form.changed_data:
            feedback_set_status(
                feedback=PageFeedback.objects.filter(pk=obj.pk), status=form.cleaned_data["status"], user=request.user
            )
            obj.refresh_from_db()

    def _set_status(self, request, queryset, status, message):
        count = feedback_set_status(feedback=queryset, status=status, user=request.user)
        self.message_user(request, message(count) % {"count": count})

    @admin.action(description=_("Mark selected feedback as handled"), permissions=["change"])
    def mark_handled(self, request, queryset):
        self._set_status(
            request,
            queryset,
            FeedbackStatus.HANDLED,
            lambda count: ngettext("%(count)d report marked handled.", "%(count)d reports marked handled.", count),
        )

    @admin.action(description=_("Mark selected feedback as new"), permissions=["change"])
    def mark_new(self, request, queryset):
        self._set_status(
            request,
            queryset,
            FeedbackStatus.NEW,
            lambda count: ngettext("%(count)d report marked new.", "%(count)d reports marked new.", count),
        )
