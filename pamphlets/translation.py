from modeltranslation.translator import TranslationOptions, register

from .models import Language, Pamphlet


@register(Pamphlet)
class PamphletTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body")
    # An untranslated slug is "no value" (NULL), not an empty string, so it never clashes.
    empty_values = {"slug": None}


@register(Language)
class LanguageTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr")
