"""The API's addresses alone, as a URLconf: what Django's LocaleMiddleware and CommonMiddleware consult
after an API view has answered (see `base.keep_out_of_language_prefixes`)."""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("iwgtip_site.api.urls"))]
