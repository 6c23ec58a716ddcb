"""Template tags of the admin's home page."""

from django import template
from django.contrib import admin
from django.urls import reverse

from iwgtip_site.publishing import publishable_models
from iwgtip_site.workflow.changes import render, render_log_entry
from iwgtip_site.workflow.dashboard import needs_attention

register = template.Library()


@register.simple_tag(takes_context=True)
def attention_dashboard(context):
    edited_in_admin = [model for model in publishable_models() if admin.site.is_registered(model)]
    dashboard = needs_attention(context["request"].user, models=edited_in_admin)
    for row in dashboard["summary"]:
        changelist = reverse(f"admin:{row['opts'].app_label}_{row['opts'].model_name}_changelist")
        row["changelist"] = changelist
        # The counts come in the dashboard's column order: missing, then out of date, per language; review.
        row["cells"] = [(key, count, f"{changelist}?{_query(key)}") for key, count in row["counts"].items()]
    return dashboard


def _query(key):
    return "review=overdue" if key == "review" else f"translation={key}"


@register.filter
def change_record(text):
    """A revision comment or audit log entry as the workflow recorded it, in the reader's language."""
    return render(text)


@register.filter
def log_entry_change(entry):
    """What an audit log entry says changed, in the reader's language (ours and Django's own messages)."""
    return render_log_entry(entry)


@register.filter
def admin_change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


@register.filter
def model_name_label(item):
    return item._meta.verbose_name
