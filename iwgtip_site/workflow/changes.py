"""What changed between two snapshots of an item, and how the history and the audit log say it.

A change is computed from what is stored (rich text already sanitized), so a save that changes nothing is
seen as such, and CKEditor's reformatting is not a change. Records are kept as data (JSON: events, field
names, row labels in each language) and put into words when they are read, in the reader's language:
a French-speaking editor reads French history comments whatever the language of the editor who saved.
"""

import json
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationField

from iwgtip_site.formats import date_in_words
from iwgtip_site.i18n import LANGUAGE_CODES, language_name, translated_fields

MARK = "iwgtip"  # tells our records from Django's own change messages
# Values derived from others, or kept by the workflow itself: never "a change" on their own.
NOT_CHANGES = {
    "created_at",
    "updated_at",
    "updated_by",
    "edit_version",
    "outdated_language",
    "first_published_at",
    "url_path",
    "depth",
    "size",
    "page_count",
    "sha256",
    "uploaded_at",
    "logo_width",
    "logo_height",
}


@dataclass
class RowChange:
    """One stored object that differs between two snapshots."""

    model: str  # "legislation.provision"
    pk: object
    action: str  # "added", "changed", "deleted"
    fields: list = field(default_factory=list)  # names of the changed fields ("text_fr")
    old: dict = field(default_factory=dict)
    new: dict = field(default_factory=dict)


def is_content_field(model_label, name):
    """Whether a change of field `name` is a change of content: not derived data, and not the untranslated
    column modeltranslation keeps beside each language's (it mirrors the default language)."""
    base = name.rsplit("_", 1)[0] if name.rsplit("_", 1)[-1] in LANGUAGE_CODES else name
    if name in NOT_CHANGES or base in NOT_CHANGES:
        return False
    try:
        return name not in translated_fields(apps.get_model(model_label))
    except LookupError:
        return True


def _same(old, new):
    """Equal as stored content: an empty text and no text are the same."""
    return (old if old is not None else "") == (new if new is not None else "")


def snapshot_changes(before, after):
    """[RowChange] from snapshot `before` to snapshot `after`: the item first, then its rows."""
    old = {(entry["model"], entry["pk"]): entry["fields"] for entry in before or ()}
    new = {(entry["model"], entry["pk"]): entry["fields"] for entry in after or ()}
    changes = []
    for key in [*new, *[key for key in old if key not in new]]:
        model, pk = key
        if key not in old:
            changes.append(RowChange(model, pk, "added", new=new[key]))
        elif key not in new:
            changes.append(RowChange(model, pk, "deleted", old=old[key]))
        else:
            names = [
                name
                for name in new[key]
                if is_content_field(model, name) and not _same(old[key].get(name), new[key][name])
            ]
            if names:
                changes.append(RowChange(model, pk, "changed", names, old[key], new[key]))
    return changes


def changed_languages(changes):
    """{language: "edited" | "added"} for the translated text that changed: "added" when a field that was
    empty in that language was filled (a translation added), "edited" when existing text changed."""
    result = {}
    for change in changes:
        for name in change.fields:
            language = name.rsplit("_", 1)[-1]
            if language not in LANGUAGE_CODES or not _is_translated(change.model, name):
                continue
            kind = "edited" if change.old.get(name) else "added"
            if result.get(language) != "edited":
                result[language] = kind
    return result


def _is_translated(model_label, name):
    try:
        return isinstance(apps.get_model(model_label)._meta.get_field(name), TranslationField)
    except (LookupError, FieldDoesNotExist):
        return False


# Records


def _row_labels(model_label, fields_, pk):
    """The row's name in each language ("s. 279.01 Trafficking in persons"), kept with the record."""
    row = build_row(apps.get_model(model_label), fields_, pk)
    labels = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            try:
                labels[code] = str(getattr(row, "history_label", None) or row)
            except Exception:  # a label that needs a row since deleted: fall back to its kind
                labels[code] = str(row._meta.verbose_name)
    return labels


def build_row(model, fields_, pk=None):
    """An unsaved instance of `model` from a snapshot's fields (foreign keys by their ids), to name it."""
    values = {
        field.attname: fields_[field.name]
        for field in model._meta.concrete_fields
        if field.name in fields_ and not field.many_to_many
    }
    return model(pk=pk, **values)


def describe(changes, item_label):
    """The record of `changes` (from snapshot_changes), as JSON-able data."""
    record = []
    for change in changes:
        if change.model == item_label:
            if change.action == "changed":
                record.append({MARK: "changed", "model": item_label, "fields": change.fields})
            continue
        entry = {MARK: f"row-{change.action}", "model": change.model}
        entry["label"] = _row_labels(change.model, change.new or change.old, change.pk)
        if change.action == "changed":
            entry["fields"] = change.fields
        record.append(entry)
    return record


