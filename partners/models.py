from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from iwgtip_site.fields import WebAddressField, validate_lowercase_slug
from iwgtip_site.i18n import (
    LANGUAGE_CODES,
    address_leads_to,
    in_any_language,
    language_name,
    localized,
    reverse_by_slug,
)
from iwgtip_site.ordering import in_order_of
from iwgtip_site.publishing import Publishable, PublishableQuerySet
from iwgtip_site.richtext import RichTextField

from .fields import LogoField, logo_upload_to


class OrganizationKind(models.TextChoices):
    """Declared in the order the directory groups them: the federal response first."""

    FEDERAL = "federal", _("Federal department or agency")
    PROVINCIAL = "provincial", _("Provincial or territorial body")
    INTERNATIONAL = "international", _("International organization")
    FORUM = "forum", _("Intergovernmental forum")
    FOREIGN_GOVERNMENT = "foreign_government", _("Foreign government")
    NGO = "ngo", _("Non-governmental organization")


# The directory's group headings, one per kind.
KIND_HEADINGS = {
    OrganizationKind.FEDERAL: _("Federal departments and agencies"),
    OrganizationKind.PROVINCIAL: _("Provincial and territorial bodies"),
    OrganizationKind.INTERNATIONAL: _("International organizations"),
    OrganizationKind.FORUM: _("Intergovernmental fora"),
    OrganizationKind.FOREIGN_GOVERNMENT: _("Foreign governments"),
    OrganizationKind.NGO: _("Non-governmental organizations"),
}

# Canada takes part in these as a state: they are where "Canada's participation" applies.
INTERNATIONAL_KINDS = (OrganizationKind.INTERNATIONAL, OrganizationKind.FORUM)


class WorkingGroupRole(models.TextChoices):
    """Declared in the order the working group's members are listed: the lead first."""

    LEAD = "lead", _("Chair or lead")
    MEMBER = "member", _("Member")
    NONE = "none", _("None")


WORKING_GROUP_ROLES = (WorkingGroupRole.LEAD, WorkingGroupRole.MEMBER)


def _directory_order(language):
    return (in_order_of("kind", OrganizationKind), Lower(f"name_{language}"))


class OrganizationQuerySet(PublishableQuerySet):
    def in_directory_order(self, language=None):
        """Grouped by kind (federal first), then by name in `language`, ignoring case."""
        language = language or translation.get_language()
        return self.order_by(*_directory_order(language), "pk")

    def working_group(self, language=None):
        """The interdepartmental working group's members, the lead first, then by name."""
        language = language or translation.get_language()
        return self.filter(working_group_role__in=WORKING_GROUP_ROLES).order_by(
            in_order_of("working_group_role", WorkingGroupRole), Lower(f"name_{language}"), "pk"
        )


