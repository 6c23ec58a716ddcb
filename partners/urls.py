from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.OrganizationListView.as_view(), name="organization_list"),
    path("partners.csv", views.organization_list_csv, name="organization_list_csv"),
    # Before the detail route, which would otherwise take this address for an organization's slug.
    path(_("working-group-members/"), views.WorkingGroupMembersView.as_view(), name="working_group_members"),
    path("<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
]
