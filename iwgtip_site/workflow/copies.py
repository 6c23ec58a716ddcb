"""Working copies: a published item's next version, prepared while the public keeps the published one.

A version of an item is its row and the rows that are part of it (`Model.item_rows`: an instrument's
provisions and the relations it states, a pamphlet's editions), with its many-to-many links, as Django's
serializer writes them: a *snapshot*. A working copy stores one (iwgtip_site.workflow.models.WorkingCopy).

The admin, the preview and the services never read a working copy field by field. Inside
`working_copy_applied(item)` the database shows the working copy in place of the published rows, in a
savepoint that is always rolled back: the change form, its inlines, the validation, the public page's own
view and template all work on real rows, and nothing of it reaches the public or survives the block. What
the block saved becomes the working copy's new content once it has been rolled back (`Session.keep`).
Publishing a working copy writes its snapshot back for good (`snapshot_apply`).
"""

import contextvars
import json
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connections, router, transaction

# True while writes are made inside a working copy's rolled-back savepoint: they must not invalidate the
# page cache or schedule file deletions (iwgtip_site.caching reads it).
applying = contextvars.ContextVar("working_copy_applying", default=False)
_sessions = contextvars.ContextVar("working_copy_sessions", default=())


def item_rows(model):
    """The reverse relations whose rows are part of an item of `model` (edited, versioned and published
    with it)."""
    return tuple(getattr(model, "item_rows", ()))


def _row_sets(item):
    model = type(item)
    for name in item_rows(model):
        relation = model._meta.get_field(name)
        yield relation.related_model, relation.field.attname


def snapshot(item):
    """The item and its rows as they are stored now, JSON-safe: [{"model", "pk", "fields"}, ...], the item
    first, then its rows in the order of `item_rows` and of their primary keys."""
    model = type(item)
    objects = [model._default_manager.get(pk=item.pk)]
    for related_model, foreign_key in _row_sets(item):
        objects += list(related_model._default_manager.filter(**{foreign_key: item.pk}).order_by("pk"))
    return json.loads(serializers.serialize("json", objects))


def snapshot_apply(model, pk, content):
    """Write `content` (a snapshot of item `pk` of `model`) over what is stored: the item's fields and
    many-to-many links, its rows as the snapshot has them; rows it has now and the snapshot has not go.
    Raw saves: no derived values are recomputed here (the caller saves the item through the workflow)."""
    objects = list(serializers.deserialize("json", json.dumps(content), ignorenonexistent=True))
    item, *rows = objects
    item.save()
    for related_model, foreign_key in _row_sets(model(pk=pk)):
        # A few queries per kind of row, however many rows: a working copy of a long instrument is shown as
        # cheaply as a short one.
        mine = [obj.object for obj in rows if type(obj.object) is related_model]
        stored = related_model._default_manager.filter(**{foreign_key: pk})
        stored.exclude(pk__in=[row.pk for row in mine]).delete()
        existing = set(stored.values_list("pk", flat=True))
        fields = [field.name for field in related_model._meta.concrete_fields if not field.primary_key]
        if changed := [row for row in mine if row.pk in existing]:
            related_model._default_manager.bulk_update(changed, fields)
        if added := [row for row in mine if row.pk not in existing]:
            related_model._default_manager.bulk_create(added)
    return model._default_manager.get(pk=pk)


def new_row_keys(before, after):
    """(model label, pk) of the rows `after` has and `before` had not."""
    existing = {(entry["model"], entry["pk"]) for entry in before}
    return [(entry["model"], entry["pk"]) for entry in after[1:] if (entry["model"], entry["pk"]) not in existing]


def reserve_keys(model_labels_and_pks, using="default"):
    """Keep the primary keys that rows of a rolled-back working copy were given from being given again.

    PostgreSQL's sequences never go back; SQLite's AUTOINCREMENT counter is rolled back with the savepoint,
    so it is moved on again here, once the rollback is done."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    from django.apps import apps

    with connection.cursor() as cursor:
        for label, pk in model_labels_and_pks:
            table = apps.get_model(label)._meta.db_table
            cursor.execute("INSERT OR IGNORE INTO sqlite_sequence (name, seq) VALUES (%s, 0)", [table])
            cursor.execute("UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [pk, table])


@dataclass
class Session:
    """A block in which the database shows an item's working copy (see the module's docstring)."""

    model: type
    pk: int
    working_copy: object = None  # the WorkingCopy shown, if the item has one with content
    after: list = field(default_factory=list)  # run once the savepoint is rolled back

    def keep(self, action):
        """Run `action()` after the rollback, in the same transaction: what the block decided to keep."""
        self.after.append(action)


def current_session(item):
    """The open session showing `item`'s working copy, if any."""
    for session in reversed(_sessions.get()):
        if session.model is type(item) and session.pk == item.pk:
            return session
    return None


def working_copy_of(item, *, lock=False):
    """The item's WorkingCopy record, or None."""
    from .models import WorkingCopy

    copies = WorkingCopy.objects.select_related("created_by", "updated_by", "submitted_by", "reviewed_by")
    if lock:
        copies = copies.select_for_update(of=("self",))
    return copies.filter(content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk).first()


@contextmanager
def rolled_back(using="default"):
    """A block whose writes are all rolled back on exit (a savepoint), and invalidate nothing meanwhile."""
    with transaction.atomic(using=using):
        savepoint = transaction.savepoint(using=using)
        token = applying.set(True)
        try:
            yield
        finally:
            transaction.savepoint_rollback(savepoint, using=using)
            applying.reset(token)


@contextmanager
def working_copy_applied(item, *, working_copy=None):
    """Inside, the database shows `item`'s working copy (if it has one with content) in place of its
    published rows; every write inside is rolled back on exit, then the session's `keep` actions run."""
    model, using = type(item), router.db_for_write(type(item))
    with transaction.atomic(using=using):
        working_copy = working_copy or working_copy_of(item, lock=True)
        session = Session(model=model, pk=item.pk, working_copy=working_copy)
        token = _sessions.set((*_sessions.get(), session))
        try:
            with rolled_back(using):
                if working_copy is not None and working_copy.holds_changes:
                    snapshot_apply(model, item.pk, working_copy.content)
                yield session
        finally:
            _sessions.reset(token)
        for action in session.after:
            action()
