"""The editorial workflow, once for every content type: roles, edits, publication, translation
freshness, revisions and the audit trail.

- Roles are groups (created by a data migration, their permissions kept in step after every
  `migrate`): Editors write drafts, Publishers also publish, unpublish and schedule, Administrators
  also manage accounts. Publishing is a permission per content model, `<app>.publish_<model>`.
- Every change goes through `item_save`, `item_publish`, `item_unpublish`, `item_confirm_translations`
  or `item_restore`: the admin, commands and tests call them, so the rules below hold on every path,
  not only in forms.
- An edit made on a copy older than the stored item is refused (`EditConflict`), never silently
  written over someone else's work.
- When one language's text changes and the other's does not, the other is flagged as possibly out
  of date until it is updated or an editor confirms it.
- Each change is a django-reversion revision (who, when, what) and an entry in Django's admin log.
"""

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from .formats import date_in_words
from .i18n import LANGUAGE_CODES, has_translation
from .publishing import Publishable, Status
from .richtext import RichTextField, sanitize_html

EDITORS, PUBLISHERS, ADMINISTRATORS = "Editors", "Publishers", "Administrators"
ROLE_NAMES = (EDITORS, PUBLISHERS, ADMINISTRATORS)

# Who may do what; an item's publication fields are changed by publishers only.
PUBLICATION_FIELDS = ("status", "publish_at", "unpublish_at")
# State the workflow owns. Revisions record content, not these: restoring an old version brings
# back its text in both languages but leaves the item published (or not) as it is now. (The dates
# are kept in revisions: a version is written back raw, without auto_now, before it is re-saved.)
WORKFLOW_FIELDS = (
    *PUBLICATION_FIELDS,
    "first_published_at",
    "updated_by",
    "edit_version",
    "outdated_language",
    "review_by",
)


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


# Models and permissions


def publishable_models():
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def publish_codename(model):
    return f"publish_{model._meta.model_name}"


def can_publish(user, model):
    return user.has_perm(f"{model._meta.app_label}.{publish_codename(model)}")


def ensure_publish_permissions(**kwargs):
    """post_migrate: a "Can publish" permission for every publishable model."""
    ContentType.objects.clear_cache()  # a flush (tests) may have emptied the table under the cache
    for model in publishable_models():
        content_type = ContentType.objects.get_for_model(model)
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=publish_codename(model),
            defaults={"name": f"Can publish, unpublish and schedule {model._meta.verbose_name_plural}"[:255]},
        )


