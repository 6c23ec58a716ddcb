from modeltranslation.translator import TranslationOptions, register

from .models import Instrument, Provision


@register(Instrument)
class InstrumentTranslationOptions(TranslationOptions):
    fields = ("title", "short_title", "acronym", "slug", "summary", "body", "citation", "official_url")
    empty_values = {"slug": None}


@register(Provision)
class ProvisionTranslationOptions(TranslationOptions):
    fields = ("heading", "text", "penalty_note")
