"""The ZIP of all a pamphlet's languages: what it holds (a manifest, in both official languages), its name
(a keyed hash of that manifest, so any change makes a new one), and building it once across app servers."""

import contextlib
import json
import logging
import os
import tempfile
import time
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify

from iwgtip_site.i18n import LANGUAGE_CODES, in_any_language, localized

logger = logging.getLogger(__name__)

ZIP_FOLDER = "pamphlets/zips"
ZIP_BUILD_SECONDS = 60  # longest a build may take; others wait that long for it
ZIP_GRACE = timedelta(minutes=10)  # an outdated ZIP is deleted this long after a newer one is built


@dataclass(frozen=True)
class ZipArchive:
    name: str  # in the default storage
    size: int
    key: str  # changes whenever anything inside changes: the ETag
    file_count: int


# The fixed parts of a ZIP file (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16): each entry's local header and its
# central directory record, without its name, and the end of the central directory.
LOCAL_HEADER, CENTRAL_RECORD, END_RECORD = 30, 46, 22
# Beside the PDFs: the list of files for people and for programs, and the checksums for `sha256sum -c`.
EXTRA_ENTRIES = ("MANIFEST.txt", "manifest.json", "SHA256SUMS")


def zip_size(*, pamphlet, editions):
    """The exact size in bytes of the ZIP of `editions`, without building it: every entry is stored as it is
    (PDFs are compressed already; the three small lists are left uncompressed for this), so the ZIP is its
    entries plus their headers, whose sizes are fixed. The tests compare it with the ZIP served."""
    manifest = zip_manifest(pamphlet=pamphlet, editions=editions)
    entries = [(entry["file"], entry["size"]) for entry in manifest["files"]]
    entries += [(name, len(text)) for name, text in _extra_entries(manifest)]
    names = sum(len(name.encode()) for name, _size in entries)
    headers = len(entries) * (LOCAL_HEADER + CENTRAL_RECORD) + 2 * names + END_RECORD
    return sum(size for _name, size in entries) + headers


def _ascii_slug(text):
    return slugify(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())


def zip_entry_name(edition):
    """The file's name in the ZIP, for people: the pamphlet, the language's tag and its own name in ASCII
    (anti-trafficking-pamphlet-es-espanol.pdf); the English name when the language's own is in a script
    ASCII cannot spell (anti-trafficking-pamphlet-ar-arabic.pdf). One ZIP serves both official languages,
    so the names use the slug of the site's default language."""
    pamphlet = edition.pamphlet
    slug = localized(pamphlet, "slug", settings.LANGUAGE_CODE) or in_any_language(pamphlet, "slug")
    language = edition.language
    name = _ascii_slug(language.endonym) or _ascii_slug(localized(language, "name", settings.LANGUAGE_CODE) or "")
    parts = [slug, language.code.lower(), name if name != language.code.lower() else ""]
    return "-".join(part for part in parts if part) + ".pdf"


def zip_manifest(*, pamphlet, editions):
    """What the ZIP holds, as a dict: the pamphlet's titles, and per file its language, name, size,
    pages and SHA-256. Its content decides the ZIP's name, so any change makes a new ZIP."""
    return {
        "pamphlet": {
            "title": {code: localized(pamphlet, "title", code) or "" for code in LANGUAGE_CODES},
            "edition_date": pamphlet.edition_date.isoformat() if pamphlet.edition_date else None,
        },
        "files": [
            {
                "file": zip_entry_name(edition),
                "language": {
                    "code": edition.language.code,
                    "name": {code: localized(edition.language, "name", code) or "" for code in LANGUAGE_CODES},
                    "endonym": edition.language.endonym,
                    "direction": edition.language.direction,
                },
                "size": edition.size,
                "pages": edition.page_count,
                "sha256": edition.sha256,
            }
            for edition in sorted(editions, key=lambda edition: edition.language.code)
        ],
    }


def _manifest_text(manifest):
    """MANIFEST.txt: the same facts for people, in both official languages."""
    titles = manifest["pamphlet"]["title"]
    lines = [
        " / ".join(title for title in (titles["en"], titles["fr"]) if title),
        "",
        "Files in this archive, with their SHA-256 checksums / Fichiers de cette archive et leur somme SHA-256",
        "",
    ]
    for entry in manifest["files"]:
        language = entry["language"]
        lines += [
            entry["file"],
            f"  {language['name']['en']} / {language['name']['fr']} / {language['endonym']} ({language['code']})",
            f"  {entry['pages']} pages, {entry['size']} bytes / octets",
            f"  SHA-256: {entry['sha256']}",
            "",
        ]
    lines += [
        "To check the files / Pour vérifier les fichiers\u00a0: sha256sum -c SHA256SUMS",
        "",
    ]
    return "\n".join(lines)


def _sha256sums(manifest):
    return "".join(f"{entry['sha256']}  {entry['file']}\n" for entry in manifest["files"])


def manifest_json(manifest):
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)


def _extra_entries(manifest):
    """(name, bytes) of the ZIP's entries beside the PDFs, in the order of EXTRA_ENTRIES."""
    texts = {
        "MANIFEST.txt": _manifest_text(manifest),
        "manifest.json": manifest_json(manifest) + "\n",
        "SHA256SUMS": _sha256sums(manifest),
    }
    return [(name, texts[name].encode()) for name in EXTRA_ENTRIES]


