"""Scheduled changes: when what the public sees will next change by itself, and publishing approved working
copies on time.

A published item's schedule (publish_at, unpublish_at) is read at query time: nothing to write. An approved
working copy scheduled for 10:00, though, must be written over the published rows. That happens on first
need, once: the page cache already asks, on every request, when the content next changes by itself
(iwgtip_site.caching, one cached value per content version); when that moment has passed, the request that
notices publishes what is due before anything is served, under a row lock that a second server skips, so
two servers never both apply it. `ScheduledChangesMiddleware` asks on requests the page cache does not look
at (staff, forms). No cron job is needed for correctness.
"""

import logging

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from iwgtip_site import search_index
from iwgtip_site.publishing import publishable_models

from .models import ReviewState, WorkingCopy

logger = logging.getLogger(__name__)


def next_scheduled_change(now=None):
    """The earliest moment what the public sees changes by itself: a future publication or unpublication
    time over every publishable model, or the time of a scheduled working copy or of a search document to
    write again (possibly past: then it is due). None if there is none. One query (a UNION), however many
    content types."""
    now = now or timezone.now()
    moments = [WorkingCopy.objects.filter(state=ReviewState.SCHEDULED).values_list("publish_at")]
    for model in publishable_models():
        items = model._default_manager.all()
        moments.append(items.scheduled(now).values_list("publish_at"))
        moments.append(items.expiring(now).values_list("unpublish_at"))
    moments += search_index.refresh_moments()
    first, *others = [queryset.order_by() for queryset in moments]
    row = first.union(*others, all=True).order_by("publish_at").first()
    return row[0] if row else None


def upcoming(now=None):
    """The next moment the content changes by itself, once the working copies already due are published."""
    now = now or timezone.now()
    moment = next_scheduled_change(now)
    if moment is not None and moment <= now:
        publish_due(now)
        search_index.refresh_due(now)  # documents that read rows whose publication window opened or closed
        moment = next_scheduled_change(now)
    return moment


def changed():
    """A working copy was scheduled, or no longer is: the cached next moment is read again after commit."""
    from iwgtip_site.caching import content_changed

    content_changed()  # in this transaction, and again once it is committed (as for content changes)


def publish_due(now=None):
    """Publish the working copies whose time has come. Rows locked by another server doing the same are
    skipped (PostgreSQL; SQLite serializes writers). Returns how many this call published."""
    from .publication import publish_scheduled_copy

    now = now or timezone.now()
    published = 0
    with transaction.atomic():
        due = (
            WorkingCopy.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(state=ReviewState.SCHEDULED, publish_at__lte=now)
            .select_related("content_type", "reviewed_by", "created_by", "submitted_by")
            .order_by("publish_at", "pk")
        )
        for copy in due:
            model = apps.get_model(copy.content_type.app_label, copy.content_type.model)
            publish_scheduled_copy(model=model, copy=copy)
            published += 1
        if published:
            changed()
    return published


class ScheduledChangesMiddleware:
    """Before a request the page cache does not look at (staff, forms) is served: publishes the working
    copies that are due (see the module). The page cache asks on its own misses: a cached page is kept
    only until the next scheduled moment, so a hit never needs to ask."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from iwgtip_site import caching

        if caching.handles(request):
            return self.get_response(request)
        try:
            caching.current_version()  # reads the next scheduled moment: publishes what is due first
        except Exception:
            logger.exception("Scheduled changes: could not read the content version")
        return self.get_response(request)
