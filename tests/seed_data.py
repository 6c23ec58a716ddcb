"""What every app's seed data must satisfy, checked the same way for each (tests/<app>/test_seed.py):
its records load into valid items complete in both languages, and each fact beyond the source text
is cited beside it. Invariants, never the wording."""

import re
from io import StringIO

from django.core.management import call_command

from iwgtip_site.i18n import LANGUAGE_CODES, url_in_language
from iwgtip_site.publishing import Publishable
from iwgtip_site.seed import SOURCE_TEXT, data_files

WEB_ADDRESS = re.compile(r"^https?://[^\s]+$")


def load_seed(*args):
    out = StringIO()
    call_command("load_initial_data", *args, stdout=out)
    return out.getvalue()


def records(app_label):
    """(model, record, the sources of the record it sits under, the relation it sits under) for every
    record of the app's data file, nested ones included."""
    (data,) = [data for data in data_files() if data.app_label == app_label]

    def walk(model, items, owner_sources, relation):
        for record in items:
            yield model, record, owner_sources, relation
            for key, value in record.items():
                field = _field(model, key)
                if field is not None and field.one_to_many:
                    yield from walk(field.related_model, value, record.get("sources", {}), key)

    for name, items in data.records.items():
        yield from walk(data.model(name), items, {}, None)


def _field(model, name):
    return next((field for field in model._meta.get_fields() if field.name == name), None)


def base_name(model, key):
    """The field a record's key sets, without its language: title_fr -> title."""
    field = _field(model, key)
    translated = getattr(field, "translated_field", None)
    return translated.name if translated is not None else key


def uncited_facts(app_label, facts):
    """Facts (`facts`: {model: base field names}) a record states without saying where they come from:
    `sources.<key>` or `sources.<field>` on the record, or `sources.<relation>` on the record it sits under."""
    missing = []
    for model, record, owner_sources, relation in records(app_label):
        sources = record.get("sources", {})
        for key in record:
            if base_name(model, key) in facts.get(model, ()) and not (
                key in sources or base_name(model, key) in sources or relation in owner_sources
            ):
                missing.append(f"{model.__name__} {_name(record)}: {key}")
    return missing


def bad_citations(app_label):
    """Citations that name no field the record sets, or that are neither a web address nor the source text."""
    bad = []
    for model, record, _owner_sources, _relation in records(app_label):
        stated = {key for key in record if key != "sources"} | {base_name(model, key) for key in record}
        for key, cited in record.get("sources", {}).items():
            values = cited if isinstance(cited, list) else [cited]
            if key not in stated or not values or not all(_is_source(value) for value in values):
                bad.append(f"{model.__name__} {_name(record)}: sources.{key} = {cited!r}")
    return bad


def _is_source(value):
    return isinstance(value, str) and (value == SOURCE_TEXT or WEB_ADDRESS.match(value) is not None)


def _name(record):
    return next((record[key] for key in ("slug_en", "code", "label", "language", "target") if key in record), "?")


def translation_gaps(item, one_language_fields=()):
    """Why `item` is not complete in both languages: a required field missing in one, or a translated
    field filled in one language only (except `one_language_fields`, which may exist in one: an acronym
    or a website some organizations have in English only)."""
    gaps = []
    if isinstance(item, Publishable):
        gaps += [f"{code}: {field}" for code in LANGUAGE_CODES for field in item.missing_translations(code)]
    for field in item._meta.fields:
        translated = getattr(field, "translated_field", None)
        if (
            translated is None
            or translated.name in one_language_fields
            or not field.name.endswith(f"_{LANGUAGE_CODES[0]}")
        ):
            continue
        values = [bool(getattr(item, f"{translated.name}_{code}")) for code in LANGUAGE_CODES]
        if any(values) and not all(values):
            gaps.append(f"{translated.name} in one language only")
    return gaps


def check_items(model, client, *, one_language_fields=(), public=True):
    """Every seeded row of `model` passes the editors' validation and is complete in both languages;
    an item is live and, with `public`, its page answers in both languages."""
    rows = list(model._default_manager.all())
    assert rows, f"no {model.__name__} seeded"
    for row in rows:
        row.full_clean()
        assert translation_gaps(row, one_language_fields) == [], row
        if isinstance(row, Publishable):
            assert row.is_live(), row
            for code in LANGUAGE_CODES if public else ():
                response = client.get(url_in_language(row, code))
                assert response.status_code == 200, (row, code)
    return rows
