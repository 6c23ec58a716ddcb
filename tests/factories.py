"""factory_boy factories: real rows in the real test database."""

import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from fpdf import FPDF
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from iwgtip_site.feedback.models import FeedbackAnswer, PageFeedback
from iwgtip_site.publishing import Status
from legislation.models import Instrument, InstrumentKind, Jurisdiction, Provision
from pages.models import Page
from pamphlets.models import Edition, Language, Pamphlet, TextDirection
from pamphlets.services import edition_store_file
from partners.models import Organization, OrganizationKind

# What a reader's browser sends: downloads are counted for readers, not for crawlers and scripts
# (iwgtip_site/downloads.py), so a test that counts downloads over HTTP says it is a browser.
BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def permissions(user, create, codenames, **kwargs):
        """permissions=["app_label.codename", ...]"""
        if create and codenames:
            for dotted in codenames:
                app_label, codename = dotted.split(".")
                user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
            user.save()


class AddressedPageFactory(DjangoModelFactory):
    """Pages get their addresses as the workflow's write path gives them (pages.tree)."""

    class Meta:
        model = Page
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        page.refresh_derived()
        return page


class RootPageFactory(AddressedPageFactory):
    class Meta:
        model = Page
        django_get_or_create = ("parent",)

    parent = None
    title_en = "Home"
    title_fr = "Accueil"
    status = Status.PUBLISHED


class PageFactory(AddressedPageFactory):
    class Meta:
        model = Page

    parent = factory.LazyFunction(lambda: RootPageFactory())
    title_en = factory.Sequence(lambda n: f"Page {n}")
    title_fr = factory.Sequence(lambda n: f"Page {n} en français")
    slug_en = factory.Sequence(lambda n: f"page-{n}")
    slug_fr = factory.Sequence(lambda n: f"page-{n}-fr")
    summary_en = "An English summary."
    summary_fr = "Un résumé en français."
    body_en = "<p>English body text.</p>"
    body_fr = "<p>Texte du corps en français.</p>"
    status = Status.PUBLISHED


# legislation


class InstrumentFactory(DjangoModelFactory):
    class Meta:
        model = Instrument

    kind = InstrumentKind.STATUTE
    jurisdiction = Jurisdiction.CANADA_FEDERAL
    title_en = factory.Sequence(lambda n: f"Statute number {n}")
    title_fr = factory.Sequence(lambda n: f"Loi numéro {n}")
    slug_en = factory.Sequence(lambda n: f"statute-{n}")
    slug_fr = factory.Sequence(lambda n: f"loi-{n}")
    summary_en = "What this statute does."
    summary_fr = "Ce que fait cette loi."
    status = Status.PUBLISHED


class TreatyFactory(InstrumentFactory):
    kind = InstrumentKind.CONVENTION
    jurisdiction = Jurisdiction.INTERNATIONAL
    title_en = factory.Sequence(lambda n: f"Convention number {n}")
    title_fr = factory.Sequence(lambda n: f"Convention numéro {n}")
    slug_en = factory.Sequence(lambda n: f"convention-{n}")
    slug_fr = factory.Sequence(lambda n: f"convention-{n}-fr")


class ProvisionFactory(DjangoModelFactory):
    class Meta:
        model = Provision

    instrument = factory.SubFactory(InstrumentFactory)
    label = factory.Sequence(lambda n: f"{n + 1}")
    order = factory.Sequence(lambda n: n)
    heading_en = factory.Sequence(lambda n: f"Heading {n}")
    heading_fr = factory.Sequence(lambda n: f"Intertitre {n}")
    text_en = "<p>What the provision says.</p>"
    text_fr = "<p>Ce que dit la disposition.</p>"


# partners


class OrganizationFactory(DjangoModelFactory):
    """A live federal organization with an English and a French version (no logo)."""

    class Meta:
        model = Organization

    name_en = factory.Sequence(lambda n: f"Organization {n}")
    name_fr = factory.Sequence(lambda n: f"Organisation {n}")
    slug_en = factory.Sequence(lambda n: f"organization-{n}")
    slug_fr = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganizationKind.FEDERAL
    summary_en = "What it does against trafficking."
    summary_fr = "Ce qu'elle fait contre la traite."
    description_en = "<p>English description.</p>"
    description_fr = "<p>Description en français.</p>"
    status = Status.PUBLISHED


# pamphlets


def make_pdf(text="Test pamphlet", pages=2):
    """A real PDF made with fpdf2: `pages` pages, each showing `text`."""
    pdf = FPDF()
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=16)
        pdf.cell(text=f"{text} - page {number}")
    return bytes(pdf.output())


def make_tagged_pdf(language="ar"):
    """A one-page PDF that says it is tagged (MarkInfo, a structure tree) and written in `language`."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer._root_object[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    writer._root_object[NameObject("/StructTreeRoot")] = writer._add_object(
        DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    )
    if language:
        writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    return pdf_bytes(writer)


def make_pdf_with_javascript():
    """A one-page PDF with a script in its document-level JavaScript name tree."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_open_action(JavaScript("app.alert('hello')"))
    return pdf_bytes(writer)


def pdf_bytes(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    # "qaa" to "qtz" are reserved for local use by ISO 639-2: never a real language.
    code = factory.Sequence(lambda n: f"qaa-{n:04d}")
    name_en = factory.Sequence(lambda n: f"Language {n}")
    name_fr = factory.Sequence(lambda n: f"Langue {n}")
    endonym = factory.Sequence(lambda n: f"Endonym {n}")
    direction = TextDirection.LTR


class PamphletFactory(DjangoModelFactory):
    class Meta:
        model = Pamphlet

    title_en = factory.Sequence(lambda n: f"Pamphlet {n}")
    title_fr = factory.Sequence(lambda n: f"Dépliant {n}")
    slug_en = factory.Sequence(lambda n: f"pamphlet-{n}")
    slug_fr = factory.Sequence(lambda n: f"depliant-{n}")
    summary_en = "An English summary."
    summary_fr = "Un résumé en français."
    body_en = "<p>The pamphlet's text.</p>"
    body_fr = "<p>Le texte du dépliant.</p>"
    status = Status.PUBLISHED


class EditionFactory(DjangoModelFactory):
    """An edition with a real PDF stored through the service (size, pages and checksum recorded)."""

    class Meta:
        model = Edition

    pamphlet = factory.SubFactory(PamphletFactory)
    language = factory.SubFactory(LanguageFactory)
    status = Status.PUBLISHED
    content = factory.LazyAttribute(lambda edition: make_pdf(f"Pamphlet in {edition.language.code}"))

    @classmethod
    def _create(cls, model_class, *args, content, **kwargs):
        edition = model_class(*args, **kwargs)
        return edition_store_file(edition=edition, uploaded=ContentFile(content, name="upload.pdf"))


# iwgtip_site: page feedback


class PageFeedbackFactory(DjangoModelFactory):
    class Meta:
        model = PageFeedback

    page_path = "/en/"
    language = "en"
    answer = FeedbackAnswer.NO
    comment = "The link to the Criminal Code is broken."
