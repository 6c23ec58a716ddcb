"""Dates in words, as Canada.ca writes them in each official language (iwgtip_site.formats)."""

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from iwgtip_site import workflow
from iwgtip_site.formats import date_in_words
from tests.conftest import login
from tests.factories import PageFactory


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", datetime.date(2001, 11, 1), "1er novembre 2001"),
        ("fr", datetime.date(2001, 11, 2), "2 novembre 2001"),
        ("fr", datetime.date(2003, 12, 31), "31 décembre 2003"),
        ("en", datetime.date(2001, 11, 1), "November 1, 2001"),
    ],
)
def test_dates_in_words(language, day, expected):
    with translation.override(language):
        assert date_in_words(day) == expected


def test_a_moment_is_written_in_the_sites_time_zone_with_the_first_of_the_month_in_french():
    moment = datetime.datetime(2026, 11, 1, 19, 5, tzinfo=datetime.UTC)  # 14:05 in Ottawa
    with translation.override("fr"):
        assert date_in_words(moment, "DATETIME_FORMAT") == "1er novembre 2026, 14 h 05 min 00 s"


@pytest.mark.django_db
def test_the_admin_history_writes_the_first_of_the_month_in_french(client, root, superuser):
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 11, 1, 10, 0)), tick=False):
        page = PageFactory(parent=root)
        page.summary_en = "First version."
        workflow.item_save(item=page, user=superuser)
    content = login(client, superuser).get(f"/fr/admin/pages/page/{page.pk}/history/").content.decode()
    assert "1er novembre 2026" in content
