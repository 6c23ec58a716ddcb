from django.http import Http404
from django.views.generic import DetailView

from iwgtip_site.navigation import Crumb
from iwgtip_site.pagination import paginate
from iwgtip_site.preview import PreviewMixin
from iwgtip_site.publishing import can_preview

from .models import Page, ancestor_paths, pages_with_children

SUBPAGES_PER_PAGE = 20  # as every list of the site (iwgtip_site.pagination)


class PageDetailView(PreviewMixin, DetailView):
    """A content page, found by its address in the current language; the home page is the root."""

    model = Page
    context_object_name = "page"

    def get_queryset(self):
        """The page by its address, and whether the public may see it: live and in the language here, and
        under public pages only, which `_ancestors` checks on the ancestors the breadcrumbs read anyway (a
        page is public when every ancestor is: `Page.objects.public()`, without asking the database twice)."""
        return Page.objects.visible_to(self.request.user, ancestors_public=True)

    def get_object(self, queryset=None):
        """The page and its ancestors in one query: their addresses are the prefixes of its own."""
        path = self.kwargs.get("url_path", "")
        rows = list(self.get_queryset().filter(url_path__in=[path, *ancestor_paths(path)]))
        page = next((row for row in rows if row.url_path == path), None)
        if page is None:
            raise Http404
        shown = self.with_working_copy(page)
        if shown is page:
            self.ancestors = self._checked([row for row in rows if row is not page], page)
        else:  # staff see the working copy, which may sit elsewhere in the tree
            self.ancestors = self._ancestors(shown)
        return shown

    def _ancestors(self, page):
        """The page's ancestors, root first, for the breadcrumbs; 404 unless each is there, live and in the
        language (for staff: in the language), as `Page.objects.public()` requires of a public page's."""
        ancestors = Page.objects.visible_to(self.request.user, ancestors_public=True)
        return self._checked(list(ancestors.filter(url_path__in=page.ancestor_paths()).light()), page)

    @staticmethod
    def _checked(ancestors, page):
        if len(ancestors) != page.depth:
            raise Http404
        return sorted(ancestors, key=lambda ancestor: ancestor.depth)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.object.is_root:
            context["breadcrumbs"] = [Crumb(page.title, page.get_absolute_url()) for page in self.ancestors[1:]]
        if self.object.pk not in pages_with_children():
            context["subpages"] = []
            return context
        # A section lists its subpages a page at a time: a section of 10,000 pages renders like one of 10.
        # A page the public sees has public ancestors: so have its children (staff may preview a hidden one).
        public = not can_preview(self.request.user, Page)
        subpages = self.object.children.public(ancestors_public=public).light(keep=["summary"])
        pages = paginate(self.request, subpages, SUBPAGES_PER_PAGE)
        context.update(pages, subpages=pages["page_obj"].object_list)
        return context
