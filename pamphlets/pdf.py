"""What an uploaded pamphlet file really is: checked by its content, never by its name.

A file is accepted when it starts like a PDF, ends like one (a file cut off during an upload does
not), and pypdf can read its cross-reference table and count its pages. HTML, SVG, ZIP files,
executables and anything else renamed ".pdf" fail the first test; a truncated PDF fails the second
or the third. The size cap is checked first, before anything reads the content.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader

from iwgtip_site.files import validate_max_size

PDF_HEADER = b"%PDF-"
# The PDF standard (ISO 32000, 7.5.5) ends a file with %%EOF; allow trailing whitespace or junk a
# writer may add, within the last kilobyte, as readers do.
EOF_MARKER, EOF_WINDOW = b"%%EOF", 1024
CHUNK = 64 * 1024

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfFacts:
    size: int
    page_count: int
    sha256: str


def max_pdf_bytes():
    return settings.PAMPHLET_MAX_UPLOAD_BYTES


def _not_a_pdf():
    return ValidationError(
        _("This file is not a PDF document, whatever its name says. Upload the pamphlet as a PDF file."),
        code="not_pdf",
    )


def _damaged():
    return ValidationError(
        _(
            "This PDF file is damaged or incomplete (it may have been cut off while it was copied or "
            "uploaded). Save or export it again, then upload the new file."
        ),
        code="damaged_pdf",
    )


def inspect_pdf(uploaded):
    """Check that `uploaded` (a Django File) is a readable PDF and return its size, pages and SHA-256.

    Raises ValidationError with a message in the current language. Leaves the file at position 0."""
    validate_max_size(uploaded, max_pdf_bytes())
    uploaded.seek(0)
    digest, size = hashlib.sha256(), 0
    head = tail = b""
    for chunk in uploaded.chunks(CHUNK):
        if not head:
            head = chunk[: len(PDF_HEADER)]
        digest.update(chunk)
        size += len(chunk)
        tail = (tail + chunk)[-EOF_WINDOW:]
        if size > max_pdf_bytes():  # the declared size may lie; the bytes do not
            validate_max_size(_Sized(size), max_pdf_bytes())
    if not head.startswith(PDF_HEADER):
        raise _not_a_pdf()
    if EOF_MARKER not in tail:
        raise _damaged()
    uploaded.seek(0)
    try:
        reader = PdfReader(uploaded)
        if reader.is_encrypted:
            raise ValidationError(
                _(
                    "This PDF file is protected by a password or encrypted. Upload a version without a "
                    "password or restrictions, so that everyone (and screen readers) can open it."
                ),
                code="encrypted_pdf",
            )
        page_count = len(reader.pages)
        for page in reader.pages:
            page.mediabox  # noqa: B018 - reading each page's size makes pypdf resolve every page object
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on a broken file
        logger.info("Refused an unreadable PDF upload: %s", error)
        raise _damaged() from error
    finally:
        uploaded.seek(0)
    if page_count < 1:
        raise ValidationError(_("This PDF file has no pages."), code="empty_pdf")
    return PdfFacts(size=size, page_count=page_count, sha256=digest.hexdigest())


@dataclass(frozen=True)
class _Sized:
    size: int
