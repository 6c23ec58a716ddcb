"""The pamphlet in the public API (/api/v1/pamphlets/): each pamphlet with its public language editions
(language tag, name in the language itself, writing direction, file size, pages, checksum, download
address). Gathered by iwgtip_site/api/urls.py."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from iwgtip_site.api.base import PublicViewSet, absolute

from .models import Edition, Pamphlet, TextDirection


class EditionSerializer(serializers.Serializer):
    language = serializers.CharField(source="language.code", help_text="Its BCP 47 tag: ar, zh-Hans, pt-BR.")
    language_name = serializers.CharField(source="language.name", help_text="In the language of the answer.")
    endonym = serializers.CharField(source="language.endonym", help_text="In the language itself: العربية.")
    direction = serializers.ChoiceField(source="language.direction", choices=TextDirection.choices)
    media_type = serializers.SerializerMethodField()
    size = serializers.IntegerField(help_text="Bytes.")
    page_count = serializers.IntegerField()
    sha256 = serializers.CharField()
    download_url = serializers.SerializerMethodField(help_text="The file's stable address.")
    date_modified = serializers.DateTimeField(source="updated_at")

    @extend_schema_field(serializers.CharField())
    def get_media_type(self, edition):
        return "application/pdf"

    @extend_schema_field(serializers.URLField())
    def get_download_url(self, edition):
        return absolute(self.context["request"], edition.get_absolute_url())


class PamphletListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    edition_date = serializers.DateField(allow_null=True)
    url = serializers.SerializerMethodField(help_text="The pamphlet's public page.")
    date_modified = serializers.DateTimeField(source="updated_at")
    editions = EditionSerializer(many=True, source="public_editions")

    @extend_schema_field(serializers.URLField())
    def get_url(self, pamphlet):
        return absolute(self.context["request"], pamphlet.get_absolute_url())


class PamphletSerializer(PamphletListSerializer):
    body = serializers.CharField(help_text="The text of the pamphlet, sanitized HTML.")


class PamphletViewSet(PublicViewSet):
    """Pamphlets with their public language editions."""

    model = Pamphlet
    serializer_class = PamphletSerializer
    list_serializer_class = PamphletListSerializer

    def get_queryset(self):
        pamphlets = self.public()
        if self.action == "list":
            pamphlets = pamphlets.light(keep=["summary"])
        editions = Edition.objects.public(self.language).select_related("language").order_by("language__code")
        return pamphlets.prefetch_related(Prefetch("editions", queryset=editions, to_attr="public_editions"))


routes = [("pamphlets", PamphletViewSet)]
