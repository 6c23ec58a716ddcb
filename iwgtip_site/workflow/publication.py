"""Publication: publishing an item (or its working copy), returning it to draft, and the working copies whose
scheduled time has come. Publishers only; the bilingual gate applies (see the services)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from iwgtip_site.publishing import Status

from . import copies, notifications, schedule
from .models import ReviewState, WorkingCopy
from .services import change, check_can_publish, check_gate, stored, write_item

logger = logging.getLogger(__name__)


def _set_status(item, status):
    item.status = status
    return write_item(item, None)


@transaction.atomic
def item_publish(*, item, user):
    """Publish an item (its schedule, if any, still applies), or the approved working copy of a published one.
    Refused (PermissionDenied) for editors, and (ValidationError) for an item not complete in both official
    languages, rows included. Returns whether anything was published."""
    model = type(item)
    check_can_publish(user, model)
    current = stored(model, item.pk)
    copy = copies.working_copy_of(current, lock=True)
    if current.status == Status.PUBLISHED:
        if copy is not None and copy.holds_changes:
            _publish_copy(current, copy, user)
            return True
        return False
    # The gate first: its refusals name each missing field and language ("The French body is empty."),
    # where a field's own validation would say only "This field cannot be blank."
    draft_status, current.status = current.status, Status.PUBLISHED
    check_gate(current)
    current.status = draft_status
    current.full_clean()
    change(model=model, pk=current.pk, user=user, write=lambda before: _set_status(before, Status.PUBLISHED),
            event="published", direct=True)  # fmt: skip
    if copy is not None:
        _close_review(copy, user, "approved")
    return True


@transaction.atomic
def item_unpublish(*, item, user):
    """Return an item to draft: it leaves the public site at once. A working copy it had becomes the draft."""
    model = type(item)
    check_can_publish(user, model)
    current = stored(model, item.pk)
    if current.status == Status.DRAFT:
        return False
    copy = copies.working_copy_of(current, lock=True)

    def write(before):
        if copy is not None and copy.holds_changes:
            copies.snapshot_apply(model, before.pk, copy.content)
            before = stored(model, before.pk)
        before.status = Status.DRAFT
        return write_item(before, None)

    change(model=model, pk=current.pk, user=user, write=write, event="unpublished", direct=True)
    if copy is not None and copy.holds_changes:
        copy.content, copy.files = None, []
        copy.save()
    schedule.changed()
    return True


def _publish_copy(live, copy, user):
    """Write the working copy over the published rows, for good: the public sees it at once."""
    model = type(live)

    def write(before):
        copies.snapshot_apply(model, before.pk, copy.content)
        item = stored(model, before.pk)
        for name in ("status", "first_published_at"):
            setattr(item, name, getattr(before, name))
        item.full_clean()
        return write_item(item, None)

    WorkingCopy.objects.filter(pk=copy.pk).delete()
    item = change(model=model, pk=live.pk, user=user, write=write, event="copy-published", direct=True)
    notifications.reviewed(copy=copy, item=item, outcome="approved")
    schedule.changed()
    return item


def publish_scheduled_copy(*, model, copy):
    """Publish a working copy whose scheduled time has come (iwgtip_site.workflow.schedule), as approved by its
    reviewer."""
    live = stored(model, copy.object_id)
    try:
        with transaction.atomic():
            _publish_copy(live, copy, copy.reviewed_by)
    except ValidationError as error:
        # Something changed since the approval (a slug now taken): it waits for a publisher, who is told.
        copy.state, copy.publish_at = ReviewState.IN_REVIEW, None
        copy.review_comment = " ".join(error.messages)
        copy.save()
        logger.warning("Scheduled working copy of %s not published: %s", live, error.messages)


def _close_review(copy, user, outcome):
    item = copy.item
    WorkingCopy.objects.filter(pk=copy.pk).delete()
    if outcome:
        notifications.reviewed(copy=copy, item=item, outcome=outcome)
