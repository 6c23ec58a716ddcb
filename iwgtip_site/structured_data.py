"""Structured data for search engines (schema.org, as JSON-LD): the site as a GovernmentOrganization and each
page's breadcrumbs as a BreadcrumbList, on every public page; models describe themselves through one method,
`schema_org(absolute)` (an instrument is a Legislation, an edition a DigitalDocument, a page a WebPage), where
`absolute` makes an address absolute.

The blocks are `<script type="application/ld+json">`: data, never run, so the Content Security Policy
(`script-src 'self'`, no inline script) does not apply to them and they need no nonce (CSP 3, "script" fetches
and inline checks concern scripts a browser executes; a data block is not one). `<`, `>` and `&` are escaped
inside them, as Django's `json_script` does, so no text in the data can close the block.
"""

import json

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

SCHEMA_ORG = "https://schema.org"
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` (a dict) as a JSON-LD script block, safe to put in a page."""
    text = json.dumps({"@context": SCHEMA_ORG, **data}, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped


def organization(absolute):
    """The site's owner: the working group, a government organization of Canada."""
    return {
        "@type": "GovernmentOrganization",
        "name": _("Interdepartmental Working Group on Trafficking in Persons"),
        "alternateName": _("IWGTIP"),
        "url": absolute(reverse("pages:home")),
        "areaServed": {"@type": "Country", "name": _("Canada")},
        "parentOrganization": {"@type": "GovernmentOrganization", "name": _("Government of Canada")},
    }


def breadcrumb_list(absolute, crumbs, current_title, current_path):
    """The trail the page shows, from Canada.ca to the page itself (`crumbs`: navigation.Crumb after "Home")."""
    steps = [
        ("Canada.ca", _("https://www.canada.ca/en.html")),
        (_("Human trafficking and migrant smuggling"), absolute(reverse("pages:home"))),
        *((crumb.title, absolute(crumb.url)) for crumb in crumbs),
    ]
    if current_path != reverse("pages:home"):
        steps.append((current_title, absolute(current_path)))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": url}
            for position, (name, url) in enumerate(steps, start=1)
        ],
    }
