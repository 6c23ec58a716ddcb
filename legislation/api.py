"""The legislation in the public API (/api/v1/instruments/): instruments, with their provisions, penalties
and relations on each instrument's own endpoint. Gathered by iwgtip_site/api/urls.py."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from iwgtip_site.api.base import PublicViewSet, absolute

from .models import Instrument, InstrumentKind, InstrumentRelation, Jurisdiction, Provision, relation_heading
from .views import InstrumentFilterForm


class InstrumentLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The instrument's public page.")

    @extend_schema_field(serializers.URLField())
    def get_url(self, instrument):
        return absolute(self.context["request"], instrument.get_absolute_url())


class InstrumentListSerializer(InstrumentLinkSerializer):
    kind = serializers.ChoiceField(choices=InstrumentKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    jurisdiction = serializers.ChoiceField(choices=Jurisdiction.choices)
    jurisdiction_label = serializers.CharField(source="get_jurisdiction_display")
    legal_status = serializers.CharField()
    legal_status_label = serializers.CharField(source="get_legal_status_display")
    short_title = serializers.CharField()
    acronym = serializers.CharField()
    citation = serializers.CharField(help_text="How the instrument is cited, in this language.")
    summary = serializers.CharField()
    date_modified = serializers.DateTimeField(source="updated_at")


class ProvisionSerializer(serializers.ModelSerializer):
    number = serializers.CharField(source="label", help_text='As written: "279.01", "118(1)".')
    cited_as = serializers.CharField(source="display_label", help_text='"s. 279.01", "Art. 3(a)", in this language.')
    anchor = serializers.CharField(help_text="The fragment of the instrument's page that shows it.")
    heading = serializers.CharField()
    text = serializers.CharField(help_text="Sanitized HTML.")
    penalty_note = serializers.CharField()
    max_fine = serializers.IntegerField(allow_null=True, help_text="Canadian dollars.")

    class Meta:
        model = Provision
        fields = [
            "number",
            "cited_as",
            "anchor",
            "heading",
            "text",
            "offence_procedure",
            "max_imprisonment_life",
            "max_imprisonment_years",
            "max_fine",
            "penalty_note",
        ]


class RelationSerializer(serializers.Serializer):
    kind = serializers.CharField()
    heading = serializers.CharField(help_text='How the instrument\'s page reads it: "Supplements", "Amended by".')
    instrument = InstrumentLinkSerializer()


class InstrumentSerializer(InstrumentListSerializer):
    body = serializers.CharField(help_text="Sanitized HTML.")
    official_url = serializers.CharField(help_text="The official text in this language, if any.")
    bill_number = serializers.CharField()
    un_resolution = serializers.CharField()
    adopted_on = serializers.DateField(allow_null=True)
    signed_by_canada_on = serializers.DateField(allow_null=True)
    ratified_by_canada_on = serializers.DateField(allow_null=True)
    canada_consent_kind = serializers.CharField()
    in_force_internationally_on = serializers.DateField(allow_null=True)
    royal_assent_on = serializers.DateField(allow_null=True)
    in_force_in_canada_on = serializers.DateField(allow_null=True)
    last_checked_on = serializers.DateField(allow_null=True)
    provisions = ProvisionSerializer(many=True)
    relations = serializers.SerializerMethodField(help_text="Relations both ways, to public instruments only.")

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, instrument):
        found = []
        for relation in instrument.public_relations_from:
            heading = relation_heading(relation.kind, seen_from_target=False, instrument_kind=instrument.kind)
            found.append({"kind": relation.kind, "heading": heading, "instrument": relation.target})
        for relation in instrument.public_relations_to:
            heading = relation_heading(relation.kind, seen_from_target=True, instrument_kind=instrument.kind)
            found.append({"kind": relation.kind, "heading": heading, "instrument": relation.source})
        return RelationSerializer(found, many=True, context=self.context).data


class InstrumentViewSet(PublicViewSet):
    """Legal instruments: treaties, statutes, bills and regulations, in the order of the public list."""

    model = Instrument
    serializer_class = InstrumentSerializer
    list_serializer_class = InstrumentListSerializer
    filter_form_class = InstrumentFilterForm

    def get_queryset(self):
        instruments = self.public().in_reading_order(self.language)
        if self.action == "list":
            return instruments.light(keep=["summary"])
        visible = Instrument.objects.public(self.language).light()
        return instruments.prefetch_related(
            Prefetch("provisions", queryset=Provision.objects.order_by("order", "pk")),
            Prefetch(
                "relations_from",
                queryset=InstrumentRelation.objects.filter(target__in=visible).select_related("target"),
                to_attr="public_relations_from",
            ),
            Prefetch(
                "relations_to",
                queryset=InstrumentRelation.objects.filter(source__in=visible).select_related("source"),
                to_attr="public_relations_to",
            ),
        )


routes = [("instruments", InstrumentViewSet)]
