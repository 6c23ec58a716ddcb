"""Review: an item's changes submitted to the publishers, sent back with a comment, approved (published now or
at a time), or discarded; each move by the roles allowed to make it, each in the item's history."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iwgtip_site.files import files_release
from iwgtip_site.publishing import Status

from . import changes as records
from . import copies, notifications, schedule
from .models import ReviewState, WorkingCopy
from .publication import _publish_copy, item_publish
from .services import (
    EditConflict,
    acting,
    check_can_change,
    check_can_publish,
    check_gate,
    item_save,
    log_change,
    stored,
)


def _review_copy(item, *, lock=True):
    current = stored(type(item), item.pk)
    return current, copies.working_copy_of(current, lock=lock)


def _check_copy_version(copy, current, loaded_version):
    version = copy.version if copy is not None and copy.holds_changes else current.edit_version
    if loaded_version not in (None, "") and int(loaded_version) != version:
        who = copy.updated_by if copy is not None and copy.holds_changes else current.updated_by
        when = copy.updated_at if copy is not None and copy.holds_changes else current.updated_at
        raise EditConflict(who=who, when=when, version=version)


@transaction.atomic
def item_submit(*, item, user, message="", loaded_version=None):
    """Send the changes to an item (its working copy, or the draft itself) to the publishers for review."""
    model = type(item)
    check_can_change(user, model)
    current, copy = _review_copy(item)
    if current.status == Status.PUBLISHED and (copy is None or not copy.holds_changes):
        raise ValidationError(_("There are no changes to submit: edit the item first."), code="nothing_to_review")
    if copy is not None and copy.state in (ReviewState.IN_REVIEW, ReviewState.SCHEDULED):
        raise ValidationError(_("These changes are already with the publishers."), code="already_submitted")
    _check_copy_version(copy, current, loaded_version)
    if copy is None:
        copy = WorkingCopy(
            content_type=ContentType.objects.get_for_model(model), object_id=current.pk, created_by=acting(user)
        )
    copy.state = ReviewState.IN_REVIEW
    copy.submitted_by, copy.submitted_at, copy.message = acting(user), timezone.now(), message.strip()
    copy.save()
    log_change(user, current, [records.event("submitted", message=copy.message)])
    notifications.submitted(copy=copy, item=current)
    return copy


@transaction.atomic
def item_request_changes(*, item, user, comment, loaded_version=None):
    """A publisher sends the changes back to their author, saying what to change."""
    model = type(item)
    check_can_publish(user, model)
    current, copy = _review_copy(item)
    if copy is None or copy.state != ReviewState.IN_REVIEW:
        raise ValidationError(_("Only changes in review can be sent back."), code="not_in_review")
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what should change: the author reads this comment.")})
    _check_copy_version(copy, current, loaded_version)
    copy.state = ReviewState.CHANGES_REQUESTED
    copy.reviewed_by, copy.reviewed_at, copy.review_comment = acting(user), timezone.now(), comment.strip()
    copy.save()
    log_change(user, current, [records.event("changes-requested", comment=copy.review_comment)])
    notifications.reviewed(copy=copy, item=current, outcome="changes_requested")
    return copy


@transaction.atomic
def item_approve(*, item, user, at=None, loaded_version=None):
    """A publisher approves the changes to an item: published now, or at `at` (a future time). For a draft,
    the item itself is published (scheduled with its publication time); for a published item, its working
    copy replaces the published version."""
    model = type(item)
    check_can_publish(user, model)
    current, copy = _review_copy(item)
    _check_copy_version(copy, current, loaded_version)
    now = timezone.now()
    if current.status != Status.PUBLISHED:
        if at is not None and at > now:
            current.publish_at = at
            item_save(item=current, user=user)
        return item_publish(item=stored(model, current.pk), user=user)
    if copy is None or not copy.holds_changes:
        raise ValidationError(_("There are no changes to approve."), code="nothing_to_review")
    if at is not None and at > now:
        with copies.working_copy_applied(current, working_copy=copy):
            applied = stored(model, current.pk)
            applied.full_clean()
            check_gate(applied)
        copy.state, copy.publish_at = ReviewState.SCHEDULED, at
        copy.reviewed_by, copy.reviewed_at = acting(user), now
        copy.save()
        log_change(user, current, [records.event("scheduled", when=at.isoformat())])
        schedule.changed()
        notifications.reviewed(copy=copy, item=current, outcome="scheduled")
        return True
    copy.reviewed_by = acting(user)
    _publish_copy(current, copy, user)
    return True


@transaction.atomic
def item_discard(*, item, user):
    """Drop the working copy of an item (the published version stays as it is), or withdraw a draft from
    review."""
    model = type(item)
    check_can_change(user, model)
    current, copy = _review_copy(item)
    if copy is None:
        raise ValidationError(_("There is no working copy to discard."), code="nothing_to_discard")
    if copy.state == ReviewState.SCHEDULED:
        check_can_publish(user, model)
    files = list(copy.files)
    copy.delete()
    files_release(files)
    log_change(user, current, [records.event("discarded")])
    schedule.changed()
    return True
