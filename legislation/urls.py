from django.urls import path

from . import views

app_name = "legislation"

urlpatterns = [
    path("", views.InstrumentListView.as_view(), name="instrument_list"),
    path("legislation.csv", views.instrument_list_csv, name="instrument_list_csv"),
    path("<slug:slug>/", views.InstrumentDetailView.as_view(), name="instrument_detail"),
]
