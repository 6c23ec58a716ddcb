"""Content of every type in bulk (real rows, bulk-created), for the site-wide features' query budgets."""

from legislation.models import Instrument, Provision
from pages.models import Page
from pamphlets.models import Pamphlet
from partners.models import Organization
from tests.factories import InstrumentFactory, OrganizationFactory, PageFactory, PamphletFactory, ProvisionFactory


def bulk_content(root, count, word="zanzibar"):
    """`count` live items of each type (pages, instruments, provisions, organizations, pamphlets), each
    mentioning `word` in both languages."""
    pages = []
    for index in range(count):
        page = PageFactory.build(
            parent=root, title_en=f"{word} page {index}", title_fr=f"{word} page {index} fr", show_in_menu=False
        )
        page.url_path_en, page.url_path_fr, page.depth = f"{page.slug_en}/", f"{page.slug_fr}/", 1
        pages.append(page)
    Page.objects.bulk_create(pages)
    instruments = Instrument.objects.bulk_create(
        InstrumentFactory.build_batch(count, summary_en=f"About {word}.", summary_fr=f"Au sujet de {word}.")
    )
    Provision.objects.bulk_create(
        ProvisionFactory.build(instrument=instrument, heading_en=f"{word} offence", heading_fr=f"Infraction {word}")
        for instrument in instruments
    )
    Organization.objects.bulk_create(
        OrganizationFactory.build_batch(count, summary_en=f"Works on {word}.", summary_fr=f"Travaille sur {word}.")
    )
    Pamphlet.objects.bulk_create(
        PamphletFactory.build_batch(count, summary_en=f"A {word} pamphlet.", summary_fr=f"Un dépliant {word}.")
    )
