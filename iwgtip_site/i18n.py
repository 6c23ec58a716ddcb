"""Official languages for content: which language versions an item has, and where the toggle leads.

The rules, stated once, here:
- Content is never shown in the other official language in place of a missing translation
  (modeltranslation fallbacks are off in settings). An item exists in a language when the fields it names
  in `required_translations` are filled in that language (`missing_required`, `has_translation`; lists
  filter with `in_language`, built from the same fields).
- In each language an item's name and slug go together (`language_version_errors`, model validation).
- An item is published in both languages at once, complete in each (`publication_gaps`, the publish gate:
  every required field in both, and every translated field filled in one language filled in the other,
  in the item and in the rows that are part of it).
- The language toggle leads to the same item in the other language or, when that version does not exist,
  to a notice page that says so in both languages; never to a bare 404.
"""

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
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


def missing_required(item, language):
    """The fields of `required_translations` that `item` leaves empty in `language` (but those the item
    is exempt from: the home page needs no slug)."""
    exempt = set(item.translation_exemptions()) if hasattr(item, "translation_exemptions") else set()
    return [
        field
        for field in getattr(item, "required_translations", ())
        if field not in exempt and not localized(item, field, language)
    ]


def translated_fields(model):
    """The editable translated fields of a model (title, summary, body...), by base name."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(name for name in options.fields if model._meta.get_field(name).editable)


def language_version_errors(item):
    """{field: message}: an item has a name (the first of `required_translations`) in at least one
    language, and in each language its name and slug go together."""
    fields = getattr(item, "required_translations", ())
    if len(fields) < 2 or "slug" not in fields:
        return {}
    name = fields[0]
    label = item._meta.get_field(name).verbose_name
    errors = {}
    if not any(localized(item, name, code) for code in LANGUAGE_CODES):
        errors[build_localized_fieldname(name, LANGUAGE_CODES[0])] = _(
            "Give it a %(field)s in at least one language."
        ) % {"field": label}
    for code in LANGUAGE_CODES:
        missing = missing_required(item, code)
        language = language_name(code)
        if name not in missing and "slug" in missing:
            errors[f"slug_{code}"] = _("Give the %(language)s version a slug.") % {"language": language}
        elif name in missing and localized(item, "slug", code):
            errors[f"{name}_{code}"] = _("Give the %(language)s version a %(field)s.") % {
                "language": language,
                "field": label,
            }
    return errors


def _empty(item, field, language):
    value = localized(item, field, language)
    return value is None or not str(value).strip()


def _text_gaps(obj, row_label=None):
    """Translated fields of `obj` filled in one language and empty in another (but those the model names
    in `translations_optional`: a website that exists in one language only)."""
    gaps = []
    optional = set(getattr(obj, "translations_optional", ()))
    for field in translated_fields(type(obj)):
        if field in optional:
            continue
        filled = [code for code in LANGUAGE_CODES if not _empty(obj, field, code)]
        if not filled:
            continue
        for code in LANGUAGE_CODES:
            if code not in filled:
                gaps.append(_gap(obj, field, code, row_label))
    return gaps


def _gap(obj, field, language, row_label=None):
    values = {"field": obj._meta.get_field(field).verbose_name, "language": language_name(language)}
    if row_label is None:
        return _("The %(language)s %(field)s is empty.") % values
    return _("%(row)s: the %(language)s %(field)s is empty.") % {**values, "row": row_label}


def publication_gaps(item, *, rows=True):
    """Why `item` cannot be published yet, one message per missing field in the reader's language
    ("The French body is empty."); [] when it is complete in both official languages. `rows`: also check
    the rows that are part of it, as stored (a provision's heading)."""
    gaps = []
    for code in LANGUAGE_CODES:
        gaps += [_gap(item, field, code) for field in missing_required(item, code)]
    gaps += [gap for gap in _text_gaps(item) if gap not in gaps]
    if rows and item.pk:
        for name in getattr(type(item), "item_rows", ()):
            for row in getattr(item, name).all():
                label = f"{row._meta.verbose_name.capitalize()} {getattr(row, 'history_label', None) or row}"
                gaps += _text_gaps(row, label)
    return gaps


def has_translation(obj, language):
    """Whether `obj` has a version in `language`. Models may refine this (see pages.Page)."""
    if hasattr(obj, "has_translation"):
        return obj.has_translation(language)
    return not missing_required(obj, language)


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
