"""Translation exchange with professional translators: XLIFF 1.2 files out of the site and back.

**What travels**: a `Translatable`, a field of an object as the file carries it: the source language's text, the
target language's current text, and where a translation is written. A modeltranslation field (title, summary,
body...) holds both languages on one object. A field written in its object's own language
(`Model.own_language_fields`: a pamphlet edition's `text`) travels from the object in the source language into
its counterpart in the target language (the model gives `language_code` and `in_language(code)`): the English
edition's text into the French edition's. A pamphlet with no edition in the target language has no unit for its
text: an edition needs its PDF file, which a translation cannot bring, so staff add the French edition first.

**Export**: for each selected item and each of its rows (an instrument's provisions, a pamphlet's editions...),
one `trans-unit` per translatable text that has a source text: the source text, the target's current text, a
stable id naming the object written (`<model>:<pk>:<field>`: `pamphlets.edition:12:text` is the French
edition's) and notes with the SHA-256 of the source text (what the translation was made from: the import
compares it) and the item's edit version. Rich text is inline markup, as XLIFF 1.2 keeps native codes for CAT
tools to protect: each HTML tag is a `<bpt>`/`<ept>` pair (or a `<ph>` for `<br>`, `<img>`...) that holds the
tag itself, and only the text between them is for the translator (iwgtip_site.xliff_inline).

**Import** (`read`, then `apply`): the file is refused whole if it is too large, is not UTF-8, has a DTD
(entity expansion, external entities) or is not XLIFF; defusedxml parses it before translate-toolkit does.
Each unit is then reported: ready, unchanged, source changed since export (not applied), unknown id, in
another language than the file's target (an edition in Spanish, not applied), or markup that sanitizing would
change (not applied). `apply` writes the ready units through the workflow's write path
(`item_translations_update`: a working copy for a published item, the draft otherwise), item by item with its
rows, so the out-of-date flag of the language the translator updated clears as for any edit.
"""

import hashlib
from dataclasses import dataclass, field

import defusedxml.ElementTree
from defusedxml import DefusedXmlException
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from translate.storage import xliff

from . import xliff_inline
from .i18n import LANGUAGE_CODES, localized, other_language, translated_fields
from .publishing import row_owners
from .richtext import RichTextField, sanitize_html
from .workflow import copies, services

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
NOTE_ORIGIN = "iwgtip"
SOURCE_PREFIX = "source-sha256:"


class _Unit(xliff.xliffunit):
    namespace = XLIFF_12


