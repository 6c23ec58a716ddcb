from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from iwgtip_site.admin.base import PUBLISHING_FIELDSET, PublishableAdmin

from .models import Page


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
