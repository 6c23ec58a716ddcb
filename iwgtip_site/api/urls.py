"""/api/v1/: every app's endpoints (its `api.py` lists them in `routes`), the OpenAPI document and its
documentation page. Anything else under /api/v1/ is a JSON 404."""

from csp.decorators import csp_update
from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from ..hooks import app_hooks
from .base import AnonymousThrottle, keep_out_of_language_prefixes

app_name = "api"

router = SimpleRouter()
for module in app_hooks("api"):
    for prefix, viewset in getattr(module, "routes", ()):  # (django.contrib.messages has an api module too)
        router.register(prefix, viewset, basename=viewset.model._meta.model_name)


class OpenAPIDocument(SpectacularJSONAPIView):
    """The OpenAPI 3 document, generated from the code: each endpoint's parameters, answers and errors."""

    throttle_classes = [AnonymousThrottle]


@method_decorator(csp_update({"style-src": ["'unsafe-inline'"]}), name="dispatch")
class Documentation(SpectacularSwaggerSplitView):
    """Swagger UI, its files and its start-up script served by this site (the Content Security Policy
    allows scripts from this site only). Swagger UI sets inline styles as it renders: allowed on this page
    only, as in the admin; scripts stay this site's own."""

    throttle_classes = [AnonymousThrottle]


def not_found(request, rest=""):
    keep_out_of_language_prefixes(request)
    return JsonResponse(
        {"detail": _("There is nothing at this address. The API is described at /api/v1/openapi.json.")}, status=404
    )


urlpatterns = [
    path("openapi.json", OpenAPIDocument.as_view(), name="schema"),
    path("docs/", Documentation.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    re_path(r"^(?P<rest>.*)$", not_found),
]
