"""The review-dates report: every content type's items past their review date or due within 30 days, for the
staff who may view them, filtered by content type, review state and publication status, and as CSV (UTF-8
with a byte-order mark, so spreadsheet programs read the French accents). Linked from the admin home page.
What is due is decided once, in iwgtip_site.workflow.review_dates."""

import csv

from django import forms
from django.contrib import admin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from iwgtip_site.publishing import Status
from iwgtip_site.templatetags.iwgtip_admin import admin_change_url
from iwgtip_site.workflow.review_dates import DUE_SOON, DUE_SOON_DAYS, OVERDUE, due_for_review, reviewable_models


class ReportFilters(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Content type"), required=False)
    state = forms.ChoiceField(
        label=gettext_lazy("Review"),
        required=False,
        choices=[
            ("", gettext_lazy("Overdue or due within 30 days")),
            (OVERDUE, gettext_lazy("Past its review date")),
            (DUE_SOON, gettext_lazy("Due within 30 days")),
        ],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[("", gettext_lazy("Any")), *Status.choices]
    )

    def __init__(self, *args, models, **kwargs):
        super().__init__(*args, **kwargs)
        self.models = {model._meta.label_lower: model for model in models}
        self.fields["kind"].choices = [
            ("", _("All")),
            *[(label, model._meta.verbose_name_plural.capitalize()) for label, model in self.models.items()],
        ]

    def chosen_models(self):
        kind = self.cleaned_data.get("kind") if self.is_valid() else ""
        return [self.models[kind]] if kind else list(self.models.values())


def when_due(entry):
    """ "3 days overdue", "Due today", "Due in 12 days", in the reader's language."""
    if entry.state == OVERDUE:
        return ngettext("%(days)d day overdue", "%(days)d days overdue", entry.days) % {"days": entry.days}
    if entry.days == 0:
        return _("Due today")
    return ngettext("Due in %(days)d day", "Due in %(days)d days", entry.days) % {"days": entry.days}


def report_view(request):
    """The report (admin.site.admin_view: staff, second factor)."""
    models = reviewable_models(request.user)
    filters = ReportFilters(request.GET, models=models)  # an unknown choice is the form's error, never a 500
    data = filters.cleaned_data if filters.is_valid() else {}
    due = due_for_review(filters.chosen_models(), state=data.get("state") or None, status=data.get("status") or None)
    if request.GET.get("format") == "csv":
        return _csv(request, due)
    context = {
        **admin.site.each_context(request),
        "title": _("Review dates"),
        "filters": filters,
        "rows": [{"due": entry, "when": when_due(entry), "url": admin_change_url(entry.item)} for entry in due],
        "due_soon_days": DUE_SOON_DAYS,
        "csv_query": _with_format(request),
        "today": timezone.localdate(),
    }
    return TemplateResponse(request, "admin/iwgtip/review_dates.html", context)


def _with_format(request):
    query = request.GET.copy()
    query["format"] = "csv"
    return query.urlencode()


def _csv(request, due):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="review-dates-{timezone.localdate().isoformat()}.csv"'
    response.write("\ufeff")  # the byte-order mark: spreadsheet programs then read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Content type"), _("Item"), _("Review by"), _("Review"), _("Status"), _("Address")])
    for entry in due:
        writer.writerow(
            [
                entry.model._meta.verbose_name.capitalize(),
                str(entry.item),
                entry.review_by.isoformat(),
                when_due(entry),
                entry.item.get_status_display(),
                request.build_absolute_uri(admin_change_url(entry.item)),
            ]
        )
    return response
