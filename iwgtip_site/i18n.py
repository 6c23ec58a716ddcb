"""Official languages for content: which language versions an item has, and where the toggle leads.

The rule, stated once: content is never shown in the other official language in place of a missing
translation (modeltranslation fallbacks are off in settings). An item exists in a language when the
fields it names in `required_translations` are filled in that language. The language toggle leads to
the same item in the other language or, when that version does not exist, to a notice page that says
so in both languages; never to a bare 404.
"""

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
# How each language names itself on the toggle: never translated.
ENDONYMS = {"en": "English", "fr": "Français"}


def language_name(code):
    """The name of an official language in the current interface language ("French", "français")."""
    return dict(settings.LANGUAGES)[code]


def other_language(language=None):
    language = language or translation.get_language()
    return next(code for code in LANGUAGE_CODES if code != language)


def localized(obj, field, language):
    """The value of a translated field in one language, without fallback."""
    return getattr(obj, build_localized_fieldname(field, language))


def has_translation(obj, language):
    """Whether `obj` has a version in `language`. Models may refine this (see pages.Page)."""
    if hasattr(obj, "has_translation"):
        return obj.has_translation(language)
    return all(localized(obj, field, language) for field in getattr(obj, "required_translations", ()))


def in_any_language(obj, field):
    """For labels in the admin and notices: the current language's value, else another's.
    (Django deactivates translation for some admin work, such as its change messages.)"""
    current = translation.get_language() or settings.LANGUAGE_CODE
    for language in (current, *[code for code in LANGUAGE_CODES if code != current]):
        value = localized(obj, field, language)
        if value:
            return value
    return ""


def best_language(obj, language=None):
    """The current language if `obj` has a version in it, else a language it has: a link never points
    to a missing version (the admin's "View on site" from the French admin, for instance)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if has_translation(obj, language):
        return language
    return next((code for code in LANGUAGE_CODES if has_translation(obj, code)), language)


def reverse_by_slug(obj, view_name, **kwargs):
    """`view_name` for `obj`, addressed by its slug, in the best language for it (see best_language)."""
    language = best_language(obj)
    with translation.override(language):
        return reverse(view_name, kwargs={"slug": localized(obj, "slug", language) or "-", **kwargs})


def url_in_language(obj, language):
    with translation.override(language):
        return obj.get_absolute_url()


def unavailable_notice_url(language, from_path):
    with translation.override(language):
        return f"{reverse('translation_unavailable')}?{urlencode({'from': from_path})}"


def counterpart_url(request, language, obj=None):
    """Where the toggle to `language` leads from this request: the same page in that language,
    or the notice that it has no version in that language. Returns (url, exists)."""
    if obj is not None and hasattr(obj, "get_absolute_url"):
        if has_translation(obj, language):
            return url_in_language(obj, language), True
        return unavailable_notice_url(language, request.get_full_path()), False
    try:
        url = translate_url(request.get_full_path(), language)
    except (Resolver404, NoReverseMatch):  # pragma: no cover - translate_url returns the input instead
        url = None
    if not url or url == request.get_full_path():
        with translation.override(language):
            return reverse("pages:home"), True
    return url, True


def address_leads_to(language, path, view_name):
    """Whether `path`, in `language`, reaches `view_name` rather than another part of the site that
    claims it first (a page slugged "legislation", an organization slugged "working-group-members")."""
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return True
    return match.view_name == view_name


def safe_local_path(path):
    """`path` if it is a path on this site (for back links built from the query string), else None."""
    if path and path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return path
    return None
