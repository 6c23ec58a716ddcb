"""Page feedback, the Government of Canada pattern: "Did you find what you were looking for?" and
"Report a problem or mistake on this page", at the foot of every public page.

As on Canada.ca, "Yes" takes one click: a small POST form (the page's address and the button) records it
and shows the thank-you page. Public pages are cached for anonymous readers, and a cached page may not carry
a CSRF token, so that one form goes without: the browser's word on where it was posted from refuses other
sites' forgeries, and throttling bounds the rest. "No" (and "Report a problem") lead, by GET, to
/<language>/feedback/, the real form: CSRF-protected, "No" preselected, the page named by its title, an
optional comment, and a honeypot field that people (and assistive technology) never see. Stored: the page, its
language, the answer and the comment; nothing about the reader. Each client may send 5 a minute and 30
an hour (django-ratelimit, counted in the shared cache under a hash, so no address is stored either).

The package: `models.py` (what is stored), `services.py` (which pages take feedback, recording it, triage),
`views.py` (the public form, throttled), `admin.py` (the triage screen).
"""
