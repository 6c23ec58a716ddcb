"""The workflow's services: every change to content goes through these functions (see the package)."""

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from iwgtip_site.formats import date_in_words
from iwgtip_site.publishing import PUBLICATION_FIELDS, Status

from .freshness import outdated_after_edit
from .history import WORKFLOW_FIELDS, revert_own
from .roles import can_publish


class EditConflict(Exception):
    """The item changed after the editor opened it; their edit was not saved."""

    def __init__(self, item):
        self.item = item
        super().__init__(str(item))

    def message(self):
        who = self.item.updated_by.get_username() if self.item.updated_by else _("someone")
        moment = timezone.localtime(self.item.updated_at)
        return _(
            "%(who)s changed this item on %(date)s at %(time)s, after you opened it. Your changes have not "
            "been saved: they are still in the form below. Compare them with the current version (see "
            "History), merge what you need, and save again."
        ) % {
            "who": who,
            "date": date_in_words(moment),
            "time": formats.time_format(moment, "TIME_FORMAT"),
        }


def _current(item, *, lock=True):
    manager = type(item)._default_manager
    return (manager.select_for_update() if lock else manager).get(pk=item.pk)


def _acting(user):
    return user if user is not None and user.is_authenticated else None


def _save_revision(item, user, comment):
    """Save `item` as a new revision, recording who changed it."""
    item.updated_by = _acting(user)
    with reversion.create_revision():
        item.save()
        if _acting(user):
            reversion.set_user(user)
        reversion.set_comment(str(comment))


def _log(user, item, message):
    if _acting(user):
        LogEntry.objects.log_actions(user.pk, [item], CHANGE, change_message=str(message))


def check_can_edit(user, item, before):
    """Editors change drafts; changing what is published, or publication itself, takes a publisher.
    `user` None is a system task (a command) with every right."""
    if user is None or can_publish(user, type(item)):
        return
    if before is not None and before.status != Status.DRAFT:
        raise PermissionDenied(_("Only publishers can change published content."))
    for field in PUBLICATION_FIELDS:
        was = getattr(before, field) if before is not None else item._meta.get_field(field).get_default()
        if getattr(item, field) != was:
            raise PermissionDenied(_("Only publishers can publish, unpublish or schedule content."))


def check_not_stale(item, loaded_version, current=None):
    """Refuse an edit made on a copy older than the stored item, `current` (read, and the row locked
    until commit, unless the caller already did)."""
    if item.pk is None or loaded_version in (None, ""):
        return
    current = current or _current(item)
    if current.edit_version != int(loaded_version):
        raise EditConflict(current)


@transaction.atomic
def item_save(*, item, user, loaded_version=None, confirm_translations=False, comment=""):
    """Save an edit of `item` made by `user`, after the caller validated it (a model form, or
    full_clean). `loaded_version` is the `edit_version` the edit started from: if the stored item
    moved on since, nothing is saved and EditConflict is raised."""
    before = _current(item) if item.pk else None
    check_not_stale(item, loaded_version, before)
    check_can_edit(user, item, before)
    if before is not None:
        item.outdated_language = outdated_after_edit(before, item)
        item.edit_version = before.edit_version + 1
    if confirm_translations:
        item.outdated_language = ""
    _save_revision(item, user, comment or (_("Changed.") if before else _("Created.")))
    return item


def _set_status(item, user, status, message):
    if user is not None and not can_publish(user, type(item)):
        raise PermissionDenied(_("Only publishers can publish, unpublish or schedule content."))
    item = _current(item)
    if item.status == status:
        return False
    item.status = status
    if status == Status.PUBLISHED:
        item.full_clean()  # the bilingual gate, and everything else a form would check
    item.edit_version += 1
    _save_revision(item, user, message)
    _log(user, item, message)
    return True


@transaction.atomic
def item_publish(*, item, user):
    """Publish an item (its schedule, if any, still applies). Refused (PermissionDenied) for editors,
    and (ValidationError) for an item not complete in both official languages."""
    return _set_status(item, user, Status.PUBLISHED, _("Published."))


@transaction.atomic
def item_unpublish(*, item, user):
    """Return an item to draft: it leaves the public site at once."""
    return _set_status(item, user, Status.DRAFT, _("Returned to draft."))


@transaction.atomic
def item_confirm_translations(*, item, user):
    """An editor checked the flagged language: it is up to date after all."""
    item = _current(item)
    if not item.outdated_language:
        return False
    check_can_edit(user, item, item)
    item.outdated_language = ""
    item.edit_version += 1
    _save_revision(item, user, _("Confirmed that both languages are up to date."))
    _log(user, item, _("Confirmed that both languages are up to date."))
    return True


def _when(moment):
    return date_in_words(moment, "DATETIME_FORMAT")


@transaction.atomic
def item_restore(*, item, version, user):
    """Bring back the content of an earlier version of `item` (both languages, and the rows it follows,
    such as provisions) as a new revision; the item stays published or not as it is now. A validation
    error (say, a restored slug now taken) raises and leaves everything as it was."""
    before = _current(item)
    check_can_edit(user, before, before)
    model = type(before)
    revert_own(version.revision, model, before.pk)
    restored = _current(before, lock=False)
    for field in WORKFLOW_FIELDS:
        setattr(restored, field, getattr(before, field))
    restored.full_clean()
    restored.outdated_language = outdated_after_edit(before, restored)
    restored.edit_version = before.edit_version + 1
    message = _("Restored the version of %(when)s.") % {"when": _when(version.revision.date_created)}
    _save_revision(restored, user, message)
    _log(user, restored, message)
    return restored


@transaction.atomic
def item_recover(*, model, version, user):
    """Bring back a deleted item, as a draft, from its last version (and the rows it followed). Refused
    (ValueError) for a version of another model or of an item that still exists."""
    if version._model is not model or model._default_manager.filter(pk=version.object_id).exists():
        raise ValueError("Only a deleted item of this kind can be recovered.")
    pk = model._meta.pk.to_python(version.object_id)
    revert_own(version.revision, model, pk)
    recovered = model._default_manager.get(pk=pk)
    recovered.status = Status.DRAFT  # whatever it was, it comes back unpublished
    recovered.full_clean()
    message = _("Recovered after deletion, as a draft.")
    _save_revision(recovered, user, message)
    _log(user, recovered, message)
    return recovered
