"""The admin stays fast as content grows: each content type's list and change form run the same number of
SQL queries with 10 items as with 1,000, and a change form with a working copy the same with few inline rows
as with many. A budget is a ceiling; the equality is what says no query runs per row."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from iwgtip_site import workflow
from iwgtip_site.workflow.models import WorkingCopy
from legislation.models import Instrument, InstrumentRelation, Provision
from pages.models import Page
from pamphlets.models import Pamphlet
from partners.models import Organization
from tests.conftest import login
from tests.factories import (
    EditionFactory,
    InstrumentFactory,
    LanguageFactory,
    PamphletFactory,
    ProvisionFactory,
    RootPageFactory,
    UserFactory,
)
from tests.iwgtip_site.bulk import bulk_content

pytestmark = pytest.mark.django_db

ADMIN = {
    Page: "pages/page",
    Instrument: "legislation/instrument",
    Organization: "partners/organization",
    Pamphlet: "pamphlets/pamphlet",
}
# Ceilings for a Publisher's request (session, user, permissions, the page's own reads).
LIST_BUDGET = 30
FORM_BUDGET = 40


def _member(role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def _queries(client, url):
    """The queries of a request to `url`, once the caches a first request fills (content types) are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def publisher_client():
    return login(Client(), _member("Publishers"))


def _grow(root, count):
    """`count` items of each content type in all (the root page counted among the pages)."""
    bulk_content(root, count - Instrument.objects.count())


@pytest.mark.parametrize("model", list(ADMIN), ids=lambda model: model._meta.model_name)
def test_each_change_list_runs_as_many_queries_for_1000_items_as_for_10(publisher_client, model):
    root = RootPageFactory()
    counts = []
    for size in (10, 1000):
        _grow(root, size)
        counts.append(_queries(publisher_client, f"/en/admin/{ADMIN[model]}/"))
        counts[-1] = max(counts[-1], _queries(publisher_client, f"/fr/admin/{ADMIN[model]}/?q=zanzibar"))
    assert model.objects.count() >= 1000
    assert counts[0] == counts[1] <= LIST_BUDGET, counts


@pytest.mark.parametrize("model", list(ADMIN), ids=lambda model: model._meta.model_name)
def test_each_change_form_runs_as_many_queries_among_1000_items_as_among_10(publisher_client, model):
    root = RootPageFactory()
    counts = []
    for size in (10, 1000):
        _grow(root, size)
        item = model.objects.exclude(pk=root.pk).order_by("pk").first()
        counts.append(_queries(publisher_client, f"/en/admin/{ADMIN[model]}/{item.pk}/change/"))
    assert counts[0] == counts[1] <= FORM_BUDGET, counts


def _with_rows(count):
    """A published instrument with `count` provisions and `count` relations, and a published pamphlet with
    `count` language editions."""
    instrument, pamphlet = InstrumentFactory(), PamphletFactory()
    Provision.objects.bulk_create(
        ProvisionFactory.build(instrument=instrument, label=f"s. {n}", order=n) for n in range(count)
    )
    kind = InstrumentRelation._meta.get_field("kind").choices[0][0]
    InstrumentRelation.objects.bulk_create(
        InstrumentRelation(source=instrument, target=target, kind=kind)
        for target in Instrument.objects.bulk_create(InstrumentFactory.build_batch(count))
    )
    for n in range(count):
        EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code=f"x{count}-{n}"))
    return instrument, pamphlet


def test_change_forms_with_a_working_copy_run_as_many_queries_with_30_rows_as_with_3():
    """An editor's view of items being changed: the form shows the working copy, its rows included."""
    editor = _member("Editors")
    client = login(Client(), editor)
    counts = {Instrument: [], Pamphlet: []}
    for rows in (3, 30):
        for item in _with_rows(rows):
            item.summary_en = f"Changed in a working copy, with {rows} rows."
            workflow.item_save(item=item, user=editor, loaded_version=item.edit_version)
            assert WorkingCopy.objects.filter(object_id=item.pk, content_type__model=item._meta.model_name).exists()
            counts[type(item)].append(_queries(client, f"/en/admin/{ADMIN[type(item)]}/{item.pk}/change/"))
    for model, (few, many) in counts.items():
        assert few == many <= FORM_BUDGET, (model, few, many)
    # The rows' autocomplete boxes still show the item each row has chosen.
    instrument = Instrument.objects.filter(relations_from__isnull=False).order_by("-pk").first()
    form = client.get(f"/en/admin/legislation/instrument/{instrument.pk}/change/").content.decode()
    for relation in instrument.relations_from.select_related("target"):
        assert f'<option value="{relation.target_id}" selected>{relation.target}</option>' in form
