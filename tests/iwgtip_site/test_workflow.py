"""The editorial workflow, for every content type through the same mechanism: roles, the bilingual
publish gate, stale-translation flags, refused conflicting edits, revisions, scheduling, preview and
the audit log. Each test drives the real admin forms as a browser would (tests/browserless.py)."""

import html
from datetime import timedelta

import pytest
import reversion
import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone, translation
from reversion.models import Version

from iwgtip_site import workflow
from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from iwgtip_site.workflow.changes import render
from legislation.models import Provision
from pamphlets.models import Edition
from tests.browserless import admin_form_data, form_data
from tests.conftest import login
from tests.factories import (
    EditionFactory,
    InstrumentFactory,
    LanguageFactory,
    OrganizationFactory,
    PageFactory,
    PamphletFactory,
    ProvisionFactory,
    RootPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Every content type, and where its admin lives.
CONTENT_TYPES = {
    "page": (PageFactory, "pages/page"),
    "instrument": (InstrumentFactory, "legislation/instrument"),
    "organization": (OrganizationFactory, "partners/organization"),
    "pamphlet": (PamphletFactory, "pamphlets/pamphlet"),
}


def _member(role, **extra):
    user = UserFactory(is_staff=True, **extra)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(params=CONTENT_TYPES)
def kind(request):
    if request.param == "page":
        RootPageFactory()
    return request.param


def _make(kind, **fields):
    factory, _path = CONTENT_TYPES[kind]
    return factory(**fields)


def _admin(kind, item=None, action="change", language="en"):
    base = f"/{language}/admin/{CONTENT_TYPES[kind][1]}/"
    return base if item is None else f"{base}{item.pk}/{action}/"


def _text(response):
    return html.unescape(response.content.decode())


def _client(user):
    return login(Client(), user)


def test_roles_are_groups_with_the_right_permissions():
    editors, publishers = Group.objects.get(name="Editors"), Group.objects.get(name="Publishers")
    editor_codenames = set(editors.permissions.values_list("codename", flat=True))
    publisher_codenames = set(publishers.permissions.values_list("codename", flat=True))
    assert {"change_page", "add_instrument", "change_organization", "change_pamphlet"} <= editor_codenames
    assert not {name for name in editor_codenames if name.startswith("publish_")}
    assert {"publish_page", "publish_instrument", "publish_organization", "publish_pamphlet"} <= publisher_codenames
    assert Group.objects.filter(name="Administrators").exists()


def test_editor_cannot_publish_by_any_path(kind):
    editor = _member("Editors")
    client = _client(editor)
    draft = _make(kind, status=Status.DRAFT)
    data = admin_form_data(client, _admin(kind, draft))
    assert "status" not in data  # read-only for editors
    data["status"] = ["published"]  # ...so a crafted POST adds it
    client.post(_admin(kind, draft), data)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT

    assert "publish_selected" not in client.get(_admin(kind)).content.decode()
    client.post(_admin(kind), {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT

    with pytest.raises(PermissionDenied):
        workflow.item_publish(item=draft, user=editor)
    draft.status = Status.PUBLISHED
    with pytest.raises(PermissionDenied):
        workflow.item_save(item=draft, user=editor)

    live = _make(kind)
    data = admin_form_data(client, _admin(kind, live))
    assert "status" not in data
    data["status"] = ["draft"]  # a crafted POST to unpublish
    assert client.post(_admin(kind, live), data).status_code == 302
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED
    with pytest.raises(PermissionDenied):
        workflow.item_unpublish(item=live, user=editor)
    with pytest.raises(PermissionDenied):
        workflow.item_approve(item=live, user=editor)
    assert client.post(_admin(kind, live, "delete"), {"post": "yes"}).status_code == 403  # publishers only


def test_publisher_publishes_and_the_audit_log_records_it(kind):
    publisher = _member("Publishers")
    client = _client(publisher)
    draft = _make(kind, status=Status.DRAFT)
    response = client.post(_admin(kind), {"action": "publish_selected", "_selected_action": [draft.pk]}, follow=True)
    assert "1 item published." in _text(response)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    entry = LogEntry.objects.filter(object_id=str(draft.pk)).latest("pk")
    assert (entry.user, render(entry.change_message)) == (publisher, "Published.")
    audit = client.get(
        "/en/admin/admin/logentry/", {"object_id": draft.pk, "content_type__id__exact": entry.content_type_id}
    )
    assert "Published." in _text(audit)


def _blank_french(kind):
    factory, _path = CONTENT_TYPES[kind]
    fields = factory._meta.model.required_translations
    return {f"{field}_fr": None if field == "slug" else "" for field in fields}


def test_publishing_without_french_is_refused_on_every_path(kind):
    publisher = _member("Publishers")
    client = _client(publisher)
    draft = _make(kind, status=Status.DRAFT, **_blank_french(kind))
    data = admin_form_data(client, _admin(kind, draft, language="fr"))
    data["status"] = ["published"]
    response = client.post(_admin(kind, draft, language="fr"), data)
    assert response.status_code == 200
    name = draft.required_translations[0]
    label = str(type(draft)._meta.get_field(name).verbose_name)
    assert f"Le champ « {label} » est vide en français." in _text(response).replace("\u00a0", " ")

    response = client.post(_admin(kind), {"action": "publish_selected", "_selected_action": [draft.pk]}, follow=True)
    with translation.override("en"):
        label = str(type(draft)._meta.get_field(name).verbose_name)
    assert f"The French {label} is empty." in _text(response)
    with pytest.raises(ValidationError):
        workflow.item_publish(item=draft, user=publisher)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_english_only_change_flags_french_until_french_is_updated(kind):
    publisher = _member("Publishers")
    client = _client(publisher)
    item = _make(kind)
    data = admin_form_data(client, _admin(kind, item))
    data["summary_en"] = ["A corrected English summary."]
    assert client.post(_admin(kind, item), data).status_code == 302
    item.refresh_from_db()
    assert item.outdated_language == "fr"
    assert "FR may be out of date" in _text(client.get(_admin(kind)))
    assert str(item) in _text(client.get(_admin(kind), {"translation": "outdated-fr"}))

    data = admin_form_data(client, _admin(kind, item))
    data["summary_fr"] = ["Un résumé français corrigé."]
    assert client.post(_admin(kind, item), data).status_code == 302
    item.refresh_from_db()
    assert item.outdated_language == ""  # updating French clears the flag, and flags nothing else


def test_flag_can_be_confirmed_without_changing_the_text(kind):
    publisher = _member("Publishers")
    item = _make(kind)
    item.summary_en = "Changed in English only."
    workflow.item_save(item=item, user=publisher)
    assert item.outdated_language == "fr"
    client = _client(publisher)
    response = client.post(
        _admin(kind), {"action": "confirm_translations_selected", "_selected_action": [item.pk]}, follow=True
    )
    assert "confirmed up to date" in _text(response)
    item.refresh_from_db()
    assert item.outdated_language == ""


def test_second_of_two_concurrent_edits_is_refused_and_its_text_kept(kind):
    alice, bob = _member("Publishers", username="alice"), _member("Publishers", username="bob")
    item = _make(kind)
    alice_client, bob_client = _client(alice), _client(bob)
    alice_form = admin_form_data(alice_client, _admin(kind, item))
    bob_form = admin_form_data(bob_client, _admin(kind, item))  # both opened the same version

    alice_form["summary_en"] = ["Alice's summary."]
    assert alice_client.post(_admin(kind, item), alice_form).status_code == 302
    bob_form["summary_en"] = ["Bob's summary."]
    response = bob_client.post(_admin(kind, item), bob_form)
    assert response.status_code == 200
    page = _text(response)
    assert "alice changed this item on" in page
    assert "Bob's summary." in page  # kept in the form, to merge
    item.refresh_from_db()
    assert item.summary_en == "Alice's summary."

    merged = form_data(response.content.decode(), f"{item._meta.model_name}_form")
    merged["summary_en"] = ["Alice's and Bob's summary."]
    assert bob_client.post(_admin(kind, item), merged).status_code == 302
    item.refresh_from_db()
    assert item.summary_en == "Alice's and Bob's summary."
    assert item.updated_by == bob


def test_restore_brings_back_both_languages_as_a_new_version(kind):
    publisher = _member("Publishers")
    client = _client(publisher)
    item = _make(kind, summary_en="Seeded English.", summary_fr="Français initial.")
    item.summary_en, item.summary_fr = "First English.", "Premier français."
    workflow.item_save(item=item, user=publisher)
    item.summary_en, item.summary_fr = "Second English.", "Deuxième français."
    workflow.item_save(item=item, user=publisher)
    first = Version.objects.get_for_object(item).order_by("pk").first()

    history = _text(client.get(_admin(kind, item, "history")))
    assert "Restore this version" in history
    confirm = client.get(f"{_admin(kind, item, 'history')}{first.pk}/")
    assert "First English." in _text(confirm) and "Second English." in _text(confirm)
    assert client.post(f"{_admin(kind, item, 'history')}{first.pk}/").status_code == 302

    item.refresh_from_db()
    assert (item.summary_en, item.summary_fr) == ("First English.", "Premier français.")
    assert item.status == Status.PUBLISHED  # restoring content never changes publication
    assert Version.objects.get_for_object(item).count() == 3
    assert render(Version.objects.get_for_object(item).first().revision.comment).startswith("Restored the version of")


def test_comparison_shows_each_language_field_by_field(kind):
    publisher = _member("Publishers")
    client = _client(publisher)
    item = _make(kind, summary_en="Seeded words.", summary_fr="Anciens mots ici.")
    item.summary_en = "Old words here."
    workflow.item_save(item=item, user=publisher)
    item.summary_en = "New words here."
    workflow.item_save(item=item, user=publisher)
    older, newer = Version.objects.get_for_object(item).order_by("pk")
    response = client.get(f"{_admin(kind, item, 'history')}compare/", {"from": older.pk, "to": newer.pk})
    content = response.content.decode()
    assert "(English)" in content and "(French)" in content
    assert '<del><span class="visually-hidden">deleted: </span>Old</del>' in content
    assert '<ins><span class="visually-hidden">added: </span>New</ins>' in content


def test_deleted_item_can_be_recovered_as_a_draft(kind):
    publisher = _member("Publishers")
    client = _client(publisher)
    item = _make(kind, status=Status.DRAFT)
    item.summary_en = "Saved once, so it has a history."
    workflow.item_save(item=item, user=publisher)
    model = type(item)
    assert client.post(_admin(kind, item, "delete"), {"post": "yes"}).status_code == 302
    assert not model.objects.filter(pk=item.pk).exists()
    recover_list = _text(client.get(f"{_admin(kind)}recover/"))
    assert str(item) in recover_list
    version = Version.objects.get_deleted(model).first()
    url = f"{_admin(kind)}recover/{version.pk}/"
    assert client.post(url, admin_form_data(client, url)).status_code == 302
    recovered = model.objects.get(pk=item.pk)
    assert recovered.status == Status.DRAFT


def test_scheduled_item_appears_and_disappears_on_time(kind, client):
    now = timezone.now().replace(microsecond=0)
    item = _make(kind, publish_at=now + timedelta(hours=1), unpublish_at=now + timedelta(hours=3))
    url = url_in_language(item, "en")
    publisher_client = _client(_member("Publishers"))
    with time_machine.travel(now, tick=False):
        assert client.get(url).status_code == 404
        assert "goes live" in _text(publisher_client.get("/en/admin/"))
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(now + timedelta(hours=3), tick=False):
        assert client.get(url).status_code == 404


def test_items_past_their_review_date_are_reported(kind):
    client = _client(_member("Editors"))
    overdue = _make(kind, review_by=timezone.localdate() - timedelta(days=1))
    current = _make(kind, review_by=timezone.localdate() + timedelta(days=90))
    listed = _text(client.get(_admin(kind), {"review": "overdue"}))
    assert str(overdue) in listed and str(current) not in listed
    assert "Past review date" in _text(client.get("/en/admin/"))


def test_side_by_side_preview_frames_both_languages_for_staff_only(kind, client):
    draft = _make(kind, status=Status.DRAFT)
    staff = _client(_member("Editors"))
    preview = staff.get(_admin(kind, draft, "preview")).content.decode()
    assert f'<iframe src="{url_in_language(draft, "en")}"' in preview
    assert f'<iframe src="{url_in_language(draft, "fr")}"' in preview
    framed = staff.get(url_in_language(draft, "fr"))
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in framed["Content-Security-Policy"]
    public = _make(kind)
    assert client.get(url_in_language(public, "en"))["X-Frame-Options"] == "DENY"


def test_admin_home_shows_what_needs_attention():
    RootPageFactory()
    PageFactory(status=Status.DRAFT, title_fr="", slug_fr=None)
    content = _text(_client(_member("Editors")).get("/fr/admin/"))
    assert "À surveiller" in content
    assert "Français manquant" in content
    assert "Modifications récentes" in content


def test_admin_home_counts_link_to_the_items_and_lists_the_soonest_scheduled_first():
    root = RootPageFactory()
    PageFactory.create_batch(2, parent=root, title_fr="", slug_fr=None)
    now = timezone.now()
    # More scheduled pages than the dashboard lists; the soonest comes last in the pages' own order.
    for hours in range(2, 24):
        PageFactory(parent=root, sort_order=1, title_en=f"Later {hours}", publish_at=now + timedelta(hours=hours))
    PageFactory(parent=root, sort_order=2, title_en="Soonest", publish_at=now + timedelta(minutes=30))
    content = _client(_member("Editors")).get("/en/admin/").content.decode()
    assert '<a href="/en/admin/pages/page/?translation=missing-fr" class="attention__count">2</a>' in content
    assert "Soonest" in content and "Later 23" not in content


def test_restoring_an_instrument_brings_back_its_provisions():
    publisher = _member("Publishers")
    instrument = InstrumentFactory()
    ProvisionFactory(instrument=instrument, label="118", heading_en="Trafficking")
    client = _client(publisher)
    data = admin_form_data(client, _admin("instrument", instrument))
    data["summary_en"] = ["A first saved version."]
    assert client.post(_admin("instrument", instrument), data).status_code == 302
    first = Version.objects.get_for_object(instrument).order_by("pk").first()
    data = admin_form_data(client, _admin("instrument", instrument))
    data["provisions-0-DELETE"] = ["on"]
    assert client.post(_admin("instrument", instrument), data).status_code == 302
    assert not Provision.objects.filter(instrument=instrument).exists()
    client.post(f"{_admin('instrument', instrument, 'history')}{first.pk}/")
    assert Provision.objects.get(instrument=instrument).heading_en == "Trafficking"


def test_editor_reformatting_rich_text_is_not_a_translation_change():
    """CKEditor re-indents HTML it did not write; that alone must not clear or set a flag."""
    RootPageFactory()
    page = PageFactory(body_fr="<p>Premier.</p><ul><li>Un</li></ul>")
    page.summary_en = "Changed English summary."
    page.body_fr = "<p>Premier.</p>\n\n<ul>\n\t<li>Un</li>\n</ul>\n"
    workflow.item_save(item=page, user=None)
    assert page.outdated_language == "fr"


def test_restore_touches_only_that_item_even_when_a_revision_holds_others():
    RootPageFactory()
    publisher = _member("Publishers")
    first, second = PageFactory(summary_en="First, as seeded."), PageFactory(summary_en="Second, as seeded.")
    with reversion.create_revision():  # one revision holding both, as the seed and bulk actions make
        first.save()
        second.save()
    shared = Version.objects.get_for_object(first).get()
    for page in (first, second):
        page.summary_en = "Edited later."
        workflow.item_save(item=page, user=publisher)
    workflow.item_restore(item=first, version=shared, user=publisher)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.summary_en == "First, as seeded."
    assert second.summary_en == "Edited later."  # left alone
    assert first.status == second.status == Status.PUBLISHED


def test_restoring_a_page_slug_re_addresses_its_sub_pages(client):
    root = RootPageFactory()
    publisher = _member("Publishers")
    section = PageFactory(parent=root, slug_en="alpha", slug_fr="alpha-fr")
    child = PageFactory(parent=section, slug_en="child", slug_fr="enfant")
    section.summary_en = "A section."
    workflow.item_save(item=section, user=publisher)
    old = Version.objects.get_for_object(section).first()
    section.slug_en = "beta"
    workflow.item_save(item=section, user=publisher)
    workflow.item_restore(item=section, version=old, user=publisher)
    child.refresh_from_db()
    assert child.url_path_en == "alpha/child/"
    assert client.get("/en/alpha/child/").status_code == 200


def test_restoring_a_pamphlet_leaves_its_editions_alone():
    publisher = _member("Publishers")
    edition = EditionFactory()
    pamphlet = edition.pamphlet
    edition.status = Status.DRAFT
    edition.save()
    pamphlet.summary_en = "First."
    workflow.item_save(item=pamphlet, user=publisher)
    old = Version.objects.get_for_object(pamphlet).first()
    Edition.objects.filter(pk=edition.pk).update(status=Status.PUBLISHED)
    pamphlet.summary_en = "Changed."
    workflow.item_save(item=pamphlet, user=publisher)
    workflow.item_restore(item=pamphlet, version=old, user=publisher)
    edition.refresh_from_db()
    assert edition.status == Status.PUBLISHED


def test_recover_only_takes_a_deleted_item_of_the_same_kind():
    RootPageFactory()
    editor = _member("Editors")
    client = _client(editor)
    live = PageFactory()
    live.summary_en = "Changed."
    workflow.item_save(item=live, user=None)
    existing = Version.objects.get_for_object(live).first()
    assert client.post(f"{_admin('page')}recover/{existing.pk}/").status_code == 404  # not deleted
    organization = OrganizationFactory()
    organization.summary_en = "Changed."
    workflow.item_save(item=organization, user=None)
    organization_version = Version.objects.get_for_object(organization).first()
    organization.delete()
    assert client.post(f"{_admin('page')}recover/{organization_version.pk}/").status_code == 404  # another kind
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED


def test_editor_cannot_change_a_language_that_live_editions_use():
    edition = EditionFactory()
    language = edition.language
    client = _client(_member("Editors"))
    url = f"/en/admin/pamphlets/language/{language.pk}/change/"
    data = {"code": "xx", "name_en": "Changed", "name_fr": "Changé", "endonym": "changed", "direction": "ltr"}
    assert client.post(url, data).status_code == 403
    language.refresh_from_db()
    assert language.code != "xx"
    unused = LanguageFactory(code="sw")
    assert client.get(f"/en/admin/pamphlets/language/{unused.pk}/change/").status_code == 200
