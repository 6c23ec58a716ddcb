"""The seed loader (iwgtip_site.seed): every app's data file written through the workflow; what exists,
staff edits included, is left alone; a reset starts over; a broken file says where it is broken."""

import re
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from reversion.models import Revision, Version

from iwgtip_site import seed, workflow
from iwgtip_site.publishing import Publishable
from iwgtip_site.workflow.changes import render
from iwgtip_site.workflow.roles import PUBLISHERS
from legislation.models import Instrument, InstrumentRelation
from pages.models import Page
from pamphlets.models import Edition, Language
from pamphlets.services import edition_store_file
from partners.models import Organization
from tests.factories import UserFactory, make_pdf
from tests.seed_data import load_seed, records

pytestmark = pytest.mark.django_db

# Set by the workflow or the clock, not by the data: what a reload must leave as it was, and a reset may renew.
WORKFLOW_STATE = ("id", "created_at", "updated_at", "first_published_at", "edit_version", "uploaded_at", "file")


def _models():
    return seed.seeded_models(seed.data_files())


def _content():
    """Every seeded row as the data made it: its fields (related rows by name), without workflow state."""
    content = {}
    for model in _models():
        rows = []
        for row in model._default_manager.order_by("pk"):
            values = {}
            for field in model._meta.concrete_fields:
                if field.name not in WORKFLOW_STATE:
                    values[field.name] = str(getattr(row, field.name))
            for field in model._meta.many_to_many:
                values[field.name] = sorted(str(other) for other in getattr(row, field.name).all())
            rows.append(values)
        content[model.__name__] = rows
    return content


def _state(settings):
    """What any write would change: the rows with their edit versions and dates, the history, the files."""
    items = {
        model.__name__: sorted(model._default_manager.values_list("pk", "edit_version", "updated_at"))
        for model in _models()
        if issubclass(model, Publishable)
    }
    media = sorted(str(path) for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())
    return _content(), items, Revision.objects.count(), Version.objects.count(), LogEntry.objects.count(), media


def _publisher():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    return user


def test_every_app_contributes_its_content_through_its_data_file():
    assert [data.app_label for data in seed.data_files()] == ["pages", "legislation", "partners", "pamphlets"]
    load_seed()
    for model in _models():
        assert model._default_manager.exists(), model


# What the team writes to itself about the data belongs in a comment or in `sources`: "named in the source text"
# on a public page reads as a note left behind.
INTERNAL_NOTE = re.compile(r"source text|texte source|commissioned|commandé", re.IGNORECASE)
# The Federal Identity Program names a department by its applied title: "Public Safety Canada", never "Public
# Safety" alone (in French too).
SHORTENED_TITLE = re.compile(r"Public Safety(?! Canada)|Sécurité publique(?! Canada)")


def _public_texts():
    """(where, text) for every value of every seeded record that readers may see: all but its `sources`."""
    for data in seed.data_files():
        for model, record, _owner_sources, _relation in records(data.app_label):
            name = record.get("slug_en") or record.get("label", "?")
            for key, value in record.items():
                if key != "sources" and isinstance(value, str):
                    yield f"{data.app_label} {model.__name__} {name}: {key}", value


def test_no_note_for_the_team_reaches_a_public_field():
    assert [where for where, text in _public_texts() if INTERNAL_NOTE.search(text)] == []


def test_a_department_is_named_by_its_applied_title():
    assert [where for where, text in _public_texts() if SHORTENED_TITLE.search(text)] == []


def test_a_second_run_writes_nothing(settings):
    load_seed()
    before = _state(settings)
    output = load_seed()
    assert _state(settings) == before
    assert "Created" not in output and "published through the workflow" not in output


def test_every_seeded_item_is_saved_then_published_through_the_workflow():
    load_seed()
    for model in _models():
        if not issubclass(model, Publishable):
            continue
        for item in model._default_manager.all():
            comments = [render(version.revision.comment) for version in Version.objects.get_for_object(item)]
            assert comments[0] == "Published.", item  # the newest first
            # Files are stored by their own service (pamphlets.services.edition_store_file), the rest by item_save.
            # An edition is also in its pamphlet's versions (they follow its editions), published with it.
            assert comments[1:] == (comments[1:2] if model is Edition else ["Initial content."]), item
            assert set(comments) == ({"Published."} if model is Edition else {"Published.", "Initial content."})
            assert item.is_live() and item.edit_version == 2 and item.updated_by is None


def test_an_instrument_is_published_with_its_provisions_and_relations():
    """They belong to its history: restoring its first published version brings them back."""
    load_seed()
    bill = Instrument.objects.get(slug_en="bill-c-49")
    published = Version.objects.get_for_object(bill).first().revision
    held = {(version.content_type.model, version.object_id) for version in published.version_set.all()}
    for provision in bill.provisions.all():
        assert ("provision", str(provision.pk)) in held
    for relation in bill.relations_from.all():
        assert ("instrumentrelation", str(relation.pk)) in held
    assert bill.relations_from.count() == 2


