"""Review dates: publishing gives an item one, staff see across every content type what is overdue or due within
30 days (filtered, and as CSV), and each content type's Publishers get a daily e-mail of it in their language."""

import csv
import html
import io
import re
from datetime import date, timedelta

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from iwgtip_site import workflow
from iwgtip_site.publishing import Status
from iwgtip_site.workflow.models import StaffPreferences
from tests.browserless import admin_form_data
from tests.conftest import login
from tests.factories import InstrumentFactory, OrganizationFactory, PageFactory, RootPageFactory, UserFactory

pytestmark = pytest.mark.django_db

REPORT = "/{language}/admin/review-dates/"


def _member(role, *, language="en", permissions=(), **extra):
    user = UserFactory(is_staff=True, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if permissions:
        for name in permissions:
            app_label, codename = name.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    StaffPreferences.objects.update_or_create(user=user, defaults={"language": language, "language_chosen": True})
    return user


def _text(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_publishing_gives_an_item_a_review_date_a_configured_period_later(settings):
    settings.REVIEW_PERIOD_MONTHS = 12
    publisher = _member("Publishers")
    draft = InstrumentFactory(status=Status.DRAFT)
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 3, 15, 10)), tick=False):
        workflow.item_publish(item=draft, user=publisher)
    draft.refresh_from_db()
    assert draft.review_by == date(2027, 3, 15)

    settings.REVIEW_PERIOD_MONTHS = 6
    scheduled = InstrumentFactory(status=Status.DRAFT, publish_at=timezone.now() + timedelta(days=10))
    workflow.item_publish(item=scheduled, user=publisher)
    scheduled.refresh_from_db()  # counted from when it goes live
    assert scheduled.review_by == timezone.localdate(scheduled.publish_at) + relativedelta(months=6)


def test_a_review_date_staff_set_is_kept_on_publication_and_staff_can_change_it():
    publisher = _member("Publishers")
    client = login(Client(), publisher)
    chosen = timezone.localdate() + timedelta(days=45)
    draft = InstrumentFactory(status=Status.DRAFT, review_by=chosen)
    workflow.item_publish(item=draft, user=publisher)
    draft.refresh_from_db()
    assert draft.review_by == chosen

    url = f"/en/admin/legislation/instrument/{draft.pk}/change/"
    data = admin_form_data(client, url)
    data["review_by"] = ["2031-01-31"]
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.review_by == date(2031, 1, 31)


@pytest.fixture
def due_items():
    """Across content types: overdue, due soon, not yet due, and a draft due soon."""
    RootPageFactory()
    today = timezone.localdate()
    return {
        "overdue": InstrumentFactory(title_en="Overdue statute", review_by=today - timedelta(days=3)),
        "soon": PageFactory(title_en="Page due soon", review_by=today + timedelta(days=10)),
        "later": OrganizationFactory(name_en="Checked later", review_by=today + timedelta(days=90)),
        "draft": OrganizationFactory(
            name_en="Draft due soon", status=Status.DRAFT, review_by=today + timedelta(days=29)
        ),
    }


def test_the_report_lists_what_is_overdue_or_due_within_30_days_across_content_types(due_items):
    client = login(Client(), _member("Editors"))
    text = _text(client.get(REPORT.format(language="en")))
    assert "3 items to review" in text
    assert text.index("Overdue statute") < text.index("Page due soon") < text.index("Draft due soon")
    assert "Checked later" not in text
    assert "3 days overdue" in text and "Due in 10 days" in text
    assert "Review dates" in _text(client.get("/en/admin/"))  # linked from the admin home

    overdue = _text(client.get(REPORT.format(language="en"), {"state": "overdue"}))
    assert "Overdue statute" in overdue and "Page due soon" not in overdue
    soon = _text(client.get(REPORT.format(language="en"), {"state": "soon", "status": "draft"}))
    assert "Draft due soon" in soon and "Page due soon" not in soon
    pages = _text(client.get(REPORT.format(language="en"), {"kind": "pages.page"}))
    assert "Page due soon" in pages and "Overdue statute" not in pages


def test_the_report_is_in_french_for_a_french_speaking_editor(due_items):
    client = login(Client(), _member("Editors", language="fr"))
    text = _text(client.get(REPORT.format(language="fr")))
    assert "3 éléments à réviser" in text
    assert "En retard de 3 jours" in text and "À réviser dans 10 jours" in text


def test_a_bad_filter_is_an_error_on_the_form_not_a_failure(due_items):
    client = login(Client(), _member("Editors"))
    response = client.get(REPORT.format(language="en"), {"kind": "nothing.here", "state": "whenever"})
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)


def test_staff_see_only_the_content_types_they_may_view(due_items):
    client = login(Client(), _member(None, permissions=["pages.view_page"]))
    text = _text(client.get(REPORT.format(language="en")))
    assert "Page due soon" in text and "Overdue statute" not in text


def test_the_report_downloads_as_utf8_csv_with_a_byte_order_mark(due_items):
    due_items["overdue"].title_en = "Loi sur l'immigration et la protection des réfugiés"
    due_items["overdue"].save()
    client = login(Client(), _member("Editors"))
    response = client.get(REPORT.format(language="en"), {"format": "csv", "state": "overdue"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Content type", "Item", "Review by", "Review", "Status", "Address"]
    assert rows[1][:5] == [
        "Legal instrument",
        "Loi sur l'immigration et la protection des réfugiés",
        (timezone.localdate() - timedelta(days=3)).isoformat(),
        "3 days overdue",
        "Published",
    ]
    assert len(rows) == 2


def test_the_digest_goes_to_each_content_types_publishers_in_their_language(due_items):
    english = _member("Publishers", email="paul@example.invalid")
    french = _member("Publishers", language="fr", email="pauline@example.invalid")
    pages_only = _member(None, permissions=["pages.publish_page", "pages.view_page"], email="pat@example.invalid")
    _member("Editors", email="edith@example.invalid")  # editors publish nothing: no digest
    call_command("send_review_digest", stdout=io.StringIO())

    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {english.email, french.email, pages_only.email}
    assert sent[english.email].subject == "3 items to review"
    assert "Overdue statute" in sent[english.email].body and "overdue" in sent[english.email].body
    assert "/en/admin/legislation/instrument/" in sent[english.email].body
    assert sent[french.email].subject == "3 éléments à réviser"
    assert "/fr/admin/legislation/instrument/" in sent[french.email].body
    assert "À réviser d'ici le" in sent[french.email].body
    assert "Page due soon" in sent[pages_only.email].body and "Overdue statute" not in sent[pages_only.email].body


def test_no_digest_is_sent_when_nothing_is_due():
    _member("Publishers", email="paul@example.invalid")
    InstrumentFactory(review_by=timezone.localdate() + timedelta(days=31))
    InstrumentFactory(review_by=None)
    out = io.StringIO()
    call_command("send_review_digest", stdout=out)
    assert mail.outbox == []
    assert "0 review digest(s) sent." in out.getvalue()
