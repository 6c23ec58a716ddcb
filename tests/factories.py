"""factory_boy factories: real rows in the real test database."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from factory.django import DjangoModelFactory

from iwgtip_site.publishing import Status
from legislation.models import Instrument, InstrumentKind, Jurisdiction, Provision
from pages.models import Page
from partners.models import Organization, OrganizationKind


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
