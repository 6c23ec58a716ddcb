"""Uploaded files, the same way in every app.

Files are stored under names nobody can guess or collide with (`UploadTo`), and checked against a size
cap before anything else reads them (`validate_max_size`). Old files are deleted by django-cleanup, only
after the database change that drops them is committed: a failed or rolled-back save never loses the
file that is still being served.
"""

import logging
import uuid
from pathlib import PurePosixPath

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
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
    """Whether any stored row, or any working copy, still refers to the stored file `name`."""
    if any(model._default_manager.filter(**{field.name: name}).exists() for model, field in _file_fields()):
        return True
    working_copies = apps.get_model("iwgtip_site", "WorkingCopy").objects.values_list("files", flat=True)
    return any(name in files for files in working_copies)


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
