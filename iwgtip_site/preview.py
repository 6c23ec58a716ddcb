"""Staff preview, one mixin for every detail view.

The public gets what `public()` lets it see; staff who may edit a kind of item also get its drafts,
scheduled and expired items and, for a published item with changes in progress, its working copy: the
view renders it from real rows, inside a block whose writes are rolled back (iwgtip_site.workflow.copies),
so the page is exactly what the public will see once the changes are published, and nothing of it reaches
the public meanwhile. A preview is bannered and never cached.
"""

from contextlib import ExitStack

from django.utils.cache import add_never_cache_headers

from .publishing import can_preview
from .workflow import copies


class PreviewMixin:
    """For detail views: items with a version in the reader's language that the user may see (a slug is
    looked up in that language's field); for staff, previews as above."""

    working_copy = None

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if not can_preview(request.user, self.model):
            return super().dispatch(request, *args, **kwargs)
        with ExitStack() as self._preview_blocks:
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # inside the block: the template reads the rows the preview shows
        return response

    def get_object(self, queryset=None):
        return self.with_working_copy(super().get_object(queryset))

    def with_working_copy(self, item):
        """The item as its working copy has it, for staff who may edit it (see the module)."""
        if not can_preview(self.request.user, self.model):
            return item
        copy = copies.working_copy_of(item)
        if copy is None or not copy.holds_changes:
            return item
        self._preview_blocks.enter_context(copies.rolled_back())
        self.working_copy = copy
        return copies.snapshot_apply(type(item), item.pk, copy.content)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = self.working_copy is not None or not self.object.is_live()
        context["working_copy"] = self.working_copy
        context["date_modified"] = self.object.updated_at  # the footer's "Date modified"
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview") or self.request.user.is_authenticated:
            add_never_cache_headers(response)
        if can_preview(self.request.user, self.model):
            # The admin shows the English and French versions side by side, framed by this site only.
            response["X-Frame-Options"] = "SAMEORIGIN"
            response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response
