"""The GC Design System's files: what the site serves is the installed npm packages' own files, unchanged."""

import hashlib
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static

from iwgtip_site import design_system


def _sha256(content):
    return hashlib.sha256(content).hexdigest()


def _served(client, static_path):
    response = client.get(static(static_path))
    assert response.status_code == 200, static_path
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("static_path", sorted(design_system.FILES))
def test_each_served_file_is_the_installed_packages_file(client, static_path):
    package_file = design_system.package_file(static_path)
    assert _sha256(_served(client, static_path)) == _sha256(package_file.read_bytes())


def test_the_marks_are_the_components_packages_signature_and_wordmark():
    for path in design_system.MARKS.values():
        assert design_system.FILES[path].startswith("@gcds-core/components/"), path
        assert design_system.FILES[path].endswith(".svg")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_carry_the_official_signature_and_wordmark_of_their_language(client, root, language):
    content = client.get(f"/{language}/").content.decode()
    for kind in ("signature", "wordmark"):
        svg = design_system.package_file(design_system.MARKS[(kind, language)]).read_text(encoding="utf-8").strip()
        assert content.count(svg) == 1, kind
    other = "fr" if language == "en" else "en"
    assert design_system.package_file(design_system.MARKS[("signature", other)]).read_text().strip() not in content


def test_the_packages_are_pinned_exactly_by_the_lockfile():
    base = Path(settings.BASE_DIR)
    manifest = json.loads((base / "package.json").read_text())
    lock = json.loads((base / "package-lock.json").read_text())
    for name, version in manifest["dependencies"].items():
        assert version[0].isdigit(), f"{name} is not pinned: {version}"
        locked = lock["packages"][f"node_modules/{name}"]
        assert locked["version"] == version and locked["integrity"].startswith("sha512-")


def test_copying_takes_exactly_the_listed_files(tmp_path):
    destination = tmp_path / "gcds"
    (destination / "stale.txt").parent.mkdir(parents=True)
    (destination / "stale.txt").write_text("left from an older version")
    assert design_system.copy_files(destination=destination) == len(design_system.FILES)
    copied = {f"gcds/{path.relative_to(destination).as_posix()}" for path in destination.rglob("*") if path.is_file()}
    assert copied == set(design_system.FILES)


def test_copying_says_which_package_file_is_missing(tmp_path):
    with pytest.raises(FileNotFoundError, match=re.escape("@gcds-core/tokens/build/web/css/tokens.css")):
        design_system.copy_files(node_modules=tmp_path, destination=tmp_path / "gcds")
