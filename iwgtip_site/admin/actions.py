"""The bulk actions of every content list: publish, return to draft, confirm both languages, and delete,
each offered only to the roles that may take it and refused item by item with the reason."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from iwgtip_site import workflow
from iwgtip_site.workflow.restoring import check_can_delete

from .review import labelled, refusal_message


def needs_publisher(action):
    """Marks an admin action only publishers are offered (see PublishableAdmin.get_actions)."""
    action.requires_publisher = True
    return action


def delete_selected_items(modeladmin, request, queryset):
    """Django's "Delete selected", confirmed as usual, for the items this user may delete; the others (for an
    editor, what is or holds published content) are named, with the reason, and left alone."""
    deletable, refused = [], []
    for item in queryset:
        try:
            check_can_delete(request.user, item)
        except PermissionDenied as refusal:
            refused.append(labelled(item, str(refusal)))
        else:
            deletable.append(item.pk)
    for reason in refused:
        modeladmin.message_user(request, reason, messages.ERROR)
    if deletable:
        return delete_selected(modeladmin, request, queryset.filter(pk__in=deletable))
    return None


class BulkActionsMixin:
    """The actions of PublishableAdmin (its `actions` names them)."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        publisher = self.can_publish(request)
        if not publisher:
            for name, (function, *_rest) in list(actions.items()):
                if getattr(function, "requires_publisher", False):
                    del actions[name]
        if "delete_selected" in actions:  # offered as what it does for this role
            description = _("Delete selected items") if publisher else _("Delete selected drafts")
            actions["delete_selected"] = (delete_selected_items, "delete_selected", description)
        return actions

    def _run_action(self, request, queryset, service, done_message):
        done, refused = 0, []
        for item in queryset:
            try:
                done += bool(service(item=item, user=request.user))
            except (ValidationError, PermissionDenied) as error:
                refused.append(labelled(item, refusal_message(error, self.model)))
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
