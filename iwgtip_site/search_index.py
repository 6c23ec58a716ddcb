"""The search index: each item's search document per language, stored when the item is written.

Site search on PostgreSQL (iwgtip_site.search) reads `SearchEntry` rows instead of building every row's
text search vector on each query: one row per item of each content source (iwgtip_site.sources) and
language, with the weighted vector of the source's fields (tags stripped in SQL, as the search always did,
so ranks are the same) and the text its snippets are cut from. A GIN index per source (migrations 0008, 0009) finds the
matches; the ranks are read from the stored vector, the snippets from the stored text, for the results on
the page only.

What the public may see is not stored: a search joins the one public rule (`items(language)`) at query
time, so a draft, a scheduled or an expired item is never found, and a scheduled item is found from the
moment it goes live. Text read from other publishable rows (the languages of a pamphlet's live editions)
is stored with the moment it next changes by itself (`refresh_at`): the schedule's check, which notices
that moment on the first request after it (iwgtip_site.workflow.schedule), writes those entries again.

The index is kept current by the one write path (iwgtip_site.workflow.services: `write_item`, and
`item_delete`), so publication, working copies applied, restores and recoveries update it in the same
transaction; a working copy's session, rolled back, leaves it as it was. `rebuild_search_index` writes it
again from what is stored (after a bulk load, or a change of a source's fields). On SQLite, which searches
without it, nothing is stored.
"""

from functools import cache, reduce

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.db.models import Min, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from .i18n import LANGUAGE_CODES
from .publishing import row_owners
from .sources import content_sources

TEXT_SEARCH_CONFIGURATIONS = {"en": "iwgtip_en", "fr": "iwgtip_fr"}  # created by migration 0002
BATCH = 500  # items written at once by `rebuild`


def enabled():
    return connection.vendor == "postgresql"


def joined(values):
    """One text made of several, separated by line breaks (empty values count as empty)."""
    values = [Coalesce(value, Value(""), output_field=models.TextField()) for value in values]
    if not values:
        return Value("", output_field=models.TextField())
    return reduce(lambda joined, value: Concat(joined, Value("\n"), value, output_field=models.TextField()), values)


def without_tags(value):
    """Rich text as text, in SQL: every tag becomes a space (entities are decoded in Python)."""
    return models.Func(
        value, Value("<[^>]*>"), Value(" "), Value("g"), function="REGEXP_REPLACE", output_field=models.TextField()
    )


def _text(field, language):
    value = field.value(language)
    return without_tags(value) if field.rich_text else value


def document(source, language):
    """The weighted text search vector of a source's fields in `language`, as an SQL expression."""
    config = TEXT_SEARCH_CONFIGURATIONS[language]
    vectors = [SearchVector(_text(field, language), weight=field.weight, config=config) for field in source.fields]
    return reduce(lambda left, right: left + right, vectors)


def snippet_text(source, language):
    """The text a result's snippet is cut from (fields weighted B to D), tags stripped, as an SQL expression."""
    return joined([_text(field, language) for field in source.fields if field.in_snippet])


def _model(source):
    return source.items(LANGUAGE_CODES[0]).model


@cache
def _sources_written_with(model):
    """[(source, its model, name of the foreign key to `model` or None)]: the sources whose items are
    written with an item of `model` (its own, and its rows')."""
    found = []
    for source in content_sources():
        source_model = _model(source)
        owner, key = row_owners().get(source_model, (source_model, None))
        if owner is model:
            found.append((source, source_model, key))
    return found


def owner_models():
    """The models whose writes write index entries (for `rebuild`)."""
    models_ = [_model(source) for source in content_sources()]
    return list(dict.fromkeys(row_owners().get(model, (model, None))[0] for model in models_))


