"""Pamphlet files: checked by content, stored under new random names, replaced and deleted safely."""

import contextlib
import hashlib
import io
import tracemalloc
import zlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from pamphlets.models import Edition
from pamphlets.pdf import inspect_pdf
from pamphlets.services import edition_store_file, pamphlet_files_sweep
from tests.factories import (
    EditionFactory,
    LanguageFactory,
    PamphletFactory,
    make_pdf,
    make_pdf_with_javascript,
    make_tagged_pdf,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

NOT_PDF = "This file is not a PDF document, whatever its name says."
DAMAGED = "This PDF file is damaged or incomplete"

FAKES = {
    "html": b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
    "svg": b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "windows executable": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
    "linux executable": b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 200,
    "text": b"Just some text, named .pdf",
}


def _upload(content, name="pamphlet.pdf"):
    return ContentFile(content, name=name)


def test_a_real_pdf_is_described_by_its_content():
    content = make_pdf(pages=3)
    facts = inspect_pdf(_upload(content))
    assert facts.page_count == 3
    assert facts.size == len(content)
    assert facts.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("kind", FAKES)
def test_files_renamed_pdf_are_refused(kind):
    with pytest.raises(ValidationError) as error:
        inspect_pdf(_upload(FAKES[kind]))
    assert error.value.messages[0].startswith(NOT_PDF)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_truncated_pdf_is_refused(keep):
    content = make_pdf(pages=3)
    with pytest.raises(ValidationError) as error:
        inspect_pdf(_upload(content[: int(len(content) * keep)]))
    assert error.value.messages[0].startswith(DAMAGED)


def test_a_cut_pdf_with_a_forged_end_marker_is_refused():
    content = make_pdf(pages=3)
    with pytest.raises(ValidationError):
        inspect_pdf(_upload(content[: len(content) // 2] + b"\nstartxref\n100\n%%EOF\n"))


def test_a_pdf_header_on_html_is_refused():
    with pytest.raises(ValidationError) as error:
        inspect_pdf(_upload(b"%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n"))
    assert error.value.messages[0].startswith(DAMAGED)


def test_a_password_protected_pdf_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ValidationError) as error:
        inspect_pdf(_upload(buffer.getvalue()))
    assert "password" in error.value.messages[0]


def test_size_cap_is_configurable_and_explained_in_french(settings):
    content = make_pdf()
    settings.PAMPHLET_MAX_UPLOAD_BYTES = len(content) - 1
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        inspect_pdf(_upload(content))
    assert "la taille maximale permise est de" in error.value.messages[0]
    settings.PAMPHLET_MAX_UPLOAD_BYTES = len(content)
    assert inspect_pdf(_upload(content)).size == len(content)


def test_refusals_speak_the_editors_language():
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        inspect_pdf(_upload(FAKES["html"]))
    assert error.value.messages[0].startswith("Ce fichier n'est pas un document PDF")


def test_storing_records_size_pages_checksum_and_upload_time_under_a_random_name():
    content = make_pdf(pages=2)
    edition = EditionFactory(content=content)
    edition.refresh_from_db()
    assert (edition.size, edition.page_count) == (len(content), 2)
    assert edition.sha256 == hashlib.sha256(content).hexdigest()
    assert edition.uploaded_at is not None
    assert edition.file.name.startswith("pamphlets/") and edition.file.name.endswith(".pdf")
    assert "upload" not in edition.file.name
    with edition.file.open("rb") as stored:
        assert stored.read() == content


def test_replacing_a_file_deletes_the_old_one_after_commit(django_capture_on_commit_callbacks):
    edition = EditionFactory()
    old_name = edition.file.name
    new_content = make_pdf("Second edition", pages=4)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        edition_store_file(edition=edition, uploaded=_upload(new_content))
        assert default_storage.exists(old_name)  # still served until the change is committed
    for callback in callbacks:
        callback()
    assert not default_storage.exists(old_name)
    edition.refresh_from_db()
    assert edition.file.name != old_name
    assert edition.page_count == 4
    with edition.file.open("rb") as stored:
        assert stored.read() == new_content


def test_a_refused_file_leaves_the_previous_one_in_place(django_capture_on_commit_callbacks):
    edition = EditionFactory()
    before = (edition.file.name, edition.sha256)
    files_before = default_storage.listdir("pamphlets")[1]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        edition_store_file(edition=Edition.objects.get(pk=edition.pk), uploaded=_upload(FAKES["html"]))
    edition.refresh_from_db()
    assert (edition.file.name, edition.sha256) == before
    assert default_storage.exists(edition.file.name)
    assert default_storage.listdir("pamphlets")[1] == files_before  # nothing new written


def test_a_failed_save_deletes_the_new_file_and_keeps_the_old():
    edition = EditionFactory()
    duplicate = Edition(pamphlet=edition.pamphlet, language=edition.language)
    files_before = sorted(default_storage.listdir("pamphlets")[1])
    with pytest.raises(IntegrityError):
        edition_store_file(edition=duplicate, uploaded=_upload(make_pdf()))
    assert sorted(default_storage.listdir("pamphlets")[1]) == files_before


def test_deleting_an_edition_deletes_its_file_after_commit(django_capture_on_commit_callbacks):
    edition = EditionFactory()
    name = edition.file.name
    with django_capture_on_commit_callbacks(execute=True):
        edition.delete()
    assert not default_storage.exists(name)


def test_deleting_a_pamphlet_deletes_its_files_and_zips(client, django_capture_on_commit_callbacks):
    pamphlet = PamphletFactory()
    editions = [EditionFactory(pamphlet=pamphlet) for _ in range(2)]
    assert client.get(f"/en/pamphlets/{pamphlet.slug_en}/all-languages.zip").status_code == 200
    zip_folder = f"pamphlets/zips/{pamphlet.pk}"
    assert default_storage.listdir(zip_folder)[1]
    with django_capture_on_commit_callbacks(execute=True):
        pamphlet.delete()
    for edition in editions:
        assert not default_storage.exists(edition.file.name)
    assert not default_storage.listdir(zip_folder)[1]


def test_sweep_deletes_only_old_files_that_no_edition_uses():
    kept = EditionFactory()
    orphan = default_storage.save("pamphlets/0123456789abcdef.pdf", _upload(make_pdf()))
    assert pamphlet_files_sweep() == []  # too recent: it may belong to an upload in progress
    assert pamphlet_files_sweep(older_than=timedelta(0), dry_run=True) == [orphan]
    assert default_storage.exists(orphan)
    assert pamphlet_files_sweep(older_than=timedelta(0)) == [orphan]
    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept.file.name)


def test_language_tags_are_validated():
    for good in ("ar", "fa", "zh-Hans", "pt-BR", "es-419", "sr-Latn-RS", "ht"):
        LanguageFactory.build(code=good).full_clean()
    for bad in ("Arabic", "AR", "zh-hans", "pt_BR", "e", "ar/", "../x", "ar.pdf"):
        with pytest.raises(ValidationError) as error:
            LanguageFactory.build(code=bad).full_clean()
        assert "code" in error.value.message_dict


def test_sweep_command_cleans_up_after_a_rolled_back_upload():
    kept = EditionFactory()
    with contextlib.suppress(RuntimeError), transaction.atomic():
        EditionFactory.create_batch(3)
        raise RuntimeError("the database change is rolled back; its files were already written")
    orphans = [name for name in default_storage.listdir("pamphlets")[1] if f"pamphlets/{name}" != kept.file.name]
    assert len(orphans) == 3
    out = StringIO()
    call_command("sweep_pamphlet_files", "--hours", "0", "--dry-run", stdout=out)
    assert "3 orphaned file(s) would be deleted." in out.getvalue()
    call_command("sweep_pamphlet_files", "--hours", "0", stdout=StringIO())
    assert default_storage.listdir("pamphlets")[1] == [kept.file.name.split("/")[-1]]


# Active content, decompression bombs and accessibility facts (issue 16 item 8, issue 15 item 4)


def _one_page():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    return writer


def _action(kind, **entries):
    return DictionaryObject({NameObject("/S"): NameObject(kind), **{NameObject(k): v for k, v in entries.items()}})


def _with_open_action(action):
    writer = _one_page()
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return writer


def _with_annotation(subtype, **entries):
    writer = _one_page()
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject(subtype),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(50), NumberObject(50)]),
            **{NameObject(k): v for k, v in entries.items()},
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return writer


