from itertools import groupby
from operator import attrgetter

from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from iwgtip_site.csv_export import csv_response
from iwgtip_site.filters import FilteredListMixin, ListFilterForm, apply_filters
from iwgtip_site.i18n import language_name
from iwgtip_site.navigation import Crumb
from iwgtip_site.pagination import ForgivingPaginationMixin, capped
from iwgtip_site.preview import PreviewMixin
from iwgtip_site.publishing import latest_change

from .models import KIND_HEADINGS, Organization, OrganizationKind, WorkingGroupRole


class DirectoryFilterForm(ListFilterForm):
    """The directory's filters."""

    kind = forms.ChoiceField(
        label=_("Type of organization"), required=False, choices=[("", _("All types")), *OrganizationKind.choices]
    )
    role = forms.ChoiceField(
        label=_("Role in the working group"),
        required=False,
        choices=[
            ("", _("All roles")),
            (WorkingGroupRole.LEAD, WorkingGroupRole.LEAD.label),
            (WorkingGroupRole.MEMBER, WorkingGroupRole.MEMBER.label),
            (WorkingGroupRole.NONE, _("Not a member")),
        ],
    )
    lookups = {"role": "working_group_role"}


def _directory_crumb():
    return Crumb(_("Partners"), reverse("partners:organization_list"))


class OrganizationListView(FilteredListMixin, ForgivingPaginationMixin, ListView):
    """The directory: the organizations public in the reader's language, grouped by type."""

    model = Organization
    paginate_by = 20  # as every list of the site: a page costs the same with 20 organizations or 20,000
    template_name = "partners/organization_list.html"
    context_object_name = "organizations"
    filter_form_class = DirectoryFilterForm

    def get_queryset(self):
        queryset = self.filtered(Organization.objects.public().in_directory_order())
        return queryset.light(keep=["summary"])  # the cards show the summary, not the long texts

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        shown = list(page.object_list)
        context.update(
            {
                "groups": _group_by_kind(shown),
                "breadcrumbs": [],
                "date_modified": latest_change(shown),
                "csv_url": reverse("partners:organization_list_csv"),
            }
        )
        return context


def organization_list_csv(request):
    """The directory as CSV: the same organizations, filters and order, in the reader's language."""
    organizations = Organization.objects.public().in_directory_order().light(keep=["summary"])
    columns = [
        (_("Name"), attrgetter("name")),
        (_("Acronym"), attrgetter("acronym")),
        (_("Type of organization"), lambda item: item.get_kind_display()),
        (_("Role in the working group"), lambda item: item.get_working_group_role_display()),
        (_("Country or region"), attrgetter("country_or_region")),
        (_("Summary"), attrgetter("summary")),
        (_("Website"), lambda item: item.website_link()[0]),
        (_("Date modified"), lambda item: item.updated_at.date()),
        (_("Address"), lambda item: request.build_absolute_uri(item.get_absolute_url())),
    ]
    filename = _("partners-%(language)s.csv") % {"language": translation.get_language()}
    return csv_response(filename, columns, apply_filters(DirectoryFilterForm(request.GET), organizations))


def _group_by_kind(organizations):
    """[{"kind", "heading", "organizations"}] in the order given (the queryset sorts by kind)."""
    return [
        {"kind": kind, "heading": KIND_HEADINGS[kind], "organizations": list(members)}
        for kind, members in groupby(organizations, key=attrgetter("kind"))
    ]


class WorkingGroupMembersView(ListView):
    """The Interdepartmental Working Group's members, from the organizations' records: the lead first."""

    model = Organization
    template_name = "partners/working_group_members.html"
    context_object_name = "members"

    def get_queryset(self):
        return Organization.objects.public().working_group().light(keep=["summary"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = list(context["members"])
        context.update(
            {
                "members": members,
                "breadcrumbs": [_directory_crumb()],
                "date_modified": latest_change(members),
            }
        )
        return context


class OrganizationDetailView(PreviewMixin, DetailView):
    """An organization's page, found by its slug in the reader's language."""

    model = Organization
    context_object_name = "organization"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url, language = self.object.website_link()
        website = None
        if url:
            # A site in the other language is linked too, and said to be in that language.
            other_language = language if language != translation.get_language() else None
            website = {
                "url": url,
                "text": _readable_address(url),
                "language": other_language,
                "language_name": language_name(language) if other_language else None,
            }
        context.update(
            {
                "breadcrumbs": [_directory_crumb()],
                "website": website,
                # Its links elsewhere on the site, through the relations (this app imports no other).
                "responsible_for": capped(self.object.responsible_for.public().light()),
                "distributes": capped(self.object.distributes.public().light()),
            }
        )
        return context


def _readable_address(url):
    """The link text readers see: "https://www.osce.org/" becomes "www.osce.org"."""
    address = url.split("://", 1)[-1]
    return address[:-1] if address.endswith("/") and address.count("/") == 1 else address
