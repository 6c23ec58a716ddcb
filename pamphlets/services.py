"""Writes that touch a pamphlet's files, editions and statistics. The admin, the seed, the commands
and the tests all go through these functions."""

import hashlib
import logging
from datetime import timedelta
from functools import cache
from pathlib import Path, PurePosixPath

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from iwgtip_site import workflow
from iwgtip_site.files import files_release, is_referenced

from . import archive
from .models import DownloadCount, Edition, Pamphlet
from .pdf import inspect_pdf

logger = logging.getLogger(__name__)

EDITION_FOLDER = "pamphlets"
SAMPLES_FOLDER = Path(__file__).resolve().parent / "seed" / "samples"


@cache
def sample_checksums():
    """The SHA-256 of every committed sample PDF (pamphlets/seed/samples/): an edition whose file is one of
    them is a sample, whoever stored it (the seed, or staff uploading it again)."""
    return frozenset(hashlib.sha256(path.read_bytes()).hexdigest() for path in SAMPLES_FOLDER.glob("*.pdf"))


def edition_store_file(*, edition, uploaded, facts=None):
    """Store `uploaded` (a Django File) as the edition's PDF and record its size, pages, SHA-256, upload
    time, whether it is tagged, its document language and whether it is a generated sample: the one
    place these facts are set.

    The file is checked by content first (ValidationError, in the current language): a refused file
    is never written and the previous one stays in place. The new file gets a new random name, so
    the old one keeps being served until the database change is committed; the workflow then
    deletes the old file. If saving the edition fails, the new file is deleted at once. `facts` are
    the file's, when the caller has already checked it (a form), so it is not read twice."""
    facts = facts or inspect_pdf(uploaded)
    previous_name = edition.file.name if edition.pk else None
    with transaction.atomic():
        edition.size, edition.page_count, edition.sha256 = facts.size, facts.page_count, facts.sha256
        edition.is_sample = facts.sha256 in sample_checksums()
        edition.is_tagged, edition.document_language = facts.is_tagged, facts.document_language
        edition.uploaded_at = timezone.now()
        edition.file.save(PurePosixPath(uploaded.name or "pamphlet.pdf").name, uploaded, save=False)
        try:
            edition.save()
        except BaseException:
            archive.delete_quietly(edition.file.name)
            edition.file.name = previous_name
            raise
        if previous_name and previous_name != edition.file.name:
            files_release([previous_name])  # once committed, unless something else still refers to it
    return edition


def pamphlet_publish(*, pamphlets, user):
    """Publish pamphlets together with all their language editions, in one transaction (through the
    workflow: publishers only, both official languages complete)."""
    with transaction.atomic():
        pamphlets = list(pamphlets)
        editions = list(Edition.objects.filter(pamphlet__in=pamphlets))
        return sum(workflow.item_publish(item=item, user=user) for item in [*pamphlets, *editions])


def download_record(*, pamphlet, edition=None, day=None):
    """Count one download of an edition (or, without one, of the pamphlet's ZIP) today.

    One atomic UPDATE ... SET count = count + 1; the day's first download inserts the row, and if a
    simultaneous request inserted it first, the UPDATE runs again. Nothing is lost under concurrency.
    The row is written without model signals: a download is not a content change and must not make
    every cached page stale."""
    day = day or timezone.localdate()
    rows = DownloadCount.objects.filter(pamphlet=pamphlet, edition=edition, day=day)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DownloadCount.objects.bulk_create([DownloadCount(pamphlet=pamphlet, edition=edition, day=day, count=1)])
    except IntegrityError:
        rows.update(count=F("count") + 1)


# Orphaned files ---------------------------------------------------------------------------------------


def pamphlet_files_sweep(*, older_than=timedelta(hours=1), dry_run=False):
    """Delete files nothing refers to any more (iwgtip_site.files.is_referenced: no row, no working copy, no
    recoverable deleted item): an edition file whose upload was rolled back (a database failure after the
    file was written), a deleted pamphlet's files once it can no longer be recovered, and the ZIPs of
    deleted pamphlets. Files younger than `older_than` are left alone: they may belong to an upload
    whose transaction is still open. Returns the deleted names."""
    cutoff = timezone.now() - older_than
    existing_pamphlets = {str(pk) for pk in Pamphlet.objects.values_list("pk", flat=True)}
    orphans = []
    try:
        folders, files = default_storage.listdir(EDITION_FOLDER)
    except FileNotFoundError:
        return []
    for file_name in files:
        path = f"{EDITION_FOLDER}/{file_name}"
        if default_storage.get_modified_time(path) < cutoff and not is_referenced(path):
            orphans.append(path)
    if "zips" in folders:
        for pamphlet_folder in default_storage.listdir(archive.ZIP_FOLDER)[0]:
            if pamphlet_folder not in existing_pamphlets:
                folder = f"{archive.ZIP_FOLDER}/{pamphlet_folder}"
                orphans += [f"{folder}/{name}" for name in default_storage.listdir(folder)[1]]
    if not dry_run:
        for path in orphans:
            archive.delete_quietly(path)
    return orphans
