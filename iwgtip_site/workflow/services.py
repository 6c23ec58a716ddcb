"""The workflow's services: every change to content goes through these functions (see the package).

One write path, `_change`: it locks the stored item, refuses an edit made on a stale copy, checks the
user's rights, writes, and compares what is stored before and after (iwgtip_site.workflow.changes). A save
that changes nothing leaves no trace. Otherwise:
- a published item edited by an editor (or by a publisher who asks for it, or one that already has a
  working copy) gets the new version as its *working copy* (iwgtip_site.workflow.copies): the writes are
  rolled back and the public keeps the published rows;
- anything else is written for good, with a revision and an audit log entry that say what changed; an item
  published by the change must pass the bilingual gate, rows included (iwgtip_site.i18n.publication_gaps).

The review (submit, request changes, approve now or at a time, discard) moves a working copy between the
states of `ReviewState`, each move by the roles allowed to make it, each in the item's history.
"""

import contextvars
import logging

import reversion
from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from iwgtip_site.files import files_release
from iwgtip_site.formats import date_in_words
from iwgtip_site.i18n import publication_gaps
from iwgtip_site.publishing import PUBLICATION_FIELDS, Status

from . import changes as records
from . import copies, notifications, schedule
from .freshness import outdated_after
from .history import WORKFLOW_FIELDS, revert_own
from .models import ReviewState, WorkingCopy
from .roles import can_publish

logger = logging.getLogger(__name__)


class EditConflict(Exception):
    """The item (or its working copy) changed after the editor opened it; their edit was not saved."""

    def __init__(self, *, who, when, version):
        self.who, self.when, self.version = who, when, version
        super().__init__(f"{who} {when}")

    def message(self):
        who = self.who.get_username() if self.who else _("someone")
        moment = timezone.localtime(self.when)
        return _(
            "%(who)s changed this item on %(date)s at %(time)s, after you opened it. Your changes have not "
            "been saved: they are still in the form below. Compare them with the current version (see "
            "History), merge what you need, and save again."
        ) % {
            "who": who,
            "date": date_in_words(moment),
            "time": formats.time_format(moment, "TIME_FORMAT"),
        }


# Reading the stored state


def _current(model, pk, *, lock=True):
    manager = model._default_manager
    return (manager.select_for_update() if lock else manager).get(pk=pk)


def _acting(user):
    return user if user is not None and user.is_authenticated else None


def _files(snapshot):
    """The stored file names a snapshot refers to."""
    from django.apps import apps
    from django.db import models

    names = set()
    for entry in snapshot or ():
        model = apps.get_model(entry["model"])
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and entry["fields"].get(field.name):
                names.add(entry["fields"][field.name])
    return names


def check_not_stale(item, loaded_version, current=None):
    """Refuse (EditConflict) an edit started from `loaded_version` when the stored item, or the working copy
    being edited, is at another version. `current`: the stored item, if the caller read it already (inside a
    working copy's session it shows the copy)."""
    if item.pk is None or loaded_version in (None, ""):
        return
    current = current or _current(type(item), item.pk, lock=False)
    if current.edit_version != int(loaded_version):
        session = copies.current_session(item)
        copy = session.working_copy if session else None
        if copy is not None and copy.holds_changes:
            raise EditConflict(who=copy.updated_by, when=copy.updated_at, version=current.edit_version)
        raise EditConflict(who=current.updated_by, when=current.updated_at, version=current.edit_version)


def check_can_edit(user, item, before, *, in_copy=False):
    """Editors change drafts, and published items through a working copy; publication itself (status and
    publication window) takes a publisher. `user` None is a system task (a command) with every right."""
    if user is None or can_publish(user, type(item)):
        return
    if before is not None and before.status != Status.DRAFT and not in_copy:
        raise PermissionDenied(_("Only publishers can change published content directly."))
    for field in PUBLICATION_FIELDS:
        was = getattr(before, field) if before is not None else item._meta.get_field(field).get_default()
        if getattr(item, field) != was:
            raise PermissionDenied(_("Only publishers can publish, unpublish or schedule content."))


