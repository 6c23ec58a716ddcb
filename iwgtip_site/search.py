"""Site search: one search box on every page, across every app's content, in the reader's language.

What is searched comes from the apps, as content sources (iwgtip_site.sources): which items the public may
see in a language, which fields to index and how much each weighs, the label of its results, and how to
title and link one result. Adding an app means adding its hook, not editing this module.

- On PostgreSQL: full-text search in the reader's language, over the search index
  (iwgtip_site.search_index: each item's weighted vector and snippet text, stored when it is written),
  with the text search configurations `iwgtip_en` and `iwgtip_fr` (migration 0002): English or French
  stemming ("trafficker" finds "trafficking", "penalties" finds "penalty") and accents ignored ("depliant"
  finds "dépliant"). The query is read the way web search engines read one (words, "quoted phrases", `or`,
  `-excluded`) by `websearch_to_tsquery`, which never fails on odd input. Ranked by ts_rank with the fields' weights;
  snippets by ts_headline, over the stored text of the results on the page only.
- On SQLite (development): every word must appear in some field, case-insensitively (accents count);
  matches in titles rank first; the snippet is cut in Python around the first match.

A snippet is text, never content HTML: rich text is indexed and cut without its tags, the matches are
delimited by private control characters, and the text is escaped before those become <mark> tags.

Bounded, whatever the amount of content: each type's results are ranked among its newest matches
(NEWEST_RANKED, one more than can be shown; newest by the item's number, so the order survives a rebuild of
the index), and a type with more says "more than 100". Below that, which is most queries on a site of a
few hundred items of each type, the results, their ranks and their counts are exactly those of ranking every
match. Ranking every match is what does not scale: a word that is in every item has tens of thousands of
them at 10,000 items, each read and ranked for ten results. So on PostgreSQL a type with many entries
(RECENT_WINDOW) first looks for its matches among its newest entries only, which ends after a hundred
rows or so when a query is common; when they are too few there (a rarer query), the source's GIN index finds
them among all entries. Each match is checked on its own row against the list of the type's entries the
public may not see (kept per content version: usually none, or a few drafts), or against the type's public
rule when they are many, so the cost follows the matches looked at, not the items stored. 100 results of
each type, ten pages in all, are what a reader goes through; more words narrow a search better than an
eleventh page of results.

Query budget on PostgreSQL: one query for the best results of every source and, through window functions,
how many match in each (whether a source's newest entries held enough matches is decided inside it), then
one per source among the results on the page, for those items and their snippets (read by number: the
first query has just checked them); once per content version, one for each type's entries and hidden ones.
On SQLite: one query per source, one for the snippets.
"""

import html
import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import Case, Count, Q, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from .caching import per_version
from .pagination import page_numbers, parse_page_number
from .search_index import TEXT_SEARCH_CONFIGURATIONS, joined
from .sources import ContentSource, content_sources
from .text import collapse_spaces, without_control_characters

QUERY_MAX_LENGTH = 200  # characters; a longer query is cut, and the reader is told
RESULTS_PER_PAGE = 10
MAX_RESULTS = 100  # pages beyond are not offered: more words narrow the search instead
NEWEST_RANKED = MAX_RESULTS + 1  # each type's results are ranked among its newest matches, this many at most
RECENT_WINDOW = 1000  # a type with more entries looks for those first among its newest, this many
HIDDEN_LISTED = 1000  # a type's entries the public may not see, listed; with more, its rule is joined in SQL
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}  # PostgreSQL's ts_rank defaults, also used on SQLite
MARK_START, MARK_END = "\x02", "\x03"  # delimit matches in a snippet until it is escaped
# ts_headline's options: up to two fragments of 15 to 35 words, the matches delimited.
HEADLINE = {"StartSel": MARK_START, "StopSel": MARK_END, "MaxWords": 35, "MinWords": 15, "MaxFragments": 2,
            "FragmentDelimiter": " … "}  # fmt: skip
FALLBACK_MAX_WORDS = 10
FALLBACK_SNIPPET_LENGTH = 240
_TAG = re.compile(r"<[^>]*>")
# French guillemets and typographic quotes mark a phrase too ("« traite des personnes »").
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"'})