def sync_role_permissions(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: give each role the permissions of every content app, including new ones.
    Runs once per migrate, after the last app's signal; only adds, so permissions an administrator
    granted by hand are kept."""
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is not None and sender is not last_app:
        return
    for config in apps.get_app_configs():  # this handler may run before auth's own for an app
        create_permissions(config, verbosity=0, using=using)
    ensure_publish_permissions()

    content = Permission.objects.filter(content_type__app_label__in=settings.CONTENT_APPS)
    editing = content.exclude(codename__startswith="publish_")
    audit = Permission.objects.filter(content_type__app_label="admin", codename="view_logentry")
    accounts = Permission.objects.filter(content_type__app_label__in=("auth", "axes"))
    # Readers' page feedback (iwgtip_site.feedback): every role reads and triages it; administrators
    # may also delete it (spam that got through). Nobody adds it by hand.
    feedback = Permission.objects.filter(content_type__app_label="iwgtip_site", content_type__model="pagefeedback")
    triage = feedback.filter(codename__in=("view_pagefeedback", "change_pagefeedback"))
    grants = {
        EDITORS: [*editing, *audit, *triage],
        PUBLISHERS: [*content, *audit, *triage],
        ADMINISTRATORS: [*content, *audit, *triage, *feedback.filter(codename="delete_pagefeedback"), *accounts],
    }
    for name, permissions in grants.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


# Translation freshness


def translated_fields(model):
    """The editable translated fields of a model (title, summary, body...), by base name."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(name for name in options.fields if model._meta.get_field(name).editable)


def changed_languages(before, after):
    """The languages whose translated text differs between two copies of an item (rich text is
    compared as it will be stored, so an editor's reformatting is not a change)."""
    changed = set()
    for field in translated_fields(type(after)):
        for code in LANGUAGE_CODES:
            name = build_localized_fieldname(field, code)
            old, new = getattr(before, name) or "", getattr(after, name) or ""
            if isinstance(type(after)._meta.get_field(name), RichTextField):
                old, new = sanitize_html(old), sanitize_html(new)
            if old != new:
                changed.add(code)
    return changed


def outdated_after_edit(before, after):
    """Which language may be out of date after `before` became `after` ("" if none).

    Changing one language only flags the other, if it exists; changing a flagged language (catching
    up) clears its flag without flagging the first one; changing both clears everything."""
    changed = changed_languages(before, after)
    flagged = before.outdated_language
    if not changed:
        return flagged
    if flagged in changed:
        return ""
    if len(changed) == 1:
        (code,) = changed
        other = next(language for language in LANGUAGE_CODES if language != code)
        return other if has_translation(after, other) else ""
    return ""


# Services


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


# History: revisions are kept per item and the rows it follows (a page; an instrument with its provisions
# and the relations it states). Restoring or recovering touches that item's rows and nothing else, even
# when a revision holds other items too (a bulk action, the seed), and never its publication state.

HISTORY_FOLLOWS = {}


def register_history(model, *, follow=(), exclude=()):
    """Put `model` under django-reversion: publishable models without their workflow state (and their
    `history_exclude`, derived data such as a page's address); only rows that belong to the item are
    followed, never other publishable items (a pamphlet's editions keep their own history)."""
    if issubclass(model, Publishable):
        exclude = (*exclude, *WORKFLOW_FIELDS, *getattr(model, "history_exclude", ()))
        follow = tuple(name for name in follow if not _follows_publishable(model, name))
    follow = tuple(name for name in follow if name not in getattr(model, "history_not_followed", ()))
    HISTORY_FOLLOWS[model] = follow
    reversion.register(model, follow=follow, exclude=exclude)


def _follows_publishable(model, name):
    return issubclass(model._meta.get_field(name).related_model, Publishable)


def _own_versions(revision, model, pk):
    """The versions of `revision` that belong to item `pk` of `model`, and the reverse foreign keys
    that tie its followed rows to it: ({related model: fk attname}, [versions])."""
    links = {}
    for name in HISTORY_FOLLOWS.get(model, ()):
        relation = model._meta.get_field(name)
        links[relation.related_model] = relation.field.attname
    versions = [
        version
        for version in revision.version_set.all()
        if (version._model is model and str(version.object_id) == str(pk))
        or (version._model in links and version.field_dict.get(links[version._model]) == pk)
    ]
    return links, versions


def _revert_own(revision, model, pk):
    """Write back item `pk`'s rows as `revision` stored them; rows it has now and had not then go."""
    links, versions = _own_versions(revision, model, pk)
    for related_model, foreign_key in links.items():
        kept = [version.object_id for version in versions if version._model is related_model]
        related_model._default_manager.filter(**{foreign_key: pk}).exclude(pk__in=kept).delete()
    for version in versions:
        version.revert()


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
    _revert_own(version.revision, model, before.pk)
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
    _revert_own(version.revision, model, pk)
    recovered = model._default_manager.get(pk=pk)
    recovered.status = Status.DRAFT  # whatever it was, it comes back unpublished
    recovered.full_clean()
    message = _("Recovered after deletion, as a draft.")
    _save_revision(recovered, user, message)
    _log(user, recovered, message)
    return recovered


# What needs attention (the admin home page)


def needs_attention(user, *, models=None, now=None):
    """For the admin home page: per content type the user may view, how many items miss a
    translation, have one that may be out of date, or are past their review date; what is scheduled
    to go live or expire; drafts whose publication time has passed without being published."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    summary, scheduled, overdue = [], [], []
    for model in models if models is not None else publishable_models():
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        items = model._default_manager.all()
        counts = {}
        for code in LANGUAGE_CODES:
            counts[f"missing-{code}"] = Count("pk", filter=Q(pk__in=items.missing_language(code).values("pk")))
        for code in LANGUAGE_CODES:
            counts[f"outdated-{code}"] = Count("pk", filter=Q(outdated_language=code))
        counts["review"] = Count("pk", filter=Q(review_by__lt=today))
        totals = items.aggregate(**counts)  # one query per content type
        summary.append({"model": model, "opts": opts, "counts": {key: totals[key] for key in counts}})
        going_live = items.scheduled(now).order_by("publish_at")[:20]
        expiring = items.filter(status=Status.PUBLISHED, unpublish_at__gt=now).order_by("unpublish_at")[:20]
        scheduled += [(item.publish_at, "publish", item) for item in going_live]
        scheduled += [(item.unpublish_at, "unpublish", item) for item in expiring]
        overdue += list(items.filter(status=Status.DRAFT, publish_at__lte=now).order_by("publish_at")[:20])
    recent = LogEntry.objects.select_related("user", "content_type").order_by("-action_time")[:10]
    return {
        "summary": summary,
        "scheduled": sorted(scheduled, key=lambda entry: entry[0]),
        "overdue": overdue,
        "recent": recent,
    }