def _check_can_change(user, model):
    opts = model._meta
    if user is not None and not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise PermissionDenied(_("You may not change this content."))


def _check_can_publish(user, model):
    if user is not None and not can_publish(user, model):
        raise PermissionDenied(_("Only publishers can publish, unpublish or schedule content."))


# Records


def _log(user, item, record, action=CHANGE):
    if _acting(user):
        LogEntry.objects.log_actions(user.pk, [item], action, change_message=records.dumps(record))


def _revision(item, user, record):
    with reversion.create_revision():
        reversion.add_to_revision(item)
        if _acting(user):
            reversion.set_user(user)
        reversion.set_comment(records.dumps(record))


def _check_gate(item):
    """The bilingual publish gate over the whole item, rows included."""
    if item.status == Status.PUBLISHED and (gaps := publication_gaps(item)):
        raise ValidationError(gaps, code="incomplete_translation")


# The one write path


def _write_item(item, save_rows):
    """Write an item changed in memory, what derives from it, and its rows (the admin's inlines)."""
    item.save()
    item.refresh_derived()
    if save_rows is not None:
        save_rows()
    return item


# True while the services write: a save of a published item outside them is a write around the workflow
# (tests watch for it).
writing = contextvars.ContextVar("workflow_writing", default=False)


def _check_rows_unpublished(user, model, found):
    """Editors change a draft's rows, but not the rows of it that are published on their own (a language
    edition already published): that takes a publisher, or a working copy a publisher reviews."""
    if user is None or can_publish(user, model):
        return
    for change in found:
        row_change = change.model != model._meta.label_lower and change.action in ("changed", "deleted")
        if row_change and change.old.get("status") == Status.PUBLISHED:
            label = records.build_row(apps.get_model(change.model), change.old, change.pk)
            raise PermissionDenied(
                _("Only publishers can change or remove “%(row)s”, which is published.") % {"row": label}
            )


def _change(
    *, model, pk, user, write, loaded_version=None, as_working_copy=False, event=None, check=None, direct=False
):
    """Make a change to item `pk` of `model` (None: a new item) through `write(before)`, which writes it and
    returns the item; see the module's docstring. `direct`: a change of publication itself (publish,
    unpublish, publish a working copy), always written for good. Returns the item as stored after it."""
    token = writing.set(True)
    try:
        return _change_item(model, pk, user, write, loaded_version, as_working_copy, event, check, direct)
    finally:
        writing.reset(token)


def _change_item(model, pk, user, write, loaded_version, as_working_copy, event, check, direct):
    session = copies.current_session(model(pk=pk)) if pk else None
    before = _current(model, pk) if pk else None
    copy = session.working_copy if session else (copies.working_copy_of(before, lock=True) if before else None)
    check_not_stale(before or model(), loaded_version, before)
    in_copy = (
        before is not None
        and not direct
        and (
            session is not None
            or (copy is not None and copy.holds_changes)
            or (
                before.status == Status.PUBLISHED
                and (as_working_copy or (user is not None and not can_publish(user, model)))
            )
        )
    )
    if check is not None:
        check(before, in_copy)
    if in_copy and session is None:
        with copies.working_copy_applied(before, working_copy=copy) as session:
            return _change(model=model, pk=pk, user=user, write=write, event=event)
    if in_copy:
        return _change_copy(session, before, user, write, event)
    return _change_stored(model, before, user, write, event)