class _IndexedSearch:
    """PostgreSQL: stemmed, accent-insensitive full-text search in the reader's language, over the search
    index (iwgtip_site.search_index): each source's newest matches (among its newest entries, or through
    its GIN index), checked against the public rule (each source's `items(language)`) and ranked from the
    stored vectors, for every source in one query; then the items on the page, with their snippets cut
    from the stored text (one query per source on the page)."""

    def __init__(self, terms, language):
        self.language = language
        self.config = TEXT_SEARCH_CONFIGURATIONS[language]
        self.terms = terms

    def find(self, sources, shown, wanted):
        """([SearchResult without its item], {source key: how many match, up to NEWEST_RANKED}): the best
        `wanted` of each source in `shown` among its newest matches, and every source's count (one query)."""
        plan = per_version(f"search-plan:{self.language}", lambda: self._plan(sources))
        parts = [self._candidates(source, *plan.get(source.key, (0, None))) for source in sources]
        shown_keys = [source.key for source in shown]
        sql = (
            "SELECT source, object_id, rank, total FROM (SELECT source, object_id, rank,"  # noqa: S608 - see _candidates
            " COUNT(*) OVER (PARTITION BY source) AS total,"
            " ROW_NUMBER() OVER (PARTITION BY source ORDER BY rank DESC, object_id) AS position"
            f" FROM ({' UNION ALL '.join(part for part, _params in parts)}) candidates) ranked"
            " WHERE position = 1 OR (position <= %s AND source = ANY(%s))"
        )
        params = [param for _part, part_params in parts for param in part_params] + [wanted, shown_keys]
        by_key = {source.key: (order, source) for order, source in enumerate(sources)}
        found, counts = [], {}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for key, pk, rank, total in cursor.fetchall():
                counts[key] = total
                if key in shown_keys:
                    order, source = by_key[key]
                    found.append(SearchResult(source, pk, rank, order))
        return found, counts

    def _plan(self, sources):
        """{source key: (how many entries it has, ([its entries the public may not see], the number of its
        newest entry) or None if more than HIDDEN_LISTED are hidden)}, in one query: kept per content
        version, so until the next change or scheduled moment, when what the public may see changes
        (iwgtip_site.caching.per_version). Usually none are hidden, or a few drafts: checking a match is then
        a comparison on its own row."""
        parts, params = [], []
        for source in sources:
            public_sql, public_params = source.items(self.language).order_by().values("pk").query.sql_with_params()
            parts.append(
                "SELECT %s, COUNT(*), COUNT(*) FILTER (WHERE hidden), MAX(id),"  # noqa: S608 - Django's SQL, this text
                " (ARRAY_AGG(object_id ORDER BY object_id) FILTER (WHERE hidden))[1:%s]"
                f" FROM (SELECT e.id, e.object_id, e.object_id NOT IN ({public_sql}) AS hidden"
                " FROM iwgtip_site_searchentry e WHERE e.source = %s AND e.language = %s) e"
            )
            params += [source.key, HIDDEN_LISTED, *public_params, source.key, self.language]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            rows = cursor.fetchall()
        return {
            key: (count, ((ids or []), newest or 0) if hidden <= HIDDEN_LISTED else None)
            for key, count, hidden, newest, ids in rows
        }

    def _public_check(self, source, hidden):
        """SQL and parameters: whether the entry `e` is of an item the public may see. Against the list of
        the source's hidden entries when there is one (`hidden`), else against the source's public rule, on
        the entry's own row (Django's SQL, compiled from the rule's queryset)."""
        if hidden is None:
            public_sql, public_params = source.items(self.language).order_by().values("pk").query.sql_with_params()
            check = f"(SELECT 1 FROM ({public_sql}) p WHERE p.pk = e.object_id LIMIT 1) IS NOT NULL"  # noqa: S608
            return check, list(public_params)
        # An entry written since the list was made (a newer number) is left out until it is made again: a
        # write that changes what the public sees raises the content version, so that is at once, except
        # for a search that straddles the write's commit, or a server that has not heard of it yet.
        hidden, newest = hidden
        if hidden:
            return "e.id <= %s AND e.object_id <> ALL(%s)", [newest, hidden]
        return "e.id <= %s", [newest]

    def _candidates(self, source, entries, hidden):
        """SQL and parameters: the source's NEWEST_RANKED newest public matches, with their ranks.

        Each match is checked on its own row (`_public_check`), so the cost follows the matches looked
        at, not the items stored. They are found through the source's GIN index; a source with more than
        RECENT_WINDOW `entries` first looks among its newest (bounded, whatever the amount of content),
        and uses the index only if too few matches are there: a one-time condition, so the index is not
        read when they are enough. Every value is a parameter."""
        public_sql, public_params = self._public_check(source, hidden)
        query = "websearch_to_tsquery(%s::regconfig, %s)"

        def matching(entries, entry_params, order):
            sql = (
                f"SELECT %s AS source, e.object_id, ts_rank(e.document, {query}) AS rank FROM {entries}"  # noqa: S608
                f" AND e.document @@ {query} AND {public_sql} ORDER BY {order} DESC LIMIT %s"
            )
            params = [source.key, self.config, self.terms, *entry_params, self.config, self.terms, *public_params]
            return sql, [*params, NEWEST_RANKED]

        # Not in the index's order: else, from a word's frequency elsewhere, the planner may expect many
        # matches and read every entry in that order to find the first few hundred.
        indexed, indexed_params = matching(
            "iwgtip_site_searchentry e WHERE e.source = %s AND e.language = %s", [source.key, self.language],
            "e.object_id + 0",
        )  # fmt: skip
        if entries <= RECENT_WINDOW:
            return f"({indexed})", indexed_params
        newest, newest_params = matching(
            "(SELECT id, object_id, document FROM iwgtip_site_searchentry WHERE source = %s AND language = %s"
            " ORDER BY object_id DESC LIMIT %s) e WHERE TRUE",
            [source.key, self.language, RECENT_WINDOW],
            "e.object_id",
        )
        enough = "(SELECT COUNT(*) FROM newest) >= %s"
        sql = (
            f"(WITH newest AS MATERIALIZED ({newest}) SELECT * FROM newest WHERE {enough}"  # noqa: S608
            f" UNION ALL SELECT * FROM ({indexed}) indexed WHERE NOT {enough})"
        )
        return sql, [*newest_params, NEWEST_RANKED, *indexed_params, NEWEST_RANKED]

    def fill(self, results):
        """Give the results shown their items and snippets (one query per source among them)."""
        options = ", ".join(connection.ops.compose_sql(f"{name}=%s", [value]) for name, value in HEADLINE.items())
        quote = connection.ops.quote_name
        for source, pks in _by_source(results):
            items = source.found(self.language, pks).light()  # public: `find` has just checked
            # The stored text's headline, as SQL written here: built as ORM expressions (a subquery with a
            # SearchHeadline), it took longer to compile than PostgreSQL takes to cut it.
            item = f"{quote(items.model._meta.db_table)}.{quote(items.model._meta.pk.column)}"
            snippet = RawSQL(  # noqa: S611 - every value is a parameter; `item` is the model's quoted column
                "(SELECT ts_headline(%s::regconfig, s.snippet_text, websearch_to_tsquery(%s::regconfig, %s), %s)"  # noqa: S608
                f" FROM iwgtip_site_searchentry s WHERE s.source = %s AND s.language = %s AND s.object_id = {item})",
                [self.config, self.config, self.terms, options, source.key, self.language],
                output_field=models.TextField(),
            )
            items = items.annotate(search_snippet=snippet)
            # The text was HTML with its tags removed: decode its entities (&amp;, &nbsp;...).
            _attach(results, source, {item.pk: (item, html.unescape(item.search_snippet or "")) for item in items})


