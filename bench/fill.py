"""Fill the database with N live items of each kind, on top of the seed content, for the benchmark.

Run by bench/run.py in the benchmark's own environment (never on a real database):
    python bench/fill.py 1000
Items are bilingual and published, like real content; rows are written in bulk.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iwgtip_site.settings.prod")

import django

django.setup()

from django.db import transaction
from django.utils import timezone

from iwgtip_site.publishing import Status
from legislation.models import Instrument, InstrumentKind, Jurisdiction, Provision
from pages.models import Page
from pamphlets.models import Pamphlet
from partners.models import Organization, OrganizationKind

BODY_EN = "<p>Benchmark text about trafficking in persons and migrant smuggling, in English.</p>" * 4
BODY_FR = "<p>Texte de banc d'essai sur la traite des personnes et le passage de clandestins.</p>" * 4
PROVISIONS_PER_INSTRUMENT = 10


def fill(count):
    now = timezone.now()
    live = {"status": Status.PUBLISHED, "first_published_at": now}
    root = Page.objects.get(parent__isnull=True)
    section = Page.objects.filter(depth=1).order_by("sort_order").first()
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
    Pamphlet.objects.bulk_create(
        Pamphlet(title_en=f"Bench pamphlet {n}", title_fr=f"Dépliant d'essai {n}", slug_en=f"bench-pamphlet-{n}",
                 slug_fr=f"depliant-essai-{n}", summary_en="A benchmark pamphlet.", summary_fr="Un dépliant d'essai.",
                 body_en=BODY_EN, body_fr=BODY_FR, **live)
        for n in range(count)
    )  # fmt: skip


if __name__ == "__main__":
    with transaction.atomic():
        fill(int(sys.argv[1]))
    print(f"Filled: {sys.argv[1]} items of each kind.")
