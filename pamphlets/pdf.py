"""What an uploaded pamphlet file really is: checked by its content, never by its name.

A file is accepted when it starts like a PDF, ends like one (a file cut off during an upload does
not), and pypdf can read its cross-reference table and count its pages. HTML, SVG, ZIP files,
executables and anything else renamed ".pdf" fail the first test; a truncated PDF fails the second
or the third. The size cap is checked first, before anything reads the content.

The public opens these files in their browser, so a PDF that can do more than show pages is refused:
JavaScript (in the document's name tree, or in any action: the opening action, page, annotation or
field actions), actions that launch programs, embedded files (attachments, file-attachment
annotations), and multimedia (rich media, 3D, movies, sounds, screens, XFA forms). Every object the
document reaches is read, never its content. Its streams are decompressed only to measure them, and no
further than PAMPHLET_MAX_INFLATED_BYTES in all: a small file that would inflate to gigabytes (a
decompression bomb) is refused after that much work, whatever its size.

Two facts about accessibility are recorded rather than refused (issue 15): whether the file is tagged
(its structure is there for screen readers: /MarkInfo /Marked true and a /StructTreeRoot), and the
document language it declares (/Lang). `accessibility_warnings` says what is missing, for the editor.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

from iwgtip_site.files import format_size, validate_max_size

PDF_HEADER = b"%PDF-"
# The PDF standard (ISO 32000, 7.5.5) ends a file with %%EOF; allow trailing whitespace or junk a
# writer may add, within the last kilobyte, as readers do.
EOF_MARKER, EOF_WINDOW = b"%%EOF", 1024
CHUNK = 64 * 1024
MAX_OBJECTS = 500_000  # more objects than any pamphlet has: reading stops there

# What makes a PDF more than pages (ISO 32000-1, 12.6 actions, 12.5 annotations, 7.11 file specifications).
JAVASCRIPT_ACTIONS = {"/JavaScript"}
LAUNCH_ACTIONS = {"/Launch"}
EMBEDDED_FILE_ACTIONS = {"/GoToE", "/ImportData"}
MEDIA_ACTIONS = {"/RichMediaExecute", "/Movie", "/Sound", "/Rendition"}
MEDIA_ANNOTATIONS = {"/RichMedia", "/3D", "/Movie", "/Sound", "/Screen"}
# pypdf would run an external program to decode JBIG2 images: they are not measured (as JPEG and JPEG 2000
# images, which pypdf passes through undecoded, count at their stored size).
UNMEASURED_FILTERS = {"/JBIG2Decode"}

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfFacts:
    size: int
    page_count: int
    sha256: str
    is_tagged: bool = False
    document_language: str = ""


def max_pdf_bytes():
    return settings.PAMPHLET_MAX_UPLOAD_BYTES


def max_inflated_bytes():
    return settings.PAMPHLET_MAX_INFLATED_BYTES


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


def _active(kind):
    """The refusal for a PDF that carries `kind` of active content, with what the editor can do about it."""
    reasons = {
        "javascript": _("This PDF file contains JavaScript, programs that run when it is opened."),
        "launch": _("This PDF file contains an action that starts another program or opens another file."),
        "embedded": _("This PDF file carries other files inside it (attachments)."),
        "media": _("This PDF file contains multimedia or interactive content (video, sound, 3D, rich media or XFA)."),
    }
    advice = _(
        "Files for the public may hold only pages. Save or export it again as a plain PDF (for example "
        "PDF/A, or “Save as PDF” from the original document), then upload the new file."
    )
    return ValidationError(f"{reasons[kind]} {advice}", code=f"pdf_{kind}")


def _too_large_inflated():
    return ValidationError(
        _(
            "This PDF file would take more than %(limit)s once decompressed, far more than a pamphlet needs "
            "(it may be built to overwhelm the computers that open it). Export it again from the original "
            "document, then upload the new file."
        )
        % {"limit": format_size(max_inflated_bytes())},
        code="pdf_inflates_too_much",
    )


def inspect_pdf(uploaded):
    """Check that `uploaded` (a Django File) is a readable PDF with nothing but pages, and return its size,
    pages, SHA-256, whether it is tagged and its document language.

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
        _refuse_active_content(reader)
        catalog = reader.trailer["/Root"].get_object()
        is_tagged, document_language = _tagging(catalog)
    except ValidationError:
        raise
    except LimitReachedError as error:  # pypdf's own bounds, on one stream or structure
        logger.info("Refused a PDF upload past pypdf's limits: %s", error)
        raise _too_large_inflated() from error
    except Exception as error:  # pypdf raises many kinds of errors on a broken file
        logger.info("Refused an unreadable PDF upload: %s", error)
        raise _damaged() from error
    finally:
        uploaded.seek(0)
    if page_count < 1:
        raise ValidationError(_("This PDF file has no pages."), code="empty_pdf")
    return PdfFacts(
        size=size,
        page_count=page_count,
        sha256=digest.hexdigest(),
        is_tagged=is_tagged,
        document_language=document_language,
    )


