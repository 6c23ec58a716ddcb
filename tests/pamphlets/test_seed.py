"""`load_initial_data` for pamphlets: the pamphlet from the source text, 14 languages, sample PDFs."""

import hashlib
import html
import io
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from pamphlets.models import Edition, Language, Pamphlet
from pamphlets.seed import LANGUAGES, sample_pdf

pytestmark = pytest.mark.django_db


def _load(*args):
    out = StringIO()
    call_command("load_initial_data", *args, stdout=out)
    return out.getvalue()


def _body(response):
    return b"".join(response.streaming_content)


def test_the_pamphlet_is_live_in_both_languages_with_14_editions(client):
    _load()
    pamphlet = Pamphlet.objects.get()
    assert pamphlet.is_live()
    assert Language.objects.count() == Edition.objects.live().count() == 14
    codes = set(Language.objects.values_list("code", flat=True))
    assert {"en", "fr", "ar", "zh-Hans"} <= codes
    assert Language.objects.get(code="ar").direction == "rtl"
    english = client.get("/en/pamphlets/anti-trafficking-pamphlet/").content.decode()
    assert "Anti-trafficking pamphlet" in english
    assert "fines of up to $1 million and imprisonment for up to life" in english
    assert 'type="application/pdf" hreflang="ar" lang="ar" dir="rtl">العربية</a>' in english
    french = html.unescape(client.get("/fr/depliants/depliant-contre-la-traite/").content.decode())
    assert "Dépliant contre la traite des personnes" in french
    assert "Loi sur l'immigration et la protection des réfugiés" in french
    assert 'lang="zh-Hans" dir="ltr">简体中文</a>' in french


def test_every_sample_is_a_valid_pdf_that_says_it_is_a_sample(client):
    _load()
    for edition in Edition.objects.select_related("language"):
        body = _body(client.get(f"/en/pamphlets/anti-trafficking-pamphlet/{edition.language.code}.pdf"))
        assert hashlib.sha256(body).hexdigest() == edition.sha256
        reader = PdfReader(io.BytesIO(body))
        assert len(reader.pages) == edition.page_count == 2
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "SAMPLE - not the real pamphlet" in text
        assert "Anti-trafficking pamphlet" in text
        assert f"{edition.language.name_en} / {edition.language.name_fr} ({edition.language.code})" in text


def test_samples_are_reproducible():
    first = sample_pdf(title_en="T", title_fr="T", language_en="Arabic", language_fr="arabe", code="ar")
    second = sample_pdf(title_en="T", title_fr="T", language_en="Arabic", language_fr="arabe", code="ar")
    assert first == second


def test_running_twice_changes_nothing_and_keeps_staff_edits():
    _load()
    pamphlet = Pamphlet.objects.get()
    pamphlet.summary_en = "Edited by staff."
    pamphlet.save()
    Language.objects.filter(code="ar").update(endonym="عربي")
    checksums = dict(Edition.objects.values_list("pk", "sha256"))
    output = _load()
    assert "Pamphlet editions: 0 created" in output
    assert "Pamphlet languages: 0 created" in output
    assert dict(Edition.objects.values_list("pk", "sha256")) == checksums
    pamphlet.refresh_from_db()
    assert pamphlet.summary_en == "Edited by staff."
    assert Language.objects.get(code="ar").endonym == "عربي"


def test_reset_starts_over():
    _load()
    Pamphlet.objects.update(title_en="Changed")
    _load("--reset")
    assert Pamphlet.objects.get().title_en == "Anti-trafficking pamphlet"
    assert Edition.objects.count() == len(LANGUAGES)


def test_dry_run_saves_nothing():
    _load("--dry-run")
    assert not Pamphlet.objects.exists()
    assert not Language.objects.exists()
