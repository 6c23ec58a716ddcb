"""The site's initial content: one loader for every app's data file, written through the workflow.

An app with initial content keeps it in `<app>/seed/content.toml` (found through `hooks.app_files`:
adding an app means adding its file, not editing this module). A file holds one array of tables per
model of its app (`[[Page]]`, `[[Instrument]]`), created in the order written. A record's keys are the
model's fields, one per language for translated ones (`title_en`, `title_fr`), and:

- a foreign key or many-to-many field names the other records by what identifies them
  (`target = "unctoc"`, `responsible_for = ["criminal-code"]`); a file field is a path beside the file;
- an array named after a reverse relation (`[[Page.children]]`, `[[Instrument.provisions]]`) holds the
  records that sit under this one;
- `sources` (never stored) says where each fact beyond the source text comes from, by field:
  `sources.adopted_on = "https://..."`, or `"source text"` for the text the site was commissioned from.

A file's `[loader]` table says how a later run recognises a record (`identify`: the fields it is found
by, within the record it sits under; a tree's top record among the roots) and which service stores a
model's files (`store_file`, called as `service(<model>=item, uploaded=file)`).

The loader creates what is missing and nothing else. A record found again is left exactly as staff left
it, with what belongs to it (provisions, relations, links): a staff edit survives a reload, and a second
run writes nothing. Items (publishable records) are created as drafts through `workflow.item_save` (or
the model's `store_file` service), completed with what belongs to them once every record exists, then
published through `workflow.item_publish`, which applies the bilingual gate; other rows are validated
with `full_clean` and saved.
"""

import tomllib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.files import File
from django.db import models
from django.utils.module_loading import import_string

from . import workflow
from .hooks import app_files
from .publishing import Publishable, Status

DATA_FILE = "seed/content.toml"
SOURCE_TEXT = "source text"  # a citation of the text the site was commissioned from (../shared/seed/)


class SeedError(Exception):
    """A data file that cannot be loaded as written; the message names the file, the record and why."""


@dataclass(frozen=True)
class DataFile:
    app_label: str
    path: Path
    records: dict  # model name: [record, ...]
    identify: dict  # model name: [field, ...]
    store_file: dict  # model name: dotted path of the service

    @classmethod
    def read(cls, app_label, path):
        try:
            records = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise SeedError(f"{path}: {error}") from error
        loader = records.pop("loader", {})
        return cls(app_label, path, records, loader.get("identify", {}), loader.get("store_file", {}))

    def model(self, name):
        try:
            return apps.get_model(self.app_label, name)
        except LookupError as error:
            raise SeedError(f"{self.path}: the {self.app_label} app has no model {name!r}.") from error


@dataclass(frozen=True)
class Place:
    """Where a record sits: its data file, and the record it is nested under (through `via`, the
    foreign key that points to it), if any."""

    data: DataFile
    owner: models.Model | None = None
    via: models.ForeignKey | None = None


def data_files():
    """Every installed app's data file, in INSTALLED_APPS order."""
    return [DataFile.read(config.label, path) for config, path in app_files(DATA_FILE)]


def load(*, log, reset=False, files=None):
    """Load every data file (`files`: all apps'), after deleting what they hold with `reset`."""
    files = data_files() if files is None else files
    if reset:
        delete_seeded(files)
        log("Existing content deleted.")
    Loader(files, log).run()


def seeded_models(files):
    """The models the data files hold records of, nested ones included, in the order they appear."""
    found = {}

    def walk(model, records):
        found.setdefault(model, None)
        for record in records:
            for key, value in record.items():
                field = _field(model, key)
                if field is not None and field.one_to_many and isinstance(value, list):
                    walk(field.related_model, value)

    for data in files:
        for name, records in data.records.items():
            walk(data.model(name), records)
    return list(found)


def delete_seeded(files):
    """Delete every row of the seeded models, the last created first; in a tree, leaves first (a page
    protects its children from a cascade)."""
    for model in reversed(seeded_models(files)):
        parents = [field for field in model._meta.fields if field.many_to_one and field.related_model is model]
        rows = model._default_manager.all()
        while rows.exists():
            leaves = rows
            for field in parents:
                leaves = leaves.exclude(pk__in=rows.filter(**{f"{field.name}__isnull": False}).values(field.attname))
            leaves.delete()


