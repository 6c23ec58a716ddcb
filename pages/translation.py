from modeltranslation.translator import TranslationOptions, register

from .models import Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "meta_description", "url_path")
    # An untranslated slug or address is "no value" (NULL), not an empty string.
    empty_values = {"slug": None, "url_path": None}
