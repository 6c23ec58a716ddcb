"""What each app offers to the site-wide features that read its public content: site search
(iwgtip_site.search), the updates feed (iwgtip_site.feeds) and the API read the same sources.

Each app's `sources.py` hook has a `content_sources()` function returning `ContentSource`s: which items the
public may see in a language (the model's `public(language)`: one rule, see iwgtip_site.publishing), which
fields search indexes and how much each weighs, the label of a result, and how to title and link one item.
Adding an app means adding its hook, not editing the features.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from django.db import models
from django.db.models import F, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from modeltranslation.utils import build_localized_fieldname

from .hooks import app_hooks


def _title(item):
    return item.title


def _absolute_url(item):
    return item.get_absolute_url()


@dataclass(frozen=True)
class SearchField:
    """One field a source indexes, read in the reader's language (unless `translated` is False).

    `weight` goes from "A" (titles, names) to "D"; fields weighted B to D also make up the snippet, in
    the order given. `rich_text` fields are indexed without their tags. `expression`, a function of the
    language returning an SQL expression, stands for text that is not a field (see `joined_text`)."""

    name: str
    weight: str = "C"
    rich_text: bool = False
    translated: bool = True
    expression: Callable | None = None

    def value(self, language):
        if self.expression is not None:
            return self.expression(language)
        return F(build_localized_fieldname(self.name, language) if self.translated else self.name)

    @property
    def in_snippet(self):
        return self.weight != "A"


@dataclass(frozen=True)
class ContentSource:
    """One kind of public content an app offers: to search, to the updates feed, to the API.

    `items(language)` returns the items the public may see in `language`: the model's `public(language)`,
    the one rule (a source of rows that are part of another item's page, such as provisions, starts from
    that item's). `label` is shown on each result ("Legislation"),
    `plural` in the type filter; `key` names the type in the address (?type=legislation). `title(item)`
    and `url(item)` are called with the reader's language active. `summary` names the plain-text field
    the feed shows; sources that are part of another's page (provisions) say `in_feed=False`. `rows()`
    is the model's items shaped as `items()` shapes them (the related rows read with them), without the
    rule; the default is the model's manager."""

    key: str
    label: str
    plural: str
    items: Callable
    fields: tuple
    title: Callable = _title
    url: Callable = _absolute_url
    summary: str = "summary"
    in_feed: bool = True
    rows: Callable | None = None

    def found(self, language, pks):
        """The items numbered `pks` that a feature has just found among `items(language)`, in the same
        request: read by number, without applying the rule again (search reads its page's results so)."""
        rows = self.rows() if self.rows is not None else self.items(language).model._default_manager.all()
        return rows.filter(pk__in=pks)


def content_sources():
    """Every app's sources, in INSTALLED_APPS order (which also breaks ties between equal ranks in search)."""
    return [
        source for hook in app_hooks("sources") if hasattr(hook, "content_sources") for source in hook.content_sources()
    ]


class _JoinedText(models.Aggregate):
    """Texts of several rows joined by a separator: string_agg on PostgreSQL, group_concat on SQLite."""

    function = "STRING_AGG"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def joined_text(rows, group_by, *fields, separator=", "):
    """For `SearchField(expression=...)`: text gathered from related rows, in one subquery.
    `rows` is filtered on the searched item (`OuterRef("pk")`) through the field `group_by`; each row
    gives its `fields` joined by spaces, and the rows are joined by `separator`."""
    parts = [Coalesce(F(name), Value(""), output_field=models.TextField()) for name in fields]
    text = reduce(lambda joined, part: Concat(joined, Value(" "), part, output_field=models.TextField()), parts)
    rows = rows.order_by().values(group_by).annotate(joined=_JoinedText(text, Value(separator))).values("joined")
    return Subquery(rows, output_field=models.TextField())
