from django.urls import path, re_path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.PageDetailView.as_view(), name="home"),
    # Listed last in the site's URLs: whatever no app claims is looked up as a page address.
    re_path(r"^(?P<url_path>(?:[-a-z0-9]+/)+)$", views.PageDetailView.as_view(), name="page_detail"),
]
