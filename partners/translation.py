from modeltranslation.translator import TranslationOptions, register

from .models import Organization


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "acronym",
        "slug",
        "country_or_region",
        "summary",
        "description",
        "website",
        "canada_participation",
        "logo_alt",
    )
    # An untranslated slug is "no value" (NULL), not an empty string: the per-language unique
    # constraints then allow any number of organizations without a version in a language.
    empty_values = {"slug": None}