def _refresh_moments(model, pks, now):
    """{pk: the next moment one of the item's publishable rows goes live or expires}, for the items of
    `model` whose documents read such rows (a pamphlet's editions)."""
    sources = [source for source, _model, _key in _sources_written_with(model)]
    if not any(field.expression is not None for source in sources for field in source.fields):
        return {}
    moments = {}
    for name in getattr(model, "item_rows", ()):
        relation = model._meta.get_field(name)
        rows = relation.related_model._default_manager.all()
        if not hasattr(rows, "scheduled"):
            continue
        key = relation.field.name
        rows = rows.filter(**{f"{key}__in": pks})
        for queryset, field in ((rows.scheduled(now), "publish_at"), (rows.expiring(now), "unpublish_at")):
            for pk, moment in queryset.order_by().values(key).annotate(moment=Min(field)).values_list(key, "moment"):
                moments[pk] = min(moment, moments.get(pk, moment))
    return moments


def index_items(model, pks):
    """Write again the search entries of the items `pks` of `model` (and of their rows), as stored now; an
    item that no longer exists loses its entries."""
    if not enabled() or not pks or not _sources_written_with(model):
        return
    from .models import SearchEntry

    owner_type = ContentType.objects.get_for_model(model)
    pks = list(pks)
    SearchEntry.objects.filter(owner_type=owner_type, owner_id__in=pks).delete()
    refresh = _refresh_moments(model, pks, timezone.now())
    entries = []
    for source, source_model, key in _sources_written_with(model):
        rows = source_model._default_manager.filter(**{f"{key}__in" if key else "pk__in": pks}).order_by()
        for language in LANGUAGE_CODES:
            found = rows.annotate(
                search_document=document(source, language), search_snippet=snippet_text(source, language)
            ).values_list("pk", "search_document", "search_snippet", *([key] if key else []))
            for pk, vector, text, *owner in found:
                owner_id = owner[0] if owner else pk
                entries.append(
                    SearchEntry(
                        source=source.key,
                        object_id=pk,
                        language=language,
                        owner_type=owner_type,
                        owner_id=owner_id,
                        document=vector,
                        snippet_text=text or "",
                        refresh_at=refresh.get(owner_id),
                    )
                )
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH)


def item_written(item):
    """The write path wrote `item` (and its rows)."""
    index_items(type(item), [item.pk])


def item_deleted(model, pk):
    """The write path deleted item `pk` of `model`."""
    index_items(model, [pk])


def refresh_moments():
    """[a queryset of the moments search entries are to be written again], for the schedule's UNION."""
    if not enabled():
        return []
    from .models import SearchEntry

    return [SearchEntry.objects.filter(refresh_at__isnull=False).values_list("refresh_at")]


def refresh_due(now=None):
    """Write again the entries whose `refresh_at` has come (rows another server is writing are skipped).
    Called by the schedule (iwgtip_site.workflow.schedule.upcoming) when its next moment, which counts
    these, has passed."""
    if not enabled():
        return 0
    from .models import SearchEntry

    now = now or timezone.now()
    due = SearchEntry.objects.filter(refresh_at__lte=now)
    if not due.exists():
        return 0
    with transaction.atomic():
        owners = list(due.select_for_update(skip_locked=True).values_list("owner_type", "owner_id"))
        by_type = {}
        for owner_type, owner_id in owners:
            by_type.setdefault(owner_type, set()).add(owner_id)
        for owner_type, owner_ids in by_type.items():
            index_items(ContentType.objects.get_for_id(owner_type).model_class(), sorted(owner_ids))
        if owners:
            _entries_rewritten()
    return len(owners)


def _entries_rewritten():
    """Entries were written outside an item's own write: what search keeps per content version (the list of
    hidden entries, iwgtip_site.search) is worked out again."""
    from .caching import content_changed

    content_changed()


def rebuild(stdout=None):
    """Write every entry again from what is stored. Returns how many items were indexed."""
    if not enabled():
        return 0
    from .models import SearchEntry

    count = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for model in owner_models():
            pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(pks), BATCH):
                index_items(model, pks[start : start + BATCH])
            count += len(pks)
            if stdout is not None:
                stdout.write(f"{model._meta.label}: {len(pks)}")
        _entries_rewritten()
    return count
