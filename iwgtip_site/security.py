"""Security plumbing: the Content Security Policy (strict on the public site, relaxed only where CKEditor
needs it) and the client address behind the production proxies (login lockout, feedback throttle)."""

import ipaddress

from csp.middleware import CSPMiddleware
from django.conf import settings

# CKEditor 4 builds its toolbar with inline event handlers and inline styles, so the admin
# allows them; it still loads scripts only from this site and may not be framed or post elsewhere.
ADMIN_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        match = getattr(request, "resolver_match", None)
        if match is not None and "admin" in match.namespaces and not report_only:
            parts.replace = {**ADMIN_POLICY, **(parts.replace or {})}
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
