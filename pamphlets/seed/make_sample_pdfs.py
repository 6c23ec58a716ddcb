"""Make the pamphlet's sample PDFs, samples/<language tag>.pdf, from content.toml beside this script.

    .venv/bin/python pamphlets/seed/make_sample_pdfs.py

The real pamphlet's files are not available (see content.toml), so each edition the seed loads gets a
small sample that says, on every page, that it is one. The samples are committed: loading the seed needs
no PDF writer. Run this again only to change them (a new language, a new title). It needs fpdf2, which
is a test requirement (`make install-test`; the tests make their own PDFs with it), not a runtime one.
The same text always gives the same bytes (a fixed creation date), so a rerun changes only the files
whose text changed.

The samples are tagged PDFs: a structure tree of a heading and paragraphs in reading order, /MarkInfo,
the document's language (en-CA) and, on each French line, fr-CA. fpdf2 tags images, links and outline
entries itself; `TaggedPDF` tags text the same way, through fpdf2's structure tree builder. Core PDF
fonts cover Latin-1 only, so a language is named in English and French, not in its own script.
"""

import sys
import tomllib
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.prefs import ViewerPreferences

HERE = Path(__file__).resolve().parent
SAMPLE_DATE = datetime(2026, 1, 1, tzinfo=UTC)  # fixed, so the same sample always has the same bytes
ENGLISH, FRENCH = "en-CA", "fr-CA"


class TaggedPDF(FPDF):
    @contextmanager
    def tagged(self, tag, language):
        """Mark what is drawn inside as one structure element (`tag`: H1, P...) in `language`."""
        mcid = self.struct_builder.next_mcid_for_page(self.page)
        self._add_marked_content(struct_type=f"/{tag}", mcid=mcid)
        self._out(f"/{tag} <</MCID {mcid} /Lang ({language})>> BDC")
        yield
        self._out("EMC")

    def line(self, text, *, size, tag="P", language=ENGLISH, bold=False):
        with self.tagged(tag, language):
            self.set_font("Helvetica", style="B" if bold else "", size=size)
            self.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")

    def gap(self, size):
        self.ln(size * 0.6)


def sample_pdf(*, title_en, title_fr, language_en, language_fr, code):
    """A valid two-page PDF that says what it stands in for, and that it is a sample."""
    pdf = TaggedPDF(format="A4")
    pdf.set_creation_date(SAMPLE_DATE)
    pdf.set_title(f"SAMPLE - {title_en} ({code})")
    pdf.set_subject("Sample file, not the real pamphlet / Fichier d'exemple, pas le vrai dépliant")
    pdf.set_lang(ENGLISH)
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_auto_page_break(auto=True, margin=20)

    pdf.add_page()
    pdf.line("SAMPLE - not the real pamphlet", size=26, tag="H1", bold=True)
    pdf.line("EXEMPLE - pas le vrai dépliant", size=20, language=FRENCH, bold=True)
    pdf.gap(16)
    pdf.line(title_en, size=18, bold=True)
    pdf.line(title_fr, size=18, language=FRENCH, bold=True)
    pdf.gap(16)
    pdf.line(f"Language / Langue : {language_en} / {language_fr} ({code})", size=16)

    pdf.add_page()
    pdf.line("SAMPLE - not the real pamphlet", size=16, bold=True)
    pdf.line("EXEMPLE - pas le vrai dépliant", size=16, language=FRENCH, bold=True)
    pdf.gap(13)
    pdf.line(
        f"This sample file stands in for the {language_en} edition of the pamphlet, which is not available to "
        "this website yet. Staff replace it with the real file.",
        size=13,
    )
    pdf.gap(13)
    pdf.line(
        f"Ce fichier d'exemple remplace l'édition en {language_fr} du dépliant, qui n'est pas encore disponible "
        "pour ce site Web. Le personnel le remplacera par le vrai fichier.",
        size=13,
        language=FRENCH,
    )
    return bytes(pdf.output())


def samples():
    """(path, content) of every edition's sample, as content.toml describes them."""
    data = tomllib.loads((HERE / "content.toml").read_text(encoding="utf-8"))
    languages = {language["code"]: language for language in data["Language"]}
    for pamphlet in data["Pamphlet"]:
        for edition in pamphlet["editions"]:
            language = languages[edition["language"]]
            content = sample_pdf(
                title_en=pamphlet["title_en"],
                title_fr=pamphlet["title_fr"],
                language_en=language["name_en"],
                language_fr=language["name_fr"],
                code=language["code"],
            )
            yield HERE / edition["file"], content


def stale_samples():
    """(path, content) of the samples whose committed file is missing or not what this script makes."""
    return [(path, content) for path, content in samples() if not path.is_file() or path.read_bytes() != content]


def main():
    for path, content in stale_samples():
        path.write_bytes(content)
        print(f"wrote {path.relative_to(HERE)} ({len(content):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