def _change_stored(model, before, user, write, event):
    before_snapshot = copies.snapshot(before) if before else []
    savepoint = transaction.savepoint()
    item = write(before)
    after = copies.snapshot(item)
    found = records.snapshot_changes(before_snapshot, after)
    if before is not None and not found and event is None:
        transaction.savepoint_rollback(savepoint)
        before.workflow_outcome = "unchanged"
        return before
    _check_rows_unpublished(user, model, found)
    outdated = outdated_after(found, before.outdated_language) if before else ""
    if event == "confirmed":
        outdated = ""
    version = before.edit_version + 1 if before else 1
    model._default_manager.filter(pk=item.pk).update(
        outdated_language=outdated, edit_version=version, updated_by=_acting(user)
    )
    item.outdated_language, item.edit_version, item.updated_by = outdated, version, _acting(user)
    _check_gate(item)
    transaction.savepoint_commit(savepoint)
    if event in ("published", "unpublished"):  # the event says it: not "changed status" as well
        found = [change for change in found if change.model != model._meta.label_lower or change.action != "changed"
                 or set(change.fields) - set(PUBLICATION_FIELDS)]  # fmt: skip
        for change in found:
            if change.model == model._meta.label_lower:
                change.fields = [name for name in change.fields if name not in PUBLICATION_FIELDS]
    record = ([records.event(event)] if event else []) + records.describe(found, model._meta.label_lower)
    if before is None:
        record = [records.event(event or "created")]
    _revision(item, user, record)
    _log(user, item, record, ADDITION if before is None else CHANGE)
    files_release(_files(before_snapshot) - _files(copies.snapshot(item)))
    item.workflow_outcome = "saved"  # what the admin tells the editor
    return item


def _change_copy(session, before, user, write, event):
    """A change made while the database shows the working copy: what it changed is kept as the copy's new
    content once the session's savepoint is rolled back."""
    model = session.model
    before_snapshot = copies.snapshot(before)
    item = write(before)
    after = copies.snapshot(item)
    found = records.snapshot_changes(before_snapshot, after)
    if not found and event is None:
        before.workflow_outcome = "unchanged"
        return before
    item_fields = after[0]["fields"]
    item_fields["outdated_language"] = "" if event == "confirmed" else outdated_after(found, before.outdated_language)
    item_fields["edit_version"] = before.edit_version + 1
    item_fields["updated_by"] = user.pk if _acting(user) else None
    new_keys = copies.new_row_keys(before_snapshot, after)
    record = ([records.event(event)] if event else []) + records.describe(found, model._meta.label_lower)
    record = [records.event("copy-saved"), *record]

    def keep():
        copies.reserve_keys(new_keys)
        live = _current(model, session.pk)
        copy = session.working_copy or copies.working_copy_of(live, lock=True)
        if copy is None:
            copy = WorkingCopy(
                content_type=ContentType.objects.get_for_model(model), object_id=live.pk, created_by=_acting(user)
            )
        previous_files = set(copy.files)
        copy.content, copy.version = after, item_fields["edit_version"]
        copy.files = sorted(_files(after) - _files(copies.snapshot(live)))
        copy.updated_by = _acting(user)
        copy.save()
        files_release(previous_files - set(copy.files))
        _log(user, live, record)

    session.keep(keep)
    item.outdated_language, item.edit_version = item_fields["outdated_language"], item_fields["edit_version"]
    item.workflow_outcome = "copy"
    return item


# Edits


@transaction.atomic
def item_save(
    *, item, user, loaded_version=None, save_rows=None, confirm_translations=False, as_working_copy=False, event=None
):
    """Save an edit of `item` made by `user`, after the caller validated it (a model form, or full_clean).

    `save_rows` writes the rows that are part of the item (the admin's inline formsets). `loaded_version` is
    the `edit_version` the edit started from: if the stored item (or its working copy) moved on since, nothing
    is saved and EditConflict is raised. A published item is changed through its working copy when the user
    is an editor, when it has one, or when `as_working_copy` is asked for. `event` names what the change is,
    for the history ("seeded": the initial content), when it is more than an edit."""
    model = type(item)

    def check(before, in_copy):
        check_can_edit(user, item, before, in_copy=in_copy)

    return _change(
        model=model,
        pk=item.pk,
        user=user,
        write=lambda before: _write_item(item, save_rows),
        loaded_version=loaded_version,
        as_working_copy=as_working_copy,
        event="confirmed" if confirm_translations else event,
        check=check,
    )


@transaction.atomic
def item_confirm_translations(*, item, user):
    """An editor checked the flagged language: it is up to date after all."""
    current = _current(type(item), item.pk)
    if not current.outdated_language:
        return False
    _check_can_change(user, type(item))
    item_save(item=current, user=user, confirm_translations=True)
    return True


# Publication


def _set_status(item, status):
    item.status = status
    return _write_item(item, None)


