"""History: which rows a version of an item holds, and writing them back (restore, recover)."""

import reversion

from iwgtip_site.publishing import PUBLICATION_FIELDS, Publishable

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


# Revisions are kept per item and the rows it follows (a page; an instrument with its provisions
# and the relations it states). Restoring or recovering touches that item's rows and nothing else, even
# when a revision holds other items too (a bulk action, the seed), and never its publication state.

HISTORY_FOLLOWS = {}


def register_history(model, *, follow=(), exclude=()):
    """Put `model` under django-reversion: publishable models without their workflow state (and their
    `history_exclude`, derived data such as a page's address); only rows that belong to the item are
    followed, never other publishable items (a pamphlet's editions keep their own history)."""
    if issubclass(model, Publishable):
        exclude = (*exclude, *WORKFLOW_FIELDS, *getattr(model, "history_exclude", ()))
        follow = tuple(name for name in follow if not _follows_publishable(model, name))
    follow = tuple(name for name in follow if name not in getattr(model, "history_not_followed", ()))
    HISTORY_FOLLOWS[model] = follow
    reversion.register(model, follow=follow, exclude=exclude)


def _follows_publishable(model, name):
    return issubclass(model._meta.get_field(name).related_model, Publishable)


def _own_versions(revision, model, pk):
    """The versions of `revision` that belong to item `pk` of `model`, and the reverse foreign keys
    that tie its followed rows to it: ({related model: fk attname}, [versions])."""
    links = {}
    for name in HISTORY_FOLLOWS.get(model, ()):
        relation = model._meta.get_field(name)
        links[relation.related_model] = relation.field.attname
    versions = [
        version
        for version in revision.version_set.all()
        if (version._model is model and str(version.object_id) == str(pk))
        or (version._model in links and version.field_dict.get(links[version._model]) == pk)
    ]
    return links, versions


def revert_own(revision, model, pk):
    """Write back item `pk`'s rows as `revision` stored them; rows it has now and had not then go."""
    links, versions = _own_versions(revision, model, pk)
    for related_model, foreign_key in links.items():
        kept = [version.object_id for version in versions if version._model is related_model]
        related_model._default_manager.filter(**{foreign_key: pk}).exclude(pk__in=kept).delete()
    for version in versions:
        version.revert()
