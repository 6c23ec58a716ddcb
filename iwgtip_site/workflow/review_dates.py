"""Review dates: when each item should next be checked for accuracy, and who is told when that comes.

Every content item carries a review-by date (`Publishable.review_by`). Publishing an item that has none gives
it one, REVIEW_PERIOD_MONTHS after its publication (the services set it, on the one write path); staff may
change it. What is past its date, or due within DUE_SOON_DAYS, is listed for staff across every content type
(the admin's review-dates report, with a CSV export), and sent each day to the Publishers of each content
type, in their language (`send_review_digest`, which the scheduler runs).
"""

from dataclasses import dataclass
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from iwgtip_site.publishing import Status

from .history import item_models
from .notifications import admin_url, publishers_of, render_message, send_now, site_url, staff_language

DUE_SOON_DAYS = 30
OVERDUE, DUE_SOON = "overdue", "soon"


def default_review_date(published_at):
    """The review-by date of an item published at `published_at` (a moment): REVIEW_PERIOD_MONTHS later."""
    return timezone.localdate(published_at) + relativedelta(months=settings.REVIEW_PERIOD_MONTHS)


def with_default_review_date(model, item, *, was_published):
    """Called by the services after a write: an item that has just been published, with no review date, gets
    the default one. Written beside the change (as the workflow's other state), not recorded as one."""
    if was_published or item.status != Status.PUBLISHED or item.review_by is not None:
        return
    item.review_by = default_review_date(item.publish_at or timezone.now())
    model._default_manager.filter(pk=item.pk).update(review_by=item.review_by)


@dataclass
class DueItem:
    """An item to review: overdue (its date has passed) or due soon."""

    item: object
    model: type
    state: str  # OVERDUE or DUE_SOON
    days: int  # days overdue, or days left

    @property
    def review_by(self):
        return self.item.review_by


def reviewable_models(user=None):
    """The content types staff review (pages, instruments, organizations, pamphlets), those `user` may view."""
    models = item_models()
    if user is None:
        return models
    return [model for model in models if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")]


def due_for_review(models, *, state=None, status=None, today=None):
    """Items of `models` past their review date or due within DUE_SOON_DAYS, soonest first (the most overdue
    first). `state`: only OVERDUE or only DUE_SOON; `status`: only published or only draft items. One query per
    content type."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    due = []
    for model in models:
        items = model._default_manager.filter(review_by__lte=horizon)
        if state == OVERDUE:
            items = items.filter(review_by__lt=today)
        elif state == DUE_SOON:
            items = items.filter(review_by__gte=today)
        if status in Status.values:
            items = items.in_status(status)
        for item in items.light().order_by("review_by", "pk"):
            overdue = item.review_by < today
            days = (today - item.review_by).days if overdue else (item.review_by - today).days
            due.append(DueItem(item, model, OVERDUE if overdue else DUE_SOON, days))
    return sorted(due, key=lambda entry: (entry.review_by, entry.model._meta.verbose_name_plural))


def send_digest(*, today=None):
    """E-mail each content type's Publishers its items overdue or due soon: one message per person, in their
    language, covering every content type they publish. Nobody with nothing due gets one. Returns how many
    messages were sent."""
    today = today or timezone.localdate()
    per_user = {}
    for model in reviewable_models():
        due = due_for_review([model], today=today)
        if not due:
            continue
        for user in publishers_of(model):
            per_user.setdefault(user.pk, (user, []))[1].extend(due)
    messages = []
    for user, due in per_user.values():
        if not user.email:
            continue
        language = staff_language(user)
        entries = [{"due": entry, "url": admin_url(entry.item, language)} for entry in due]
        entries.sort(key=lambda entry: entry["due"].review_by)
        values = {"entries": entries, "today": today, "report_url": site_url("admin_review_dates", language)}
        messages.append((*render_message(user, "review_digest", values), user.email))
    return send_now(messages)
