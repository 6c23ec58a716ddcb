"""What needs attention, for the admin home page."""

from django.contrib.admin.models import LogEntry
from django.db.models import Count, Q
from django.utils import timezone

from iwgtip_site.i18n import LANGUAGE_CODES

from .roles import publishable_models


def needs_attention(user, *, models=None, now=None):
    """For the admin home page: per content type the user may view, how many items miss a
    translation, have one that may be out of date, or are past their review date; what is scheduled
    to go live or expire; drafts whose publication time has passed without being published."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    summary, scheduled, overdue = [], [], []
    for model in models if models is not None else publishable_models():
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        items = model._default_manager.all()
        counts = {}
        for code in LANGUAGE_CODES:
            counts[f"missing-{code}"] = Count("pk", filter=Q(pk__in=items.missing_language(code).values("pk")))
        for code in LANGUAGE_CODES:
            counts[f"outdated-{code}"] = Count("pk", filter=Q(outdated_language=code))
        counts["review"] = Count("pk", filter=Q(review_by__lt=today))
        totals = items.aggregate(**counts)  # one query per content type
        summary.append({"model": model, "opts": opts, "counts": {key: totals[key] for key in counts}})
        going_live = items.scheduled(now).order_by("publish_at")[:20]
        expiring = items.expiring(now).order_by("unpublish_at")[:20]
        scheduled += [(item.publish_at, "publish", item) for item in going_live]
        scheduled += [(item.unpublish_at, "unpublish", item) for item in expiring]
        overdue += list(items.overdue(now).order_by("publish_at")[:20])
    recent = LogEntry.objects.select_related("user", "content_type").order_by("-action_time")[:10]
    return {
        "summary": summary,
        "scheduled": sorted(scheduled, key=lambda entry: entry[0]),
        "overdue": overdue,
        "recent": recent,
    }