class Loader:
    def __init__(self, files, log):
        self.files, self.log = files, log
        self.identify = {}
        self.store_file = {}
        for data in files:
            for name, fields in data.identify.items():
                self.identify[data.model(name)] = tuple(fields)
            for name, dotted in data.store_file.items():
                self.store_file[data.model(name)] = import_string(dotted)
        self.created, self.present = Counter(), Counter()
        self.completions = []  # what belongs to the new records, added once every record exists
        self.new_items = []  # to publish, last

    def run(self):
        for data in self.files:
            for name, records in data.records.items():
                model = data.model(name)
                for record in records:
                    with _about(data, model, record):
                        self.ensure(model, record, Place(data))
        for describe, step in self.completions:
            with describe():
                step()
        for item, describe in self.new_items:
            with describe():
                workflow.item_publish(item=item, user=None)
        for model in seeded_models(self.files):
            if self.created[model] or self.present[model]:
                self.log(
                    f"{str(model._meta.verbose_name_plural).capitalize()}: {self.created[model]} created, "
                    f"{self.present[model]} already present."
                )
        if self.new_items:
            self.log(f"{len(self.new_items)} items published through the workflow.")

    def ensure(self, model, record, place):
        """Find the record's row (then leave it, and what belongs to it, alone) or create it."""
        fields, nested, links = self.split(model, record)
        item = model._default_manager.filter(**self.lookup(model, fields, place)).first()
        if item is None:
            self.create(model, fields, nested, links, place)
            return
        self.present[model] += 1
        self.nested(item, nested, place, new=False)

    def create(self, model, fields, nested, links, place):
        file_fields = [name for name in fields if isinstance(model._meta.get_field(name), models.FileField)]
        values = {name: self.value(model, name, value) for name, value in fields.items() if name not in file_fields}
        if place.via is not None:
            values[place.via.name] = place.owner
        item = model(**values)
        is_item = isinstance(item, Publishable)
        if is_item:
            item.status = Status.DRAFT  # published last, through the workflow, once complete
        item.full_clean(exclude=file_fields)
        if file_fields:
            (name,) = file_fields
            self.store(item, place.data.path.parent / fields[name])
        elif is_item:
            workflow.item_save(item=item, user=None, event="seeded")
        else:
            item.save()
        self.created[model] += 1
        describe = partial(_about, place.data, model, fields)
        if is_item:
            self.new_items.append((item, describe))
            self.log(f"Created {model._meta.verbose_name}: {item}")
        self.nested(item, nested, place, new=True)
        if links:
            self.completions.append((describe, partial(self.link, item, links)))

    def nested(self, item, nested, place, *, new):
        """The records nested under `item`: items of their own (pages under a page, editions under a
        pamphlet) are found or created; rows that belong to it (provisions) come only with a new item."""
        for relation, children in nested.items():
            child_model, child_place = relation.related_model, Place(place.data, item, relation.field)
            for child in children:
                if issubclass(child_model, Publishable):
                    with _about(place.data, child_model, child):
                        self.ensure(child_model, child, child_place)
                elif new:
                    self.complete(child_model, child, child_place)

    def complete(self, model, record, place):
        """A row that belongs to a new item (a provision, a relation), created once every record exists."""

        def step():
            self.create(model, *self.split(model, record), place)

        self.completions.append((partial(_about, place.data, model, record), step))

    def store(self, item, path):
        model = type(item)
        if model not in self.store_file:
            raise SeedError(f"Say in [loader] store_file which service stores {model.__name__} files.")
        with path.open("rb") as handle:
            self.store_file[model](**{model._meta.model_name: item, "uploaded": File(handle, name=path.name)})

    def link(self, item, links):
        for name, references in links.items():
            related = _field(type(item), name).related_model
            getattr(item, name).set([self.find(related, reference) for reference in references])

    def split(self, model, record):
        """A record's own values, the records nested under it {reverse relation: [record]}, and its
        many-to-many links {field name: [reference]}."""
        fields, nested, links = {}, {}, {}
        for key, value in record.items():
            if key == "sources":
                continue
            field = _field(model, key)
            if field is None:
                raise FieldDoesNotExist(f"{model.__name__} has no field {key!r}.")
            if field.many_to_many:
                links[key] = value
            elif field.one_to_many:
                nested[field] = value
            else:
                fields[key] = value
        return fields, nested, links

    def lookup(self, model, fields, place):
        """How to find the row a record made on an earlier run."""
        if model not in self.identify:
            raise SeedError(f"Say in [loader] identify which fields identify a {model.__name__}.")
        lookup = {name: self.value(model, name, fields[name]) for name in self.identify[model] if name in fields}
        if place.via is not None:
            lookup[place.via.name] = place.owner
        else:
            for field in model._meta.fields:
                if field.many_to_one and field.related_model is model:  # the top of a tree
                    lookup[f"{field.name}__isnull"] = True
        return lookup

    def value(self, model, name, value):
        field = model._meta.get_field(name)
        return self.find(field.related_model, value) if field.many_to_one else value

    def find(self, model, reference):
        """The row a reference names: {field: value, ...}, or the value of the model's one identifying field."""
        if isinstance(reference, dict):
            lookup = reference
        elif len(self.identify.get(model, ())) == 1:
            lookup = {self.identify[model][0]: reference}
        else:
            raise SeedError(f"Name a {model.__name__} by its fields: {{field = value}}.")
        try:
            return model._default_manager.get(**lookup)
        except (ObjectDoesNotExist, model.MultipleObjectsReturned) as error:
            raise LookupError(f"No single {model.__name__} with {lookup}.") from error


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


@contextmanager
def _about(data, model, record):
    """Errors while loading a record say which file and which record, and why."""
    try:
        yield
    except SeedError:
        raise
    except (ValidationError, FieldDoesNotExist, LookupError, TypeError, ValueError) as error:
        name = next((record[key] for key in ("slug_en", "code", "label", "title_en", "name_en") if key in record), "")
        raise SeedError(f"{data.path}: {model.__name__} {name!r}: {_reason(error)}") from error


def _reason(error):
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        return " ".join(error.messages)
    return str(error)
