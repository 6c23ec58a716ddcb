"""History in the admin: every version of an item, the comparison of two, restoring one, recovering a
deleted item. The writes are the workflow's (`item_restore`, `item_recover`)."""

import difflib
import re

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField
from reversion.models import Version

from iwgtip_site import workflow
from iwgtip_site.formats import date_in_words
from iwgtip_site.i18n import language_name, translated_fields
from iwgtip_site.publishing import PUBLICATION_FIELDS
from iwgtip_site.richtext import RichTextField, as_text
from iwgtip_site.workflow.changes import build_row, is_content_field, snapshot_changes
from iwgtip_site.workflow.copies import item_rows
from iwgtip_site.workflow.history import WORKFLOW_FIELDS, version_snapshot


class HistoryAdminMixin:
    """History, comparison, restore and recovery views, for PublishableAdmin."""

    snapshot_rows = staticmethod(lambda changes: snapshot_rows(changes))

    def _url_name(self, view):
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_{view}"

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=self._url_name("compare"),
        )
        return [compare, *super().get_urls()]

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _context(self, request, obj, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "object_id": quote(obj.pk),
            "title": title,
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        """Every version of the item, oldest first, to compare two or restore one."""
        obj = self._object_or_404(request, object_id)
        versions = (
            Version.objects.get_for_object(obj)
            .select_related("revision__user")
            .order_by("revision__date_created", "pk")
        )
        action_list = [
            {
                "version_id": version.pk,
                "revision": version.revision,
                "url": reverse(f"admin:{self._url_name('revision')}", args=[quote(obj.pk), version.pk]),
            }
            for version in versions
        ]
        content_type = ContentType.objects.get_for_model(self.model)
        # The review of its changes (working copy saved, submitted, sent back, approved...): in the audit log.
        events = (
            LogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk))
            .select_related("user")
            .order_by("action_time", "pk")
        )
        context = self._context(
            request,
            obj,
            _("History of %(item)s") % {"item": obj},
            object=obj,
            module_name=str(self.model._meta.verbose_name_plural),
            action_list=action_list,
            events=events,
            content_type_id=content_type.pk,
            **(extra_context or {}),
        )
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        versions = Version.objects.get_for_object(obj)
        try:
            older = versions.get(pk=int(request.GET.get("from", "")))
            newer = versions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Version.DoesNotExist):
            raise Http404 from None
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = self._context(
            request,
            obj,
            _("Compare two versions of %(item)s") % {"item": obj},
            older=older,
            newer=newer,
            **self._differences(obj, older, newer),
        )
        return TemplateResponse(request, "admin/iwgtip/compare.html", context)

    def _differences(self, obj, older, newer):
        """The comparison of two versions: `rows`, the item's fields; `row_changes`, its rows (provisions,
        relations, editions) added, deleted or changed, which restoring brings back as well."""
        before = version_snapshot(older, self.model, obj.pk)
        after = version_snapshot(newer, self.model, obj.pk) if newer is not None else []
        return {
            "rows": version_differences(self.model, older.field_dict, newer.field_dict if newer else {}),
            "row_changes": row_changes(snapshot_changes(before, after), self.model),
            "has_rows": bool(item_rows(self.model)),
        }

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore an earlier version (reversion's URL): confirm with a comparison, then restore."""
        obj = self._object_or_404(request, object_id)
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        change_url = reverse(f"admin:{self._url_name('change')}", args=[quote(obj.pk)])
        if request.method == "POST":
            try:
                workflow.item_restore(item=obj, version=version, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request, _("Not restored: %(reasons)s") % {"reasons": " ".join(error.messages)}, messages.ERROR
                )
                return HttpResponseRedirect(request.path)
            self.message_user(request, _("The earlier version was restored, in both languages, as a new version."))
            return HttpResponseRedirect(change_url)
        current = Version.objects.get_for_object(obj).first()
        context = self._context(
            request,
            obj,
            _("Restore an earlier version of %(item)s") % {"item": obj},
            older=version,
            newer=current,
            restoring=True,
            **self._differences(obj, version, current),
        )
        return TemplateResponse(request, "admin/iwgtip/compare.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        """Recover a deleted item of this model, as a draft: shown first, then recovered on POST.
        (Replaces reversion's, which would revert a whole revision, whatever model it holds.)"""
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        if request.method == "POST":
            try:
                recovered = workflow.item_recover(model=self.model, version=version, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request, _("Not recovered: %(reasons)s") % {"reasons": " ".join(error.messages)}, messages.ERROR
                )
                return HttpResponseRedirect(request.path)
            self.message_user(request, _("The item was recovered as a draft."))
            return HttpResponseRedirect(reverse(f"admin:{self._url_name('change')}", args=[quote(recovered.pk)]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Recover %(item)s") % {"item": version.object_repr},
            "version": version,
            "rows": version_differences(self.model, version.field_dict, version.field_dict),
        }
        return TemplateResponse(request, "admin/iwgtip/recover.html", context)


def _field_label(field):
    """ "title (French)" for a translation of a field, else the field's name."""
    if isinstance(field, TranslationField):
        return _("%(field)s (%(language)s)") % {
            "field": field.translated_field.verbose_name,
            "language": language_name(field.language),
        }
    return str(field.verbose_name)


_WORDS = re.compile(r"\n|[^\s]+")  # words, and the line breaks between paragraphs


def _marked(tag, words):
    """`words` inside <ins> or <del>, with what the mark means said in words for screen readers (and the
    strike-through and underline of admin.css for sight, not a colour only)."""
    meaning = _("added:") if tag == "ins" else _("deleted:")
    return f'<{tag}><span class="visually-hidden">{escape(meaning)} </span>{_joined(words)}</{tag}>'


def _joined(words):
    return " ".join("<br>" if word == "\n" else escape(word) for word in words)


def _diff(old, new):
    """Word-level difference of two texts, as HTML: what was taken out in <del>, what was put in in <ins>."""
    old_words, new_words = _WORDS.findall(str(old)), _WORDS.findall(str(new))
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(_joined(old_words[i1:i2]))
            continue
        if i2 > i1:
            parts.append(_marked("del", old_words[i1:i2]))
        if j2 > j1:
            parts.append(_marked("ins", new_words[j1:j2]))
    return mark_safe(" ".join(parts))  # noqa: S308 - every word is escaped above


def _readable(field, value):
    """A stored value as an editor reads it: rich text's words, a choice's or a yes/no's label, a date in words
    (a moment to the second), a related item's name. `value` as a version or a snapshot keeps it."""
    if value is None or value == "":
        return ""
    if field.many_to_many:
        related = field.related_model._default_manager.in_bulk(value or [])
        return ", ".join(str(related.get(pk, pk)) for pk in value)
    if isinstance(field, RichTextField):
        return as_text(value)
    try:
        value = field.to_python(value)
    except ValidationError:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, models.DateTimeField | models.DateField):
        return date_in_words(value, "DATETIME_FORMAT" if isinstance(field, models.DateTimeField) else "DATE_FORMAT")
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    return str(value)


def _row(field, old_value, new_value):
    """A line of a comparison: (label, old, new, diff, changed, rich)."""
    old, new = _readable(field, old_value), _readable(field, new_value)
    return {
        "label": _field_label(field),
        "old": old,
        "new": new,
        "diff": _diff(old, new) if old != new else None,
        "changed": old != new,
        "rich": isinstance(field, RichTextField),
    }


def _value(values, field):
    """A field's value in a version's field_dict (by attname) or a snapshot's fields (by name)."""
    return values.get(field.name, values.get(field.attname))


def version_differences(model, older, newer):
    """Rows for every content field of two stored versions of an item (field_dicts, or a snapshot's fields),
    each translated field once per language."""
    skipped = {"id", *WORKFLOW_FIELDS, "created_at", "updated_at"}
    translated = set(translated_fields(model))
    rows = []
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.name in skipped or field.name in translated or not field.editable:
            continue
        rows.append(_row(field, _value(older, field), _value(newer, field)))
    return rows


# A row's change, named the way the history names it (a noun in French: « Ajout : disposition « … » »).
CAPTIONS = {
    "added": _("Added: %(kind)s “%(row)s”"),
    "deleted": _("Deleted: %(kind)s “%(row)s”"),
    "changed": _("Changed: %(kind)s “%(row)s”"),
}
# Kept by the workflow for the item, not content of a row (a row's own publication state is content).
_NOT_ROW_CONTENT = {"id", *set(WORKFLOW_FIELDS) - set(PUBLICATION_FIELDS)}


def row_changes(changes, item_model):
    """The rows of an item added, deleted or changed between two snapshots (`changes`, from
    workflow.changes.snapshot_changes), each with the fields that differ: [{caption, action, rows}]."""
    groups = []
    for change in changes:
        model = apps.get_model(change.model)
        if model is item_model:
            continue
        row = build_row(model, change.new or change.old)
        if change.action == "changed":
            names = change.fields
        else:
            names = [name for name, value in (change.new or change.old).items() if value not in (None, "", [])]
        rows = []
        for name in names:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            back_to_item = field.is_relation and field.related_model is item_model and not field.many_to_many
            if name in _NOT_ROW_CONTENT or back_to_item or not is_content_field(change.model, name):
                continue
            rows.append(_row(field, change.old.get(name), change.new.get(name)))
        label = getattr(row, "history_label", None) or row
        caption = CAPTIONS[change.action] % {"kind": model._meta.verbose_name, "row": label}
        groups.append({"caption": caption, "action": change.action, "rows": rows})
    return groups


def snapshot_rows(changes):
    """Rows for the changes between two snapshots (workflow.changes): the item's changed fields first, then
    the fields of each row that was added, changed or deleted, each translated field once per language."""
    if not changes:
        return []
    item_model = apps.get_model(changes[0].model)
    rows = []
    for change in changes:
        if apps.get_model(change.model) is item_model and change.action == "changed":
            fields = [item_model._meta.get_field(name) for name in change.fields]
            rows += [_row(field, change.old.get(field.name), change.new.get(field.name)) for field in fields]
    for group in row_changes(changes, item_model):
        for row in group["rows"]:
            rows.append({**row, "label": _("%(row)s — %(field)s") % {"row": group["caption"], "field": row["label"]}})
    return rows
