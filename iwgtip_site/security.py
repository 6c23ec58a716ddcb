"""Content Security Policy: strict on the public site, relaxed only where CKEditor needs it."""

from csp.middleware import CSPMiddleware

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
