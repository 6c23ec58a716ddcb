"""Settings of the public API (/api/v1/, iwgtip_site/api/), read by base.py."""

import environ

env = environ.Env()

# The public API (/api/v1/, iwgtip_site/api/): read-only, anonymous, JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # (The throttle and the pagination are set on the API's views: these settings are read when Django REST
    # framework's own views are defined, before iwgtip_site.api.base can be imported.)
    "DEFAULT_SCHEMA_CLASS": "iwgtip_site.api.base.PublicAPISchema",
    "EXCEPTION_HANDLER": "iwgtip_site.api.base.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
# Requests per client address that reach the API's views (answers from the page cache are not counted).
API_ANONYMOUS_RATE = env("API_ANONYMOUS_RATE", default="120/m")
SPECTACULAR_SETTINGS = {
    "TITLE": "IWGTIP open data API",
    "DESCRIPTION": (
        "What the public may see on the site of Canada's Interdepartmental Working Group on Trafficking in "
        "Persons, as data: content pages, legislation, partner organizations and the pamphlet's language editions. "
        "Every endpoint takes lang=en or lang=fr."
    ),
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "InstrumentKindEnum": "legislation.models.InstrumentKind",
        "OrganizationKindEnum": "partners.models.OrganizationKind",
    },
}
# Other sites may read the API (and only the API) from their pages' scripts: GET, no cookies.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
