from django.urls import path, re_path
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
    # The same edition's text as a web page, its accessible version: the same stable naming.
    # (A language tag has letters, digits and hyphens only: "all-languages.zip/" is no edition's page.)
    re_path(r"^(?P<slug>[-a-zA-Z0-9_]+)/(?P<code>[a-zA-Z0-9-]+)/$", views.edition_text, name="edition_text"),
    path(format_lazy("<slug:slug>/{}.zip", _("all-languages")), views.pamphlet_zip, name="pamphlet_zip"),
]
