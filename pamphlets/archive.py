"""The ZIP of all a pamphlet's languages: what it holds (a manifest, in both official languages), its name
(a keyed hash of that manifest, so any change makes a new one), and building it once across app servers."""

import contextlib
import json
import logging
import os
import tempfile
import time
import uuid
import zipfile
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.crypto import salted_hmac

from iwgtip_site.i18n import LANGUAGE_CODES, localized

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


def zip_size(editions):
    """What the pamphlet's page says the ZIP of `editions` weighs, without building it: the PDFs are
    stored in it as they are, so it is their total, plus a few kilobytes of manifest and headers that
    the page's rounded size does not show."""
    return sum(edition.size for edition in editions)


def zip_entry_name(edition):
    return f"{edition.language.code}.pdf"


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
    manifest_json = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
    # Keyed with SECRET_KEY: the name of a ZIP cannot be guessed from the public checksums.
    key = salted_hmac("pamphlets.zip", manifest_json, algorithm="sha256").hexdigest()[:40]
    folder = f"{ZIP_FOLDER}/{pamphlet.pk}"
    name = f"{folder}/{key}.zip"
    if not default_storage.exists(name) and not _build_once(name, manifest, manifest_json, editions):
        return None
    return ZipArchive(name=name, size=default_storage.size(name), key=key, file_count=len(editions))


def _build_once(name, manifest, manifest_json, editions):
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
            _build_zip(name, manifest, manifest_json, editions)
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


def _build_zip(name, manifest, manifest_json, editions):
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
            for entry_name, text in (
                ("manifest.json", manifest_json + "\n"),
                ("MANIFEST.txt", _manifest_text(manifest)),
                ("SHA256SUMS", _sha256sums(manifest)),
            ):
                info = zipfile.ZipInfo(entry_name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text.encode())
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
