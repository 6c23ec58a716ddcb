from itertools import groupby
from operator import attrgetter

from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from iwgtip_site.csv_export import csv_response
from iwgtip_site.filters import FilteredListMixin, ListFilterForm, apply_filters
from iwgtip_site.navigation import Crumb
from iwgtip_site.pagination import ForgivingPaginationMixin, capped
from iwgtip_site.preview import PreviewMixin
from iwgtip_site.publishing import latest_change

from .models import (
    KIND_PLURALS,
    Instrument,
    InstrumentKind,
    Jurisdiction,
    LegalStatus,
    relation_heading,
)


def _choices(everything, choices):
    """`everything` first: its own words for each filter, so that the French agrees with the label (« Toutes les
    compétences », « Tous les statuts »), which one "All" could not."""
    return [("", everything), *choices.choices]


class InstrumentFilterForm(ListFilterForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_choices(_("All kinds"), InstrumentKind))
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"), required=False, choices=_choices(_("All jurisdictions"), Jurisdiction)
    )
    status = forms.ChoiceField(
        label=_("Legal status"), required=False, choices=_choices(_("All statuses"), LegalStatus)
    )
    lookups = {"status": "legal_status"}


class InstrumentListView(FilteredListMixin, ForgivingPaginationMixin, ListView):
    """All public instruments, grouped by jurisdiction then kind, filterable without JavaScript."""

    model = Instrument
    context_object_name = "instruments"
    paginate_by = 20  # as every list of the site: a page costs the same with 20 instruments or 20,000
    filter_form_class = InstrumentFilterForm

    def get_queryset(self):
        return self.filtered(Instrument.objects.public().light(keep=["summary"])).in_reading_order()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instruments = list(context["instruments"])  # this page's, in reading order
        context["groups"] = []
        for jurisdiction, members in groupby(instruments, key=attrgetter("jurisdiction")):
            kinds = [(KIND_PLURALS[kind], list(items)) for kind, items in groupby(members, key=attrgetter("kind"))]
            context["groups"].append((Jurisdiction(jurisdiction).label, kinds))
        context["date_modified"] = latest_change(instruments)
        context["csv_url"] = reverse("legislation:instrument_list_csv")
        context["breadcrumbs"] = []
        return context


def instrument_list_csv(request):
    """The legislation list as CSV: the same instruments, filters and order, in the reader's language."""
    instruments = apply_filters(InstrumentFilterForm(request.GET), Instrument.objects.public().light(keep=["summary"]))
    columns = [
        (_("Title"), attrgetter("title")),
        (_("Short title"), attrgetter("short_title")),
        (_("Acronym"), attrgetter("acronym")),
        (_("Kind"), lambda item: item.get_kind_display()),
        (_("Jurisdiction"), lambda item: item.get_jurisdiction_display()),
        (_("Legal status"), lambda item: item.get_legal_status_display()),
        (_("Citation"), attrgetter("citation")),
        (_("Summary"), attrgetter("summary")),
        (_("Adopted or signed"), attrgetter("adopted_on")),
        (_("In force in Canada"), attrgetter("in_force_in_canada_on")),
        (_("Date modified"), lambda item: item.updated_at.date()),
        (_("Address"), lambda item: request.build_absolute_uri(item.get_absolute_url())),
    ]
    filename = _("legislation-%(language)s.csv") % {"language": translation.get_language()}
    return csv_response(filename, columns, instruments.in_reading_order())


class InstrumentDetailView(PreviewMixin, DetailView):
    """One instrument: key dates, provisions with deep links, penalties, relations both ways."""

    model = Instrument
    context_object_name = "instrument"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instrument = self.object
        provisions = list(instrument.provisions.all())
        context["provisions"] = provisions
        context["offences"] = [provision for provision in provisions if provision.is_offence]
        context["relation_groups"] = self._relation_groups(instrument)
        context["responsible_organizations"] = capped(instrument.responsible_organizations.public().light())
        context["breadcrumbs"] = [Crumb(_("Legislation"), Instrument.list_url())]
        return context

    @staticmethod
    def _relation_groups(instrument):
        """[(heading, [instrument, ...])], reading each relation from this instrument's end.
        Only instruments the public may see, in the current language, are listed."""
        visible = Instrument.objects.public()
        groups = {}
        # Capped (iwgtip_site.pagination.capped): an instrument's page never grows with the whole list's size.
        for relation in capped(instrument.relations_from.filter(target__in=visible).select_related("target")):
            heading = relation_heading(relation.kind, seen_from_target=False, instrument_kind=instrument.kind)
            groups.setdefault(heading, []).append(relation.target)
        for relation in capped(instrument.relations_to.filter(source__in=visible).select_related("source")):
            heading = relation_heading(relation.kind, seen_from_target=True, instrument_kind=instrument.kind)
            groups.setdefault(heading, []).append(relation.source)
        return [(heading, sorted(items, key=lambda item: item.title)) for heading, items in groups.items()]
