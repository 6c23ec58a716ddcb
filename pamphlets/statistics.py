"""Download statistics of a pamphlet, for staff: downloads per language per day, week or month over a date range
(the admin's statistics screen, its chart, table and CSV export), and the totals on the admin home.

The figures are the stored daily counts (models.DownloadCount: one row per language edition, or the ZIP, per
day), summed in the database. What is counted, and what is not (crawlers, probes, resumed downloads), is decided
once, when a download is served (iwgtip_site.downloads.is_counted_download).
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django import forms
from django.db.models import F, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import DownloadCount, Pamphlet

DAY, WEEK, MONTH = "day", "week", "month"
GROUPINGS = [(DAY, gettext_lazy("Day")), (WEEK, gettext_lazy("Week")), (MONTH, gettext_lazy("Month"))]
DEFAULT_DAYS = 30
# The longest range asked for at once: ten years of days is still a table a browser shows.
MAX_DAYS = 3660
ZIP = "zip"


def _date_field(label, *, required, invalid):
    """A day typed as year-month-day (the browser's date picker sends that), with messages naming the field."""
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"required": required, "invalid": invalid},
    )


class StatisticsForm(forms.Form):
    """The statistics screen's question: from, to, and by day, week or month (a GET form)."""

    start = _date_field(
        gettext_lazy("From"),
        required=gettext_lazy("Enter the first day of the period (the “From” date)."),
        invalid=gettext_lazy("Enter the “From” date as year-month-day, for example 2026-11-01."),
    )
    end = _date_field(
        gettext_lazy("To"),
        required=gettext_lazy("Enter the last day of the period (the “To” date)."),
        invalid=gettext_lazy("Enter the “To” date as year-month-day, for example 2026-11-30."),
    )
    group = forms.ChoiceField(
        label=gettext_lazy("Downloads per"),
        choices=GROUPINGS,
        error_messages={"invalid_choice": gettext_lazy("Choose day, week or month for “Downloads per”.")},
    )

    @classmethod
    def initial_values(cls, today=None):
        today = today or timezone.localdate()
        return {"start": today - timedelta(days=DEFAULT_DAYS - 1), "end": today, "group": DAY}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The “To” date is before the “From” date."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("end", _("Choose a period of at most ten years."))
        return cleaned


@dataclass
class Column:
    """A column of the figures: a language edition's language, or the ZIP of all languages."""

    key: object  # the edition's primary key, or ZIP
    label: str
    code: str = ""  # the language tag, for lang= and the CSV
    direction: str = "ltr"
    endonym: str = ""


@dataclass
class Row:
    period: date  # the first day of the period
    label: str
    counts: list
    total: int


@dataclass
class Figures:
    pamphlet: Pamphlet
    start: date
    end: date
    group: str
    columns: list
    rows: list = field(default_factory=list)
    column_totals: list = field(default_factory=list)
    total: int = 0


def period_start(day, group):
    if group == WEEK:
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday, as the database's
    if group == MONTH:
        return day.replace(day=1)
    return day


def _next_period(day, group):
    if group == WEEK:
        return day + timedelta(days=7)
    if group == MONTH:
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + timedelta(days=1)


def period_label(day, group):
    if group == WEEK:
        return _("Week of %(date)s") % {"date": formats.date_format(day, "SHORT_DATE_FORMAT")}
    if group == MONTH:
        return formats.date_format(day, "YEAR_MONTH_FORMAT")
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def download_figures(pamphlet, *, start, end, group):
    """Downloads of `pamphlet` from `start` to `end` (both included), per language edition (and the ZIP) per
    day, week or month: every period of the range, those without downloads too. Two queries."""
    editions = list(pamphlet.editions.select_related("language").order_by("language__code"))
    columns = [
        Column(pk, language.name, language.code, language.direction, language.endonym)
        for pk, language in ((edition.pk, edition.language) for edition in editions)
    ] + [Column(ZIP, _("All languages (ZIP file)"))]
    counts = DownloadCount.objects.filter(pamphlet=pamphlet, day__gte=start, day__lte=end).order_by()
    if group == WEEK:
        counts = counts.annotate(period=TruncWeek("day"))
    elif group == MONTH:
        counts = counts.annotate(period=TruncMonth("day"))
    else:
        counts = counts.annotate(period=F("day"))
    found = {}
    for period, edition_id, total in counts.values_list("period", "edition").annotate(total=Sum("count")):
        period = period.date() if hasattr(period, "date") else period  # a datetime on some databases
        found[(period, edition_id or ZIP)] = total
    figures = Figures(pamphlet=pamphlet, start=start, end=end, group=group, columns=columns)
    period = period_start(start, group)
    while period <= end:
        values = [found.get((period, column.key), 0) for column in columns]
        figures.rows.append(Row(period, period_label(period, group), values, sum(values)))
        period = _next_period(period, group)
    figures.column_totals = [sum(row.counts[index] for row in figures.rows) for index in range(len(columns))]
    figures.total = sum(figures.column_totals)
    return figures


def figures_chart(figures, *, height=160, width=720):
    """Bars of the total per period, as numbers an SVG template draws (no script, no library)."""
    count = max(len(figures.rows), 1)
    step = width / count
    bar = max(step * 0.8, 1)
    peak = max((row.total for row in figures.rows), default=0)
    bars = []
    for index, row in enumerate(figures.rows):
        bar_height = round(height * row.total / peak) if peak else 0
        bars.append({"row": row, "x": round(index * step, 2), "y": height - bar_height, "height": bar_height})
    # A label under the first bar, the last and a few between: as many as fit.
    every = max(1, round(count / 8))
    labels = [
        {"x": round(index * step + bar / 2, 2), "text": row.label}
        for index, row in enumerate(figures.rows)
        if index % every == 0 or index == count - 1
    ]
    return {"bars": bars, "bar_width": round(bar, 2), "height": height, "width": width, "peak": peak, "labels": labels}


def figures_csv(figures):
    """The figures as CSV text, UTF-8 with a byte order mark (so spreadsheet programs read the accents and the
    languages' names right): a row per period, a column per language, then the total."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = [_("Period starting"), _("Period")]
    header += [f"{column.label} ({column.code})" if column.code else column.label for column in figures.columns]
    writer.writerow([*header, _("Total")])
    for row in figures.rows:
        writer.writerow([row.period.isoformat(), row.label, *row.counts, row.total])
    writer.writerow(["", _("Total"), *figures.column_totals, figures.total])
    return "\ufeff" + buffer.getvalue()


def dashboard_totals(user, *, today=None, days=DEFAULT_DAYS):
    """For the admin home: each pamphlet's downloads over the last `days` days and since the first download.
    One query."""
    if not user.has_perm("pamphlets.view_pamphlet"):
        return []
    today = today or timezone.localdate()
    since = today - timedelta(days=days - 1)
    recent = Sum("download_counts__count", filter=Q(download_counts__day__gte=since))
    pamphlets = Pamphlet._default_manager.annotate(recent=recent, total=Sum("download_counts__count")).order_by("pk")
    return [
        {
            "item": pamphlet,
            "recent": pamphlet.recent or 0,
            "total": pamphlet.total or 0,
            "days": days,
            "url": reverse("admin:pamphlets_pamphlet_statistics", args=[pamphlet.pk]),
        }
        for pamphlet in pamphlets
    ]
