"""What every endpoint of the public API shares: the language parameter, page numbers, the filters of the
public lists, JSON errors, the anonymous throttle and the parts of the OpenAPI document that say so.

- **Language**: `?lang=en` or `?lang=fr`, required on every endpoint (both official languages are equal:
  neither is a default). An item is listed in a language only if it is public in it.
- **What is listed**: `Model.objects.public(language)`, the one public rule; a viewset's `get_queryset`
  starts from `self.public()` and adds only its ordering, `light()` and prefetches of public rows.
- **Bad input** (an unknown language, a page number that is not one, an unknown filter value) is a 400
  whose JSON body names each parameter (`{"detail": ..., "errors": {"page": [...]}}`), never a 500.
- **Validators and caching**: answers are anonymous public GETs, so the page cache (iwgtip_site/caching.py)
  stores them with a weak ETag and Last-Modified, answers conditional requests with 304 and drops them
  whenever any content changes, on every server.
- **Throttling**: each client address has `API_ANONYMOUS_RATE` requests that reach a view (answers from the
  page cache cost one cache round trip and are not counted), counted in the shared cache with django-ratelimit
  as page feedback is; then 429 with Retry-After.
"""

import logging
import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.core import is_ratelimited
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, serializers, viewsets
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler as rest_exception_handler

from ..filters import apply_filters
from ..i18n import LANGUAGE_CODES
from ..pagination import Paginator

logger = logging.getLogger(__name__)

LANGUAGE_PARAMETER = "lang"
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE_NUMBER = 999_999
# What the site's own links write: ASCII digits (int() would also take "²", " 2" or "1_0").
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}", re.ASCII)


# Language -----------------------------------------------------------------------------------------------


def requested_language(request):
    """The `lang` parameter, checked: one of the site's languages."""
    language = request.query_params.get(LANGUAGE_PARAMETER)
    if language not in LANGUAGE_CODES:
        raise exceptions.ValidationError(
            {
                LANGUAGE_PARAMETER: [
                    _("Choose the language of the answer: lang=en (English) or lang=fr (French).")
                    if language is None
                    else _("“%(value)s” is not a language of this site: use lang=en (English) or lang=fr (French).")
                    % {"value": language[:20]}
                ]
            }
        )
    return language


# Pages of results -------------------------------------------------------------------------------------


def _whole_number(request, name, *, default, maximum):
    value = request.query_params.get(name)
    if value is None:
        return default
    if not _WHOLE_NUMBER.fullmatch(value) or not 1 <= int(value) <= maximum:
        raise exceptions.ValidationError(
            {name: [_("Give a whole number from 1 to %(maximum)s.") % {"maximum": f"{maximum:,}".replace(",", " ")}]}
        )
    return int(value)


class PageNumbers(BasePagination):
    """`?page=2&page_size=50`: pages of at most MAX_PAGE_SIZE items. A page number that is not one (or past
    MAX_PAGE_NUMBER) is a 400; a page past the last is a 404 that says how many there are (the request is
    well formed, there is just no such page)."""

    def paginate_queryset(self, queryset, request, view=None):
        number = _whole_number(request, "page", default=1, maximum=MAX_PAGE_NUMBER)
        size = _whole_number(request, "page_size", default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        paginator = Paginator(queryset, size)
        if number > paginator.num_pages:
            raise exceptions.NotFound(
                _("There is no page %(number)s: the last page is %(last)s.")
                % {"number": number, "last": paginator.num_pages}
            )
        self.request = request
        self.page = paginator.page(number)
        return list(self.page.object_list)

    def _link(self, number):
        url = self.request.build_absolute_uri()
        return remove_query_param(url, "page") if number == 1 else replace_query_param(url, "page", number)

    def get_paginated_response(self, data):
        page = self.page
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "next": self._link(page.next_page_number()) if page.has_next() else None,
                "previous": self._link(page.previous_page_number()) if page.has_previous() else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "page", "pages", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0, "description": "How many items match, on all pages."},
                "page": {"type": "integer", "minimum": 1},
                "pages": {"type": "integer", "minimum": 1},
                "next": link,
                "previous": link,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        def number(name, maximum, description):
            return {
                "name": name,
                "in": "query",
                "required": False,
                "description": description,
                "schema": {"type": "integer", "minimum": 1, "maximum": maximum},
            }

        return [
            number("page", MAX_PAGE_NUMBER, "The page of results (1 if absent)."),
            number("page_size", MAX_PAGE_SIZE, f"Items per page ({DEFAULT_PAGE_SIZE} if absent)."),
        ]


# Throttling and errors --------------------------------------------------------------------------------


