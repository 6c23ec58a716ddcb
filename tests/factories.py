"""factory_boy factories: real rows in the real test database."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from factory.django import DjangoModelFactory

from iwgtip_site.publishing import Status
from pages.models import Page


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


class RootPageFactory(DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ("parent",)

    parent = None
    title_en = "Home"
    title_fr = "Accueil"
    status = Status.PUBLISHED


class PageFactory(DjangoModelFactory):
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


# pamphlets --------------------------------------------------------------------------------------------

from django.core.files.base import ContentFile  # noqa: E402
from fpdf import FPDF  # noqa: E402

from pamphlets.models import Edition, Language, Pamphlet, TextDirection  # noqa: E402
from pamphlets.services import edition_store_file  # noqa: E402


def make_pdf(text="Test pamphlet", pages=2):
    """A real PDF made with fpdf2: `pages` pages, each showing `text`."""
    pdf = FPDF()
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=16)
        pdf.cell(text=f"{text} - page {number}")
    return bytes(pdf.output())


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