def test_a_staff_edit_survives_a_reload(settings):
    load_seed()
    publisher = _publisher()
    page = Page.objects.get(slug_en="canadian-initiatives")
    page.summary_en = "Edited by staff."
    workflow.item_save(item=page, user=publisher)
    bill = Instrument.objects.get(slug_en="bill-c-49")
    bill.provisions.get(label="279.03").delete()
    bill.relations_from.filter(kind="related").delete()
    Organization.objects.get(slug_en="department-of-justice-canada").responsible_for.clear()
    Language.objects.filter(code="ar").update(endonym="عربي")
    arabic = Edition.objects.get(language__code="ar")
    edition_store_file(edition=arabic, uploaded=ContentFile(make_pdf("Real Arabic pamphlet"), name="ar.pdf"))
    before = _state(settings)

    load_seed()

    assert _state(settings) == before
    page.refresh_from_db()
    assert (page.summary_en, page.edit_version, page.updated_by) == ("Edited by staff.", 3, publisher)
    assert not bill.provisions.filter(label="279.03").exists()
    assert not InstrumentRelation.objects.filter(source=bill, kind="related").exists()
    assert not Organization.objects.get(slug_en="department-of-justice-canada").responsible_for.exists()


def test_a_deleted_seeded_item_is_created_again_and_nothing_else_changes():
    load_seed()
    Page.objects.get(slug_en="international-sites").delete()
    Edition.objects.get(language__code="ar").delete()
    untouched = set(Page.objects.values_list("pk", "edit_version"))
    output = load_seed()
    assert "Pages: 1 created, 7 already present." in output
    assert "Language editions: 1 created, 13 already present." in output
    assert untouched < set(Page.objects.values_list("pk", "edit_version"))
    assert Page.objects.get(slug_en="international-sites").is_live()
    assert Edition.objects.get(language__code="ar").is_live()


def test_reset_restores_the_seeded_content():
    load_seed()
    seeded = _content()
    workflow.item_save(item=Page.objects.get(slug_en="working-group"), user=None)
    Page.objects.filter(slug_en="international-sites").update(title_en="Changed")
    Page(parent=Page.objects.get(parent=None), title_en="Added", title_fr="Ajoutée", slug_en="a", slug_fr="a").save()
    Organization.objects.filter(slug_en="g7").delete()
    output = load_seed("--reset")
    assert "Existing content deleted." in output
    assert _content() == seeded


def _data_file(tmp_path, text, app_label="pages"):
    path = tmp_path / "content.toml"
    path.write_text(text, encoding="utf-8")
    return seed.DataFile.read(app_label, path)


HOME = """
[loader]
identify = { Page = ["slug_en"] }

[[Page]]
title_en = "Home"
title_fr = "Accueil\\u00a0!"
"""


def test_a_data_file_keeps_french_typography(tmp_path):
    seed.load(log=lambda message: None, files=[_data_file(tmp_path, HOME)])
    assert Page.objects.get().title_fr == "Accueil\u00a0!"


@pytest.mark.parametrize(
    ("records", "reason"),
    [
        ('[[Page.children]]\ntitle_en = "Only English"\nslug_en = "only-english"\n', "French"),
        ('[[Page.children]]\ntitle_en = "T"\ntitle_fr = "T"\nslug_en = "t"\nslug_fr = "t"\ncolour = "red"\n', "colour"),
        ('[[Organization]]\nname_en = "X"\n', "no model 'Organization'"),
    ],
    ids=["incomplete in French", "unknown field", "another app's model"],
)
def test_a_broken_record_stops_the_load_and_says_where_and_why(tmp_path, records, reason):
    data = _data_file(tmp_path, HOME + records)
    with pytest.raises(seed.SeedError) as raised:
        seed.load(log=lambda message: None, files=[data])
    assert str(tmp_path) in str(raised.value) and reason in str(raised.value)


def test_a_reference_to_no_record_is_an_error(tmp_path):
    data = _data_file(
        tmp_path,
        """
[loader]
identify = { Organization = ["slug_en"] }

[[Organization]]
name_en = "X"
name_fr = "X"
slug_en = "x"
slug_fr = "x"
kind = "forum"
responsible_for = ["no-such-act"]
""",
        app_label="partners",
    )
    legislation = [data for data in seed.data_files() if data.app_label == "legislation"]
    with pytest.raises(seed.SeedError, match=r"content\.toml: Organization 'x': No single Instrument .*no-such-act"):
        seed.load(log=lambda message: None, files=[*legislation, data])


def test_a_link_may_name_a_record_of_an_app_loaded_later(tmp_path):
    """Links are set once every app's records exist: partners come before pamphlets."""
    partner = _data_file(
        tmp_path,
        """
[loader]
identify = { Organization = ["slug_en"] }

[[Organization]]
name_en = "An NGO"
name_fr = "Une ONG"
slug_en = "an-ngo"
slug_fr = "une-ong"
kind = "ngo"
distributes = ["anti-trafficking-pamphlet"]
""",
        app_label="partners",
    )
    pamphlets = [data for data in seed.data_files() if data.app_label == "pamphlets"]
    seed.load(log=lambda message: None, files=[partner, *pamphlets])
    ngo = Organization.objects.get(slug_en="an-ngo")
    assert [pamphlet.slug_en for pamphlet in ngo.distributes.all()] == ["anti-trafficking-pamphlet"]
    assert Version.objects.get_for_object(ngo).first().field_dict["distributes"] == [ngo.distributes.get().pk]
