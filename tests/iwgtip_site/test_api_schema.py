"""The API against its own OpenAPI document: schemathesis generates requests from the document (valid and
boundary values of every parameter) and sends them to the live test server with the site's seed content;
no answer may be a 5xx, and every answer must match the document (status, content type, body).

(schemathesis's pytest plugin does not run under this pytest: its operations and their Hypothesis strategies
are driven here directly.)"""

import os
from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, given
from hypothesis import settings as examples

# The live server runs in a thread of this process; the seed is loaded from the test's own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
EXAMPLES_PER_OPERATION = 15  # each is an HTTP request: the whole test stays within a minute


@pytest.mark.django_db(transaction=True)
def test_the_api_keeps_its_contract(live_server, settings):
    settings.API_ANONYMOUS_RATE = "100000/m"  # throttling has its own test (test_api.py)
    call_command("load_initial_data", stdout=StringIO())
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8

    for operation in operations:

        @given(case=operation.as_strategy())
        @examples(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
        def keeps_its_contract(case):
            case.call_and_validate()

        keeps_its_contract()
