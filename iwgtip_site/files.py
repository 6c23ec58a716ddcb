"""Uploaded files, the same way in every app.

Files are stored under names nobody can guess or collide with (`UploadTo`), and checked against a size
cap before anything else reads them (`validate_max_size`). Old files are deleted by django-cleanup, only
after the database change that drops them is committed: a failed or rolled-back save never loses the
file that is still being served.
"""

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
