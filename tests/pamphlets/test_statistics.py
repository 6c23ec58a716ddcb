"""Download statistics for staff: per language per day, week or month over a chosen period, the CSV of the same
figures, the totals on the admin home, and downloads by crawlers served but not counted."""

import csv
import html
import io
from datetime import date

import pytest

from pamphlets.models import DownloadCount
from pamphlets.services import download_record
from tests.factories import BROWSER_USER_AGENT, EditionFactory, LanguageFactory, PamphletFactory

pytestmark = pytest.mark.django_db

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
FIREFOX = BROWSER_USER_AGENT


@pytest.fixture
def pamphlet(db):
    """A pamphlet in Arabic and Korean, downloaded on a few days of November 2026, and its ZIP once."""
    pamphlet = PamphletFactory(slug_en="warning", slug_fr="mise-en-garde")
    arabic = EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="ar", name_en="Arabic",
                            name_fr="arabe", endonym="العربية"))  # fmt: skip
    korean = EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="ko", name_en="Korean",
                            name_fr="coréen", endonym="한국어"))  # fmt: skip
    for day, edition, times in (
        (date(2026, 11, 2), arabic, 3),  # a Monday
        (date(2026, 11, 3), arabic, 1),
        (date(2026, 11, 3), korean, 2),
        (date(2026, 11, 9), korean, 5),  # the next Monday
        (date(2026, 12, 1), arabic, 4),  # outside the period asked below
        (date(2026, 10, 31), arabic, 6),  # before it
    ):
        for _ in range(times):
            download_record(pamphlet=pamphlet, edition=edition, day=day)
    download_record(pamphlet=pamphlet, day=date(2026, 11, 3))
    return pamphlet


def _url(pamphlet, language="en"):
    return f"/{language}/admin/pamphlets/pamphlet/{pamphlet.pk}/statistics/"


def _text(response):
    return html.unescape(response.content.decode())