class _ContainsSearch:
    """SQLite: every word in some field, case-insensitively; matches in heavier fields rank higher."""

    def __init__(self, terms, language):
        self.language = language
        tokens = list(dict.fromkeys(re.findall(r"[^\s\"'()]+", terms)))
        # As on PostgreSQL, "-word" excludes a word (and "or" is not a word to look for).
        self.excluded = [token[1:] for token in tokens if token.startswith("-") and token.strip("-")]
        words = [token.strip("-") for token in tokens if not token.startswith("-") and token.lower() != "or"]
        self.words = [word for word in words if word][:FALLBACK_MAX_WORDS]

    def matches(self, queryset, source):
        if not self.words:  # nothing but punctuation
            return queryset.none().annotate(search_rank=Value(0.0))
        columns = {f"search_field_{index}": field for index, field in enumerate(source.fields)}
        queryset = queryset.alias(
            **{
                name: Coalesce(field.value(self.language), Value(""), output_field=models.TextField())
                for name, field in columns.items()
            }
        )  # never NULL, so that "-word" keeps the rows without the field
        by_weight = sorted(columns.items(), key=lambda column: column[1].weight)

        def anywhere(word):
            return reduce(operator.or_, [Q(**{f"{name}__icontains": word}) for name in columns])

        condition, scores = Q(), []
        for word in self.excluded[:FALLBACK_MAX_WORDS]:
            condition &= ~anywhere(word)
        for word in self.words:
            condition &= anywhere(word)
            scores.append(
                Case(
                    *[When(Q(**{f"{name}__icontains": word}), then=Value(WEIGHTS[f.weight])) for name, f in by_weight],
                    default=Value(0.0),
                    output_field=models.FloatField(),
                )
            )
        return queryset.filter(condition).annotate(search_rank=reduce(operator.add, scores))

    def find(self, sources, shown, wanted):
        """As the indexed search's, one query per source (with its items)."""
        found, counts = [], {}
        for order, source in enumerate(sources):
            matches = self.matches(source.items(self.language).light(), source)
            newest = matches.order_by("-pk").values("pk")[:NEWEST_RANKED]  # as on PostgreSQL
            matches = matches.filter(pk__in=newest).annotate(search_total=Window(Count("pk")))
            matches = matches.order_by("-search_rank", "pk")
            rows = list(matches[: wanted if source in shown else 1])
            counts[source.key] = rows[0].search_total if rows else 0
            if source in shown:
                found += [SearchResult(source, row.pk, row.search_rank, order, item=row) for row in rows]
        return found, counts

    def fill(self, results):
        """The snippets of the results shown (one query, a UNION)."""
        parts = [
            source.items(self.language)
            .filter(pk__in=pks)
            .annotate(
                search_kind=Value(source.key),
                search_snippet=joined([field.value(self.language) for field in source.fields if field.in_snippet]),
            )
            .order_by()
            .values_list("search_kind", "pk", "search_snippet")
            for source, pks in _by_source(results)
        ]
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        snippets = {(key, pk): self.snippet_text(document) for key, pk, document in rows}
        for result in results:
            result.snippet = _marked_html(snippets.get((result.source.key, result.pk), ""))

    def snippet_text(self, document):
        text = html.unescape(_TAG.sub(" ", document or ""))  # a tag separates words, as on PostgreSQL
        text = collapse_spaces(without_control_characters(text))
        pattern = re.compile("|".join(re.escape(word) for word in self.words), re.IGNORECASE)
        first = pattern.search(text)
        start = 0 if first is None else max(0, first.start() - FALLBACK_SNIPPET_LENGTH // 3)
        if start:
            start = text.find(" ", start) + 1 or start
        end = start + FALLBACK_SNIPPET_LENGTH
        if end < len(text) and text.rfind(" ", start, end) > start:
            end = text.rfind(" ", start, end)  # end on a word boundary
        excerpt = ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
        return pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_END}", excerpt)


