"""History: which rows a version of an item holds, and writing them back (restore, recover)."""

import json

import reversion

from iwgtip_site.publishing import PUBLICATION_FIELDS, Publishable, publishable_models

from .copies import item_rows

# State the workflow owns. Revisions record content, not these: restoring an old version brings
# back its text in both languages but leaves the item published (or not) as it is now. (The dates
# are kept in revisions: a version is written back raw, without auto_now, before it is re-saved.)
WORKFLOW_FIELDS = (
    *PUBLICATION_FIELDS,
    "first_published_at",
    "updated_by",
    "edit_version",
    "outdated_language",
    "review_by",
)


# Revisions are kept per item and the rows that are part of it (`Model.item_rows`, declared by each app:
# an instrument's provisions and the relations it states, a pamphlet's editions). Restoring or recovering
# touches that item's rows and nothing else, even when a revision holds other items too (a bulk action,
# the seed), and never its publication state, nor that of its rows (an edition published on its own).


def item_models():
    """The publishable models edited as items of their own (not the rows of another: editions)."""
    rows = {model._meta.get_field(name).related_model for model in publishable_models() for name in item_rows(model)}
    return [model for model in publishable_models() if model not in rows]


def register_history():
    """Put every content item under django-reversion (AppConfig.ready): the item without its workflow state
    (and its `history_exclude`, derived data such as a page's address), following its rows."""
    for model in item_models():
        for name in (*item_rows(model), *getattr(model, "kept_on_delete", ())):
            row_model = model._meta.get_field(name).related_model
            if not reversion.is_registered(row_model):
                reversion.register(row_model)
        if not reversion.is_registered(model):
            exclude = (*WORKFLOW_FIELDS, *getattr(model, "history_exclude", ()))
            reversion.register(model, follow=item_rows(model), exclude=exclude)


def _own_versions(revision, model, pk, also=()):
    """The versions of `revision` that belong to item `pk` of `model`, and the reverse foreign keys
    that tie its rows to it (and the relations named in `also`): ({related model: fk attname}, [versions])."""
    links = {}
    for name in (*item_rows(model), *also):
        relation = model._meta.get_field(name)
        links[relation.related_model] = relation.field.attname
    versions = [
        version
        for version in revision.version_set.all()
        if (version._model is model and str(version.object_id) == str(pk))
        or (version._model in links and version.field_dict.get(links[version._model]) == pk)
    ]
    return links, versions


def version_snapshot(version, model, pk):
    """Item `pk` of `model` and its rows as the revision of `version` stored them, in the form of a snapshot
    (iwgtip_site.workflow.copies): the item first, then its rows in the order of `item_rows` and of their keys.
    What two versions' snapshots differ by is what restoring one brings back."""
    _links, versions = _own_versions(version.revision, model, pk)
    order = {related: index for index, related in enumerate([model, *_links])}
    entries = [(order[own._model], json.loads(own.serialized_data)[0]) for own in versions]
    return [entry for _rank, entry in sorted(entries, key=lambda ranked: (ranked[0], ranked[1]["pk"]))]


def revert_own(revision, model, pk, also=()):
    """Write back item `pk`'s rows as `revision` stored them; rows it has now and had not then go. Rows
    that are published on their own keep their current publication state. `also`: other reverse relations
    kept in the revision (a deleted pamphlet's statistics)."""
    links, versions = _own_versions(revision, model, pk, also)
    kept_state = {}
    for related_model, foreign_key in links.items():
        kept = [version.object_id for version in versions if version._model is related_model]
        rows = related_model._default_manager.filter(**{foreign_key: pk})
        rows.exclude(pk__in=kept).delete()
        if issubclass(related_model, Publishable):
            kept_state[related_model] = {row["pk"]: row for row in rows.values("pk", *PUBLICATION_FIELDS)}
    for version in versions:
        version.revert()
    for related_model, states in kept_state.items():
        for row_pk, state in states.items():
            related_model._default_manager.filter(pk=row_pk).update(
                **{name: value for name, value in state.items() if name != "pk"}
            )
