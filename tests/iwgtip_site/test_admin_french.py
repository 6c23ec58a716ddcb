"""A French-speaking staff member reads the admin in French, with French typography, whatever language the
colleague who made a change worked in: history comments, audit log entries, refusals that name the field and
the language, counts through plural forms, the colon after a no-break space. And the admin keeps its own
layout when it refuses or cannot find something, and offers each role only the actions it may take."""

import html
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from iwgtip_site.publishing import Status
from pages.models import Page
from pamphlets.models import Language
from tests.browserless import admin_form_data
from tests.conftest import login
from tests.factories import (
    InstrumentFactory,
    LanguageFactory,
    OrganizationFactory,
    PageFactory,
    PageFeedbackFactory,
    PamphletFactory,
    RootPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _member(role, username):
    user = UserFactory(is_staff=True, username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


def _text(response):
    """The page's text as a reader sees it: tags dropped, entities decoded, runs of spaces (not no-break
    spaces) made one."""
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", content)))


def _options(response, select_name="action"):
    """{value: label} of a select on the page (the list's actions)."""
    found = re.search(rf'<select name="{select_name}"[^>]*>(.*?)</select>', response.content.decode(), re.S)
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)', found[1])
    return {value: html.unescape(label).strip() for value, label in options}


@pytest.fixture
def publisher_fr(db):
    return login(Client(), _member("Publishers", "paul"))


def test_history_and_audit_log_read_in_french_whatever_language_the_change_was_made_in(publisher_fr):
    english_speaker = login(Client(), _member("Publishers", "ellen"))
    pamphlet = PamphletFactory()
    url = f"/en/admin/pamphlets/pamphlet/{pamphlet.pk}/change/"
    data = admin_form_data(english_speaker, url)
    data.update(body_en=["<p>New text.</p>"], body_fr=["<p>Nouveau texte.</p>"])
    assert english_speaker.post(url, data).status_code == 302
    first = Version.objects.get_for_object(pamphlet).order_by("pk").first()
    english_speaker.post(f"/en/admin/pamphlets/pamphlet/{pamphlet.pk}/history/{first.pk}/")  # restore

    history = _text(publisher_fr.get(f"/fr/admin/pamphlets/pamphlet/{pamphlet.pk}/history/"))
    log = _text(publisher_fr.get("/fr/admin/admin/logentry/"))
    home = _text(publisher_fr.get("/fr/admin/"))
    for screen in (history, log, home):
        assert f"Modification{NBSP}: texte du dépliant (anglais) et texte du dépliant (français)." in screen
        assert "Version du " in screen and " restaurée." in screen
        assert not re.search(r"Changed|Restored|Text of the pamphlet|\[en\]|\[fr\]|a\.m\.|p\.m\.", screen)
    assert f"ellen{NBSP}: Modification" in home


def test_django_own_log_messages_name_translated_fields_in_french(publisher_fr):
    """A screen that is not content's (the pamphlet languages) logs as Django does, field names in English."""
    english_speaker = login(Client(), _member("Publishers", "ellen"))
    language = LanguageFactory(code="so", name_en="Somali", name_fr="Somali", endonym="Soomaali")
    url = f"/en/admin/pamphlets/language/{language.pk}/change/"
    data = admin_form_data(english_speaker, url)
    data["name_fr"] = ["Somalien"]
    assert english_speaker.post(url, data).status_code == 302
    assert LogEntry.objects.get().get_change_message() == "Changed Name [fr]."

    log = _text(publisher_fr.get("/fr/admin/admin/logentry/"))
    assert "nom (français)" in log.lower()
    assert "[fr]" not in log and "Name" not in log
    assert Language.objects.get(pk=language.pk).name_fr == "Somalien"


def test_a_bulk_publish_refusal_names_the_item_the_field_and_the_language(publisher_fr):
    RootPageFactory()
    page = PageFactory(
        status=Status.DRAFT, title_en="Draft in English only", title_fr="", slug_fr="", summary_fr="", body_fr=""
    )
    response = publisher_fr.post(
        "/fr/admin/pages/page/", {"action": "publish_selected", "_selected_action": [page.pk]}, follow=True
    )
    text = _text(response)
    assert f"Draft in English only{NBSP}: " in text
    assert f"Le champ «{NBSP}titre{NBSP}» est vide en français." in text
    assert "Ce champ ne peut pas être vide" not in text
    assert Page.objects.get(pk=page.pk).status == Status.DRAFT


def test_the_dashboard_speaks_french_with_french_typography(publisher_fr):
    RootPageFactory()
    soon = timezone.now() + timedelta(days=2)
    PageFactory(title_en="Coming soon", title_fr="Bientôt", publish_at=soon)
    flagged = PageFactory(title_en="Flagged", title_fr="Signalée")
    Page.objects.filter(pk=flagged.pk).update(outdated_language="fr")
    home = _text(publisher_fr.get("/fr/admin/"))
    assert "Publications programmées" in home and "Planifié" not in home
    assert f"{NBSP}: mise en ligne — Bientôt" in home or f"{NBSP}: mise en ligne" in home
    assert "Le français n'est peut-être plus à jour" in home
    assert "possiblement" not in home
    pages = _text(publisher_fr.get("/fr/admin/pages/page/"))
    assert "FR n'est peut-être plus à jour" in pages and "français n'est peut-être plus à jour" in pages


@pytest.mark.parametrize(("count", "expected"), [(1, "1 rétroaction"), (5, "5 rétroactions")])
def test_feedback_is_counted_with_french_plural_forms(publisher_fr, count, expected):
    PageFeedbackFactory.create_batch(count)
    text = _text(publisher_fr.get("/fr/admin/iwgtip_site/pagefeedback/"))
    assert f" {expected} " in text
    assert "rétroaction sur les pages" not in text


def test_the_admin_refuses_and_misses_in_its_own_layout_and_in_french(db):
    editor = login(Client(), _member("Editors", "edith"))
    forbidden = editor.get("/fr/admin/auth/user/")  # accounts are the administrators'
    missing = editor.get("/fr/admin/pages/page/987654/history/")
    unknown = editor.get("/fr/admin/no-such-screen/")
    for response, status, heading in (
        (forbidden, 403, "Vous ne pouvez pas faire ceci"),
        (missing, 404, "Introuvable dans l'administration"),
        (unknown, 404, "Introuvable dans l'administration"),
    ):
        text = _text(response)
        assert response.status_code == status
        assert 'id="site-name"' in response.content.decode()  # the admin's header
        assert heading in text and "Gestion du contenu du GTITP" in text
        assert "Avez-vous trouvé" not in text and "gcds" not in response.content.decode()  # not the public page
    # Elsewhere, and to the public, the public site's page.
    assert "Canada.ca" in _text(Client().get("/fr/admin-nothing-here/"))


def test_each_role_is_offered_only_the_actions_it_may_take(db):
    PageFactory(parent=RootPageFactory())
    InstrumentFactory(), OrganizationFactory(), PamphletFactory()  # a list offers actions when it lists items
    editor = login(Client(), _member("Editors", "edith"))
    publisher = login(Client(), _member("Publishers", "paul"))
    for model in ("pages/page", "legislation/instrument", "partners/organization", "pamphlets/pamphlet"):
        offered_editor = _options(editor.get(f"/fr/admin/{model}/"))
        offered_publisher = _options(publisher.get(f"/fr/admin/{model}/"))
        assert offered_editor.get("delete_selected") == "Supprimer les ébauches sélectionnées"
        assert offered_publisher.get("delete_selected") == "Supprimer les éléments sélectionnés"
        publishing = {"publish_selected", "unpublish_selected", "publish_with_editions"}
        assert not publishing & set(offered_editor), model
        assert {"publish_selected", "unpublish_selected"} <= set(offered_publisher), model


def test_an_editor_deleting_a_selection_is_told_which_published_items_are_not_theirs_to_delete(db):
    RootPageFactory()
    editor = login(Client(), _member("Editors", "edith"))
    live = PageFactory(title_en="Live page", title_fr="Page en ligne")
    draft = PageFactory(title_en="Old draft", title_fr="Vieille ébauche", status=Status.DRAFT)
    selection = {"action": "delete_selected", "_selected_action": [live.pk, draft.pk]}
    confirmation = editor.post("/fr/admin/pages/page/", selection)
    text = _text(confirmation)
    assert confirmation.status_code == 200
    assert f"Page en ligne{NBSP}: Seuls les publicateurs peuvent supprimer du contenu publié." in text
    assert "Vieille ébauche" in text  # the draft, to confirm
    done = editor.post("/fr/admin/pages/page/", {**selection, "_selected_action": [draft.pk], "post": "yes"})
    assert done.status_code == 302
    assert list(Page.objects.filter(pk__in=[live.pk, draft.pk])) == [live]


def _french_messages():
    """Every translated interface string: (msgid, msgstr), from the committed catalogue."""
    catalogue = Path(settings.BASE_DIR, "locale", "fr", "LC_MESSAGES", "django.po").read_text(encoding="utf-8")
    for entry in catalogue.split("\n\n"):
        if entry.startswith("#~") or 'msgid ""\nmsgstr ""\n"Project' in entry:
            continue
        msgid = "".join(re.findall(r'"(.*)"', (re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M) or [""])[0]))
        for block in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry, re.M):
            yield msgid, "".join(re.findall(r'"(.*)"', block))


def test_every_french_interface_string_puts_a_no_break_space_before_a_colon_and_none_before_other_marks():
    """A colon follows a no-break space (never none, never a plain space, which can wrap), and « guillemets »
    hold theirs. (Before ; ! ? the Canada.ca texts use none: "Avez-vous trouvé ce que vous cherchiez?")"""
    wrong = []
    for _msgid, msgstr in _french_messages():
        text = re.sub(r"https?://\S+|\d:\d\d|%\([a-z_]+\)[sd]|\{[a-z_]+\}", "", msgstr)
        for match in re.finditer(r"(?:(?<=[^\u00a0\u202f\s])|(?<= )):(?=\s|$|<|»|\))", text):
            wrong.append(f"{msgstr!r}: {match[0]!r} at {match.start()}")
        if re.search(r"«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»", text):
            wrong.append(f"{msgstr!r}: guillemets without no-break spaces")
        named = re.sub(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}", "x", msgstr)  # a placeholder stands for a word here
        if re.search(r"[ \u00a0\u202f][?!;](?=\s|$|<|»|\))", named):
            wrong.append(f"{msgstr!r}: a space before ; ! or ? (the Translation Bureau's and Canada.ca's usage: none)")
    assert not wrong, "\n".join(wrong)