def _table_rows(content):
    """The data table's body rows, as lists of cell texts."""
    import re

    body = content[content.index("<tbody>", content.index("downloads-table-caption")) :]
    body = body[: body.index("</tbody>")]
    return [re.findall(r"<t[hd][^>]*>(?:<time[^>]*>)?([^<]*)", row) for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_downloads_per_language_per_day_over_the_period(admin_client, pamphlet):
    response = admin_client.get(_url(pamphlet), {"start": "2026-11-01", "end": "2026-11-10", "group": "day"})
    assert response.status_code == 200
    content = _text(response)
    rows = _table_rows(content)
    assert len(rows) == 10  # every day of the period, those without downloads too
    by_day = {row[0]: row[1:] for row in rows}
    # Columns: Arabic, Korean, the ZIP, the total.
    assert by_day["11/02/2026"] == ["3", "0", "0", "3"]
    assert by_day["11/03/2026"] == ["1", "2", "1", "4"]
    assert by_day["11/09/2026"] == ["0", "5", "0", "5"]
    assert by_day["11/01/2026"] == ["0", "0", "0", "0"]
    assert "<td>4</td><td>7</td><td>1</td><td>12</td>" in content.replace("\n", "")  # the totals
    assert 'role="img" aria-labelledby="downloads-chart-title downloads-chart-note"' in content
    assert content.count("<rect ") == 10


def test_downloads_per_week_and_per_month(admin_client, pamphlet):
    weeks = _table_rows(_text(admin_client.get(_url(pamphlet), {"start": "2026-11-02", "end": "2026-11-15",
                                                                 "group": "week"})))  # fmt: skip
    assert [row[1:] for row in weeks] == [["4", "2", "1", "7"], ["0", "5", "0", "5"]]
    assert weeks[0][0] == "Week of 11/02/2026"
    months = _table_rows(_text(admin_client.get(_url(pamphlet, "fr"), {"start": "2026-10-01", "end": "2026-12-31",
                                                                       "group": "month"})))  # fmt: skip
    assert months == [["octobre 2026", "6", "0", "0", "6"], ["novembre 2026", "4", "7", "1", "12"],
                      ["décembre 2026", "4", "0", "0", "4"]]  # fmt: skip


def test_the_csv_export_has_the_same_figures_in_utf8_with_a_bom(admin_client, pamphlet):
    response = admin_client.get(
        _url(pamphlet, "fr"), {"start": "2026-11-02", "end": "2026-11-03", "group": "day", "format": "csv"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mise-en-garde-downloads-2026-11-02-2026-11-03.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Début de la période", "Période", "arabe (ar)", "coréen (ko)", "Toutes les langues (fichier ZIP)", "Total"],
        ["2026-11-02", "02/11/2026", "3", "0", "0", "3"],
        ["2026-11-03", "03/11/2026", "1", "2", "1", "4"],
        ["", "Total", "4", "2", "1", "7"],
    ]


def test_without_a_period_the_last_30_days_are_shown(admin_client, pamphlet):
    content = _text(admin_client.get(_url(pamphlet)))
    assert len(_table_rows(content)) == 30


@pytest.mark.parametrize(
    ("query", "field", "english", "french"),
    [
        ({"start": "2026-13-45", "end": "2026-11-10", "group": "day"}, "start",
         "Enter the “From” date as year-month-day", "Entrez la date « Du » sous la forme année-mois-jour"),
        ({"start": "2026-11-10", "end": "2026-11-01", "group": "day"}, "end",
         "The “To” date is before the “From” date.", "La date « Au » précède la date « Du »."),
        ({"start": "2026-11-01", "end": "", "group": "day"}, "end",
         "Enter the last day of the period", "Entrez le dernier jour de la période"),
        ({"start": "2026-11-01", "end": "2026-11-10", "group": "year"}, "group",
         "Choose day, week or month", "Choisissez jour, semaine ou mois"),
        ({"start": "1900-01-01", "end": "2026-11-10", "group": "day"}, "end",
         "at most ten years", "au plus dix ans"),
    ],
)  # fmt: skip
def test_a_bad_period_is_a_translated_error_naming_the_field(admin_client, pamphlet, query, field, english, french):
    for language, message in (("en", english), ("fr", french)):
        response = admin_client.get(_url(pamphlet, language), query)
        assert response.status_code == 200
        content = _text(response)
        assert f'id="id_{field}_error"' in content
        assert message in content.replace("\u00a0", " ")
        assert "downloads-table-caption" not in content
        assert response.get("Content-Type", "").startswith("text/html")
    response = admin_client.get(_url(pamphlet), {**query, "format": "csv"})  # no CSV of a wrong question
    assert response["Content-Type"].startswith("text/html")


def test_the_statistics_need_the_right_to_view_pamphlets(client, pamphlet):
    from tests.conftest import login
    from tests.factories import UserFactory

    assert login(client, UserFactory(is_staff=True)).get(_url(pamphlet)).status_code == 403


def test_a_crawler_is_served_the_file_but_not_counted(client, pamphlet):
    def counted():
        return sum(DownloadCount.objects.values_list("count", flat=True))

    before = counted()
    response = client.get("/en/pamphlets/warning/ar.pdf", headers={"User-Agent": GOOGLEBOT})
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(b"%PDF")
    response = client.get("/en/pamphlets/warning/all-languages.zip", headers={"User-Agent": "curl/8.5.0"})
    assert response.status_code == 200
    assert counted() == before
    client.get("/en/pamphlets/warning/ar.pdf", headers={"User-Agent": FIREFOX})
    assert counted() == before + 1
    # Nothing of the reader is stored: only the day and the count.
    assert {field.name for field in DownloadCount._meta.concrete_fields} == {"id", "pamphlet", "edition", "day",
                                                                              "count"}  # fmt: skip


def test_the_admin_home_shows_each_pamphlets_downloads_recent_and_in_all(admin_client):
    from datetime import timedelta

    from django.utils import timezone

    pamphlet = PamphletFactory()
    edition = EditionFactory(pamphlet=pamphlet)
    today = timezone.localdate()
    for day, times in ((today, 2), (today - timedelta(days=29), 1), (today - timedelta(days=30), 4)):
        for _ in range(times):
            download_record(pamphlet=pamphlet, edition=edition, day=day)
    download_record(pamphlet=pamphlet, day=today)  # the ZIP
    content = _text(admin_client.get("/en/admin/"))
    section = content[content.index("<h2>Downloads</h2>") :][:2000].replace("\n", "")
    assert f'<td>4</td><td>8</td><td><a href="{_url(pamphlet)}">' in section
    assert "<h2>Téléchargements</h2>" in _text(admin_client.get("/fr/admin/"))
