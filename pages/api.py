"""Content pages in the public API (/api/v1/pages/): a page is listed only where a reader can open it
(its sections public too). Gathered by iwgtip_site/api/urls.py."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from iwgtip_site.api.base import PublicViewSet, absolute

from .models import Page


class PageListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True, help_text="Empty for the home page.")
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The page's public address.")
    date_modified = serializers.DateTimeField(source="updated_at")

    @extend_schema_field(serializers.URLField())
    def get_url(self, page):
        return absolute(self.context["request"], page.get_absolute_url())


class PageSerializer(PageListSerializer):
    meta_description = serializers.CharField()
    body = serializers.CharField(help_text="Sanitized HTML.")


class PageViewSet(PublicViewSet):
    """Content pages, in the order of the tree's addresses (a section before its pages)."""

    model = Page
    serializer_class = PageSerializer
    list_serializer_class = PageListSerializer

    def get_queryset(self):
        pages = self.public().order_by(f"url_path_{self.language}", "pk")
        return pages.light(keep=["summary"]) if self.action == "list" else pages


routes = [("pages", PageViewSet)]
