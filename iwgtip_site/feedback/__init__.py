"""Page feedback, the Government of Canada pattern: "Did you find what you were looking for?" and
"Report a problem or mistake on this page", at the foot of every public page.

Public pages are cached for anonymous readers, and a cached page may not carry a CSRF token. So the
widget on each page is a small GET form (the page's address and a Yes / No button) leading to
/<language>/feedback/, which shows the real form: CSRF-protected, the answer preselected, an optional
comment, and a honeypot field that people (and assistive technology) never see. Stored: the page, its
language, the answer and the comment; nothing about the reader. Each client may send 5 a minute and 30
an hour (django-ratelimit, counted in the shared cache under a hash, so no address is stored either).

The package: `models.py` (what is stored), `services.py` (which pages take feedback, recording it, triage),
`views.py` (the public form, throttled), `admin.py` (the triage screen).
"""