def _javascript_on_page_open():
    writer = _one_page()
    script = _action("/JavaScript", **{"/JS": TextStringObject("app.alert(1)")})
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(script)})
    return writer


def _attachment():
    writer = _one_page()
    writer.add_attachment("invoice.exe", b"MZ not really")
    return writer


ACTIVE_PDFS = {
    "javascript in the name tree": (make_pdf_with_javascript, "JavaScript"),
    "javascript as the opening action": (
        lambda: _with_open_action(_action("/JavaScript", **{"/JS": TextStringObject("app.alert(1)")})),
        "JavaScript",
    ),
    "javascript when a page opens": (_javascript_on_page_open, "JavaScript"),
    "javascript behind a link": (
        lambda: _with_annotation("/Link", **{"/A": _action("/JavaScript", **{"/JS": TextStringObject("x()")})}),
        "JavaScript",
    ),
    "launch action": (
        lambda: _with_open_action(_action("/Launch", **{"/F": TextStringObject("calc.exe")})),
        "starts another program",
    ),
    "launch behind a link": (
        lambda: _with_annotation("/Link", **{"/A": _action("/Launch", **{"/F": TextStringObject("cmd.exe")})}),
        "starts another program",
    ),
    "embedded file": (_attachment, "carries other files inside it"),
    "file attachment annotation": (lambda: _with_annotation("/FileAttachment"), "carries other files inside it"),
    "rich media": (lambda: _with_annotation("/RichMedia"), "multimedia"),
    "3d model": (lambda: _with_annotation("/3D"), "multimedia"),
    "movie": (lambda: _with_annotation("/Movie"), "multimedia"),
    "sound": (lambda: _with_annotation("/Sound"), "multimedia"),
    "screen with a rendition": (lambda: _with_annotation("/Screen"), "multimedia"),
}