@transaction.atomic
def item_publish(*, item, user):
    """Publish an item (its schedule, if any, still applies), or the approved working copy of a published one.
    Refused (PermissionDenied) for editors, and (ValidationError) for an item not complete in both official
    languages, rows included. Returns whether anything was published."""
    model = type(item)
    _check_can_publish(user, model)
    current = _current(model, item.pk)
    copy = copies.working_copy_of(current, lock=True)
    if current.status == Status.PUBLISHED:
        if copy is not None and copy.holds_changes:
            _publish_copy(current, copy, user)
            return True
        return False
    current.full_clean()
    _change(model=model, pk=current.pk, user=user, write=lambda before: _set_status(before, Status.PUBLISHED),
            event="published", direct=True)  # fmt: skip
    if copy is not None:
        _close_review(copy, user, "approved")
    return True


@transaction.atomic
def item_unpublish(*, item, user):
    """Return an item to draft: it leaves the public site at once. A working copy it had becomes the draft."""
    model = type(item)
    _check_can_publish(user, model)
    current = _current(model, item.pk)
    if current.status == Status.DRAFT:
        return False
    copy = copies.working_copy_of(current, lock=True)

    def write(before):
        if copy is not None and copy.holds_changes:
            copies.snapshot_apply(model, before.pk, copy.content)
            before = _current(model, before.pk)
        before.status = Status.DRAFT
        return _write_item(before, None)

    _change(model=model, pk=current.pk, user=user, write=write, event="unpublished", direct=True)
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
        item = _current(model, before.pk)
        for name in ("status", "first_published_at"):
            setattr(item, name, getattr(before, name))
        item.full_clean()
        return _write_item(item, None)

    WorkingCopy.objects.filter(pk=copy.pk).delete()
    item = _change(model=model, pk=live.pk, user=user, write=write, event="copy-published", direct=True)
    notifications.reviewed(copy=copy, item=item, outcome="approved")
    schedule.changed()
    return item


def publish_scheduled_copy(*, model, copy):
    """Publish a working copy whose scheduled time has come (iwgtip_site.workflow.schedule), as approved by its
    reviewer."""
    live = _current(model, copy.object_id)
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


# Review


def _review_copy(item, *, lock=True):
    current = _current(type(item), item.pk)
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
    _check_can_change(user, model)
    current, copy = _review_copy(item)
    if current.status == Status.PUBLISHED and (copy is None or not copy.holds_changes):
        raise ValidationError(_("There are no changes to submit: edit the item first."), code="nothing_to_review")
    if copy is not None and copy.state in (ReviewState.IN_REVIEW, ReviewState.SCHEDULED):
        raise ValidationError(_("These changes are already with the publishers."), code="already_submitted")
    _check_copy_version(copy, current, loaded_version)
    if copy is None:
        copy = WorkingCopy(
            content_type=ContentType.objects.get_for_model(model), object_id=current.pk, created_by=_acting(user)
        )
    copy.state = ReviewState.IN_REVIEW
    copy.submitted_by, copy.submitted_at, copy.message = _acting(user), timezone.now(), message.strip()
    copy.save()
    _log(user, current, [records.event("submitted", message=copy.message)])
    notifications.submitted(copy=copy, item=current)
    return copy


@transaction.atomic
def item_request_changes(*, item, user, comment, loaded_version=None):
    """A publisher sends the changes back to their author, saying what to change."""
    model = type(item)
    _check_can_publish(user, model)
    current, copy = _review_copy(item)
    if copy is None or copy.state != ReviewState.IN_REVIEW:
        raise ValidationError(_("Only changes in review can be sent back."), code="not_in_review")
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what should change: the author reads this comment.")})
    _check_copy_version(copy, current, loaded_version)
    copy.state = ReviewState.CHANGES_REQUESTED
    copy.reviewed_by, copy.reviewed_at, copy.review_comment = _acting(user), timezone.now(), comment.strip()
    copy.save()
    _log(user, current, [records.event("changes-requested", comment=copy.review_comment)])
    notifications.reviewed(copy=copy, item=current, outcome="changes_requested")
    return copy


