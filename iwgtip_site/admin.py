"""The admin every content type shares: publishing, the editorial workflow, revisions, translation status.

Each app's admin is `class XAdmin(PublishableAdmin, TranslationAdmin)`; everything below then applies to
it with no further code: roles (editors write drafts, publishers publish), the bilingual publish gate,
stale-translation flags, refused conflicting edits, history with comparison and restore, recovery of
deleted items, side-by-side preview in both languages, and the audit log. The rules themselves live in
`iwgtip_site.workflow`; this module only connects them to the admin.
"""

import difflib
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.fields import TranslationField
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import workflow
from .i18n import LANGUAGE_CODES, has_translation, language_name, url_in_language
from .publishing import Status

admin.site.site_header = _("IWGTIP content management")
admin.site.site_title = _("IWGTIP content management")
admin.site.index_title = _("Site content")

PUBLISHING_FIELDSET = (
    _("Publishing"),
    {
        "fields": (
            "status",
            "publish_at",
            "unpublish_at",
            "review_by",
            "translation_state",
            "first_published_at",
            "updated_at",
            "updated_by",
        ),
        "description": _(
            "A published item is public from its publication time (at once if empty) until its "
            "unpublication time (indefinitely if empty). Only publishers can change these. An item is "
            "published only when it is complete in both official languages."
        ),
    },
)


