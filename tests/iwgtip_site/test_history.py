"""Reading the history in the admin: the comparison of two versions says what an editor changed, in words
(rich text as it reads, word by word; yes/no and choices by their labels; moments to the second), the rows
that are part of an item included, since restoring brings them back too; and the read-only view of an item
shows its rich text as text, not as tags. Each test drives the real admin (tests/browserless.py)."""

import html
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from reversion.models import Version

from iwgtip_site import workflow
from legislation.models import Instrument
from tests.browserless import admin_form_data
from tests.conftest import login
from tests.factories import (
    EditionFactory,
    InstrumentFactory,
    LanguageFactory,
    PageFactory,
    PamphletFactory,
    ProvisionFactory,
    RootPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

INSTRUMENTS = "/{language}/admin/legislation/instrument/"


def _member(role, language="en"):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = login(Client(), user)
    client.get(f"/{language}/admin/")  # the admin language they use is the one they read history in
    return client


def _save(client, instrument, language="en", **changes):
    url = f"{INSTRUMENTS.format(language=language)}{instrument.pk}/change/"
    data = admin_form_data(client, url)
    data.update({name: [value] for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())


def _text(response):
    """The page as a reader gets it: tags out, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def edited_instrument():
    """An instrument saved twice through the admin: its body reworded, a provision changed (now life
    imprisonment), one provision deleted and one added."""
    instrument = InstrumentFactory(
        body_en="<p>Traffickers <strong>exploit</strong> people for profit.</p>",
        body_fr="<p>Les trafiquants exploitent.</p>",
    )
    ProvisionFactory(instrument=instrument, label="279.01", heading_en="Trafficking in persons")
    ProvisionFactory(instrument=instrument, label="279.03", heading_en="Withholding documents")
    client = _member("Publishers")
    _save(client, instrument, summary_en="A first saved version.")
    data_url = f"{INSTRUMENTS.format(language='en')}{instrument.pk}/change/"
    data = admin_form_data(client, data_url)
    data["body_en"] = ["<p>Traffickers <strong>recruit and exploit</strong> people for gain.</p>"]
    data["provisions-0-max_imprisonment_life"] = ["on"]
    data["provisions-0-offence_procedure"] = ["indictable"]
    data["provisions-1-DELETE"] = ["on"]
    total = int(data["provisions-TOTAL_FORMS"][0])
    data.update(
        {
            f"provisions-{total}-label": ["279.02"],
            f"provisions-{total}-order": ["2"],
            f"provisions-{total}-heading_en": ["Material benefit"],
            f"provisions-{total}-heading_fr": ["Avantage matériel"],
            "provisions-TOTAL_FORMS": [str(total + 1)],
        }
    )
    response = client.post(data_url, data)
    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    return instrument


def _compare(client, instrument, language="en"):
    older, newer = Version.objects.get_for_object(instrument).order_by("pk")
    url = f"{INSTRUMENTS.format(language=language)}{instrument.pk}/history/compare/"
    response = client.get(url, {"from": older.pk, "to": newer.pk})
    assert response.status_code == 200
    return response


def test_comparison_shows_rich_text_as_words_with_each_insertion_and_deletion_marked(edited_instrument):
    response = _compare(_member("Publishers"), edited_instrument)
    content = response.content.decode()
    assert "&lt;strong&gt;" not in content and "&lt;p&gt;" not in content  # no tags shown as text
    body = re.search(r"Body \(English\)</th>.*?</tr>", content, re.DOTALL).group(0)
    assert re.search(r"<ins><span class=\"visually-hidden\">added: </span>recruit and</ins>", body)
    assert re.search(r"<del><span class=\"visually-hidden\">deleted: </span>profit\.</del>", body)
    assert '<ins><span class="visually-hidden">added: </span>gain.</ins>' in body
    assert "Traffickers exploit people for profit." in _text(response)  # the earlier text, as it reads


def test_comparison_lists_the_provisions_added_deleted_and_changed_with_yes_no_labels(edited_instrument):
    response = _compare(_member("Publishers"), edited_instrument)
    text = _text(response)
    assert "Changed: provision “s. 279.01 Trafficking in persons”" in text
    changed = text.split("Changed: provision “s. 279.01 Trafficking in persons”", 1)[1]
    assert re.match(r".*?Maximum: life imprisonment No Yes deleted: No added: Yes", changed)
    assert "Deleted: provision “s. 279.03 Withholding documents”" in text
    assert "Added: provision “s. 279.02 Material benefit”" in text
    assert "Offence Indictable offence" in changed  # a choice by its label, not "indictable"
    assert "True" not in text and "False" not in text


def test_a_french_speaking_editor_reads_the_comparison_in_french(edited_instrument):
    response = _compare(_member("Publishers", language="fr"), edited_instrument, language="fr")
    text = _text(response)
    assert "Corps du texte (anglais)" in text
    assert re.search(r"Modification : disposition « [^»]*279\.01[^»]* »", text)
    assert re.search(r"Maximum : emprisonnement à perpétuité Non Oui suppression : Non ajout : Oui", text)
    assert "Yes" not in text.split("Modification : disposition", 1)[1]


def test_the_version_dates_are_given_to_the_second(edited_instrument):
    text = _text(_compare(_member("Publishers"), edited_instrument))
    assert re.search(r"Earlier version: \w+ \d+, \d{4}, \d+:\d\d:\d\d [ap]\.m\.", text)
    assert re.search(r"Later version: \w+ \d+, \d{4}, \d+:\d\d:\d\d [ap]\.m\.", text)
    assert "m.." not in text


def test_restoring_shows_the_rows_it_will_bring_back(edited_instrument):
    client = _member("Publishers")
    first = Version.objects.get_for_object(edited_instrument).order_by("pk").first()
    text = _text(client.get(f"{INSTRUMENTS.format(language='en')}{edited_instrument.pk}/history/{first.pk}/"))
    assert "provision “s. 279.03 Withholding documents”" in text
    client.post(f"{INSTRUMENTS.format(language='en')}{edited_instrument.pk}/history/{first.pk}/")
    labels = set(Instrument.objects.get(pk=edited_instrument.pk).provisions.values_list("label", flat=True))
    assert labels == {"279.01", "279.03"}


def test_the_read_only_view_shows_rich_text_as_text_not_tags():
    RootPageFactory()
    page = PageFactory(body_en="<h2>Who we are</h2><p>We <strong>help</strong> <a href='/en/'>victims</a>.</p>")
    viewer = UserFactory(is_staff=True, permissions=["pages.view_page"])
    response = login(Client(), viewer).get(f"/en/admin/pages/page/{page.pk}/change/")
    content = response.content.decode()
    assert response.status_code == 200 and "<textarea" not in content
    assert "&lt;h2&gt;" not in content and "&lt;strong&gt;" not in content
    assert "<strong>help</strong>" in content and "Who we are" in content
    assert "Saving keeps your changes" not in content  # nothing to save: no word of saving


def test_comparison_of_a_pamphlet_lists_an_edition_added_with_its_file():
    publisher = UserFactory(is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publishers"))
    pamphlet = PamphletFactory()
    pamphlet.summary_en = "Saved once, before the edition."
    workflow.item_save(item=pamphlet, user=publisher)
    language = LanguageFactory(code="uk", name_en="Ukrainian", name_fr="Ukrainien")
    add_edition = lambda: EditionFactory(pamphlet=pamphlet, language=language)  # noqa: E731
    workflow.item_save(item=pamphlet, user=publisher, save_rows=add_edition)
    older, newer = Version.objects.get_for_object(pamphlet).order_by("pk")[:2]
    response = login(Client(), publisher).get(
        f"/en/admin/pamphlets/pamphlet/{pamphlet.pk}/history/compare/", {"from": older.pk, "to": newer.pk}
    )
    text = _text(response)
    assert f"Added: language edition “{pamphlet}: Ukrainian (uk)”" in text
    assert "Status Published added: Published" in text  # the edition's own publication is part of it
    edition = pamphlet.editions.get()
    assert re.search(rf"PDF file {re.escape(edition.file.name)} added: {re.escape(edition.file.name)}", text)
