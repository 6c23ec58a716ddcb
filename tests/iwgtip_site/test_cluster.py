"""Two app servers for real: nginx in front of two gunicorn nodes with production settings, sharing one
database, one Redis and one S3 bucket (bench/cluster.py). What one node changes, the other serves at once;
when one node stops under load, nginx answers from the other and no reader sees an error."""

import http.client
import os
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django_otp.oath import totp

sys.path.insert(0, str(Path(settings.BASE_DIR) / "bench"))
from cluster import Cluster
from processes import NGINX, get

PASSWORD = "a long enough cluster password"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the publisher's authenticator app (RFC 6238's test key)


def totp_code():
    return f"{totp(bytes.fromhex(TOTP_KEY)):06d}"


class Browser:
    """Just enough of a browser for the admin: cookies and forms, over plain HTTP to one node."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, cookie_value = value.split(";", 1)[0].split("=", 1)
                self.cookies[cookie_name] = cookie_value
        content = response.read().decode()
        connection.close()
        return response.status, content

    def csrf_token(self, path):
        status, page = self.request("GET", path)
        assert status == 200, page[:2000]
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def log_in(self, username, password, code):
        """The production login: the password, then a code from the authenticator app (`code()`)."""
        path = "/en/admin/login/?next=/en/admin/"
        steps = [
            {"staff_login_view-current_step": "auth", "auth-username": username, "auth-password": password},
            {"staff_login_view-current_step": "token", "token-otp_token": None},
        ]
        token = self.csrf_token(path)  # a GET starts the login over: only the first step is fetched
        for step in steps:
            if "token-otp_token" in step:
                step["token-otp_token"] = code()
            status, page = self.request("POST", path, {"csrfmiddlewaretoken": token, **step})
        assert status == 302, page[:2000]


@pytest.fixture(scope="module")
def cluster():
    if not Path(NGINX).exists():
        message = f"No nginx at {NGINX}: the two-node tests need Debian's (apt-get install nginx-light)."
        if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER"):  # CI installs it: never skipped there
            pytest.fail(message)
        pytest.skip(message)
    with Cluster(s3=True) as running:
        running.python(
            "from django.contrib.auth import get_user_model; "
            "from django_otp.plugins.otp_totp.models import TOTPDevice; "
            f"user = get_user_model().objects.create_superuser('publisher', 'publisher@example.gc.ca', {PASSWORD!r}); "
            f"TOTPDevice.objects.create(user=user, name='default', confirmed=True, key={TOTP_KEY!r})"
        )
        yield running


def _a_section(cluster):
    """(pk, English address) of a live top-level content page of the seed."""
    line = cluster.python(
        "from pages.models import Page; from iwgtip_site.i18n import url_in_language; "
        "page = Page.objects.live().filter(depth=1).order_by('sort_order').last(); "
        "print(page.pk, url_in_language(page, 'en'))"
    ).split()
    return int(line[0]), line[1]


def test_an_unpublication_made_through_node_a_is_served_by_node_b_at_once(cluster):
    node_a, node_b = cluster.node_ports
    pk, url = _a_section(cluster)
    for port in (node_b, node_b, cluster.port):
        assert get(port, url)[0] == 200
    status, headers, _body = get(node_b, url)
    assert headers["X-Cache"] == "hit"  # node B serves it from the shared cache

    publisher = Browser(node_a)
    publisher.log_in("publisher", PASSWORD, totp_code)
    token = publisher.csrf_token("/en/admin/pages/page/")
    status, _page = publisher.request(
        "POST",
        "/en/admin/pages/page/",
        {"csrfmiddlewaretoken": token, "action": "unpublish_selected", "_selected_action": [pk]},
    )
    assert status == 302

    assert get(node_b, url)[0] == 404
    assert get(cluster.port, url)[0] == 404


def test_the_media_in_the_bucket_is_the_same_through_either_node(cluster):
    node_a, node_b = cluster.node_ports
    _status, _headers, page = get(cluster.port, "/en/pamphlets/")
    pamphlet = re.search(r'href="(/en/pamphlets/[^"/]+/)"', page.decode()).group(1)
    pdf = re.search(r'href="(/en/pamphlets/[^"]+\.pdf)"', get(node_a, pamphlet)[2].decode()).group(1)
    from_a, from_b = get(node_a, pdf), get(node_b, pdf)
    assert from_a[0] == from_b[0] == 200
    assert from_a[2] == from_b[2] and from_a[2].startswith(b"%PDF")
    ranged = get(node_b, pdf, headers={"Range": "bytes=0-3"})
    assert (ranged[0], ranged[2]) == (206, b"%PDF")


def test_nginx_keeps_answering_from_node_b_when_node_a_stops_under_load(cluster):
    node_a, node_b = cluster.node_ports
    urls = ["/en/", "/fr/", "/en/legislation/", "/en/partners/", "/en/pamphlets/", "/healthz"]
    outcomes, lock, stop = [], threading.Lock(), threading.Event()
    clients = 6

    def fetch(connection, url):
        connection.request("GET", url)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("X-Upstream")

    def reader(offset):
        """A reader on a kept-alive connection. As browsers do, a GET on a kept-alive connection that
        the server closed before answering (nginx's old workers close idle ones on a reload) is sent
        again once on a new connection: that is no failure."""
        connection, n = None, offset
        while not stop.is_set():
            n += 1
            reused = connection is not None
            try:
                connection = connection or http.client.HTTPConnection("127.0.0.1", cluster.port, timeout=30)
                outcome = fetch(connection, urls[n % len(urls)])
            except http.client.RemoteDisconnected as error:
                connection = http.client.HTTPConnection("127.0.0.1", cluster.port, timeout=30)
                outcome = fetch(connection, urls[n % len(urls)]) if reused else (type(error).__name__, None)
            except (OSError, http.client.HTTPException) as error:
                outcome, connection = (type(error).__name__, None), None
            with lock:
                outcomes.append(outcome)

    readers = [threading.Thread(target=reader, args=(n,)) for n in range(clients)]
    for thread in readers:
        thread.start()
    time.sleep(2)
    before_stop = len(outcomes)
    cluster.nodes[0].stop()  # SIGTERM: gunicorn finishes the requests it has, and accepts no more
    deadline = time.monotonic() + 20
    while f"127.0.0.1:{node_a} max_fails=1 fail_timeout=10s down" not in _upstream(cluster):
        assert time.monotonic() < deadline, "the health checks never took node A out"
        time.sleep(0.1)
    time.sleep(2)
    stop.set()
    for thread in readers:
        thread.join(timeout=60)

    failed = [outcome for outcome in outcomes if outcome[0] != 200]
    after = outcomes[before_stop + clients :]  # past the requests that may have been in flight at the stop
    assert before_stop > 0 and len(after) > 20
    assert len(failed) <= clients, failed  # at most those in flight; in practice none
    assert {upstream for _status, upstream in after[-10:]} == {f"127.0.0.1:{node_b}"}
    assert get(node_b, "/healthz")[0] == 200


def _upstream(cluster):
    return (cluster.nginx.prefix / "upstream.conf").read_text()