def _marked_html(text):
    """Escaped snippet text, with its delimited matches as <mark>; stray delimiters are dropped."""
    escaped = escape(collapse_spaces(text))
    escaped = re.sub(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}", r"<mark>\1</mark>", escaped)
    return mark_safe(escaped.replace(MARK_START, "").replace(MARK_END, ""))  # noqa: S308 - escaped above


@dataclass
class SearchResult:
    source: ContentSource
    pk: int
    rank: float
    order: int  # the source's place, for ties
    item: models.Model = None  # read for the results shown only
    snippet: str = ""

    @property
    def title(self):
        return self.source.title(self.item)

    @property
    def url(self):
        return self.source.url(self.item)


def _by_source(results):
    """[(source, [pks of its results])], in the order the results come."""
    by_key = {}  # by the source's key: a source, a dataclass of all its fields, is slow to hash
    for result in results:
        by_key.setdefault(result.source.key, (result.source, []))[1].append(result.pk)
    return list(by_key.values())


def _attach(results, source, found):
    """Give `source`'s results their item and snippet text from `found` ({pk: (item, snippet text)})."""
    for result in results:
        if result.source is source and result.pk in found:
            result.item, text = found[result.pk]
            result.snippet = _marked_html(text)


@dataclass
class SearchOutcome:
    results: list  # the results on the page shown
    counts: list  # [(source, how many of its items match)], for the type filter
    total: int  # matches of the type asked for (all types if none)
    page: object  # a django.core.paginator.Page over the reachable results
    kind: str  # the type asked for, or ""

    @property
    def capped(self):
        return self.total > MAX_RESULTS

    @property
    def total_is_exact(self):
        """False when a type has more matches than are ranked: its count, and so the total, is a floor."""
        return all(count < NEWEST_RANKED for source, count in self.counts if not self.kind or source.key == self.kind)

    @property
    def count_labels(self):
        """[(source, its count as shown)]: "more than 100" for a type with more matches than are ranked."""
        return [(source, _count_label(count)) for source, count in self.counts if count]

    @property
    def page_numbers(self):
        return page_numbers(self.page)