class Organization(Publishable):
    """An organization in the response to trafficking: a federal department, an international
    organization or forum, a government, an NGO. Its role in the interdepartmental working group,
    and for fora Canada's participation, are part of the record, so the public "Working group
    members" page is built from these records, never kept by hand.
    """

    # Both languages are optional to the database; `clean` requires a name (and slug) in at least one.
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("The organization's official name in this language.")
    )
    acronym = models.CharField(
        _("acronym"),
        max_length=30,
        blank=True,
        help_text=_("The short form the organization itself uses in this language (PS, SP; OAS, OEA). Optional."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        validators=[validate_lowercase_slug],
        help_text=_("The last part of the organization's address: lowercase letters, digits and hyphens."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=OrganizationKind.choices)
    country_or_region = models.CharField(
        _("country or region"),
        max_length=150,
        blank=True,
        help_text=_('Where the organization works, as readers should see it: "Canada", "Americas", "Asia-Pacific".'),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences on what the organization does against trafficking, shown in the directory."),
    )
    description = RichTextField(_("description"), blank=True)
    website = WebAddressField(
        _("website"),
        max_length=500,
        blank=True,
        help_text=_(
            "The organization's website in this language, starting with https://. If it has none in French, "
            "leave the French one empty: the French page then links to the English site and says so."
        ),
    )
    working_group_role = models.CharField(
        _("role in the working group"),
        max_length=10,
        choices=WorkingGroupRole.choices,
        default=WorkingGroupRole.NONE,
        db_index=True,
        help_text=_(
            "Its place in the Interdepartmental Working Group on Trafficking in Persons. Only federal "
            "departments and agencies sit on it."
        ),
    )
    canada_participation = RichTextField(
        _("Canada's participation"),
        blank=True,
        help_text=_(
            "For international organizations and intergovernmental fora: how Canada takes part. State only "
            "what a public source says."
        ),
    )
    logo = LogoField(
        _("logo"),
        upload_to=logo_upload_to,
        width_field="logo_width",
        height_field="logo_height",
        max_length=200,
        blank=True,
        help_text=_("Optional. A PNG, JPEG or WebP image (not SVG), at most 2 MB."),
    )
    logo_width = models.PositiveIntegerField(_("logo width"), null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(_("logo height"), null=True, blank=True, editable=False)
    logo_alt = models.CharField(
        _("logo text alternative"),
        max_length=250,
        blank=True,
        help_text=_(
            "Required in both languages when there is a logo: what the logo says or shows, for readers who "
            'cannot see it (usually the organization\'s name, e.g. "Public Safety Canada logo").'
        ),
    )

    # Links to the rest of the site, shown on both ends (lazy references: apps never import each other).
    responsible_for = models.ManyToManyField(
        "legislation.Instrument",
        verbose_name=_("legislation it is responsible for"),
        blank=True,
        related_name="responsible_organizations",
        help_text=_("The statutes or treaties this organization administers or leads Canada's work on."),
    )
    distributes = models.ManyToManyField(
        "pamphlets.Pamphlet",
        verbose_name=_("pamphlets it distributes"),
        blank=True,
        related_name="distributors",
        help_text=_("For example, a non-governmental organization that hands the pamphlet to potential victims."),
    )

    # An organization exists in a language when it has a name and an address in it.
    required_translations = ("name", "slug")
    # May exist in one language only: a website with no French version, an acronym used in one language.
    translations_optional = ("website", "acronym")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_en", "name_fr", "pk"]
        constraints = [
            models.UniqueConstraint(fields=[f"slug_{code}"], name=f"partners_organization_unique_slug_{code}")
            for code in LANGUAGE_CODES
        ]
        indexes = [  # the directory's order in each language: a page of it reads a page
            models.Index(*_directory_order(code), F("id"), name=f"organization_directory_{code}")
            for code in LANGUAGE_CODES
        ]

    def __str__(self):
        return in_any_language(self, "name")

    def get_absolute_url(self):
        return reverse_by_slug(self, "partners:organization_detail")

    @property
    def is_working_group_member(self):
        return self.working_group_role in WORKING_GROUP_ROLES

    def website_link(self, language=None):
        """(address, its language) of the website to show to a reader of `language`: the site in that
        language or, when there is none, the other language's, marked as such. (None, None) if neither."""
        language = language or translation.get_language()
        for code in (language, *[other for other in LANGUAGE_CODES if other != language]):
            url = localized(self, "website", code)
            if url:
                return url, code
        return None, None

    def clean(self):
        super().clean()
        errors = {}
        for code in LANGUAGE_CODES:
            errors.update(self._language_errors(code))
        if self.working_group_role in WORKING_GROUP_ROLES and self.kind and self.kind != OrganizationKind.FEDERAL:
            errors["working_group_role"] = _(
                "Only federal departments and agencies sit on the interdepartmental working group: "
                'choose "None", or change the type.'
            )
        if self.kind and self.kind not in INTERNATIONAL_KINDS:
            for code in LANGUAGE_CODES:
                if localized(self, "canada_participation", code):
                    errors[f"canada_participation_{code}"] = _(
                        "Canada's participation is for international organizations and intergovernmental fora: "
                        "leave it empty, or change the type."
                    )
        if errors:
            raise ValidationError(errors)

    def _language_errors(self, code):
        """The errors of one language version (beyond Publishable's): its slug is free, and a logo has a
        text alternative in it."""
        errors = {}
        name, slug, language = localized(self, "name", code), localized(self, "slug", code), language_name(code)
        if self.logo and not localized(self, "logo_alt", code):
            errors[f"logo_alt_{code}"] = _("Describe the logo in %(language)s, for readers who cannot see it.") % {
                "language": language
            }
        if name and slug and Organization.objects.filter(**{f"slug_{code}": slug}).exclude(pk=self.pk).exists():
            errors[f"slug_{code}"] = _("Another organization already uses this slug in %(language)s.") % {
                "language": language
            }
        elif name and slug and not _organization_page_at(code, slug):
            errors[f"slug_{code}"] = _(
                "This address is taken by another page of the partners section in %(language)s."
            ) % {"language": language}
        return errors


def _organization_page_at(language, slug):
    """Whether an organization's page at `slug` would be reached (not, e.g., "working-group-members")."""
    with translation.override(language):
        try:
            path = reverse("partners:organization_detail", kwargs={"slug": slug})
        except NoReverseMatch:  # not a slug at all: the slug field reports that itself
            return True
    return address_leads_to(language, path, "partners:organization_detail")
