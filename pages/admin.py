from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from iwgtip_site.admin.base import PUBLISHING_FIELDSET, PublishableAdmin
from iwgtip_site.admin.review import refusal_message
from iwgtip_site.i18n import LANGUAGE_CODES
from iwgtip_site.publishing import Status

from .models import Page
from .tree import page_descendant_ids, page_move, page_move_down, page_move_up, page_tree


class DepthFilter(admin.SimpleListFilter):
    title = _("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [("0", _("Home page")), ("1", _("Sections")), ("2", _("Sub-pages"))]

    def queryset(self, request, queryset):
        if self.value() in ("0", "1"):
            return queryset.filter(depth=int(self.value()))
        if self.value() == "2":
            return queryset.filter(depth__gte=2)
        return queryset


@admin.register(Page)
class PageAdmin(PublishableAdmin, TranslationAdmin):
    list_display = ("tree_title", "publication_state_label", "show_in_menu", "sort_order", "updated_at", "view_links")
    list_filter = ("status", DepthFilter, "show_in_menu")
    search_fields = ("title_en", "title_fr", "slug_en", "slug_fr", "summary_en", "summary_fr", "body_en", "body_fr")
    # The tree, in reading order: a page's address starts with its parent's.
    ordering = ("url_path_en", "url_path_fr")
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("parent",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "parent", "sort_order", "show_in_menu")}),
        (_("Content"), {"fields": ("summary", "body")}),
        (_("Search engines"), {"fields": ("meta_description",), "classes": ("collapse",)}),
        PUBLISHING_FIELDSET,
    )

    @admin.display(description=_("title"), ordering="url_path_en")
    def tree_title(self, obj):
        """The title indented by depth, so the list reads as the tree."""
        return format_html(
            '<span class="tree-depth" data-depth="{}">{}{}</span>', obj.depth, "— " * obj.depth, str(obj)
        )

    # The tree (pages.tree): the list, when no search or filter narrows it, shows every page in menu order,
    # nested, with buttons that move a page up, down or under another parent.
    change_list_template = "admin/pages/page/change_list.html"

    class Media:
        css = {"all": ("pages/admin/page_tree.css",)}

    def get_urls(self):
        extra = [
            path("move/", self.admin_site.admin_view(self.move_view), name="pages_page_move"),
            path(
                "<path:object_id>/move/", self.admin_site.admin_view(self.move_under_view), name="pages_page_move_under"
            ),
        ]
        return extra + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if request.method == "GET" and not request.GET:
            extra_context["page_tree"] = self._tree(request)
        return super().changelist_view(request, extra_context)

    def _tree(self, request):
        pages = list(self.get_queryset(request).defer(*(f"body_{code}" for code in LANGUAGE_CODES)))
        movable = self.has_change_permission(request)
        publisher = self.can_publish(request)
        for page in pages:
            badges = (self.publication_state_label(page), self.workflow_state_label(page), self.translation_state(page))
            page.tree_badges = format_html("{} {} {}", *badges)
            page.tree_movable = movable and (publisher or page.status != Status.PUBLISHED)
        return page_tree(pages)

    def _moved(self, request, page, moved, message):
        if moved:
            self.message_user(request, message % {"page": page}, messages.SUCCESS)
        return HttpResponseRedirect(f"{reverse('admin:pages_page_changelist')}#page-{page.pk}")

    def move_view(self, request):
        """POST up=<pk> or down=<pk>: one place up or down among its siblings."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        direction = "up" if "up" in request.POST else "down"
        page = self._movable_page(request, request.POST.get(direction))
        move = page_move_up if direction == "up" else page_move_down
        try:
            moved = move(page=page, user=request.user)
        except (ValidationError, PermissionDenied) as refusal:
            self.message_user(request, refusal_message(refusal), messages.ERROR)
            return self._moved(request, page, False, "")
        message = _("“%(page)s” moved up.") if direction == "up" else _("“%(page)s” moved down.")
        return self._moved(request, page, moved, message)

    def _movable_page(self, request, object_id):
        page = self.get_object(request, str(object_id or ""))
        if page is None:
            raise Http404
        if not self.has_change_permission(request, page):
            raise PermissionDenied
        return page

    def move_under_view(self, request, object_id):
        """Choose the page's new parent; it becomes that page's last sub-page."""
        page = self._movable_page(request, unquote(object_id))
        form = PageMoveForm(request.POST or None, page=page)
        if request.method == "POST" and form.is_valid():
            try:
                moved = page_move(page=page, user=request.user, parent=form.cleaned_data["parent"])
            except ValidationError as refusal:
                form.add_error("parent", refusal.messages)
            except PermissionDenied as refusal:
                form.add_error(None, str(refusal))
            else:
                message = _("“%(page)s” moved: its address and its sub-pages’ follow.")  # noqa: RUF001
                return self._moved(request, page, moved, message)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Move “%(page)s”") % {"page": page},
            "opts": self.model._meta,
            "original": page,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/pages/page/move.html", context)


class PageMoveForm(forms.Form):
    """The new parent of a page: any page but itself and its sub-pages, listed as the tree."""

    parent = forms.ModelChoiceField(
        label=_("New parent page"),
        queryset=Page.objects.none(),
        help_text=_("The page becomes the last sub-page of the page you choose; its address changes with it."),
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        excluded = {page.pk, *page_descendant_ids(page)}
        pages = Page._default_manager.exclude(pk__in=excluded)
        nodes = page_tree(list(pages.only("pk", "parent", "sort_order", *(f"title_{code}" for code in LANGUAGE_CODES))))
        self.fields["parent"].queryset = Page._default_manager.exclude(pk__in=excluded)
        self.fields["parent"].choices = [(node.page.pk, label) for node, label in _indented(nodes)]
        self.fields["parent"].initial = page.parent_id


def _indented(nodes, depth=0):
    for node in nodes:
        yield node, f"{'— ' * depth}{node.page}"
        yield from _indented(node.children, depth + 1)
