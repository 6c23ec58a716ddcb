"""What operators see: a request id in every log line and response, one log line per request, and (when
SENTRY_DSN is set) error reports that carry nothing about the reader.

Request ids are django-guid's: a new one for each request, or the X-Request-ID the front proxy set (a
UUID, checked), returned in the response's X-Request-ID header and added to every log line of the request
by its logging filter. The header is honoured only when the site is behind a proxy (TRUSTED_PROXY_COUNT),
so a reader cannot choose the ids written in the logs (`UntrustedRequestIdMiddleware`).

Error reports go to Sentry (sentry-sdk) only when SENTRY_DSN is set, and hold no personal data: no
cookies, IP address, user, request body, query string, headers that identify the reader, or local
variables (`without_personal_data`).
"""

import logging
import time

from django.conf import settings

REQUEST_ID_HEADER = "X-Request-ID"
# Request headers never sent with an error report: they identify the reader or their session.
PERSONAL_HEADERS = {
    "cookie",
    "authorization",
    "x-forwarded-for",
    "x-real-ip",
    "forwarded",
    "x-csrftoken",
    "referer",
    "user-agent",
}

request_log = logging.getLogger("iwgtip_site.requests")


class UntrustedRequestIdMiddleware:
    """Before django-guid's middleware: a request id sent by the client itself (no proxy in front) is ignored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.TRUSTED_PROXY_COUNT <= 0:
            request.META.pop("HTTP_X_REQUEST_ID", None)
        return self.get_response(request)


class RequestLogMiddleware:
    """One structured line per request: method, path (never the query string), status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        if request.path_info == "/healthz":  # asked every few seconds by the load balancer: not worth a line
            return response
        request_log.info(
            "method=%s path=%s status=%s duration_ms=%d",
            request.method,
            request.path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response


def without_personal_data(event, hint=None):
    """Sentry's before_send: the event without anything that identifies the reader."""
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "env", "query_string"):
            request.pop(key, None)
        headers = request.get("headers") or {}
        request["headers"] = {name: value for name, value in headers.items() if name.lower() not in PERSONAL_HEADERS}
        if isinstance(request.get("url"), str):
            request["url"] = request["url"].split("?")[0]
    return event


def start_error_reporting(dsn, *, environment, release=None):
    """Send errors to Sentry when `dsn` is set (settings: SENTRY_DSN); returns whether it was started."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,  # a frame's variables may hold a password or a comment
        max_request_body_size="never",
        traces_sample_rate=0,
        before_send=without_personal_data,
    )
    return True
