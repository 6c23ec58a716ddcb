"""Static files: keep CKEditor's demo, test and plugin pages off the site, and give documents the headers
pages get.

CKEditor 4 ships sample pages (`samples/`, CVE-2024-24816: XSS in the preview sample), manual test
pages under its plugins' `tests/` folders, and HTML pages of plugins this site does not use
(`plugins/preview/preview.html`, `plugins/wsc/dialogs/ciframe.html`, whose message listener checks no
origin, and `tmpFrameset.html`). The editor as configured loads no HTML page (its dialogs are built by
script), so every `.html` file under `ckeditor/` is hidden, like the samples and tests, from every consumer
of static files: collectstatic (production, served by WhiteNoise) and the development server alike.

WhiteNoise answers static files before the site's Content Security Policy and frame protection are added
(iwgtip_site.security): `static_file_headers` gives the documents among them (HTML, SVG) a policy that
lets them run nothing and be framed by no one.
"""

from django.contrib.staticfiles.finders import AppDirectoriesFinder

EXCLUDED_PREFIXES = ("ckeditor/ckeditor/samples/",)
EXCLUDED_PARTS = ("/tests/", "/_source/")
EXCLUDED_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = (".html", ".htm", ".svg", ".xml")
DOCUMENT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def is_excluded(path):
    path = path.replace("\\", "/").lstrip("/")
    if path.startswith(EXCLUDED_PREFIXES):
        return True
    return path.startswith("ckeditor/") and (
        any(part in f"/{path}" for part in EXCLUDED_PARTS) or path.lower().endswith(EXCLUDED_SUFFIXES)
    )


def static_file_headers(headers, path, url):
    """WHITENOISE_ADD_HEADERS_FUNCTION: documents served as static files may run nothing and not be framed."""
    if url.lower().endswith(DOCUMENT_SUFFIXES):
        headers["Content-Security-Policy"] = DOCUMENT_POLICY
        headers["X-Frame-Options"] = "DENY"


class SafeAppDirectoriesFinder(AppDirectoriesFinder):
    def find(self, path, find_all=False, **kwargs):
        if is_excluded(path):
            return []
        return super().find(path, find_all=find_all, **kwargs)

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if not is_excluded(path):
                yield path, storage