class PublishableAdminForm(forms.ModelForm):
    """Carries the version the editor started from, so a save over someone else's newer edit is
    refused with the editor's text kept; and lets an editor confirm a flagged translation."""

    loaded_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    confirm_translations = forms.BooleanField(
        required=False,
        label=_("The other language is up to date"),
        help_text=_("Tick after checking that the flagged language still says the same thing."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Required on an edit: a form without it could otherwise write over a newer version unseen.
            self.fields["loaded_version"].initial = self.instance.edit_version
            self.fields["loaded_version"].required = True

    def clean(self):
        cleaned = super().clean()
        try:
            workflow.check_not_stale(self.instance, cleaned.get("loaded_version"))
        except workflow.EditConflict as conflict:
            # Show the editor's text again, ready to be saved over the current version once merged.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = conflict.item.edit_version
            raise ValidationError(conflict.message(), code="edit_conflict") from None
        return cleaned


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        choices = [("complete", _("Complete in both languages"))]
        for code in LANGUAGE_CODES:
            name = language_name(code)
            choices.append((f"missing-{code}", _("Missing %(language)s") % {"language": name}))
            choices.append((f"outdated-{code}", _("%(language)s may be out of date") % {"language": name}))
        return choices

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value == "complete":
            for code in LANGUAGE_CODES:
                queryset = queryset.in_language(code)
            return queryset
        kind, _sep, code = value.partition("-")
        if code not in LANGUAGE_CODES:
            return queryset
        if kind == "missing":
            return queryset.missing_language(code)
        if kind == "outdated":
            return queryset.filter(outdated_language=code)
        return queryset


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Past its review date")),
            ("soon", _("Due within 30 days")),
            ("none", _("No review date")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(review_by__lt=today)
        if self.value() == "soon":
            return queryset.filter(review_by__gte=today, review_by__lte=today + timedelta(days=30))
        if self.value() == "none":
            return queryset.filter(review_by__isnull=True)
        return queryset


def needs_publisher(action):
    """Marks an admin action only publishers are offered (see PublishableAdmin.get_actions)."""
    action.requires_publisher = True
    return action


def publication_state_badge(obj):
    """What the public sees of `obj` right now (Draft, Scheduled, Live, Expired), as a coloured label."""
    if obj.pk is None:
        return "—"
    state = obj.publication_state()
    return format_html('<span class="publication-state publication-state--{}">{}</span>', state, state.label)


class PublicationFieldsMixin:
    """For the admin of publishable rows, and inlines of them (a pamphlet's editions): only publishers
    set their status and publication window; the "public status" column says what the public sees."""

    def can_publish(self, request):
        return workflow.can_publish(request.user, self.model)

    @admin.display(description=_("public status"))
    def publication_state_label(self, obj):
        return publication_state_badge(obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            readonly += tuple(field for field in workflow.PUBLICATION_FIELDS if field not in readonly)
        return readonly


class PublishableAdmin(PublicationFieldsMixin, VersionAdmin):
    """Mixed into every content model's admin, before modeltranslation's TranslationAdmin."""

    form = PublishableAdminForm
    readonly_fields = ("first_published_at", "updated_at", "updated_by", "translation_state")
    actions = ["publish_selected", "unpublish_selected", "confirm_translations_selected"]
    object_history_template = "admin/iwgtip/object_history.html"

    # Permissions: editors write drafts; publication, and changing what is published, takes a publisher.

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status != Status.DRAFT and not self.can_publish(request):
            return False
        return allowed

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None and obj.status != Status.DRAFT and not self.can_publish(request):
            return False
        return allowed

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.can_publish(request):
            for name, (function, *_rest) in list(actions.items()):
                if getattr(function, "requires_publisher", False):
                    del actions[name]
        return actions

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        extra = ["loaded_version"]
        if obj is not None and obj.outdated_language:
            extra.insert(0, "confirm_translations")
        name, options = fieldsets[-1]
        fieldsets[-1] = (name, {**options, "fields": (*options["fields"], *extra)})
        return fieldsets

    def get_list_display(self, request):
        return (*super().get_list_display(request), "translation_state")

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), TranslationStatusFilter, ReviewFilter)

    # Saving goes through the workflow service: version check, roles, stale flags, revision.

    def save_model(self, request, obj, form, change):
        workflow.item_save(
            item=obj,
            user=request.user,
            confirm_translations=form.cleaned_data.get("confirm_translations", False),
        )

    def reversion_register(self, model, **options):
        workflow.register_history(model, **options)

    def changelist_view(self, request, extra_context=None):
        # Not VersionAdmin's: it would put every item a bulk action touches into one revision; the
        # workflow services give each item its own.
        extra_context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return super(VersionAdmin, self).changelist_view(request, extra_context)

    # List columns

    @admin.display(description=_("translations"))
    def translation_state(self, obj):
        badges = []
        for code in LANGUAGE_CODES:
            if obj.outdated_language == code:
                badges.append(("outdated", _("%(code)s may be out of date") % {"code": code.upper()}))
            elif has_translation(obj, code):
                badges.append(("ok", _("%(code)s complete") % {"code": code.upper()}))
            else:
                badges.append(("missing", _("%(code)s missing") % {"code": code.upper()}))
        return format_html_join(" ", '<span class="translation-state translation-state--{}">{}</span>', badges)

    @admin.display(description=_("view"))
    def view_links(self, obj):
        """Links to the item on the site in each language it has (a preview while not live)."""
        links = [
            format_html('<a href="{}" lang="{}">{}</a>', url_in_language(obj, code), code, code.upper())
            for code in LANGUAGE_CODES
            if has_translation(obj, code)
        ]
        return format_html(" · ".join(["{}"] * len(links)), *links) if links else "—"

    # Actions

    def _run_action(self, request, queryset, service, done_message):
        done, refused = 0, []
        for item in queryset:
            try:
                done += bool(service(item=item, user=request.user))
            except ValidationError as error:
                refused.append(f"{item}: {' '.join(error.messages)}")
            except PermissionDenied as error:
                refused.append(f"{item}: {error}")
        if done:
            self.message_user(request, done_message(done))
        for reason in refused:
            self.message_user(request, reason, messages.ERROR)

    @admin.action(description=_("Publish selected items"))
    @needs_publisher
    def publish_selected(self, request, queryset):
        self._run_action(
            request,
            queryset,
            workflow.item_publish,
            lambda count: ngettext("%(count)d item published.", "%(count)d items published.", count) % {"count": count},
        )

    @admin.action(description=_("Return selected items to draft"))
    @needs_publisher
    def unpublish_selected(self, request, queryset):
        self._run_action(
            request,
            queryset,
            workflow.item_unpublish,
            lambda count: (
                ngettext("%(count)d item returned to draft.", "%(count)d items returned to draft.", count)
                % {"count": count}
            ),
        )

    @admin.action(description=_("Confirm both languages are up to date"))
    def confirm_translations_selected(self, request, queryset):
        self._run_action(
            request,
            queryset,
            workflow.item_confirm_translations,
            lambda count: (
                ngettext(
                    "%(count)d item confirmed up to date in both languages.",
                    "%(count)d items confirmed up to date in both languages.",
                    count,
                )
                % {"count": count}
            ),
        )

    # Extra views: compare two versions, restore one, preview both languages side by side.

    def _url_name(self, view):
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_{view}"

    def get_urls(self):
        extra = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=self._url_name("compare"),
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.side_by_side_view),
                name=self._url_name("side_by_side"),
            ),
        ]
        return extra + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "side_by_side_url": reverse(f"admin:{self._url_name('side_by_side')}", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)

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
        context = self._context(
            request,
            obj,
            _("History of %(item)s") % {"item": obj},
            object=obj,
            module_name=str(self.model._meta.verbose_name_plural),
            action_list=action_list,
            content_type_id=ContentType.objects.get_for_model(self.model).pk,
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

    def side_by_side_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        frames = [
            {
                "code": code,
                "name": language_name(code),
                "url": url_in_language(obj, code) if has_translation(obj, code) else None,
            }
            for code in LANGUAGE_CODES
        ]
        context = self._context(request, obj, _("Preview of %(item)s in both languages") % {"item": obj}, frames=frames)
        return TemplateResponse(request, "admin/iwgtip/side_by_side.html", context)


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
    skipped = {"id", *workflow.WORKFLOW_FIELDS, "created_at", "updated_at"}
    translated = set(workflow.translated_fields(model))
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


@admin.register(LogEntry)
class AuditLogAdmin(admin.ModelAdmin):
    """The audit log: who did what and when, across the site or for one item. Read-only."""

    list_display = ("action_time", "user", "content_type", "item_link", "action_label", "change_summary")
    list_filter = ("action_flag", "content_type", "user", "action_time")
    search_fields = ("object_repr", "change_message", "user__username")
    date_hierarchy = "action_time"
    list_select_related = ("user", "content_type")
    ordering = ("-action_time",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def lookup_allowed(self, lookup, value, request=None):
        # "?object_id=12&content_type__id__exact=7": the log of one item, linked from its history.
        return lookup == "object_id" or super().lookup_allowed(lookup, value, request)

    @admin.display(description=_("item"), ordering="object_repr")
    def item_link(self, entry):
        if entry.is_deletion() or not entry.get_admin_url():
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', entry.get_admin_url(), entry.object_repr)

    @admin.display(description=_("action"), ordering="action_flag")
    def action_label(self, entry):
        return entry.get_action_flag_display()

    @admin.display(description=_("change"))
    def change_summary(self, entry):
        return entry.get_change_message()


# The site-wide features' own screens (readers' page feedback).
from .feedback import admin as feedback_admin  # noqa: E402, F401
