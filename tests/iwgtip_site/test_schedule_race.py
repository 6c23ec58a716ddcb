"""A scheduled working copy is published once, however many servers notice its time has come (PostgreSQL,
as in production: each thread is a server with its own database connection)."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.utils import timezone
from reversion.models import Version

from iwgtip_site import workflow
from iwgtip_site.workflow import schedule
from iwgtip_site.workflow.changes import render
from iwgtip_site.workflow.models import ReviewState, WorkingCopy
from tests.factories import PageFactory, RootPageFactory, UserFactory

SERVERS = 6


@pytest.mark.postgres
def test_two_servers_racing_publish_a_scheduled_working_copy_once(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks between servers are tested on PostgreSQL (set DATABASE_URL).")
    RootPageFactory()
    publisher = UserFactory(is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publishers"))
    page = PageFactory(summary_en="Before.")
    with workflow.copies.working_copy_applied(page):
        page = type(page).objects.get(pk=page.pk)
        page.summary_en = "After."
        workflow.item_save(item=page, user=publisher, as_working_copy=True)
    due = timezone.now() + timedelta(seconds=1)
    workflow.item_approve(item=page, user=publisher, at=due)
    WorkingCopy.objects.update(publish_at=timezone.now() - timedelta(seconds=1))  # its time has come
    assert WorkingCopy.objects.get().state == ReviewState.SCHEDULED

    start, published = threading.Barrier(SERVERS), []

    def server():
        try:
            start.wait()
            published.append(schedule.publish_due())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=server) for _ in range(SERVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(published) == [0] * (SERVERS - 1) + [1]
    page.refresh_from_db()
    assert page.summary_en == "After."
    comments = [render(version.revision.comment) for version in Version.objects.get_for_object(page)]
    assert sum(comment.startswith("The approved changes were published.") for comment in comments) == 1
