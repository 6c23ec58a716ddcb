"""The seeded pamphlet (pamphlets/seed/content.toml): 14 valid editions in both languages, each with a committed
sample PDF that passes the upload checks, says on every page that it is a sample, and is tagged."""

import hashlib
import importlib.util
import io
from pathlib import Path

import pytest
from django.core.files import File
from pypdf import PdfReader

import pamphlets
from pamphlets.models import Edition, Language, Pamphlet
from pamphlets.pdf import inspect_pdf
from tests.seed_data import bad_citations, check_items, load_seed, records, uncited_facts

SEED = Path(pamphlets.__file__).parent / "seed"
SAMPLES = sorted((SEED / "samples").glob("*.pdf"))
FACTS = {Language: ("name", "endonym")}


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.django_db
def test_every_seeded_record_is_valid_and_complete_in_both_languages(client):
    load_seed()
    check_items(Language, client)
    (pamphlet,) = check_items(Pamphlet, client)
    editions = check_items(Edition, client)  # each file downloads in both languages
    assert len(editions) == Language.objects.count() == 14
    assert pamphlet.editions.count() == 14


@pytest.mark.django_db
def test_each_edition_stores_its_committed_sample_through_the_service(client):
    load_seed()
    for edition in Edition.objects.select_related("language"):
        sample = SEED / "samples" / f"{edition.language.code}.pdf"
        assert edition.sha256 == _sha256(sample)
        assert (edition.size, edition.page_count) == (sample.stat().st_size, 2)
        body = b"".join(client.get(edition.get_absolute_url()).streaming_content)
        assert body == sample.read_bytes()


def test_every_edition_has_a_sample_and_every_sample_an_edition():
    files = [SEED / record["file"] for model, record, _sources, _relation in records("pamphlets") if model is Edition]
    assert sorted(files) == SAMPLES


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_sample_is_a_small_tagged_pdf_that_says_on_every_page_it_is_a_sample(sample):
    with sample.open("rb") as handle:
        inspect_pdf(File(handle, name=sample.name))  # the checks an editor's upload goes through
    assert sample.stat().st_size < 8 * 1024
    reader = PdfReader(io.BytesIO(sample.read_bytes()))
    for page in reader.pages:
        text = page.extract_text()
        assert "SAMPLE - not the real pamphlet" in text and "EXEMPLE - pas le vrai dépliant" in text
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-CA"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert reader.metadata.title.startswith("SAMPLE")


def test_committed_samples_are_what_the_script_makes():
    """Change the pamphlet's title or languages, and this says to run make_sample_pdfs.py again."""
    spec = importlib.util.spec_from_file_location("make_sample_pdfs", SEED / "make_sample_pdfs.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert [path.name for path, _content in script.stale_samples()] == []


def test_every_fact_beyond_the_source_text_is_cited():
    assert uncited_facts("pamphlets", FACTS) == []
    assert bad_citations("pamphlets") == []