def _refuse_active_content(reader):
    """Read every object the document reaches (from its trailer: catalog, pages, annotations, actions,
    name trees...) and raise ValidationError at the first active content, or once the streams measured
    so far would inflate past the limit."""
    budget = max_inflated_bytes()
    seen = set()
    pending = [reader.trailer]
    objects = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        objects += 1
        if objects > MAX_OBJECTS:
            raise _damaged()
        if isinstance(item, DictionaryObject):
            _check_dictionary(item)
            if isinstance(item, StreamObject):
                budget -= _inflated_size(item, budget)
                if budget < 0:
                    raise _too_large_inflated()
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)


def _check_dictionary(dictionary):
    action = dictionary.get("/S")
    subtype = dictionary.get("/Subtype")
    kind = dictionary.get("/Type")
    # "/JavaScript" and "/EmbeddedFiles" as keys: the document's name trees of scripts and of files.
    if "/JS" in dictionary or "/JavaScript" in dictionary or action in JAVASCRIPT_ACTIONS:
        raise _active("javascript")
    if action in LAUNCH_ACTIONS:
        raise _active("launch")
    if (
        action in EMBEDDED_FILE_ACTIONS
        or subtype == "/FileAttachment"
        or kind == "/EmbeddedFile"
        or "/EF" in dictionary
        or "/EmbeddedFiles" in dictionary
    ):
        raise _active("embedded")
    if action in MEDIA_ACTIONS or subtype in MEDIA_ANNOTATIONS or "/XFA" in dictionary:
        raise _active("media")


def _inflated_size(stream, budget):
    """How many bytes `stream` decodes to, decoding no further than `budget` (pypdf stops there)."""
    filters = stream.get("/Filter", ())
    filters = [filters] if isinstance(filters, NameObject) else list(filters)
    if any(name in UNMEASURED_FILTERS for name in filters):
        return 0
    limit = max(budget, 0) + 1
    with apply_configuration(
        zlib_maximum_output_length=limit,
        lzw_maximum_output_length=limit,
        run_length_maximum_output_length=limit,
        brotli_maximum_output_length=limit,
        array_based_stream_maximum_output_length=limit,
    ):
        try:
            return len(stream.get_data())
        except LimitReachedError:
            return limit


def _tagging(catalog):
    """(is tagged, document language) from the document catalog (ISO 32000-1, 14.7 and 14.9.2)."""
    mark_info = catalog.get("/MarkInfo")
    marked = bool(mark_info and mark_info.get_object().get("/Marked"))
    language = catalog.get("/Lang")
    language = str(language.get_object()).strip()[:35] if language is not None else ""
    return marked and "/StructTreeRoot" in catalog, language


def accessibility_warnings(*, is_tagged, document_language, language, file_name):
    """What a PDF lacks for readers who use assistive technology, said to the editor who uploaded it: warned
    about, not refused (a tagged, accessible version may take time to obtain). `language` is the edition's
    (a pamphlets.Language); `is_tagged` None means the file was stored before it was checked."""
    names = {"file": file_name, "language": str(language), "code": language.code}
    warnings = []
    if is_tagged is False:
        warnings.append(
            _(
                "The PDF file “%(file)s” of the %(language)s edition is not tagged: screen readers cannot follow "
                "its headings, lists and reading order. Export it again as a tagged PDF from the original "
                "document, and give readers the pamphlet's text as a web page meanwhile."
            )
            % names
        )
    if is_tagged is not None and not document_language:
        warnings.append(
            _(
                "The PDF file “%(file)s” of the %(language)s edition does not say which language it is written "
                "in, so screen readers may read it with the wrong voice. Set its document language (%(code)s) "
                "in the original document or in the PDF's properties, then export it again."
            )
            % names
        )
    elif document_language and _primary(document_language) != _primary(language.code):
        warnings.append(
            _(
                "The PDF file “%(file)s” of the %(language)s edition says it is written in “%(declared)s”, not "
                "%(code)s. Check that it is the right file, or correct its document language."
            )
            % {**names, "declared": document_language}
        )
    return warnings


def _primary(tag):
    """The language of a BCP 47 tag, without script or region: "zh" for "zh-Hans", compared case-insensitively."""
    return tag.replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class _Sized:
    size: int
