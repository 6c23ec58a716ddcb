"""Change forms that fit: each inline group says how many rows it holds, and a long one starts folded."""

import re

import pytest

from tests.factories import EditionFactory, PamphletFactory

pytestmark = pytest.mark.django_db


def _editions_group(admin_client, editions):
    pamphlet = PamphletFactory()
    EditionFactory.create_batch(editions, pamphlet=pamphlet)
    page = admin_client.get(f"/en/admin/pamphlets/pamphlet/{pamphlet.pk}/change/").content.decode()
    return re.search(r'<div class="js-inline-admin-formset[^"]*" id="editions-group".*?</fieldset>', page, re.S)[0]


def test_a_long_inline_group_starts_folded_under_a_heading_that_counts_its_rows(admin_client):
    group = _editions_group(admin_client, 6)
    assert "<details><summary>" in group
    assert re.search(r"Language editions \(one PDF file per language\) \(6\)\s*</h2>", group)


def test_a_short_inline_group_stays_open(admin_client):
    group = _editions_group(admin_client, 2)
    assert "<details>" not in group
    assert re.search(r"Language editions \(one PDF file per language\) \(2\)\s*</h2>", group)
