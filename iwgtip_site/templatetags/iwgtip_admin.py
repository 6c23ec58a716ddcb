"""Template tags of the admin's home page."""

from django import template
from django.contrib import admin
from django.urls import reverse

from iwgtip_site import workflow
from iwgtip_site.i18n import LANGUAGE_CODES

register = template.Library()


@register.simple_tag(takes_context=True)
def attention_dashboard(context):
    edited_in_admin = [model for model in workflow.publishable_models() if admin.site.is_registered(model)]
    dashboard = workflow.needs_attention(context["request"].user, models=edited_in_admin)
    for row in dashboard["summary"]:
        changelist = reverse(f"admin:{row['opts'].app_label}_{row['opts'].model_name}_changelist")
        row["links"] = {key: f"{changelist}?{_query(key)}" for key in row["counts"]}
        row["changelist"] = changelist
        row["cells"] = (
            [
                (f"missing-{code}", row["counts"][f"missing-{code}"], row["links"][f"missing-{code}"])
                for code in LANGUAGE_CODES
            ]
            + [
                (f"outdated-{code}", row["counts"][f"outdated-{code}"], row["links"][f"outdated-{code}"])
                for code in LANGUAGE_CODES
            ]
            + [("review", row["counts"]["review"], row["links"]["review"])]
        )
    dashboard["languages"] = LANGUAGE_CODES
    return dashboard


def _query(key):
    return "review=overdue" if key == "review" else f"translation={key}"


@register.filter
def admin_change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


@register.filter
def model_name_label(item):
    return item._meta.verbose_name
