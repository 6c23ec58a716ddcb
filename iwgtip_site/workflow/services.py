"""The workflow's services: every change to content goes through these functions (see the package).

One write path, `change`: it locks the stored item, refuses an edit made on a stale copy, checks the
user's rights, writes, and compares what is stored before and after (iwgtip_site.workflow.changes). A save
that changes nothing leaves no trace. Otherwise:
- a published item edited by an editor (or by a publisher who asks for it, or one that already has a
  working copy) gets the new version as its *working copy* (iwgtip_site.workflow.copies): the writes are
  rolled back and the public keeps the published rows;
- anything else is written for good, with a revision and an audit log entry that say what changed; an item
  published by the change must pass the bilingual gate, rows included (iwgtip_site.i18n.publication_gaps).
Publication (`publication.py`), review (`review.py`) and restoring (`restoring.py`) go through the same path.
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

from iwgtip_site import search_index
from iwgtip_site.files import files_release
from iwgtip_site.formats import date_in_words
from iwgtip_site.i18n import publication_gaps
from iwgtip_site.publishing import PUBLICATION_FIELDS, Status
from iwgtip_site.redirects.services import addresses_changed, addresses_of

from . import changes as records
from . import copies
from .freshness import outdated_after
from .models import WorkingCopy
from .review_dates import with_default_review_date
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


def stored(model, pk, *, lock=True):
    manager = model._default_manager
    return (manager.select_for_update() if lock else manager).get(pk=pk)


def acting(user):
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
    current = current or stored(type(item), item.pk, lock=False)
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


def check_can_change(user, model):
    opts = model._meta
    if user is not None and not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise PermissionDenied(_("You may not change this content."))


def check_can_publish(user, model):
    if user is not None and not can_publish(user, model):
        raise PermissionDenied(_("Only publishers can publish, unpublish or schedule content."))


# Records


def log_change(user, item, record, action=CHANGE):
    if acting(user):
        LogEntry.objects.log_actions(user.pk, [item], action, change_message=records.dumps(record))


def save_revision(item, user, record):
    with reversion.create_revision():
        reversion.add_to_revision(item)
        if acting(user):
            reversion.set_user(user)
        reversion.set_comment(records.dumps(record))


def check_gate(item):
    """The bilingual publish gate over the whole item, rows included."""
    if item.status == Status.PUBLISHED and (gaps := publication_gaps(item)):
        raise ValidationError(gaps, code="incomplete_translation")


# The one write path


def write_item(item, save_rows):
    """Write an item changed in memory, what derives from it, and its rows (the admin's inlines)."""
    item.save()
    item.refresh_derived()
    if save_rows is not None:
        save_rows()
    search_index.item_written(item)
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


def change(*, model, pk, user, write, loaded_version=None, as_working_copy=False, event=None, check=None, direct=False):
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
    before = stored(model, pk) if pk else None
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
            return change(model=model, pk=pk, user=user, write=write, event=event)
    if in_copy:
        return _change_copy(session, before, user, write, event)
    return _change_stored(model, before, user, write, event)


def _event_record(event):
    """`event`, a name ("published") or a record entry already made (records.event), as a record's start."""
    if not event:
        return []
    return [event if isinstance(event, dict) else records.event(event)]


def _change_stored(model, before, user, write, event):
    before_snapshot = copies.snapshot(before) if before else []
    before_addresses = addresses_of(before) if before else {}
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
        outdated_language=outdated, edit_version=version, updated_by=acting(user)
    )
    item.outdated_language, item.edit_version, item.updated_by = outdated, version, acting(user)
    # `before` may be the very instance `write` changed: what it was is in its snapshot.
    was_published = bool(before_snapshot) and before_snapshot[0]["fields"].get("status") == Status.PUBLISHED
    with_default_review_date(model, item, was_published=was_published)
    check_gate(item)
    addresses_changed(before_addresses, item, user=acting(user))  # old addresses answer 301 (iwgtip_site.redirects)
    transaction.savepoint_commit(savepoint)
    if event in ("published", "unpublished"):  # the event says it: not "changed status" as well
        found = [change for change in found if change.model != model._meta.label_lower or change.action != "changed"
                 or set(change.fields) - set(PUBLICATION_FIELDS)]  # fmt: skip
        for change in found:
            if change.model == model._meta.label_lower:
                change.fields = [name for name in change.fields if name not in PUBLICATION_FIELDS]
    record = _event_record(event) + records.describe(found, model._meta.label_lower)
    if before is None:
        record = _event_record(event or "created")
    save_revision(item, user, record)
    log_change(user, item, record, ADDITION if before is None else CHANGE)
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
    item_fields["updated_by"] = user.pk if acting(user) else None
    new_keys = copies.new_row_keys(before_snapshot, after)
    record = [records.event("copy-saved"), *_event_record(event), *records.describe(found, model._meta.label_lower)]

    def keep():
        copies.reserve_keys(new_keys)
        live = stored(model, session.pk)
        copy = session.working_copy or copies.working_copy_of(live, lock=True)
        if copy is None:
            copy = WorkingCopy(
                content_type=ContentType.objects.get_for_model(model), object_id=live.pk, created_by=acting(user)
            )
        previous_files = set(copy.files)
        copy.content, copy.version = after, item_fields["edit_version"]
        copy.files = sorted(_files(after) - _files(copies.snapshot(live)))
        copy.updated_by = acting(user)
        copy.save()
        files_release(previous_files - set(copy.files))
        log_change(user, live, record)

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

    return change(
        model=model,
        pk=item.pk,
        user=user,
        write=lambda before: write_item(item, save_rows),
        loaded_version=loaded_version,
        as_working_copy=as_working_copy,
        event="confirmed" if confirm_translations else event,
        check=check,
    )


@transaction.atomic
def item_confirm_translations(*, item, user):
    """An editor checked the flagged language: it is up to date after all."""
    current = stored(type(item), item.pk)
    if not current.outdated_language:
        return False
    check_can_change(user, type(item))
    item_save(item=current, user=user, confirm_translations=True)
    return True
