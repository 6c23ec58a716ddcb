"""Page feedback: the widget on every page, the form, what is stored (nothing about the reader), what is
refused, throttling, the honeypot, and the admin's triage screen."""

import html
import re
from datetime import UTC, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_ratelimit.core import _get_window

from iwgtip_site import security
from iwgtip_site.feedback import views as feedback
from iwgtip_site.feedback.models import FeedbackStatus, PageFeedback
from iwgtip_site.feedback.services import feedback_page_path
from iwgtip_site.i18n import url_in_language
from tests.conftest import login
from tests.factories import (
    InstrumentFactory,
    OrganizationFactory,
    PageFactory,
    PageFeedbackFactory,
    PamphletFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CLIENT_IP = "203.0.113.7"


@pytest.fixture(autouse=True)
def _home_page(root):
    """Feedback is taken only about pages that exist: the home page, which most tests send it about."""


def text(response):
    return html.unescape(response.content.decode())


def send(client, language="en", ip=CLIENT_IP, **data):
    """POST the feedback form as a reader at `ip` would (the test client skips CSRF checks)."""
    path = "/en/feedback/" if language == "en" else "/fr/retroaction/"
    fields = {"page": f"/{language}/", "answer": "no", "comment": "", **data}
    return client.post(path, fields, REMOTE_ADDR=ip)


# The widget and the form


def test_every_public_page_has_the_widget_and_stays_cacheable(client, root):
    page = PageFactory(parent=root)
    for url in ("/en/", url_in_language(page, "fr"), "/en/legislation/", "/en/search/?q=law"):
        response = client.get(url)
        content = response.content.decode()
        language = url.split("/")[1]
        action = "/en/feedback/" if language == "en" else "/fr/retroaction/"
        assert f'<form method="post" action="{action}{"yes" if language == "en" else "oui"}/">' in content, url
        assert f'<form method="get" action="{action}">' in content, url
        assert f'<input type="hidden" name="page" value="{url.split("?")[0]}">' in content
        assert '<button type="submit" name="answer" value="no">' in content
        assert "csrfmiddlewaretoken" not in content  # a cached page may carry no token
    english = client.get("/en/").content.decode()
    assert "Did you find what you were looking for?" in english
    assert (
        '<a href="/en/feedback/?page=/en/&amp;title=Home&amp;answer=no">Report a problem or mistake on this page</a>'
        in english
    )
    assert "Avez-vous trouvé ce que vous cherchiez?" in client.get("/fr/").content.decode()
    client.get("/en/")
    assert client.get("/en/")["X-Cache"] == "hit"


def test_the_widget_leads_to_the_form_with_the_answer_chosen(client, root, django_assert_max_num_queries):
    page = PageFactory(parent=root)
    path = url_in_language(page, "fr")
    with django_assert_max_num_queries(8):
        response = client.get("/fr/retroaction/", {"page": path, "answer": "no"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = text(response)
    assert 'name="csrfmiddlewaretoken"' in content
    assert re.search(r'<input type="radio" name="answer" value="no"[^>]* checked>', content)
    assert f'<input type="hidden" name="page" value="{path}"' in content
    assert "N'indiquez aucun renseignement personnel" in content
    assert '<div class="feedback-form__trap" aria-hidden="true">' in content
    assert 'tabindex="-1" autocomplete="off"' in content
    assert "page-feedback__answers" not in content  # no widget on the form itself


def test_yes_is_recorded_in_one_click_without_a_token_and_thanked(root):
    page = PageFactory(parent=root)
    path = url_in_language(page, "fr")
    reader = Client(enforce_csrf_checks=True)  # as a browser on a cached page: no CSRF token to send
    content = reader.get(path).content.decode()
    assert '<button type="submit">Oui</button>' in content
    response = reader.post(
        "/fr/retroaction/oui/", {"page": path}, REMOTE_ADDR=CLIENT_IP, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/retroaction/merci/")
    feedback = PageFeedback.objects.get()
    assert (feedback.page_path, feedback.language, feedback.answer, feedback.comment) == (path, "fr", "yes", "")
    assert "Merci de votre rétroaction" in text(reader.get(response["Location"]))


@pytest.mark.parametrize(
    "headers", [{"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_ORIGIN": "null"}]
)
def test_a_yes_posted_from_another_site_is_refused(client, root, headers):
    response = client.post("/en/feedback/yes/", {"page": "/en/"}, REMOTE_ADDR=CLIENT_IP, **headers)
    assert response.status_code == 403
    assert not PageFeedback.objects.exists()


def test_a_yes_for_an_address_that_is_not_a_page_is_refused(client):
    response = client.post("/en/feedback/yes/", {"page": "https://evil.example/"}, REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 400
    assert not PageFeedback.objects.exists()


def test_yes_clicks_are_throttled_like_the_form(client, root):
    for _ in range(5):
        assert client.post("/en/feedback/yes/", {"page": "/en/"}, REMOTE_ADDR=CLIENT_IP).status_code == 302
    assert client.post("/en/feedback/yes/", {"page": "/en/"}, REMOTE_ADDR=CLIENT_IP).status_code == 429
    assert PageFeedback.objects.count() == 5


def test_no_opens_the_short_form_naming_the_page_by_its_title(client, root):
    page = PageFactory(parent=root, title_fr="Aide aux victimes")
    path = url_in_language(page, "fr")
    widget = client.get(path).content.decode()
    assert '<input type="hidden" name="title" value="Aide aux victimes">' in widget
    response = client.get("/fr/retroaction/", {"page": path, "title": "Aide aux victimes", "answer": "no"})
    content = text(response)
    assert f'<a href="{path}">Aide aux victimes</a>' in content
    assert f">{path}</a>" not in content
    assert re.search(r'<input type="radio" name="answer" value="no"[^>]* checked>', content)
    invalid = send(client, "fr", page=path, title="Aide aux victimes", answer="")  # shown again: still the title
    assert f'<a href="{path}">Aide aux victimes</a>' in text(invalid)


def test_a_title_with_an_apostrophe_reaches_the_form_as_written(client, root):
    """The title is text, escaped once where the page writes it: never "l&#x27;immigration" on the form."""
    page = PageFactory(parent=root, title_fr="Loi sur l'immigration & la protection des réfugiés")
    path = url_in_language(page, "fr")
    widget = client.get(path).content.decode()
    assert 'name="title" value="Loi sur l&#x27;immigration &amp; la protection des réfugiés">' in widget
    link = re.search(r'href="(/fr/retroaction/\?[^"]+)"', widget).group(1)
    content = text(client.get(html.unescape(link)))
    assert f'<a href="{path}">Loi sur l\'immigration & la protection des réfugiés</a>' in content


@pytest.mark.parametrize("page", ["", "https://evil.example/", "/de/x/", "/en/admin/"])
def test_the_form_without_a_valid_page_explains_instead(client, page):
    response = client.get("/en/feedback/", {"page": page, "answer": "yes"})
    assert response.status_code == 400
    content = text(response)
    assert "We could not tell which page your feedback is about" in content
    assert "csrfmiddlewaretoken" not in content
    assert 'href="https://evil.example' not in content


def test_a_page_that_is_not_found_offers_no_feedback(client):
    assert "page-feedback__answers" not in client.get("/fr/introuvable/").content.decode()


# Only about pages the public can see (issue 16, item 7)


def test_feedback_about_an_address_that_leads_nowhere_is_refused(client):
    response = send(client, page="/en/buy-cheap-pills-at-evil-example/", comment="Cheap pills")
    assert response.status_code == 400
    assert "We could not tell which page your feedback is about" in text(response)
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize("kind", ["page", "instrument", "organization", "pamphlet"])
def test_feedback_about_an_item_the_public_cannot_see_is_refused(client, root, kind):
    factory = {"page": PageFactory, "instrument": InstrumentFactory, "organization": OrganizationFactory}.get(
        kind, PamphletFactory
    )
    item = factory(**({"parent": root} if kind == "page" else {}))
    path = url_in_language(item, "en")
    assert send(client, page=path).status_code == 302
    type(item).objects.filter(pk=item.pk).update(status="draft")
    assert send(client, page=path).status_code == 400
    assert send(client, page=url_in_language(item, "fr"), comment="French").status_code == 400
    assert PageFeedback.objects.count() == 1


def test_feedback_about_a_page_under_a_draft_section_is_refused(client, root):
    section = PageFactory(parent=root, status="draft")
    assert send(client, page=url_in_language(PageFactory(parent=section), "en")).status_code == 400


@pytest.mark.parametrize("path", ["/en/", "/en/legislation/", "/fr/partenaires/", "/en/pamphlets/", "/fr/recherche/"])
def test_feedback_about_lists_and_search_is_taken(client, path):
    assert send(client, path[1:3], page=path).status_code == 302


def test_checking_the_page_address_costs_at_most_two_queries(root, django_assert_max_num_queries):
    path = url_in_language(PageFactory(parent=PageFactory(parent=root)), "en")
    with django_assert_max_num_queries(2):
        assert feedback_page_path(path) == path
    instrument_path = url_in_language(InstrumentFactory(), "fr")  # saving it is not what is counted
    with django_assert_max_num_queries(2):
        assert feedback_page_path(instrument_path) is not None


# Stored, and what is stored


def test_feedback_is_stored_with_nothing_about_the_reader(client, root):
    page = PageFactory(parent=root)
    path = url_in_language(page, "en")
    response = client.post(
        "/en/feedback/",
        {"page": path, "answer": "no", "comment": "The table of penalties is out of date."},
        REMOTE_ADDR=CLIENT_IP,
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux) ReaderBrowser/1.0",
        HTTP_REFERER=f"http://testserver{path}",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/feedback/thank-you/?page={path.replace('/', '%2F')}"
    stored = PageFeedback.objects.get()
    assert (stored.page_path, stored.language, stored.answer, stored.status) == (path, "en", "no", "new")
    assert stored.comment == "The table of penalties is out of date."
    values = " ".join(str(getattr(stored, field.attname)) for field in PageFeedback._meta.concrete_fields)
    assert CLIENT_IP not in values and "ReaderBrowser" not in values
    names = {field.name for field in PageFeedback._meta.get_fields()}
    assert not names & {"ip", "ip_address", "user_agent", "email", "name", "session"}


def test_french_feedback_is_stored_as_french_and_thanked_in_french(client, root):
    page = PageFactory(parent=root)
    path = url_in_language(page, "fr")
    response = send(client, "fr", page=path, answer="yes")
    assert PageFeedback.objects.get().language == "fr"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    content = thanks.content.decode()
    assert "Merci de votre rétroaction" in content
    assert f'<a href="{path}">Retourner à la page que vous consultiez</a>' in content


def test_control_characters_are_removed_and_line_breaks_kept(client):
    send(client, comment="Broken\x00link\x1b[31m here\r\nsecond\u2028line")
    comment = PageFeedback.objects.get().comment
    assert comment == "Broken link [31m here\nsecond line"


def test_a_comment_of_500_characters_is_accepted_and_one_of_501_refused(client):
    assert send(client, comment="x" * 500).status_code == 302
    response = send(client, "fr", comment="y" * 501)
    assert response.status_code == 400
    assert "Votre commentaire est trop long\u00a0: limitez-le à 500 caractères (il en compte 501)." in text(response)
    assert PageFeedback.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"page": "https://evil.example/"}, "Nous n'avons pas pu déterminer la page"),
        ({"page": "//evil.example/fr/"}, "Nous n'avons pas pu déterminer la page"),
        ({"page": "javascript:alert(1)"}, "Nous n'avons pas pu déterminer la page"),
        ({"page": "/de/seite/"}, "Nous n'avons pas pu déterminer la page"),
        ({"page": "/fr/admin/"}, "Nous n'avons pas pu déterminer la page"),
        ({"page": "/fr/retroaction/"}, "Nous n'avons pas pu déterminer la page"),
        ({"page": "/fr/Pas Une Page/"}, "Nous n'avons pas pu déterminer la page"),
        ({"page": "/fr/?q=1"}, "Nous n'avons pas pu déterminer la page"),
        ({"page": "/fr/" + "a/" * 300}, "Nous n'avons pas pu déterminer la page"),
        ({"page": "/fr/\x00/"}, "Nous n'avons pas pu déterminer la page"),
        ({"answer": "maybe"}, "Choisissez Oui ou Non."),
        ({"answer": ""}, "Choisissez Oui ou Non."),
    ],
)
def test_invalid_feedback_is_refused_in_the_readers_language_and_nothing_stored(client, data, message):
    response = send(client, "fr", **data)
    assert response.status_code == 400
    content = text(response)
    assert message in content
    if "answer" in data:  # the form is shown again, its error listed first
        assert "Le formulaire n'a pas pu être envoyé en raison d'une erreur\u00a0:" in content
    assert 'href="https://evil.example' not in content and 'href="javascript:' not in content
    assert not PageFeedback.objects.exists()


def test_the_honeypot_gets_a_thank_you_and_nothing_is_stored(client):
    response = send(client, comment="Buy now", website="https://spam.example/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/feedback/thank-you/")
    assert not PageFeedback.objects.exists()


def test_the_form_needs_its_csrf_token(root):
    browser = Client(enforce_csrf_checks=True)
    refused = browser.post("/fr/retroaction/", {"page": "/fr/", "answer": "no"})
    assert refused.status_code == 403
    assert "Votre formulaire n'a pas pu être envoyé" in refused.content.decode()
    form = browser.get("/fr/retroaction/", {"page": "/fr/", "answer": "no"}).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    accepted = browser.post("/fr/retroaction/", {"page": "/fr/", "answer": "no", "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
    assert PageFeedback.objects.count() == 1


def test_thank_you_page_links_back_only_to_a_page_of_this_site(client):
    content = text(client.get("/en/feedback/thank-you/", {"page": "https://evil.example/"}))
    assert "Thank you for your feedback" in content
    assert 'href="https://evil.example' not in content
    assert "Return to the page you were reading" not in content


# Throttling


def test_floods_are_throttled_per_client(client):
    for number in range(5):
        assert send(client, comment=f"Report {number}").status_code == 302
    refused = send(client, "fr", comment="One too many")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Veuillez attendre quelques minutes" in refused.content.decode()
    assert PageFeedback.objects.count() == 5
    assert send(client, ip="198.51.100.20", comment="Another reader").status_code == 302
    assert PageFeedback.objects.count() == 6


def test_thirty_an_hour_from_one_client(client):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        window_end = _get_window(CLIENT_IP, 3600)  # start a fresh hourly window, whatever the clock says
    start = timezone.datetime.fromtimestamp(window_end + 1, tz=UTC)
    for minute in range(6):
        with time_machine.travel(start + timedelta(minutes=minute), tick=False):
            for _ in range(5):
                assert send(client).status_code == 302
    with time_machine.travel(start + timedelta(minutes=7), tick=False):
        assert send(client).status_code == 429
    assert PageFeedback.objects.count() == 30


def test_behind_proxies_the_client_is_read_from_x_forwarded_for(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"

    def send_via_proxy(forwarded_for):
        return client.post(
            "/en/feedback/", {"page": "/en/", "answer": "yes"}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forwarded_for
        )

    for _ in range(5):
        assert send_via_proxy("198.51.100.1").status_code == 302
    assert send_via_proxy("192.0.2.99, 198.51.100.1").status_code == 429  # a made-up first entry changes nothing
    assert send_via_proxy("198.51.100.2").status_code == 302  # another reader behind the same proxy


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        (1, "10.0.0.1", "192.0.2.1, 198.51.100.1", "198.51.100.1"),
        (2, "10.0.0.1", "192.0.2.1, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (1, "10.0.0.1", "", "10.0.0.1"),
        (1, "10.0.0.1", "not-an-address", "0.0.0.0"),  # noqa: S104 - the shared allowance of unknown clients
        (0, "", "", "0.0.0.0"),  # noqa: S104
        (0, "2001:db8::1", "", "2001:db8::1"),
    ],
)
def test_client_ip(rf, settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.post("/en/feedback/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert security.client_ip(request) == expected


def test_feedback_is_refused_when_the_limits_cannot_be_counted(client, monkeypatch):
    def cache_down(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(feedback, "is_ratelimited", cache_down)
    assert send(client).status_code == 429
    assert not PageFeedback.objects.exists()


# Triage in the admin


def test_staff_triage_feedback_by_status_answer_language_and_page(admin_client):
    PageFeedbackFactory(page_path="/en/legislation/", comment="Broken link")
    PageFeedbackFactory(page_path="/fr/legislation/", language="fr", answer="yes", comment="Très utile")
    PageFeedbackFactory(page_path="/en/legislation/", status=FeedbackStatus.HANDLED, comment="Old typo")
    url = "/en/admin/iwgtip_site/pagefeedback/"

    def listed(**params):
        return admin_client.get(url, params).content.decode()

    assert all(comment in listed() for comment in ("Broken link", "Très utile", "Old typo"))
    assert "Old typo" not in listed(status__exact="new")
    assert "Broken link" not in listed(answer__exact="yes")
    assert "Très utile" in listed(language__exact="fr") and "Broken link" not in listed(language__exact="fr")
    by_page = listed(page_path="/en/legislation/")
    assert "Broken link" in by_page and "Old typo" in by_page and "Très utile" not in by_page
    assert "Broken link" in listed(q="broken") and "Old typo" not in listed(q="broken")
    assert "/en/legislation/ (2)" in listed()  # the page filter, busiest pages first
    assert admin_client.get(f"{url}add/").status_code == 403  # feedback comes from readers only


def test_mark_handled_and_new_record_who_and_when(admin_client, superuser):
    report = PageFeedbackFactory()
    url = "/en/admin/iwgtip_site/pagefeedback/"
    response = admin_client.post(url, {"action": "mark_handled", "_selected_action": [report.pk]}, follow=True)
    assert "1 report marked handled." in response.content.decode()
    report.refresh_from_db()
    assert report.status == FeedbackStatus.HANDLED
    assert report.handled_by == superuser
    assert timezone.now() - report.handled_at < timedelta(minutes=1)
    admin_client.post(url, {"action": "mark_new", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert (report.status, report.handled_by, report.handled_at) == (FeedbackStatus.NEW, None, None)


def test_the_change_form_changes_the_status_only(admin_client, superuser):
    report = PageFeedbackFactory(comment="Original words")
    url = f"/fr/admin/iwgtip_site/pagefeedback/{report.pk}/change/"
    content = admin_client.get(url).content.decode()
    assert "Original words" in content and "Nouvelle" in content
    admin_client.post(url, {"status": "handled", "comment": "Rewritten", "answer": "yes"})
    report.refresh_from_db()
    assert (report.status, report.comment, report.answer) == ("handled", "Original words", "no")
    assert report.handled_by == superuser


def test_editorial_roles_may_triage_feedback(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    PageFeedbackFactory(comment="Spelling mistake")
    login(client, editor)
    assert "Spelling mistake" in client.get("/en/admin/iwgtip_site/pagefeedback/").content.decode()
    assert editor.has_perm("iwgtip_site.change_pagefeedback")
    assert not editor.has_perm("iwgtip_site.delete_pagefeedback")
    administrator = UserFactory(is_staff=True)
    administrator.groups.add(Group.objects.get(name="Administrators"))
    assert administrator.has_perm("iwgtip_site.delete_pagefeedback")
    assert not administrator.has_perm("iwgtip_site.add_pagefeedback")  # feedback comes from readers only


def test_handled_feedback_is_purged_after_the_retention_period(settings):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    now = timezone.now()
    old = PageFeedback.objects.create(page_path="/en/", language="en", answer="no", comment="old")
    recent = PageFeedback.objects.create(page_path="/en/", language="en", answer="no", comment="recent")
    unhandled = PageFeedback.objects.create(page_path="/en/", language="en", answer="no", comment="new")
    PageFeedback.objects.filter(pk=old.pk).update(status=FeedbackStatus.HANDLED, handled_at=now - timedelta(days=400))
    PageFeedback.objects.filter(pk=recent.pk).update(status=FeedbackStatus.HANDLED, handled_at=now - timedelta(days=3))
    PageFeedback.objects.filter(pk=unhandled.pk).update(created_at=now - timedelta(days=900))
    out = StringIO()
    call_command("purge_page_feedback", "--dry-run", stdout=out)
    assert "1 handled feedback item(s)" in out.getvalue() and PageFeedback.objects.count() == 3
    call_command("purge_page_feedback", stdout=StringIO())
    assert set(PageFeedback.objects.values_list("comment", flat=True)) == {"recent", "new"}
