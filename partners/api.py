"""The partner directory in the public API (/api/v1/organizations/), filtered as the directory is.
Gathered by iwgtip_site/api/urls.py."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from iwgtip_site.api.base import PublicViewSet, absolute

from .models import Organization, OrganizationKind, WorkingGroupRole
from .views import DirectoryFilterForm


class OrganizationListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    acronym = serializers.CharField()
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    working_group_role = serializers.ChoiceField(choices=WorkingGroupRole.choices)
    country_or_region = serializers.CharField()
    summary = serializers.CharField()
    website = serializers.SerializerMethodField(help_text="Its website in this language, else in the other one.")
    website_language = serializers.SerializerMethodField(help_text="The language of that website.")
    url = serializers.SerializerMethodField(help_text="The organization's public page.")
    date_modified = serializers.DateTimeField(source="updated_at")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_website(self, organization):
        return organization.website_link()[0]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_website_language(self, organization):
        return organization.website_link()[1]

    @extend_schema_field(serializers.URLField())
    def get_url(self, organization):
        return absolute(self.context["request"], organization.get_absolute_url())


class OrganizationSerializer(OrganizationListSerializer):
    description = serializers.CharField(help_text="Sanitized HTML.")
    canada_participation = serializers.CharField(help_text="Sanitized HTML.")
    responsible_for = serializers.SerializerMethodField(help_text="Ids of the public instruments it leads.")
    distributes = serializers.SerializerMethodField(help_text="Ids of the public pamphlets it distributes.")

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_responsible_for(self, organization):
        return [item.pk for item in organization.public_responsible_for]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_distributes(self, organization):
        return [item.pk for item in organization.public_distributes]


class OrganizationViewSet(PublicViewSet):
    """Partner organizations, in the directory's order (by type, then by name)."""

    model = Organization
    serializer_class = OrganizationSerializer
    list_serializer_class = OrganizationListSerializer
    filter_form_class = DirectoryFilterForm

    def get_queryset(self):
        organizations = self.public().in_directory_order(self.language)
        if self.action == "list":
            return organizations.light(keep=["summary"])
        # The related models through the relations' own managers: this app imports no other.
        instruments = Organization.responsible_for.field.related_model._default_manager
        pamphlets = Organization.distributes.field.related_model._default_manager
        return organizations.prefetch_related(
            Prefetch(
                "responsible_for",
                queryset=instruments.public(self.language).light().order_by("pk"),
                to_attr="public_responsible_for",
            ),
            Prefetch(
                "distributes",
                queryset=pamphlets.public(self.language).light().order_by("pk"),
                to_attr="public_distributes",
            ),
        )


routes = [("organizations", OrganizationViewSet)]
