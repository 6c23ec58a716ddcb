"""Review in the admin: the state of an item's changes at a glance, its working copy edited in the change
form, and the screens that move it on (submit, review: approve now or later or request changes, discard).
The moves themselves are the workflow's (`item_submit`, `item_approve`, `item_request_changes`,
`item_discard`), which check who may make them: a crafted POST can do no more than the buttons offer."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from iwgtip_site import workflow
from iwgtip_site.publishing import Status
from iwgtip_site.workflow import copies
from iwgtip_site.workflow.changes import field_label, snapshot_changes
from iwgtip_site.workflow.models import ReviewState
from iwgtip_site.workflow.roles import can_publish

from .accessible import name_date_and_time


def refusal_message(refusal, model=None):
    """What the editor reads when the workflow refused a change. A field's error names the field, in its
    language ("Title (French): This field cannot be blank."), when `model` is given."""
    if isinstance(refusal, workflow.EditConflict):
        return refusal.message()
    if isinstance(refusal, ValidationError):
        if model is None or not hasattr(refusal, "error_dict"):
            return " ".join(refusal.messages)
        return " ".join(
            message if name == NON_FIELD_ERRORS else labelled(field_label(model._meta.label_lower, name), message)
            for name, messages in refusal.message_dict.items()
            for message in messages
        )
    return str(refusal)


def labelled(label, text):
    """ "label: text", with the colon as the reader's language writes it."""
    return _("%(label)s: %(text)s") % {"label": label, "text": text}


def workflow_state(item, copy):
    """(key, label) of where an item stands, as editors and publishers see it in lists and forms."""
    published = item.status == Status.PUBLISHED
    if copy is None or (published and not copy.holds_changes):
        return ("published", _("Published")) if published else ("draft", _("Draft"))
    if not published:
        labels = {
            ReviewState.IN_REVIEW: _("In review"),
            ReviewState.CHANGES_REQUESTED: _("Changes requested"),
        }
        return copy.state, labels.get(copy.state, _("Draft"))
    labels = {
        ReviewState.EDITING: _("Published, with changes in progress"),
        ReviewState.IN_REVIEW: _("Published, with changes in review"),
        ReviewState.CHANGES_REQUESTED: _("Published, with changes requested"),
        ReviewState.SCHEDULED: _("Published, with changes scheduled"),
    }
    return f"published-{copy.state}", labels[copy.state]


