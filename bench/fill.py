"""Fill the database with N live items of each kind, on top of the seed content, for the benchmark.

Run by bench/run.py in the benchmark's own environment (never on a real database):
    python bench/fill.py 1000
Items are bilingual and published, like real content; rows are written in bulk (10,000 of each kind take
seconds). Also a chain of nested pages (a deep page) and a 1 MB PDF edition. Prints, as JSON on its last
line, the addresses bench/run.py measures.
"""

import io
import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iwgtip_site.settings.prod")

import django

django.setup()

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

from iwgtip_site import search_index
from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from legislation.models import Instrument, InstrumentKind, Jurisdiction, Provision
from pages.models import Page
from pages.tree import page_addresses_update
from pamphlets.models import Edition, Language, Pamphlet
from pamphlets.services import edition_store_file
from partners.models import Organization, OrganizationKind

BODY_EN = "<p>Benchmark text about trafficking in persons and migrant smuggling, in English.</p>" * 4
BODY_FR = "<p>Texte de banc d'essai sur la traite des personnes et le passage de clandestins.</p>" * 4
PROVISIONS_PER_INSTRUMENT = 10
DEEP_PAGE_DEPTH = 6


def megabyte_pdf():
    """A real one-page PDF of about 1 MB: a picture of noise, stored as it is (pypdf, the site's own PDF
    library; no compression would shrink it anyway)."""
    side = 580
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    image = DecodedStreamObject()
    image.set_data(random.Random(1).randbytes(side * side * 3))  # noqa: S311 - noise, not a secret
    image.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(side),
        NameObject("/Height"): NumberObject(side),
        NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
        NameObject("/BitsPerComponent"): NumberObject(8),
    })  # fmt: skip
    resources = {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(image)})}
    page[NameObject("/Resources")] = DictionaryObject(resources)
    drawing = DecodedStreamObject()
    drawing.set_data(b"q 500 0 0 500 47 171 cm /Im0 Do Q")
    page.replace_contents(drawing)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def deep_page(root, live):
    """A chain of nested pages under the home page; the last is DEEP_PAGE_DEPTH levels down."""
    page = root
    for level in range(1, DEEP_PAGE_DEPTH + 1):
        page = Page(parent=page, title_en=f"Deep page {level}", title_fr=f"Page profonde {level}",
                    slug_en=f"deep-{level}", slug_fr=f"profonde-{level}", body_en=BODY_EN, body_fr=BODY_FR,
                    show_in_menu=False, sort_order=5000 + level, **live)  # fmt: skip
        page.save()
        page_addresses_update(page)  # as the write path does: save() alone leaves a page without its address
    return page


def fill(count):
    now = timezone.now()
    live = {"status": Status.PUBLISHED, "first_published_at": now}
    root = Page.objects.get(parent__isnull=True)
    section = Page.objects.filter(depth=1).order_by("sort_order").first()
    content = Page.objects.live().filter(depth=1).exclude(pk=getattr(section, "pk", None)).order_by("sort_order").last()
    content = content or section or root
    Page.objects.bulk_create(
        Page(parent=section or root, depth=(section.depth + 1) if section else 1, sort_order=1000 + n,
             title_en=f"Bench page {n}", title_fr=f"Page d'essai {n}", slug_en=f"bench-page-{n}",
             slug_fr=f"page-essai-{n}", url_path_en=f"{section.url_path_en if section else ''}bench-page-{n}/",
             url_path_fr=f"{section.url_path_fr if section else ''}page-essai-{n}/", summary_en="A benchmark page.",
             summary_fr="Une page d'essai.", body_en=BODY_EN, body_fr=BODY_FR, show_in_menu=False, **live)
        for n in range(count)
    )  # fmt: skip
    instruments = Instrument.objects.bulk_create(
        Instrument(kind=InstrumentKind.STATUTE, jurisdiction=Jurisdiction.CANADA_FEDERAL, title_en=f"Bench Act {n}",
                   title_fr=f"Loi d'essai {n}", slug_en=f"bench-act-{n}", slug_fr=f"loi-essai-{n}",
                   summary_en="A benchmark statute.", summary_fr="Une loi d'essai.", body_en=BODY_EN, body_fr=BODY_FR,
                   **live)
        for n in range(count)
    )  # fmt: skip
    Provision.objects.bulk_create(
        Provision(instrument=instrument, label=str(number), order=number, heading_en=f"Section {number}",
                  heading_fr=f"Article {number}", text_en="<p>Provision text.</p>", text_fr="<p>Texte.</p>")
        for instrument in instruments
        for number in range(1, PROVISIONS_PER_INSTRUMENT + 1)
    )  # fmt: skip
    Organization.objects.bulk_create(
        Organization(kind=OrganizationKind.NGO, name_en=f"Bench organization {n}", name_fr=f"Organisme d'essai {n}",
                     slug_en=f"bench-organization-{n}", slug_fr=f"organisme-essai-{n}", summary_en="A benchmark NGO.",
                     summary_fr="Un organisme d'essai.", description_en=BODY_EN, description_fr=BODY_FR, **live)
        for n in range(count)
    )  # fmt: skip
    pamphlets = Pamphlet.objects.bulk_create(
        Pamphlet(title_en=f"Bench pamphlet {n}", title_fr=f"Dépliant d'essai {n}", slug_en=f"bench-pamphlet-{n}",
                 slug_fr=f"depliant-essai-{n}", summary_en="A benchmark pamphlet.", summary_fr="Un dépliant d'essai.",
                 body_en=BODY_EN, body_fr=BODY_FR, **live)
        for n in range(count)
    )  # fmt: skip
    pamphlet = Pamphlet.objects.get(pk=pamphlets[0].pk)
    edition = edition_store_file(
        edition=Edition(pamphlet=pamphlet, language=Language.objects.order_by("code").first(), **live),
        uploaded=ContentFile(megabyte_pdf(), name="megabyte.pdf"),
    )
    deep = deep_page(root, live)
    search_index.rebuild()  # bulk_create writes around the write path, which keeps the index
    return {
        "home": "/en/",
        "content_en": url_in_language(content, "en"),
        "content_fr": url_in_language(content, "fr"),
        "deep": url_in_language(deep, "en"),
        "section": url_in_language(section or root, "en"),
        "legislation": "/en/legislation/",
        "partners": "/fr/partenaires/",
        "instrument": url_in_language(Instrument.objects.get(slug_en="bench-act-1"), "en"),
        "partner": url_in_language(Organization.objects.get(slug_en="bench-organization-1"), "en"),
        "pamphlet": url_in_language(pamphlet, "en"),
        "download": url_in_language(edition, "en"),
        "sitemap": "/sitemap.xml",
    }


if __name__ == "__main__":
    with transaction.atomic():
        urls = fill(int(sys.argv[1]))
    # As autovacuum keeps a database in use: the planner's statistics, and the GIN indexes' pending entries
    # merged (until then each search reads the 100,000 entries just written, in a list: 8 ms a type).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"Filled: {sys.argv[1]} items of each kind.")
    print(json.dumps(urls))
