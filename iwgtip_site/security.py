"""Security plumbing: the request guard (hostile addresses refused before any view sees them), the Content
Security Policy (strict on the public site, relaxed only where CKEditor needs it) and the client address
behind the production proxies (login lockout, feedback throttle)."""

import ipaddress
from urllib.parse import unquote_to_bytes

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext as _


def is_hostile_address(path_info, query_string):
    """True when the path or the query string holds a NUL byte or bytes that are not UTF-8 text.

    No address of this site has either: a NUL makes PostgreSQL refuse the query that would look it up,
    and broken UTF-8 only reaches a view as replacement characters. `path_info` is the decoded path, in
    which Django writes bytes that are not UTF-8 as "%XX": a "%" there is one of those (or a percent sign
    the client escaped, which no address of the site has either). `query_string` is as the client sent it."""
    if "\x00" in path_info or "%" in path_info:
        return True
    try:
        query = query_string.encode("latin-1")  # WSGI carries the bytes the client sent as latin-1 (PEP 3333)
    except UnicodeEncodeError:
        query = query_string.encode("utf-8")  # already text (ASGI)
    query = unquote_to_bytes(query.replace(b"+", b" "))
    if b"\x00" in query:
        return True
    try:
        query.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


class RequestGuardMiddleware:
    """Answers a plain, translated 400 to an address no page of the site can have (`is_hostile_address`),
    before the cache, the session, the database or any view is involved: public pages and admin alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_hostile_address(request.path_info, request.META.get("QUERY_STRING", "")):
            return bad_address_response(request)
        return self.get_response(request)


def bad_address_response(request):
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        message = _(
            "Bad request (error 400): this address contains characters that no address of this site has. "
            "Check the address, or start again from the home page."
        )
    response = HttpResponseBadRequest(f"{message}\n", content_type="text/plain; charset=utf-8")
    response["Content-Language"] = language
    return response


# The admin: scripts from this site only (Django 5.2's admin has no inline script: its data goes in
# data- attributes of external scripts), inline styles allowed (the admin and its widgets set style
# attributes), images from data: and blob: URLs (CKEditor's dialogs), frames from this site (the side by
# side preview in both languages).
ADMIN_POLICY = {
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
}
# CKEditor 4 writes its toolbar, menus and panels as HTML strings with inline event handlers
# (onclick="CKEDITOR.tools.callFunction(12,this)", numbered per page, so no hash can allow them) and
# writes scripts into its panels' frames: it cannot work without 'unsafe-inline' scripts. Only the admin
# pages that load the editor get them (no nonce there: a nonce would make browsers ignore 'unsafe-inline').
# Everything the editor shows is sanitized server-side before it is stored (iwgtip_site/richtext.py).
RICH_TEXT_EDITOR_SCRIPTS = ["'self'", "'unsafe-inline'"]
STAFF_NAMESPACES = {"admin", "two_factor"}


def loads_rich_text_editor(response):
    """Whether an admin page loads CKEditor: its form's media (a TemplateResponse's context) names it."""
    media = (getattr(response, "context_data", None) or {}).get("media")
    return media is not None and "ckeditor/ckeditor/ckeditor.js" in str(media["js"])


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        match = getattr(request, "resolver_match", None)
        if match is not None and STAFF_NAMESPACES & set(match.namespaces) and not report_only:
            policy = dict(ADMIN_POLICY)
            if loads_rich_text_editor(response):
                policy["script-src"] = RICH_TEXT_EDITOR_SCRIPTS
            parts.replace = {**policy, **(parts.replace or {})}
        return parts


def client_ip(request):
    """The client's IP address, for lockouts and throttling only (it is never stored). Behind TRUSTED_PROXY_COUNT
    reverse proxies that each append the address they received from to X-Forwarded-For, the client is
    that many entries from its end: entries further left are whatever the client chose to send."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [entry for entry in forwarded if entry]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "0.0.0.0"  # noqa: S104 - unknown clients share one allowance; never an error