def pamphlet_zip(*, pamphlet, editions):
    """The ZIP of `editions` (the pamphlet's live ones), built once and reused.

    Its name in storage is a keyed hash of its manifest, so any change (a new file, a withdrawn or
    added language, a new title) leads to a new name: the ZIP is then built on the next request that
    needs it, and the pamphlet's older ZIPs are deleted. Several app servers share the storage: if two
    build the same ZIP at once, one copy is kept. Returns None when there is nothing to put in it."""
    editions = list(editions)
    if not editions:
        return None
    manifest = zip_manifest(pamphlet=pamphlet, editions=editions)
    manifest_text = manifest_json(manifest)
    # Keyed with SECRET_KEY: the name of a ZIP cannot be guessed from the public checksums.
    key = salted_hmac("pamphlets.zip", manifest_text, algorithm="sha256").hexdigest()[:40]
    folder = f"{ZIP_FOLDER}/{pamphlet.pk}"
    name = f"{folder}/{key}.zip"
    if not default_storage.exists(name) and not _build_once(name, manifest, editions):
        return None
    return ZipArchive(name=name, size=default_storage.size(name), key=key, file_count=len(editions))


def _build_once(name, manifest, editions):
    """Build the ZIP unless another request, on any server, is building it (a lock in the shared cache);
    then wait for theirs. Each build is written under a temporary name and only then given its final
    one, so a ZIP is never seen half-written. False if it is still not there after the wait."""
    lock = f"pamphlets:zip-build:{name}"
    try:
        locked = cache.add(lock, "building", timeout=ZIP_BUILD_SECONDS)
    except Exception:  # the shared cache is down: build without the lock (at worst a second copy is built)
        logger.warning("No lock for building %s: the cache is unreachable", name, exc_info=True)
        locked = None
    if locked is not False:
        try:
            _build_zip(name, manifest, editions)
            _delete_other_zips(name.rsplit("/", 1)[0], keep=name, older_than=ZIP_GRACE)
        finally:
            if locked:
                with contextlib.suppress(Exception):  # it expires by itself
                    cache.delete(lock)
        return True
    deadline = time.monotonic() + ZIP_BUILD_SECONDS
    while time.monotonic() < deadline:
        if default_storage.exists(name):
            return True
        time.sleep(0.2)
    return False


def _build_zip(name, manifest, editions):
    logger.info("Building %s", name)
    by_code = {edition.language.code: edition for edition in editions}
    latest = max(edition.uploaded_at or timezone.now() for edition in editions)
    stamp = timezone.localtime(latest).timetuple()[:6]
    with tempfile.TemporaryFile() as archive_file:
        with zipfile.ZipFile(archive_file, "w") as archive:
            for entry in manifest["files"]:
                edition = by_code[entry["language"]["code"]]
                uploaded_at = timezone.localtime(edition.uploaded_at or latest)
                info = zipfile.ZipInfo(entry["file"], date_time=uploaded_at.timetuple()[:6])
                info.compress_type = zipfile.ZIP_STORED  # PDFs are compressed already
                info.file_size = edition.size  # known: no ZIP64 records, which some older unzip tools reject
                with edition.file.open("rb") as source, archive.open(info, "w") as target:
                    for chunk in source.chunks():
                        target.write(chunk)
            for entry_name, content in _extra_entries(manifest):
                info = zipfile.ZipInfo(entry_name, date_time=stamp)
                info.compress_type = zipfile.ZIP_STORED  # a few kilobytes: stored, the size is known (zip_size)
                archive.writestr(info, content)
        archive_file.seek(0)
        building = default_storage.save(f"{name[:-4]}.building-{uuid.uuid4().hex}", File(archive_file))
    _move_into_place(building, name)


def _move_into_place(temporary, name):
    """Give a finished file its final name in one step where the storage can (a local disk); elsewhere
    copy it, then delete the temporary one."""
    try:
        os.replace(default_storage.path(temporary), default_storage.path(name))
    except NotImplementedError:  # a remote storage: no paths, no atomic rename
        with default_storage.open(temporary, "rb") as built:
            if not default_storage.exists(name):
                default_storage.save(name, built)
        delete_quietly(temporary)


def _delete_other_zips(folder, keep, older_than=timedelta(0)):
    """Delete the folder's ZIPs but `keep`, once they are `older_than` old: a request still serving an
    older one, or a server that computed its ZIP just before a change, is not cut off."""
    try:
        _directories, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    limit = timezone.now() - older_than
    for file_name in files:
        path = f"{folder}/{file_name}"
        if path != keep and (not older_than or _modified(path) < limit):
            delete_quietly(path)


def _modified(path):
    try:
        return default_storage.get_modified_time(path)
    except (OSError, NotImplementedError):
        return timezone.now()


def pamphlet_zip_discard(*, pamphlet_id):
    """Delete every ZIP built for a pamphlet (when the pamphlet is deleted)."""
    _delete_other_zips(f"{ZIP_FOLDER}/{pamphlet_id}", keep=None)


def delete_quietly(name):
    try:
        default_storage.delete(name)
    except Exception:
        logger.exception("Could not delete %s", name)
