"""History in the admin: every version of an item, the comparison of two, restoring one, recovering a
deleted item. The writes are the workflow's (`item_restore`, `item_recover`)."""

import difflib

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
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
from iwgtip_site.i18n import language_name, translated_fields
from iwgtip_site.workflow.changes import build_row
from iwgtip_site.workflow.history import WORKFLOW_FIELDS


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
            rows=version_differences(self.model, older.field_dict, newer.field_dict),
        )
        return TemplateResponse(request, "admin/iwgtip/compare.html", context)

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
            rows=version_differences(self.model, version.field_dict, current.field_dict if current else {}),
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
        return f"{field.translated_field.verbose_name} ({language_name(field.language)})"
    return str(field.verbose_name)


def _diff(old, new):
    """Word-level difference of two texts, as HTML with <del> and <ins>."""
    old_words, new_words = str(old).split(" "), str(new).split(" ")
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(new_words[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every piece is escaped above


def _readable(field, value):
    """A stored value as an editor reads it: a choice's label, a related item's name."""
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    return str(value)


def version_differences(model, older, newer):
    """Rows (label, old, new, diff, changed) for every content field of two stored versions, each
    translated field once per language."""
    skipped = {"id", *WORKFLOW_FIELDS, "created_at", "updated_at"}
    translated = set(translated_fields(model))
    rows = []
    for field in model._meta.concrete_fields:
        if field.name in skipped or field.name in translated or not field.editable:
            continue
        if field.attname.removesuffix("_id") in skipped:
            continue
        old, new = (_readable(field, values.get(field.attname)) for values in (older, newer))
        rows.append(
            {
                "label": _field_label(field),
                "old": old,
                "new": new,
                "diff": _diff(old, new) if old != new else None,
                "changed": old != new,
            }
        )
    return rows


def snapshot_rows(changes):
    """Rows (label, old, new, diff, changed) for the changes between two snapshots (workflow.changes), the
    item's fields first, then each row that was added, changed or deleted, each translated field once per
    language."""
    rows = []
    item_model = changes[0].model if changes else None
    for change in changes:
        model = apps.get_model(change.model)
        prefix = ""
        if change.model != item_model:
            values = change.new or change.old
            row = build_row(model, values)
            action = {"added": _("added"), "deleted": _("deleted"), "changed": _("changed")}[change.action]
            prefix = (
                f"{model._meta.verbose_name.capitalize()} “{getattr(row, 'history_label', None) or row}” ({action}): "
            )
        names = change.fields or [name for name, value in (change.new or change.old).items() if value not in (None, "")]
        for name in names:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_many:
                old, new = (
                    ", ".join(map(str, change.old.get(name) or [])),
                    ", ".join(map(str, change.new.get(name) or [])),
                )
            else:
                old, new = (_readable(field, values.get(name)) for values in (change.old, change.new))
            rows.append(
                {
                    "label": f"{prefix}{_field_label(field)}",
                    "old": old,
                    "new": new,
                    "diff": _diff(old, new) if old != new else None,
                    "changed": old != new,
                }
            )
    return rows
