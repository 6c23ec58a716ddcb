"""Static files: keep CKEditor's demo and test pages off the site.

CKEditor 4 ships sample pages (`samples/`, CVE-2024-24816: XSS in the preview sample) and manual
test pages under its plugins' `tests/` folders. They are never needed by the admin, so this finder
hides them from every consumer of static files: collectstatic (production, served by WhiteNoise)
and the development server alike.
"""

from django.contrib.staticfiles.finders import AppDirectoriesFinder

EXCLUDED_PREFIXES = ("ckeditor/ckeditor/samples/",)
EXCLUDED_PARTS = ("/tests/", "/_source/")


def is_excluded(path):
    path = path.replace("\\", "/").lstrip("/")
    if path.startswith(EXCLUDED_PREFIXES):
        return True
    return path.startswith("ckeditor/") and any(part in f"/{path}" for part in EXCLUDED_PARTS)


class SafeAppDirectoriesFinder(AppDirectoriesFinder):
    def find(self, path, find_all=False, **kwargs):
        if is_excluded(path):
            return []
        return super().find(path, find_all=find_all, **kwargs)

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if not is_excluded(path):
                yield path, storage