def event(name, **details):
    """A workflow event for the record ("submitted", with the editor's message...)."""
    return {MARK: "event", "event": name, **details}


def dumps(record):
    return json.dumps(record, ensure_ascii=False)


# Reading records, in the reader's language


def field_label(model_label, name):
    """ "title", or "title (French)" for one language of a translated field."""
    try:
        model_field = apps.get_model(model_label)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name
    if isinstance(model_field, TranslationField):
        return _("%(field)s (%(language)s)") % {
            "field": model_field.translated_field.verbose_name,
            "language": language_name(model_field.language),
        }
    return str(model_field.verbose_name)


def _fields(model_label, names):
    return get_text_list([field_label(model_label, name) for name in names], _("and"))


def _when(value):
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is None:
        return str(value)
    return date_in_words(moment, "DATETIME_FORMAT")


EVENTS = {
    "created": lambda entry: _("Created."),
    "published": lambda entry: _("Published."),
    "unpublished": lambda entry: _("Returned to draft."),
    "confirmed": lambda entry: _("Confirmed that both languages are up to date."),
    "restored": lambda entry: _("Restored the version of %(when)s.") % {"when": _when(entry.get("when"))},
    "recovered": lambda entry: _("Recovered after deletion, as a draft."),
    "deleted": lambda entry: _("Deleted (it can be recovered)."),
    "copy-saved": lambda entry: _("Changes saved in the working copy; the public still sees the published version."),
    "submitted": lambda entry: _("Submitted for review."),
    "changes-requested": lambda entry: _("Changes requested."),
    "approved": lambda entry: _("Approved and published."),
    "scheduled": lambda entry: _("Approved, to be published on %(when)s.") % {"when": _when(entry.get("when"))},
    "copy-published": lambda entry: _("The approved changes were published."),
    "discarded": lambda entry: _("Working copy discarded."),
    "seeded": lambda entry: _("Initial content."),
}


def _sentence(entry, item_label):
    kind = entry.get(MARK)
    if kind == "event":
        text = EVENTS.get(entry.get("event"), lambda entry: entry.get("event", ""))(entry)
        note = entry.get("message") or entry.get("comment")
        return _("%(event)s Message: %(message)s") % {"event": text, "message": note} if note else text
    if kind == "changed":
        return _("Changed %(fields)s.") % {"fields": _fields(entry.get("model", item_label), entry.get("fields", []))}
    language = translation.get_language() or LANGUAGE_CODES[0]
    label = entry.get("label", {}).get(language) or next(iter(entry.get("label", {}).values()), "")
    model = entry.get("model", "")
    try:
        kind_name = str(apps.get_model(model)._meta.verbose_name)
    except (LookupError, ValueError):
        kind_name = model
    if kind == "row-added":
        return _("Added %(kind)s “%(row)s”.") % {"kind": kind_name, "row": label}
    if kind == "row-deleted":
        return _("Deleted %(kind)s “%(row)s”.") % {"kind": kind_name, "row": label}
    if kind == "row-changed":
        return _("Changed %(fields)s of %(kind)s “%(row)s”.") % {
            "fields": _fields(model, entry.get("fields", [])),
            "kind": kind_name,
            "row": label,
        }
    return ""


def render(text, item_label=""):
    """A stored record (ours as JSON, or any plain text) as sentences in the current language."""
    try:
        record = json.loads(text) if text and text.lstrip().startswith("[") else None
    except ValueError:
        record = None
    if not isinstance(record, list) or not all(isinstance(entry, dict) and MARK in entry for entry in record):
        return text or ""
    return " ".join(sentence for sentence in (_sentence(entry, item_label) for entry in record) if sentence)


def render_log_entry(entry):
    """What an audit log entry says changed, in the reader's language: the workflow's records, and Django's own
    messages (from screens that are not content's, such as the pamphlet languages), whose field names Django
    stores in English ("name [fr]") and could not translate when read."""
    text = render(entry.change_message)
    if text != entry.change_message:
        return text
    try:
        record = json.loads(entry.change_message or "[]")
    except ValueError:
        return entry.get_change_message()
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None or not isinstance(record, list):
        return entry.get_change_message()
    with translation.override(None):  # as Django stored them
        names = {str(field.verbose_name).lower(): field.name for field in model._meta.concrete_fields}
    for part in record:
        changed = part.get("changed") if isinstance(part, dict) else None
        if isinstance(changed, dict) and "name" not in changed:  # the item's own fields, not a row's
            changed["fields"] = [
                field_label(model._meta.label_lower, names[name.lower()]) if name.lower() in names else name
                for name in changed.get("fields", [])
            ]
    return type(entry)(change_message=json.dumps(record)).get_change_message()