class ReviewForm(forms.Form):
    """What a publisher decides about changes in review."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", _("Approve and publish now")),
            ("schedule", _("Approve and publish at a chosen time")),
            ("request_changes", _("Request changes")),
        ],
    )
    publish_at = forms.SplitDateTimeField(
        label=_("Publish at"), required=False, help_text=_("For “at a chosen time”: the date and time to publish.")
    )
    comment = forms.CharField(
        label=_("Comment for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you request changes: say what should change."),
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_date_and_time(self.fields["publish_at"].widget, self.fields["publish_at"].label)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "schedule":
            moment = cleaned.get("publish_at")
            if moment is None:
                self.add_error("publish_at", _("Give the date and time to publish at."))
            elif moment <= timezone.now():
                self.add_error("publish_at", _("Choose a time in the future, or approve and publish now."))
        if cleaned.get("decision") == "request_changes" and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Say what should change: the author reads this comment."))
        return cleaned


class ReviewAdminMixin:
    """Review screens and state columns, for PublishableAdmin."""

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/review/", self.admin_site.admin_view(self.review_view), name=self._url_name("review")
            ),
            path(
                "<path:object_id>/discard/",
                self.admin_site.admin_view(self.discard_view),
                name=self._url_name("discard"),
            ),
        ]
        return [*urls, *super().get_urls()]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("working_copies")

    @staticmethod
    def _copy(obj):
        """The item's working copy, through the list's prefetch when there is one."""
        cache = getattr(obj, "_prefetched_objects_cache", {})
        if "working_copies" in cache:
            return next(iter(cache["working_copies"]), None)
        return copies.working_copy_of(obj)

    @admin.display(description=_("review"))
    def workflow_state_label(self, obj):
        key, label = workflow_state(obj, self._copy(obj))
        return format_html('<span class="workflow-state workflow-state--{}">{}</span>', key, label)

    def workflow_context(self, request, obj):
        """What the change form shows and offers about the item's changes and their review."""
        if obj is None:
            return {"workflow": {"publisher": self.can_publish(request), "new": True}}
        copy = copies.working_copy_of(obj)
        key, label = workflow_state(obj, copy)
        published = obj.status == Status.PUBLISHED
        return {
            "workflow": {
                "state": key,
                "label": label,
                "copy": copy,
                "published": published,
                "publisher": self.can_publish(request),
                "in_copy": published and ((copy is not None and copy.holds_changes) or not self.can_publish(request)),
                "can_submit": copy is None or copy.state in (ReviewState.EDITING, ReviewState.CHANGES_REQUESTED),
                "review_url": reverse(f"admin:{self._url_name('review')}", args=[quote(obj.pk)]),
                "discard_url": reverse(f"admin:{self._url_name('discard')}", args=[quote(obj.pk)]),
            }
        }

    # Screens

    def _redirect_to_item(self, obj):
        return HttpResponseRedirect(reverse(f"admin:{self._url_name('change')}", args=[quote(obj.pk)]))

    def review_view(self, request, object_id):
        """The changes in review beside the published version; publishers approve or send them back."""
        obj = self._object_or_404(request, object_id)
        copy = copies.working_copy_of(obj)
        publisher = can_publish(request.user, self.model)
        form = ReviewForm(request.POST or None, initial={"loaded_version": copy.version if copy else obj.edit_version})
        if request.method == "POST":
            if not publisher:
                raise PermissionDenied
            if form.is_valid():
                try:
                    self._decide(request, obj, form.cleaned_data)
                except (ValidationError, workflow.EditConflict) as refusal:
                    text = (
                        refusal.message() if isinstance(refusal, workflow.EditConflict) else " ".join(refusal.messages)
                    )
                    form.add_error(None, text)
                else:
                    return self._redirect_to_item(obj)
        rows = []
        if copy is not None and copy.holds_changes:
            live = copies.snapshot(obj)
            rows = self.snapshot_rows(snapshot_changes(live, copy.content))
        context = self._context(
            request,
            obj,
            _("Review the changes to %(item)s") % {"item": obj},
            copy=copy,
            rows=rows,
            form=form,
            publisher=publisher,
            **self.workflow_context(request, obj),
        )
        return TemplateResponse(request, "admin/iwgtip/review.html", context)

    def _decide(self, request, obj, data):
        version = data.get("loaded_version")
        if data["decision"] == "request_changes":
            workflow.item_request_changes(item=obj, user=request.user, comment=data["comment"], loaded_version=version)
            self.message_user(request, _("The changes were sent back to their author with your comment."))
        elif data["decision"] == "schedule":
            workflow.item_approve(item=obj, user=request.user, at=data["publish_at"], loaded_version=version)
            self.message_user(request, _("Approved: the changes will be published at the time you chose."))
        else:
            workflow.item_approve(item=obj, user=request.user, loaded_version=version)
            self.message_user(request, _("Approved: the changes are published."))

    def discard_view(self, request, object_id):
        """Drop the working copy (or withdraw a draft from review), after confirmation."""
        obj = self._object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        copy = copies.working_copy_of(obj)
        if request.method == "POST":
            try:
                workflow.item_discard(item=obj, user=request.user)
            except ValidationError as refusal:
                self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            else:
                self.message_user(request, _("The working copy was discarded: the published version is unchanged."))
            return self._redirect_to_item(obj)
        context = self._context(request, obj, _("Discard the changes to %(item)s") % {"item": obj}, copy=copy)
        return TemplateResponse(request, "admin/iwgtip/discard.html", context)
