"""Uploaded files, the same way in every app.

Files are stored under names nobody can guess or collide with (`UploadTo`), and checked against a size
cap before anything else reads them (`validate_max_size`). A stored file may be named by several records at
once: the published row, a working copy, the last version of a deleted item (kept to recover it for
DELETED_ITEMS_RETENTION_DAYS). So files are deleted only once nothing refers to them (`is_referenced`), after
the database change that drops them is committed (`files_release`, which the workflow calls): a failed or
rolled-back save never loses the file that is still being served. (django-cleanup, which deletes a replaced
file whatever else refers to it, is not used for that reason.) What is left behind is swept later.
"""

import json
import logging
import uuid
from datetime import timedelta
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

# Units as Government of Canada pages write them ("273 KB", "273 Ko"), in powers of 1,024.
SIZE_UNITS = (gettext_lazy("bytes"), gettext_lazy("KB"), gettext_lazy("MB"), gettext_lazy("GB"))


@deconstructible
class UploadTo:
    """upload_to for FileField/ImageField: `<folder>/<random hex><extension>`."""

    def __init__(self, folder, extension=None):
        self.folder = folder
        self.extension = extension  # forced extension (".pdf"); else the uploaded name's, lowercased

    def __call__(self, instance, filename):
        extension = self.extension or PurePosixPath(filename).suffix.lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, UploadTo) and (self.folder, self.extension) == (other.folder, other.extension)


def format_size(num_bytes):
    """A file size for readers, in the current language: "273 KB", "1.4 MB"; "273 Ko", "1,4 Mo"."""
    size, unit = float(num_bytes), 0
    while size >= 1024 and unit < len(SIZE_UNITS) - 1:
        size, unit = size / 1024, unit + 1
    value = round(size, 1 if unit and size < 10 else 0)
    decimals = 0 if value == int(value) else 1
    return f"{number_format(value, decimals)}\u00a0{SIZE_UNITS[unit]}"


def validate_max_size(uploaded, limit):
    """Refuse a file larger than `limit` bytes, saying both sizes in the editor's language."""
    if uploaded.size > limit:
        raise ValidationError(
            _("This file is %(size)s; files may be at most %(limit)s.")
            % {"size": format_size(uploaded.size), "limit": format_size(limit)},
            code="file_too_large",
        )


def _file_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


def is_referenced(name):
    """Whether any stored row, any working copy, or the last version of an item deleted less than
    DELETED_ITEMS_RETENTION_DAYS ago still refers to the stored file `name`."""
    if any(model._default_manager.filter(**{field.name: name}).exists() for model, field in _file_fields()):
        return True
    working_copies = apps.get_model("iwgtip_site", "WorkingCopy").objects.values_list("files", flat=True)
    if any(name in files for files in working_copies):
        return True
    return deleted_versions().filter(serialized_data__contains=json.dumps(name)).exists()


def deleted_versions():
    """The versions kept to recover items deleted within the retention period (iwgtip_site.workflow)."""
    from reversion.models import Version

    cutoff = timezone.now() - timedelta(days=settings.DELETED_ITEMS_RETENTION_DAYS)
    return Version.objects.filter(revision__date_created__gte=cutoff, revision__comment__contains='"deleted"')


def files_release(names, using="default"):
    """Once the current transaction commits, delete the stored files among `names` that nothing refers to
    any more (a working copy's files once it is discarded, a published file once it was replaced)."""
    names = [name for name in dict.fromkeys(names) if name]

    def release():
        for name in names:
            if is_referenced(name):
                continue
            try:
                default_storage.delete(name)
            except Exception:
                logger.exception("Could not delete %s", name)  # the sweep deletes what is left behind

    if names:
        transaction.on_commit(release, using=using)
