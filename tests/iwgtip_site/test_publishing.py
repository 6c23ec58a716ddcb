"""Publishing: status and the publication window decide what the public sees, evaluated at query time."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from iwgtip_site.publishing import PublicationState, Status
from iwgtip_site.workflow import item_publish, item_unpublish
from pages.models import Page
from tests.factories import InstrumentFactory, OrganizationFactory, PageFactory, PamphletFactory

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(timezone.datetime(2026, 6, 1, 12, 0))


def test_live_is_published_and_inside_the_window(root):
    with time_machine.travel(NOON, tick=False):
        live = PageFactory(parent=root)
        draft = PageFactory(parent=root, status=Status.DRAFT)
        scheduled = PageFactory(parent=root, publish_at=NOON + timedelta(hours=1))
        expired = PageFactory(parent=root, unpublish_at=NOON - timedelta(seconds=1))
        windowed = PageFactory(parent=root, publish_at=NOON - timedelta(days=1), unpublish_at=NOON + timedelta(days=1))
        visible = set(Page.objects.live())
    assert visible == {root, live, windowed}
    assert draft.publication_state(NOON) == PublicationState.DRAFT
    assert scheduled.publication_state(NOON) == PublicationState.SCHEDULED
    assert expired.publication_state(NOON) == PublicationState.EXPIRED
    assert windowed.is_live(NOON)


def test_scheduled_item_goes_live_on_time_without_any_job(root):
    page = PageFactory(parent=root, publish_at=NOON, unpublish_at=NOON + timedelta(hours=2))
    with time_machine.travel(NOON - timedelta(seconds=1), tick=False):
        assert page not in Page.objects.live()
    with time_machine.travel(NOON, tick=False):
        assert page in Page.objects.live()
    with time_machine.travel(NOON + timedelta(hours=2), tick=False):
        assert page not in Page.objects.live()


def test_first_publication_is_recorded_once(root):
    page = PageFactory(parent=root, status=Status.DRAFT)
    assert page.first_published_at is None
    with time_machine.travel(NOON, tick=False):
        item_publish(item=page, user=None)
    page.refresh_from_db()
    assert page.first_published_at == NOON
    item_unpublish(item=page, user=None)
    with time_machine.travel(NOON + timedelta(days=3), tick=False):
        item_publish(item=page, user=None)
    page.refresh_from_db()
    assert page.first_published_at == NOON


def test_date_modified_follows_each_save(root):
    with time_machine.travel(NOON, tick=False):
        page = PageFactory(parent=root)
    with time_machine.travel(NOON + timedelta(days=2), tick=False):
        page.title_en = "Changed"
        page.save()
    page.refresh_from_db()
    assert page.updated_at == NOON + timedelta(days=2)
    assert page.created_at == NOON


def test_unpublish_time_must_follow_publish_time(root):
    page = PageFactory.build(parent=root, publish_at=NOON, unpublish_at=NOON - timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "unpublish_at" in error.value.message_dict


@pytest.mark.parametrize("factory", [PageFactory, InstrumentFactory, OrganizationFactory, PamphletFactory])
def test_an_address_with_capitals_is_refused_in_the_editors_language(factory, root):
    """One address, one spelling: /en/pamphlets/Warning/ and /en/pamphlets/warning/ never both exist."""
    item = factory.build(slug_fr="Mise-en-garde", **({"parent": root} if factory is PageFactory else {}))
    with translation.override("fr"):
        with pytest.raises(ValidationError) as refused:
            item.full_clean()
        assert "lettres minuscules" in str(refused.value.message_dict["slug_fr"])
