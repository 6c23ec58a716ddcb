"""The API's documentation page (Swagger UI, served by this site) works in a real browser under the site's
Content Security Policy: the operations are listed and the browser refuses nothing."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_documentation_shows_every_endpoint_with_nothing_refused(live_server, page):
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/v1/instruments/", "/api/v1/pamphlets/{id}/"} <= {path.replace("\u200b", "") for path in paths}
    assert refused == []
