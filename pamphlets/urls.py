from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "pamphlets"

urlpatterns = [
    path("", views.PamphletListView.as_view(), name="pamphlet_list"),
    path("editions.csv", views.edition_list_csv, name="edition_list_csv"),
    path("<slug:slug>/", views.PamphletDetailView.as_view(), name="pamphlet_detail"),
    # The address names the pamphlet and the language (a BCP 47 tag: ar, zh-Hans), never the file,
    # so it stays the same when staff replace the file.
    path("<slug:slug>/<str:code>.pdf", views.edition_download, name="edition_download"),
    path(format_lazy("<slug:slug>/{}.zip", _("all-languages")), views.pamphlet_zip, name="pamphlet_zip"),
]