def _count_label(count):
    if count < NEWEST_RANKED:
        return str(count)
    return gettext("more than %(count)s") % {"count": MAX_RESULTS}


def run_search(terms, *, kind="", page_number=1, language=None):
    """The results of `terms` for one page of results, in `language` (the current one)."""
    language = language or translation.get_language()
    sources = content_sources()
    kind = kind if kind in {source.key for source in sources} else ""
    terms = terms.translate(_QUOTES)
    engine = _IndexedSearch(terms, language) if connection.vendor == "postgresql" else _ContainsSearch(terms, language)
    page_number = min(max(page_number, 1), MAX_RESULTS // RESULTS_PER_PAGE)
    wanted = page_number * RESULTS_PER_PAGE  # the best of each source, enough to fill pages 1 to page_number

    shown = [source for source in sources if not kind or source.key == kind]
    found, matching = engine.find(sources, shown, wanted)
    found.sort(key=lambda result: (-result.rank, result.order, result.pk))
    counts = [(source, matching.get(source.key, 0)) for source in sources]

    total = sum(count for source, count in counts if source in shown)
    page = Paginator(range(min(total, MAX_RESULTS)), RESULTS_PER_PAGE).get_page(page_number)
    results = found[page.start_index() - 1 : page.end_index()] if total else []
    if results:
        engine.fill(results)
    results = [result for result in results if result.item is not None]  # deleted in the meantime
    return SearchOutcome(results=results, counts=counts, total=total, page=page, kind=kind)


def clean_query(raw):
    """(query, was_cut): the query without control characters or extra spaces, at most QUERY_MAX_LENGTH."""
    query = " ".join(without_control_characters(raw).split())
    if len(query) <= QUERY_MAX_LENGTH:
        return query, False
    return query[:QUERY_MAX_LENGTH].rstrip(), True


@require_safe
def search_view(request):
    """/en/search/?q=... : results from every app, best first, labelled by type, ten a page.

    An empty query shows the search form with a prompt; a query too long is cut, and the reader told.
    A GET page without a form that needs CSRF, so the shared page cache may keep it (its key includes
    the query string)."""
    query, was_cut = clean_query(request.GET.get("q", ""))
    context = {"query": query, "query_was_cut": was_cut, "query_max_length": QUERY_MAX_LENGTH, "breadcrumbs": []}
    if query:
        context["search"] = run_search(
            query, kind=request.GET.get("type", ""), page_number=parse_page_number(request.GET.get("page"))
        )
    response = render(request, "search/results.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
