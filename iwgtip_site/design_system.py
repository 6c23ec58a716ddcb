"""The Government of Canada's design system (GC Design System), as the site uses it.

The files come from the npm packages pinned by package.json and package-lock.json: `make assets` installs them
(`npm ci`) and runs this module, which copies exactly the files listed in FILES into iwgtip_site/static/gcds/
(git-ignored). From there staticfiles and WhiteNoise serve them like the site's own files: no CDN, and nothing
else of node_modules reaches the site. The pages are server-rendered HTML styled by our site.css, written
with the design system's tokens (tokens.css), fonts and component anatomy; the design system's web components
render in the browser only, so they are not used.

The signature and the wordmark are the Federal Identity Program's files shipped by the components package,
used unchanged. Their SVG leaves the colours to the stylesheet (classes `fip_flag` and `fip_text`, as the
components do), so the templates put the file's markup in the page (`{% gc_mark "signature" %}`) rather than
an <img> that would show a black flag.
"""

import shutil
import sys
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

BASE_DIR = Path(__file__).resolve().parent.parent
NODE_MODULES = BASE_DIR / "node_modules"
STATIC_FOLDER = Path(__file__).resolve().parent / "static" / "gcds"

_MARKS = "@gcds-core/components/dist/collection/components/gcds-signature/assets"
_FONTS = "@gcds-core/fonts/fonts"
# Each file the site serves, by its static path, and the installed package file it is a copy of.
FILES = {
    "gcds/tokens.css": "@gcds-core/tokens/build/web/css/tokens.css",
    "gcds/sig-blk-en.svg": f"{_MARKS}/sig-blk-en.svg",
    "gcds/sig-blk-fr.svg": f"{_MARKS}/sig-blk-fr.svg",
    "gcds/wmms-spl-en.svg": f"{_MARKS}/wmms-spl-en.svg",
    "gcds/wmms-spl-fr.svg": f"{_MARKS}/wmms-spl-fr.svg",
    # Latin subsets (French included), WOFF2: about 70 KB for the three a page needs. Lato is for headings only.
    "gcds/fonts/gcds-lato.woff2": f"{_FONTS}/lato/gcds-lato.woff2",
    "gcds/fonts/gcds-noto-sans-regular.woff2": f"{_FONTS}/noto-sans/gcds-noto-sans-regular.woff2",
    "gcds/fonts/gcds-noto-sans-regular-italic.woff2": f"{_FONTS}/noto-sans/gcds-noto-sans-regular-italic.woff2",
    "gcds/fonts/gcds-noto-sans-bold.woff2": f"{_FONTS}/noto-sans/gcds-noto-sans-bold.woff2",
    "gcds/fonts/LICENSE-lato.txt": f"{_FONTS}/lato/LICENSE.txt",
    "gcds/fonts/LICENSE-noto-sans.txt": f"{_FONTS}/noto-sans/LICENSE.txt",
}
# The marks, by kind and language: the signature ("Government of Canada", flag before) heads every page, the
# wordmark ("Canada", flag over the last "a") ends it.
MARKS = {
    ("signature", "en"): "gcds/sig-blk-en.svg",
    ("signature", "fr"): "gcds/sig-blk-fr.svg",
    ("wordmark", "en"): "gcds/wmms-spl-en.svg",
    ("wordmark", "fr"): "gcds/wmms-spl-fr.svg",
}


def package_file(static_path):
    """The installed package's file that `static_path` (a key of FILES) is copied from."""
    return NODE_MODULES / FILES[static_path]


@cache
def mark_svg(kind, language):
    """The markup of a mark's SVG file as the site serves it, to put in a page."""
    path = finders.find(MARKS[(kind, language)])
    if path is None:
        raise FileNotFoundError(f"{MARKS[(kind, language)]} is missing: run `make assets`")
    return mark_safe(Path(path).read_text(encoding="utf-8").strip())  # noqa: S308 - the design system's own file


def copy_files(node_modules=NODE_MODULES, destination=STATIC_FOLDER):
    """Copy FILES from the installed packages; raises if one is missing (the packages changed)."""
    missing = [source for source in FILES.values() if not (node_modules / source).is_file()]
    if missing:
        raise FileNotFoundError("Not in the installed packages (run `npm ci`): " + ", ".join(missing))
    if destination.exists():
        shutil.rmtree(destination)
    for static_path, source in FILES.items():
        target = destination / Path(static_path).relative_to("gcds")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / source, target)
    return len(FILES)


if __name__ == "__main__":
    try:
        count = copy_files()
    except FileNotFoundError as error:
        sys.exit(str(error))
    print(f"GC Design System: {count} files copied to {STATIC_FOLDER.relative_to(BASE_DIR)}/")
