"""The admin of every publishable content type: `class XAdmin(PublishableAdmin, TranslationAdmin)`.

Roles (editors write drafts, publishers publish), saving through the workflow services, the bulk actions
(`actions.py`) and publication fields (`publication.py`),
the list columns of translation and publication status, and the side-by-side preview in both languages."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from iwgtip_site import workflow
from iwgtip_site.i18n import LANGUAGE_CODES, has_translation, language_name, url_in_language
from iwgtip_site.publishing import Status
from iwgtip_site.workflow import copies
from iwgtip_site.workflow.restoring import check_can_delete

from .accessible import NamedDateTimeMixin
from .actions import BulkActionsMixin, needs_publisher
from .filters import ReviewFilter, TranslationStatusFilter
from .history import HistoryAdminMixin
from .inlines import CountedInlinesMixin
from .publication import (  # also imported from here by the apps' admins
    PUBLISHING_FIELDSET,
    PublicationFieldsMixin,
    PublishableAdminForm,
    read_only_fieldsets,
)
from .review import ReviewAdminMixin, refusal_message
from .translation_exchange import TranslationExchangeAdminMixin

__all__ = ["PUBLISHING_FIELDSET", "PublicationFieldsMixin", "PublishableAdmin", "needs_publisher"]


class PublishableAdmin(
    BulkActionsMixin,
    CountedInlinesMixin,
    NamedDateTimeMixin,
    PublicationFieldsMixin,
    ReviewAdminMixin,
    HistoryAdminMixin,
    TranslationExchangeAdminMixin,
    VersionAdmin,
):
    """Mixed into every content model's admin, before modeltranslation's TranslationAdmin."""

    form = PublishableAdminForm
    readonly_fields = ("first_published_at", "updated_at", "updated_by", "translation_state")
    actions = ["publish_selected", "unpublish_selected", "confirm_translations_selected", "export_for_translation"]
    object_history_template = "admin/iwgtip/object_history.html"
    change_form_template = "admin/iwgtip/change_form.html"

    # Permissions: editors write drafts, and change published items through a working copy; publication,
    # and deleting what is published, take a publisher.

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        # Changes to a published item go through its working copy: it is published or withdrawn by the
        # review buttons and actions, not by editing its status there.
        published = obj is not None and obj.status == Status.PUBLISHED and "status" not in readonly
        if published and (not self.can_publish(request) or copies.working_copy_of(obj) is not None):
            readonly += ("status",)
        return readonly

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None:
            try:
                check_can_delete(request.user, obj)
            except PermissionDenied:
                return False
        return allowed

    def delete_model(self, request, obj):
        workflow.item_delete(item=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for item in queryset:
            workflow.item_delete(item=item, user=request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            return read_only_fieldsets(self.model, fieldsets)
        extra = ["loaded_version"]
        if obj is not None and obj.outdated_language:
            extra.insert(0, "confirm_translations")
        name, options = fieldsets[-1]
        fieldsets[-1] = (name, {**options, "fields": (*options["fields"], *extra)})
        return fieldsets

    def get_list_display(self, request):
        return (*super().get_list_display(request), "workflow_state_label", "translation_state")

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), TranslationStatusFilter, ReviewFilter)

    # Saving goes through the workflow service, the item with its inlines in one call: version check, roles,
    # working copy, stale flags, what changed, revision, audit log.

    def get_form(self, request, obj=None, **kwargs):
        if kwargs.get("fields"):  # the read-only view names its rich-text fields by their display (see above)
            kwargs["fields"] = [field.__name__ if callable(field) else field for field in kwargs["fields"]]
        form = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "_workflow_refusal", None)
        return type(form.__name__, (form,), {"workflow_refusal": refusal}) if refusal is not None else form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Django's, with the item's working copy shown (and edited) in place of its published rows, and a
        refusal by the workflow shown on the form with the editor's input kept. (Not VersionAdmin's: the
        workflow writes the revisions.)"""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        copy = copies.working_copy_of(obj) if obj is not None else None
        if copy is None or not copy.holds_changes:
            return self._changeform(request, object_id, form_url, extra_context)
        try:
            with copies.working_copy_applied(obj, working_copy=copy):
                response = self._changeform(request, object_id, form_url, extra_context)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
        except (ValidationError, PermissionDenied, workflow.EditConflict) as refusal:
            self.message_user(request, refusal_message(refusal), messages.ERROR)
            return HttpResponseRedirect(request.path)
        return response

    def _changeform(self, request, object_id, form_url, extra_context):
        view = super(VersionAdmin, self).changeform_view
        try:
            return view(request, object_id, form_url, extra_context)
        except (ValidationError, PermissionDenied, workflow.EditConflict) as refusal:
            request._workflow_refusal = refusal  # the form is shown again, with the reason
            return view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(self.workflow_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        """Saved with its rows, in save_related."""

    def save_related(self, request, form, formsets, change):
        def save_rows():
            form.save_m2m()
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

        item = workflow.item_save(
            item=form.instance,
            user=request.user,
            loaded_version=form.cleaned_data.get("loaded_version"),
            save_rows=save_rows,
            confirm_translations=form.cleaned_data.get("confirm_translations", False),
            as_working_copy="_working_copy" in request.POST,
        )
        request._workflow_outcome = getattr(item, "workflow_outcome", "saved")
        self._after_save(request, item)

    def _after_save(self, request, item):
        """The review button the editor pressed, once the save is kept (after the working copy's session)."""
        if "_submit_review" in request.POST:
            message = request.POST.get("review_message", "")
            action = lambda: workflow.item_submit(item=item, user=request.user, message=message)  # noqa: E731
            request._workflow_outcome = "submitted"
        elif "_publish" in request.POST:
            action = lambda: workflow.item_publish(item=item, user=request.user)  # noqa: E731
            request._workflow_outcome = "published"
        else:
            return
        session = copies.current_session(item)
        if session is not None:
            session.keep(action)
        else:
            action()

    def log_addition(self, request, obj, message):
        """The workflow's services keep the audit log, saying what changed."""

    def log_change(self, request, obj, message):
        """The workflow's services keep the audit log, saying what changed."""

    def log_deletion(self, request, obj, object_repr):
        """The workflow's services keep the audit log (item_delete)."""

    def log_deletions(self, request, queryset):
        """The workflow's services keep the audit log (item_delete)."""

    OUTCOME_MESSAGES = {
        "unchanged": _("Nothing was changed, so nothing was saved."),
        "copy": _("Saved in the working copy. The public still sees the published version until it is published."),
        "submitted": _("Saved and submitted for review: the publishers have been told."),
        "published": _("Saved and published."),
    }

    def message_user(self, request, message, level=messages.INFO, extra_tags="", fail_silently=False):
        # Django's "was changed successfully" would not say what became of the change.
        outcome = getattr(request, "_workflow_outcome", None)
        if level == messages.SUCCESS and outcome in self.OUTCOME_MESSAGES:
            message = self.OUTCOME_MESSAGES[outcome]
            request._workflow_outcome = None
        super().message_user(request, message, level, extra_tags, fail_silently)

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

    # Extra views: compare two versions (history.py), preview both languages side by side.

    def get_urls(self):
        extra = [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.side_by_side_view),
                name=self._url_name("side_by_side"),
            ),
        ]
        return extra + super().get_urls()

    # Not VersionAdmin's add and change views: they would wrap the request in a revision of their own; the
    # workflow's services write one revision per change, saying what changed.

    def add_view(self, request, form_url="", extra_context=None):
        return super(VersionAdmin, self).add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "side_by_side_url": reverse(f"admin:{self._url_name('side_by_side')}", args=[object_id]),
        }
        return super(VersionAdmin, self).change_view(request, object_id, form_url, extra_context)

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
