"""Translation freshness: which language may be out of date after an edit."""

from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from iwgtip_site.i18n import LANGUAGE_CODES, has_translation
from iwgtip_site.richtext import RichTextField, sanitize_html


def translated_fields(model):
    """The editable translated fields of a model (title, summary, body...), by base name."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(name for name in options.fields if model._meta.get_field(name).editable)


def changed_languages(before, after):
    """The languages whose translated text differs between two copies of an item (rich text is
    compared as it will be stored, so an editor's reformatting is not a change)."""
    changed = set()
    for field in translated_fields(type(after)):
        for code in LANGUAGE_CODES:
            name = build_localized_fieldname(field, code)
            old, new = getattr(before, name) or "", getattr(after, name) or ""
            if isinstance(type(after)._meta.get_field(name), RichTextField):
                old, new = sanitize_html(old), sanitize_html(new)
            if old != new:
                changed.add(code)
    return changed


def outdated_after_edit(before, after):
    """Which language may be out of date after `before` became `after` ("" if none).

    Changing one language only flags the other, if it exists; changing a flagged language (catching
    up) clears its flag without flagging the first one; changing both clears everything."""
    changed = changed_languages(before, after)
    flagged = before.outdated_language
    if not changed:
        return flagged
    if flagged in changed:
        return ""
    if len(changed) == 1:
        (code,) = changed
        other = next(language for language in LANGUAGE_CODES if language != code)
        return other if has_translation(after, other) else ""
    return ""
