"""Browser tests: the site served on a free loopback port (pytest-django's live_server, on the test
database) and driven by Playwright in the machine's Chromium. Skipped, with the reason, when no Chromium
is installed; `.ci/run` installs it. Screenshots of key steps go to test-artifacts/browser/."""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import UserFactory

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "browser"
PASSWORD = "correct horse battery staple"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"No Chromium at {CHROMIUM}: browser tests skipped (install it: apt-get install chromium)."
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message.replace("skipped", "required (REQUIRE_BROWSER is set)"))
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def seeded(transactional_db):
    """The site's real initial content, in the live server's database."""
    call_command("load_initial_data", stdout=StringIO())


@pytest.fixture
def shoot(request):
    """shoot(page, "step-name"): a full-page screenshot in test-artifacts/browser/<test>/."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)

    def take(page, step):
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{step}.png"), full_page=True)

    return take


def member(role, username):
    user = UserFactory(username=username, is_staff=True, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(page, base_url, user, language="en"):
    """The admin login's password step (accounts in these tests have no second factor unless they set one up)."""
    page.goto(f"{base_url}/{language}/admin/login/")
    page.fill("#id_auth-username", user.username)
    page.fill("#id_auth-password", PASSWORD)
    page.click("#login-form input[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