@transaction.atomic
def item_approve(*, item, user, at=None, loaded_version=None):
    """A publisher approves the changes to an item: published now, or at `at` (a future time). For a draft,
    the item itself is published (scheduled with its publication time); for a published item, its working
    copy replaces the published version."""
    model = type(item)
    _check_can_publish(user, model)
    current, copy = _review_copy(item)
    _check_copy_version(copy, current, loaded_version)
    now = timezone.now()
    if current.status != Status.PUBLISHED:
        if at is not None and at > now:
            current.publish_at = at
            item_save(item=current, user=user)
        return item_publish(item=_current(model, current.pk), user=user)
    if copy is None or not copy.holds_changes:
        raise ValidationError(_("There are no changes to approve."), code="nothing_to_review")
    if at is not None and at > now:
        with copies.working_copy_applied(current, working_copy=copy):
            applied = _current(model, current.pk)
            applied.full_clean()
            _check_gate(applied)
        copy.state, copy.publish_at = ReviewState.SCHEDULED, at
        copy.reviewed_by, copy.reviewed_at = _acting(user), now
        copy.save()
        _log(user, current, [records.event("scheduled", when=at.isoformat())])
        schedule.changed()
        notifications.reviewed(copy=copy, item=current, outcome="scheduled")
        return True
    copy.reviewed_by = _acting(user)
    _publish_copy(current, copy, user)
    return True


@transaction.atomic
def item_discard(*, item, user):
    """Drop the working copy of an item (the published version stays as it is), or withdraw a draft from
    review."""
    model = type(item)
    _check_can_change(user, model)
    current, copy = _review_copy(item)
    if copy is None:
        raise ValidationError(_("There is no working copy to discard."), code="nothing_to_discard")
    if copy.state == ReviewState.SCHEDULED:
        _check_can_publish(user, model)
    files = list(copy.files)
    copy.delete()
    files_release(files)
    _log(user, current, [records.event("discarded")])
    schedule.changed()
    return True


# History


def _when(moment):
    return date_in_words(moment, "DATETIME_FORMAT")


@transaction.atomic
def item_restore(*, item, version, user):
    """Bring back the content of an earlier version of `item` (both languages, and its rows, such as
    provisions) as a new version; the item stays published or not as it is now (a published item edited by
    an editor gets it as its working copy). A validation error (say, a restored slug now taken) raises and
    leaves everything as it was."""
    model = type(item)
    _check_can_change(user, model)

    def write(before):
        revert_own(version.revision, model, before.pk)
        restored = _current(model, before.pk, lock=False)
        for field in WORKFLOW_FIELDS:
            setattr(restored, field, getattr(before, field))
        restored.full_clean()
        return _write_item(restored, None)

    return _change(
        model=model,
        pk=item.pk,
        user=user,
        write=write,
        event="restored",
        check=lambda before, in_copy: check_can_edit(user, before, before, in_copy=in_copy),
    )


@transaction.atomic
def item_recover(*, model, version, user):
    """Bring back a deleted item, as a draft, from its last version (and the rows it had). Refused
    (ValueError) for a version of another model or of an item that still exists."""
    if version._model is not model or model._default_manager.filter(pk=version.object_id).exists():
        raise ValueError("Only a deleted item of this kind can be recovered.")
    pk = model._meta.pk.to_python(version.object_id)
    token = writing.set(True)
    try:
        return _recover(model, pk, version, user)
    finally:
        writing.reset(token)


def _recover(model, pk, version, user):
    revert_own(version.revision, model, pk)
    recovered = model._default_manager.get(pk=pk)
    recovered.status = Status.DRAFT  # whatever it was, it comes back unpublished
    recovered.full_clean()
    _write_item(recovered, None)
    record = [records.event("recovered")]
    _revision(recovered, user, record)
    _log(user, recovered, record)
    return recovered


__all__ = [
    "EditConflict",
    "_when",
    "check_can_edit",
    "check_not_stale",
    "item_approve",
    "item_confirm_translations",
    "item_discard",
    "item_publish",
    "item_recover",
    "item_request_changes",
    "item_restore",
    "item_save",
    "item_submit",
    "item_unpublish",
]
