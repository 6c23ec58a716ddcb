"""Property: no address, query string, header or form data makes the site answer 5xx (issue 16, item 3).

Hypothesis throws random paths (any bytes, escaped or not), query strings, Range and language headers, and
form data at every public URL pattern, and at the main admin pages as a logged-in superuser, through
Django's test client, on whichever database the suite runs (SQLite and PostgreSQL in CI). The examples are
bounded to keep the run short; hypothesis shrinks a failure to the smallest request that shows it.
"""

from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwgtip_site.i18n import url_in_language
from tests.conftest import login
from tests.factories import (
    EditionFactory,
    InstrumentFactory,
    LanguageFactory,
    OrganizationFactory,
    PageFactory,
    ProvisionFactory,
    RootPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,  # no example database on disk: each run starts afresh
)

# Query parameter names the site's views read, and some they do not.
PARAMETERS = ["q", "page", "type", "kind", "role", "answer", "download", "from", "next", "o", "p", "e", "all", "x"]
ADMIN_PARAMETERS = [
    "q",
    "o",
    "p",
    "e",
    "all",
    "status",
    "status__exact",
    "translation",
    "review",
    "page_path",
    "object_id",
    "content_type__id__exact",
    "action_flag__exact",
    "language",
    "answer",
    "_changelist_filters",
    "_popup",
    "_to_field",
    "term",
    "app_label",
    "model_name",
    "field_name",
]

ACTIONS = ["delete_selected", "publish_selected", "unpublish_selected", "mark_handled", "mark_new", ""]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
raw = st.binary(max_size=24)
values = st.one_of(text, raw.map(lambda data: data.decode("latin-1")), st.sampled_from(["", "1", "-1", "²", "0" * 30]))


def _query(names):
    pairs = st.lists(st.tuples(st.one_of(st.sampled_from(names), text), values), max_size=4)
    return pairs.map(lambda items: urlencode(items))


def _suffix():
    """What is appended to a real address: nothing, escaped bytes of any kind, or text."""
    return st.one_of(
        st.just(""),
        raw.map(lambda data: quote_from_bytes(data, safe="/")),
        text.map(lambda value: quote(value, safe="/")),
    )


headers = st.fixed_dictionaries(
    {},
    optional={
        "Range": st.one_of(st.sampled_from(["bytes=0-0", "bytes=-5", "bytes=5-2", "bytes=0-,1-2"]), text),
        "Accept-Language": st.one_of(st.sampled_from(["fr-CA", "*", "zz"]), text),
        "If-None-Match": text,
        "If-Range": text,
    },
)


@pytest.fixture
def public_addresses(db):
    """One real address of every public URL pattern, in both languages."""
    root = RootPageFactory()
    page = PageFactory(parent=root)
    instrument = ProvisionFactory(instrument=InstrumentFactory()).instrument
    organization = OrganizationFactory()
    edition = EditionFactory(language=LanguageFactory(code="ar"))
    items = [root, page, PageFactory(parent=page), instrument, organization, edition.pamphlet, edition]
    addresses = [url_in_language(item, language) for item in items for language in ("en", "fr")]
    addresses += [
        f"{url_in_language(edition.pamphlet, language)}{name}"
        for language, name in (("en", "all-languages.zip"), ("fr", "toutes-les-langues.zip"))
    ]
    addresses += [
        "/en/legislation/",
        "/fr/legislation/",
        "/en/partners/",
        "/fr/partenaires/membres-du-groupe-de-travail/",
        "/en/pamphlets/",
        "/en/search/",
        "/fr/recherche/",
        "/en/feed/",
        "/en/feedback/",
        "/fr/retroaction/merci/",
        "/en/not-available/",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/media/partners/logos/",
        "/static/iwgtip/css/site.css",
        "/",
    ]
    return [address for address in addresses if address]


@EXAMPLES
@given(data=st.data())
def test_no_public_request_is_a_server_error(public_addresses, data):
    client = Client(raise_request_exception=False)
    address = data.draw(st.sampled_from(public_addresses)) + data.draw(_suffix())
    query = data.draw(_query(PARAMETERS))
    url = f"{address}?{query}" if query else address
    if data.draw(st.booleans()):
        response = client.get(url, headers=data.draw(headers))
    else:  # forms: the feedback form, and POSTs where none is expected
        form = data.draw(st.dictionaries(st.sampled_from(["page", "answer", "comment", "website", "q"]), values))
        response = client.post(url, form, REMOTE_ADDR="203.0.113.9")
    assert response.status_code < 500, (url, response.status_code)


@pytest.fixture
def admin_addresses(db):
    """The main admin pages: the index, each content type's list, add and change pages, history, the audit
    log and feedback triage, autocomplete."""
    superuser = UserFactory(is_staff=True, is_superuser=True)
    page = PageFactory(parent=RootPageFactory())
    instrument = InstrumentFactory()
    organization = OrganizationFactory()
    edition = EditionFactory()
    addresses = ["/en/admin/", "/fr/admin/", "/en/admin/autocomplete/", "/en/admin/admin/logentry/"]
    addresses += ["/en/admin/iwgtip_site/pagefeedback/", "/en/admin/account/second-factor/"]
    for label, item in (
        ("pages/page", page),
        ("legislation/instrument", instrument),
        ("partners/organization", organization),
        ("pamphlets/pamphlet", edition.pamphlet),
        ("pamphlets/language", edition.language),
    ):
        addresses += [f"/en/admin/{label}/", f"/en/admin/{label}/add/", f"/en/admin/{label}/{item.pk}/change/"]
        addresses += [f"/fr/admin/{label}/{item.pk}/history/", f"/en/admin/{label}/recover/"]
    return superuser, addresses


@EXAMPLES
@given(data=st.data())
def test_no_admin_request_is_a_server_error(admin_addresses, data):
    superuser, addresses = admin_addresses
    client = login(Client(raise_request_exception=False), superuser)
    address = data.draw(st.sampled_from(addresses)) + data.draw(st.sampled_from(["", "", "x/", "%00/", "1/"]))
    query = data.draw(_query(ADMIN_PARAMETERS))
    url = f"{address}?{query}" if query else address
    if data.draw(st.booleans()):
        response = client.get(url)
    else:  # list actions and forms posted with nonsense
        names = ["_selected_action", "index", "select_across", "title_en", "slug_en", "status", "_save"]
        form = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=5))
        form["action"] = data.draw(st.one_of(st.sampled_from(ACTIONS), text))
        response = client.post(url, form)
    assert response.status_code < 500, (url, response.status_code)
