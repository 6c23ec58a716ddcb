"""Restoring an earlier version of an item, deleting an item and recovering it, through the one write path.

A deletion keeps a last version of the item with its rows and what is kept with it (`Model.kept_on_delete`:
a pamphlet's download statistics), and its files stay in storage while that version can still be recovered
(DELETED_ITEMS_RETENTION_DAYS; the file sweep honours it). Recovering brings all of it back, as a draft."""

import reversion
from django.contrib.admin.models import DELETION
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from iwgtip_site import search_index
from iwgtip_site.publishing import Status

from . import changes as records
from .history import WORKFLOW_FIELDS, revert_own
from .roles import can_publish
from .services import (
    acting,
    change,
    check_can_change,
    check_can_edit,
    log_change,
    save_revision,
    stored,
    write_item,
    writing,
)


@transaction.atomic
def item_restore(*, item, version, user):
    """Bring back the content of an earlier version of `item` (both languages, and its rows, such as
    provisions) as a new version; the item stays published or not as it is now (a published item edited by
    an editor gets it as its working copy). A validation error (say, a restored slug now taken) raises and
    leaves everything as it was."""
    model = type(item)
    check_can_change(user, model)

    def write(before):
        revert_own(version.revision, model, before.pk)
        restored = stored(model, before.pk, lock=False)
        for field in WORKFLOW_FIELDS:
            setattr(restored, field, getattr(before, field))
        restored.full_clean()
        return write_item(restored, None)

    return change(
        model=model,
        pk=item.pk,
        user=user,
        write=write,
        event=records.event("restored", when=version.revision.date_created.isoformat()),
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
    revert_own(version.revision, model, pk, also=kept_on_delete(model))
    recovered = model._default_manager.get(pk=pk)
    recovered.status = Status.DRAFT  # whatever it was, it comes back unpublished
    recovered.full_clean()
    write_item(recovered, None)
    record = [records.event("recovered")]
    save_revision(recovered, user, record)
    log_change(user, recovered, record)
    return recovered


def kept_on_delete(model):
    """The reverse relations whose rows a deletion keeps for recovery (statistics), beyond its item rows."""
    return tuple(getattr(model, "kept_on_delete", ()))


def check_can_delete(user, item):
    """Editors delete drafts whose rows are drafts too; what is (or holds) published content takes a
    publisher."""
    if user is None or can_publish(user, type(item)):
        return
    if item.status == Status.PUBLISHED:
        raise PermissionDenied(_("Only publishers can delete published content."))
    for name in getattr(type(item), "item_rows", ()):
        rows = getattr(item, name).all()
        if any(getattr(row, "status", None) == Status.PUBLISHED for row in rows):
            raise PermissionDenied(_("Only publishers can delete an item that holds published parts."))


@transaction.atomic
def item_delete(*, item, user):
    """Delete an item, keeping a last version of it (its rows and what `kept_on_delete` names) to recover."""
    model = type(item)
    current = stored(model, item.pk)
    opts = model._meta
    if user is not None and not user.has_perm(f"{opts.app_label}.delete_{opts.model_name}"):
        raise PermissionDenied(_("You may not delete this content."))
    check_can_delete(user, current)
    token = writing.set(True)
    try:
        record = [records.event("deleted")]
        with reversion.create_revision():
            reversion.add_to_revision(current)
            for name in kept_on_delete(model):
                for row in getattr(current, name).all():
                    reversion.add_to_revision(row)
            if acting(user):
                reversion.set_user(user)
            reversion.set_comment(records.dumps(record))
        log_change(user, current, record, DELETION)
        pk = current.pk
        current.delete()
        search_index.item_deleted(model, pk)
    finally:
        writing.reset(token)