class AnonymousThrottle(BaseThrottle):
    """API_ANONYMOUS_RATE requests per client address ("120/m"), counted in the shared cache."""

    def allow_request(self, request, view):
        try:
            return not is_ratelimited(
                request._request, group="api", key="ip", rate=settings.API_ANONYMOUS_RATE, increment=True
            )
        except Exception:  # the cache is down: the API is read-only and each answer's queries are bounded
            logger.exception("API throttle unavailable; the request is answered")
            return True

    def wait(self):
        _count, _slash, period = settings.API_ANONYMOUS_RATE.partition("/")
        return {"s": 1, "m": 60, "h": 3600, "d": 86400}.get(period[-1:], 60)


def exception_handler(error, context):
    """Every error the API answers, as `{"detail": "...", "errors": {"parameter": ["..."]}}` (errors for
    bad parameters only). Anything else is a bug: Django's 500 (logged, reported)."""
    response = rest_exception_handler(error, context)
    if response is None:
        return None
    if isinstance(error, exceptions.ValidationError):
        errors = error.detail if isinstance(error.detail, dict) else {"request": error.detail}
        response.data = {
            "detail": _("The request has parameters that are not valid: see errors."),
            "errors": {name: [str(message) for message in messages] for name, messages in errors.items()},
        }
    else:
        response.data = {"detail": str(getattr(error, "detail", response.status_text))}
    return response


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=gettext_lazy("What went wrong, in the language asked for."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=gettext_lazy("For each parameter that is not valid, what is wrong with it."),
    )


# The schema ---------------------------------------------------------------------------------------------


class PublicAPISchema(AutoSchema):
    """Adds what every endpoint shares to the OpenAPI document: the `lang` parameter, the public list's
    filters, and the error answers."""

    def get_override_parameters(self):
        parameters = [
            OpenApiParameter(
                LANGUAGE_PARAMETER,
                str,
                OpenApiParameter.QUERY,
                required=True,
                enum=list(LANGUAGE_CODES),
                description="The language of the answer: en (English) or fr (French).",
            )
        ]
        form_class = getattr(self.view, "filter_form_class", None)
        if form_class is not None and getattr(self.view, "action", None) == "list":
            for name, field in form_class.base_fields.items():
                parameters.append(
                    OpenApiParameter(
                        name,
                        str,
                        OpenApiParameter.QUERY,
                        enum=[value for value, _label in field.choices if value],
                        description=f"{field.label} (the public list's filter).",
                    )
                )
        elif getattr(self.view, "action", None) == "retrieve":
            parameters.append(
                OpenApiParameter(
                    "id", int, OpenApiParameter.PATH, description="The item's id, the same in both languages."
                )
            )
        return parameters + super().get_override_parameters()

    def get_response_serializers(self):
        # 404: no such item, or no such page of a list.
        return {
            200: super().get_response_serializers(),
            400: ErrorSerializer,
            404: ErrorSerializer,
            429: ErrorSerializer,
        }


# The viewsets -------------------------------------------------------------------------------------------


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """A list and a detail endpoint of one content type. Subclasses set `model`, `serializer_class` (the
    detail), `list_serializer_class`, optionally `filter_form_class` (the public list's form) and
    `get_queryset` from `self.public()`."""

    model = None
    throttle_classes = [AnonymousThrottle]
    pagination_class = PageNumbers
    list_serializer_class = None
    filter_form_class = None
    http_method_names = ["get", "head", "options"]
    # Ids only: a slug is translated, an id names the same item in both languages.
    lookup_value_regex = "[^/]+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # the throttle first: a flood of bad requests is counted
        self.language = requested_language(request)
        translation.activate(self.language)

    def public(self):
        """What the public may see in the requested language: the one rule."""
        return self.model._default_manager.public(self.language)

    def get_serializer_class(self):
        if self.action == "list" and self.list_serializer_class is not None:
            return self.list_serializer_class
        return self.serializer_class

    def filter_queryset(self, queryset):
        if self.action != "list" or self.filter_form_class is None:
            return queryset
        form = self.filter_form_class(self.request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError({name: list(messages) for name, messages in form.errors.items()})
        return apply_filters(form, queryset)

    def get_object(self):
        if not _WHOLE_NUMBER.fullmatch(str(self.kwargs.get(self.lookup_field, ""))):
            raise exceptions.NotFound(_("There is no such item: an item's id is a whole number."))
        return super().get_object()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "language", None):
            response["Content-Language"] = self.language
        keep_out_of_language_prefixes(request._request)
        return response


def keep_out_of_language_prefixes(request):
    """The API's addresses have no language prefix. On a 404, LocaleMiddleware would redirect to
    /en/<the same address>, which the page tree claims: told that the site's URLs are the API's alone (after
    the view, so links in the answer are unaffected), it leaves the JSON 404 as it is."""
    request.urlconf = "iwgtip_site.api.unprefixed"


def absolute(request, path):
    return request.build_absolute_uri(path)
