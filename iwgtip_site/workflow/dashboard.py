"""What needs attention, for the admin home page."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone

from iwgtip_site.hooks import app_hooks
from iwgtip_site.i18n import LANGUAGE_CODES

from .models import ReviewState, WorkingCopy
from .roles import can_publish, publishable_models


def reviews(user, models=None):
    """Changes waiting for review of the kinds `user` may publish, and the changes sent back to them."""
    kinds = {
        ContentType.objects.get_for_model(model).pk: model
        for model in (models if models is not None else publishable_models())
    }
    copies = WorkingCopy.objects.filter(content_type__in=kinds).select_related(
        "content_type", "submitted_by", "reviewed_by"
    )
    publishable = [pk for pk, model in kinds.items() if can_publish(user, model)]
    waiting = list(
        copies.filter(state=ReviewState.IN_REVIEW, content_type__in=publishable).order_by("submitted_at")[:50]
    )
    requested = list(
        copies.filter(state=ReviewState.CHANGES_REQUESTED)
        .filter(Q(submitted_by=user) | Q(created_by=user))
        .order_by("-reviewed_at")[:50]
    )
    _with_items(waiting + requested)
    return {"waiting_for_review": waiting, "changes_requested": requested}


def _with_items(copies):
    """Load each copy's item in one query per kind (not one per copy)."""
    by_kind = {}
    for copy in copies:
        by_kind.setdefault(copy.content_type_id, []).append(copy)
    for group in by_kind.values():
        model = group[0].content_type.model_class()
        items = model._default_manager.in_bulk([copy.object_id for copy in group])
        for copy in group:
            copy.loaded_item = items.get(copy.object_id)


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
    # Placeholders the site was set up with, still waiting for the real thing: `Model.needs_real_file()`.
    placeholders = [
        entry
        for model in publishable_models()
        if hasattr(model, "needs_real_file") and user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        for entry in model.needs_real_file()
    ]
    return {
        **reviews(user, models),
        "needs_real_file": placeholders,
        "summary": summary,
        "scheduled": sorted(scheduled, key=lambda entry: entry[0]),
        "overdue": overdue,
        "recent": recent,
        "downloads": download_totals(user),
    }


def download_totals(user):
    """For the admin home: the downloads each app counts (pamphlets/statistics.py), through each app's
    `statistics.py` hook (a `dashboard_totals(user)` function)."""
    return [row for hook in app_hooks("statistics") for row in hook.dashboard_totals(user)]