def _content(built):
    return built if isinstance(built, bytes) else pdf_bytes(built)


@pytest.mark.parametrize("kind", ACTIVE_PDFS)
def test_pdfs_with_active_content_are_refused(kind):
    build, reason = ACTIVE_PDFS[kind]
    with pytest.raises(ValidationError) as error:
        inspect_pdf(_upload(_content(build())))
    assert reason in error.value.messages[0]
    assert "Save or export it again as a plain PDF" in error.value.messages[0]


def test_the_refusal_is_in_the_editors_language():
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        inspect_pdf(_upload(make_pdf_with_javascript()))
    assert "contient du JavaScript" in error.value.messages[0]


def test_a_pdf_with_an_ordinary_link_is_accepted():
    link = _action("/URI", **{"/URI": TextStringObject("https://www.canada.ca/")})
    assert inspect_pdf(_upload(pdf_bytes(_with_annotation("/Link", **{"/A": link})))).page_count == 1


def _deflated_stream(writer, size):
    stream = StreamObject()
    stream._data = zlib.compress(b"\0" * size, 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    return writer._add_object(stream)


def test_a_decompression_bomb_is_refused_after_bounded_work():
    """About 400 KB that would inflate to 400 MB: refused having inflated no more than the limit (100 MB)."""
    writer = _one_page()
    writer.pages[0][NameObject("/Contents")] = _deflated_stream(writer, 400 * 1024 * 1024)
    bomb = pdf_bytes(writer)
    assert len(bomb) < 500 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as error:
            inspect_pdf(_upload(bomb))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "would take more than 100\N{NO-BREAK SPACE}MB once decompressed" in error.value.messages[0]
    assert peak < 250 * 1024 * 1024  # never the whole 400 MB


def test_the_inflation_limit_counts_every_stream_together(settings):
    settings.PAMPHLET_MAX_INFLATED_BYTES = 1024 * 1024
    writer = _one_page()
    writer.pages[0][NameObject("/Contents")] = ArrayObject([_deflated_stream(writer, 400 * 1024) for _ in range(3)])
    with pytest.raises(ValidationError):
        inspect_pdf(_upload(pdf_bytes(writer)))
    settings.PAMPHLET_MAX_INFLATED_BYTES = 2 * 1024 * 1024
    assert inspect_pdf(_upload(pdf_bytes(writer))).page_count == 1


def test_tagging_and_the_document_language_are_recorded_with_the_edition():
    arabic = LanguageFactory(code="ar")
    tagged = EditionFactory(language=arabic, content=make_tagged_pdf("ar"))
    assert (tagged.is_tagged, tagged.document_language) == (True, "ar")
    assert tagged.accessibility_warnings() == []
    untagged = EditionFactory(language=LanguageFactory(code="fa"), content=make_pdf())
    assert (untagged.is_tagged, untagged.document_language) == (False, "")
    warnings = untagged.accessibility_warnings(file_name="farsi.pdf")
    assert len(warnings) == 2
    assert warnings[0].startswith("The PDF file “farsi.pdf” of the Language")
    assert "is not tagged" in warnings[0]
    assert "does not say which language it is written in" in warnings[1] and "(fa)" in warnings[1]


def test_a_document_language_that_is_not_the_editions_is_warned_about():
    edition = EditionFactory(language=LanguageFactory(code="zh-Hans"), content=make_tagged_pdf("en-CA"))
    (warning,) = edition.accessibility_warnings()
    assert "says it is written in “en-CA”, not zh-Hans" in warning
    assert (
        EditionFactory(language=LanguageFactory(code="pt-BR"), content=make_tagged_pdf("pt")).accessibility_warnings()
        == []
    )