class XliffFile(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2 (the one every CAT tool reads)."""

    UnitClass = _Unit
    namespace = XLIFF_12
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{XLIFF_12}'>
<file original='iwgtip' source-language='en' datatype='html'>
<body>
</body>
</file>
</xliff>"""


class RefusedFile(Exception):
    """The file as a whole is refused; nothing is read from it."""


def _digest(text):
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Translatable:
    """`field` of `obj` as the file carries it from one language into another: `source`, the text it is
    translated from; `current`, the target language's text now; `attribute`, where a translation is written."""

    obj: object
    field: str
    source: str
    current: str
    attribute: str

    @property
    def id(self):
        return f"{self.obj._meta.label_lower}:{self.obj.pk}:{self.field}"

    @property
    def is_rich(self):
        return isinstance(self.obj._meta.get_field(self.field), RichTextField)

    @classmethod
    def of(cls, obj, name, *, source, target):
        """`name` of `obj` from `source` into `target`; None if `obj` is written in a language of its own that
        is not `target` (the English or the Spanish edition, for a file into French)."""
        if name in translated_fields(type(obj)):
            current, attribute = localized(obj, name, target), build_localized_fieldname(name, target)
            return cls(obj, name, localized(obj, name, source) or "", current or "", attribute)
        if obj.language_code != target:
            return None
        original = obj.in_language(source)
        return cls(obj, name, getattr(original, name) if original else "", getattr(obj, name) or "", name)


def exchanged_fields(model):
    """The fields of `model` the exchange carries: modeltranslation's, then those in its objects' own language."""
    return (*translated_fields(model), *getattr(model, "own_language_fields", ()))


def unit_key(unit):
    """A unit's id as the file has it (translate-toolkit's `getid()` prefixes the file's name)."""
    return unit.xmlelement.get("id") or ""


def _parts(item):
    """The item, then its rows."""
    yield item
    for name in copies.item_rows(type(item)):
        yield from getattr(item, name).all()


def export(items, *, source="en"):
    """The XLIFF 1.2 file (bytes) of `items` from `source` into the other language."""
    target = other_language(source)
    store = XliffFile(sourcelanguage=source, targetlanguage=target)
    store.settargetlanguage(target)
    for item in items:
        for obj in _parts(item):
            for name in exchanged_fields(type(obj)):
                translatable = Translatable.of(obj, name, source=source, target=target)
                if translatable is not None and translatable.source:
                    _add_unit(store, translatable, item)
    return bytes(store)


def _add_unit(store, translatable, item):
    source, current = translatable.source, translatable.current
    unit = store.UnitClass(source)
    store.addunit(unit)
    unit.setid(translatable.id)
    if current:
        unit.target = current
    if translatable.is_rich:
        xliff_inline.write(unit.xmlelement.find(unit.namespaced("source")), source, XLIFF_12)
        if current:
            xliff_inline.write(unit.xmlelement.find(unit.namespaced("target")), current, XLIFF_12)
    unit.addnote(f"{SOURCE_PREFIX}{_digest(source)}", origin=NOTE_ORIGIN)
    unit.addnote(f"item-version:{item.edit_version}", origin=NOTE_ORIGIN)  # for the people involved


# Import -----------------------------------------------------------------------------------------------


class Outcome:
    READY = "ready"
    UNCHANGED = "unchanged"
    SOURCE_CHANGED = "source-changed"
    UNKNOWN = "unknown"
    WRONG_LANGUAGE = "wrong-language"
    MARKUP = "markup-rejected"


@dataclass
class UnitReport:
    """One unit of an imported file: what became of it; the object and field its id names, if any; what it
    would write (`translatable`) and the translation itself."""

    id: str
    outcome: str
    message: str = ""
    obj: object = None
    field: str = ""
    translatable: Translatable = None
    translation: str = ""


@dataclass
class ImportReport:
    source: str
    target: str
    units: list = field(default_factory=list)

    def ready(self):
        return [unit for unit in self.units if unit.outcome == Outcome.READY]

    def problems(self):
        return [unit for unit in self.units if unit.outcome not in (Outcome.READY, Outcome.UNCHANGED)]


def _parse(data):
    limit = settings.XLIFF_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise RefusedFile(_("The file is larger than %(limit)s MB: it cannot be a translation of a few items.")
                          % {"limit": limit // (1024 * 1024)})  # fmt: skip
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise RefusedFile(_("The file is not in UTF-8: export it from the translation tool as UTF-8.")) from None
    try:  # before translate-toolkit (lxml) sees it: no DTD, no entities, no external references
        defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, defusedxml.ElementTree.ParseError):
        raise RefusedFile(_("The file is not well-formed XLIFF, or it declares a DTD or entities.")) from None
    try:
        store = XliffFile.parsestring(data)
    except Exception:  # translate-toolkit's parser says nothing more useful to an editor
        raise RefusedFile(_("The file is not an XLIFF file.")) from None
    if store.namespace not in (XLIFF_12, xliff.xlifffile.namespace):
        raise RefusedFile(_("The file is not an XLIFF 1.2 file."))
    return store


def _source_digest(unit):
    for note in unit.getnotes(origin=NOTE_ORIGIN).splitlines():
        if note.startswith(SOURCE_PREFIX):
            return note.removeprefix(SOURCE_PREFIX).strip()
    return None


def _find(unit_key):
    """(object, field) named by a unit id, or None."""
    try:
        label, pk, name = unit_key.split(":")
        model = apps.get_model(label)
        if name not in exchanged_fields(model) or not pk.isdigit():
            return None
        return model._default_manager.get(pk=int(pk)), name
    except (ValueError, LookupError):
        return None
    except Exception:  # DoesNotExist of whichever model
        return None


def read(data):
    """Check `data` (bytes) and report on every unit; RefusedFile if the file itself is refused."""
    store = _parse(data)
    source = store.getsourcelanguage() or "en"
    target = store.gettargetlanguage() or other_language(source)
    if source not in LANGUAGE_CODES or target not in LANGUAGE_CODES or source == target:
        raise RefusedFile(_("The file must translate English into French, or French into English."))
    report = ImportReport(source=source, target=target)
    for unit in store.getunits():
        report.units.append(_check(unit, source, target))
    return report


def _check(unit, source, target):
    key = unit_key(unit)
    found = _find(key)
    if found is None:
        return UnitReport(key, Outcome.UNKNOWN, _("No item of the site has this unit's id."))
    obj, name = found
    translatable = Translatable.of(obj, name, source=source, target=target)
    if translatable is None:
        message = _("This unit names the version in another language (%(language)s), not the one in the file's "
                    "target language (%(target)s).") % {"language": obj.language_code, "target": target}  # fmt: skip
        return UnitReport(key, Outcome.WRONG_LANGUAGE, message, obj=obj, field=name)
    target_node = unit.xmlelement.find(unit.namespaced("target"))
    text = "" if target_node is None else xliff_inline.read(target_node).strip()
    line = UnitReport(key, Outcome.READY, obj=obj, field=name, translatable=translatable, translation=text)
    if _source_digest(unit) != _digest(translatable.source):
        line.outcome = Outcome.SOURCE_CHANGED
        line.message = _("The source text changed since the file was exported: translate it again.")
    elif translatable.is_rich and sanitize_html(text) != text:
        line.outcome = Outcome.MARKUP
        line.message = _("The translation's markup is not allowed on the site (scripts, styles, unknown tags).")
    elif not text or text == translatable.current:
        line.outcome = Outcome.UNCHANGED
    return line


@transaction.atomic
def apply(report, *, user):
    """Write the report's ready units, item by item, through the workflow. Returns the items changed."""
    by_item = {}
    for unit in report.ready():
        item = _owner(unit.obj)
        by_item.setdefault((type(item), item.pk), []).append(unit)
    return [
        item_translations_update(model=model, pk=pk, units=units, user=user) for (model, pk), units in by_item.items()
    ]


def item_translations_update(*, model, pk, units, user):
    """Write the translations of `units` (of the item `pk` and its rows, each where its `translatable` says) as an
    edit through the workflow: into the working copy of a published item (as the copy shows it: the copy's other
    changes are kept), into the draft otherwise. The item's out-of-date flag follows the workflow's rule (the
    language updated catches up)."""
    services.check_can_change(user, model)

    def write(before):
        rows = []
        for unit in units:
            if (type(unit.obj), unit.obj.pk) == (model, pk):
                setattr(before, unit.translatable.attribute, unit.translation)
            else:
                rows.append(unit)

        def save_rows():
            for unit in rows:  # read again: inside a working copy's session, as the copy has them
                row = type(unit.obj)._default_manager.get(pk=unit.obj.pk)
                setattr(row, unit.translatable.attribute, unit.translation)
                row.save()

        return services.write_item(before, save_rows)

    def check(before, in_copy):
        services.check_can_edit(user, before, before, in_copy=in_copy)

    return services.change(model=model, pk=pk, user=user, write=write, as_working_copy=True, check=check)


def _owner(obj):
    """The item a row is part of (a provision's instrument), or the object itself."""
    owner = row_owners().get(type(obj))
    return getattr(obj, owner[1]) if owner else obj
