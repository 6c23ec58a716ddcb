"""The editorial workflow, once for every content type: roles, edits, publication, translation
freshness, revisions and the audit trail.

- Roles are groups (created by a data migration, their permissions kept in step after every
  `migrate`): Editors write drafts, Publishers also publish, unpublish and schedule, Administrators
  also manage accounts. Publishing is a permission per content model, `<app>.publish_<model>`
  (`roles.py`).
- Every change goes through the services (`services.py`: `item_save`, `item_publish`, `item_unpublish`,
  `item_confirm_translations`, `item_restore`, `item_recover`, and the review: `item_submit`,
  `item_request_changes`, `item_approve`, `item_discard`): the admin, commands, the seed and the tests call
  them, so the rules below hold on every path, not only in forms. They are re-exported here.
- A published item is changed through its *working copy* (`copies.py`, `models.py`): editors prepare the
  next version while the public keeps the published one, publishers review it (`notifications.py` tells
  them and the authors by e-mail) and publish it, now or at a time (`schedule.py`).
- What changed is computed from what is stored, and recorded as data read in the reader's language
  (`changes.py`): a save that changes nothing leaves no trace.
- An edit made on a copy older than the stored item is refused (`EditConflict`), never silently
  written over someone else's work.
- When one language's text changes and the other's does not, the other is flagged as possibly out
  of date until it is updated or an editor confirms it (`freshness.py`).
- Each change is a django-reversion revision (who, when, what) and an entry in Django's admin log
  (`history.py` says which rows a version holds, and restores them).
- `dashboard.py` gathers what needs attention, for the admin home page.
"""

from .services import (
    EditConflict,
    item_approve,
    item_confirm_translations,
    item_discard,
    item_publish,
    item_recover,
    item_request_changes,
    item_restore,
    item_save,
    item_submit,
    item_unpublish,
)

__all__ = [
    "EditConflict",
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
