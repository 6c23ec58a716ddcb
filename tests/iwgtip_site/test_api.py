"""The public API (/api/v1/): every endpoint in both languages, only what the public may see, bounded
queries, validators, CORS, throttling, and JSON errors for bad input."""

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from legislation.models import InstrumentRelation, RelationKind
from pamphlets.models import Edition, Pamphlet
from tests.factories import (
    EditionFactory,
    InstrumentFactory,
    LanguageFactory,
    OrganizationFactory,
    PageFactory,
    PamphletFactory,
    ProvisionFactory,
    TreatyFactory,
)
from tests.iwgtip_site.bulk import bulk_content

pytestmark = pytest.mark.django_db

ENDPOINTS = ("pages", "instruments", "organizations", "pamphlets")


def get(client, path, **headers):
    return client.get(path, **{f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()})


def titles(response):
    return [item.get("title") or item.get("name") for item in response.json()["results"]]


@pytest.fixture
def content(root):
    """One public item of each kind, with rows: a page, a treaty and a statute that implements it (with an
    offence), an organization responsible for the statute, a pamphlet with an Arabic edition."""
    page = PageFactory(parent=root, title_en="Smuggling or trafficking", title_fr="Passage de clandestins ou traite")
    treaty = TreatyFactory(title_en="Trafficking Protocol", title_fr="Protocole sur la traite")
    statute = InstrumentFactory(title_en="Criminal Code", title_fr="Code criminel")
    ProvisionFactory(
        instrument=statute,
        label="279.01",
        heading_en="Trafficking in persons",
        heading_fr="Traite des personnes",
        offence_procedure="indictable",
        max_imprisonment_life=True,
    )
    InstrumentRelation.objects.create(source=statute, kind=RelationKind.IMPLEMENTS, target=treaty)
    organization = OrganizationFactory(name_en="Public Safety Canada", name_fr="Sécurité publique Canada")
    organization.responsible_for.add(statute)
    pamphlet = PamphletFactory(title_en="Know your rights", title_fr="Connaissez vos droits")
    arabic = LanguageFactory(code="ar", name_en="Arabic", name_fr="arabe", endonym="العربية", direction="rtl")
    EditionFactory(pamphlet=pamphlet, language=arabic)
    return {"page": page, "treaty": treaty, "statute": statute, "organization": organization, "pamphlet": pamphlet}


# Every endpoint, both languages ---------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [("en", "Criminal Code"), ("fr", "Code criminel")])
def test_an_instrument_answers_with_its_provisions_penalties_and_relations_in_each_language(
    client, content, language, expected
):
    response = client.get(f"/api/v1/instruments/{content['statute'].pk}/", {"lang": language})
    assert response.status_code == 200
    assert response["Content-Language"] == language
    data = response.json()
    assert data["title"] == expected
    assert data["url"].startswith(f"http://testserver/{language}/")
    [provision] = data["provisions"]
    assert provision["heading"] == {"en": "Trafficking in persons", "fr": "Traite des personnes"}[language]
    assert provision["max_imprisonment_life"] is True and provision["offence_procedure"] == "indictable"
    [relation] = data["relations"]
    assert relation["kind"] == "implements"
    assert relation["instrument"]["title"] == {"en": "Trafficking Protocol", "fr": "Protocole sur la traite"}[language]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_list_endpoint_answers_in_each_language(client, content, language):
    expected = {
        "pages": {"en": "Smuggling or trafficking", "fr": "Passage de clandestins ou traite"},
        "instruments": {"en": "Criminal Code", "fr": "Code criminel"},
        "organizations": {"en": "Public Safety Canada", "fr": "Sécurité publique Canada"},
        "pamphlets": {"en": "Know your rights", "fr": "Connaissez vos droits"},
    }
    for endpoint in ENDPOINTS:
        response = client.get(f"/api/v1/{endpoint}/", {"lang": language})
        assert response.status_code == 200, endpoint
        assert expected[endpoint][language] in titles(response), endpoint


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_detail_endpoint_answers_in_each_language(client, content, language):
    for endpoint, item in (
        ("pages", content["page"]),
        ("instruments", content["treaty"]),
        ("organizations", content["organization"]),
        ("pamphlets", content["pamphlet"]),
    ):
        response = client.get(f"/api/v1/{endpoint}/{item.pk}/", {"lang": language})
        assert response.status_code == 200, endpoint
        assert response.json()["id"] == item.pk


def test_a_pamphlet_lists_its_editions_with_what_a_download_needs(client, content):
    data = client.get(f"/api/v1/pamphlets/{content['pamphlet'].pk}/", {"lang": "fr"}).json()
    [edition] = data["editions"]
    stored = Edition.objects.get()
    assert edition["language"] == "ar" and edition["endonym"] == "العربية" and edition["direction"] == "rtl"
    assert edition["language_name"] == "arabe"
    facts = (edition["size"], edition["page_count"], edition["sha256"])
    assert facts == (stored.size, stored.page_count, stored.sha256)
    download = client.get(edition["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_an_organization_lists_the_public_instruments_it_is_responsible_for(client, content):
    hidden = InstrumentFactory(status="draft")
    content["organization"].responsible_for.add(hidden)
    data = client.get(f"/api/v1/organizations/{content['organization'].pk}/", {"lang": "en"}).json()
    assert data["responsible_for"] == [content["statute"].pk]


def test_lists_filter_as_the_public_lists_do(client, content):
    response = client.get("/api/v1/instruments/", {"lang": "en", "kind": "convention"})
    assert titles(response) == ["Trafficking Protocol"]
    response = client.get("/api/v1/organizations/", {"lang": "en", "kind": "ngo"})
    assert titles(response) == []


# Only what the public may see ------------------------------------------------------------------------------


def _hidden_items(root):
    """For each endpoint, items the public may not see: a draft, a scheduled and an expired item, and one
    with no French version."""
    now = timezone.now()
    states = {
        "draft": {"status": "draft"},
        "scheduled": {"publish_at": now + dt.timedelta(days=1)},
        "expired": {"unpublish_at": now - dt.timedelta(days=1)},
    }
    hidden = {endpoint: [] for endpoint in ENDPOINTS}
    for name, state in states.items():
        hidden["pages"].append(PageFactory(parent=root, title_en=f"Hidden {name} page", **state))
        hidden["instruments"].append(InstrumentFactory(title_en=f"Hidden {name} instrument", **state))
        hidden["organizations"].append(OrganizationFactory(name_en=f"Hidden {name} organization", **state))
        hidden["pamphlets"].append(PamphletFactory(title_en=f"Hidden {name} pamphlet", **state))
    return hidden


@pytest.mark.parametrize("language", ["en", "fr"])
def test_drafts_scheduled_and_expired_items_appear_in_no_endpoint(client, root, language):
    hidden = _hidden_items(root)
    for endpoint, items in hidden.items():
        listed = client.get(f"/api/v1/{endpoint}/", {"lang": language, "page_size": 100}).json()["results"]
        assert {item["id"] for item in listed}.isdisjoint(item.pk for item in items), endpoint
        for item in items:
            assert client.get(f"/api/v1/{endpoint}/{item.pk}/", {"lang": language}).status_code == 404


def test_an_item_without_a_french_version_is_listed_in_english_only(client, root):
    untranslated = {
        "pages": PageFactory(parent=root, title_fr="", slug_fr=""),
        "instruments": InstrumentFactory(title_fr="", slug_fr=None),
        "organizations": OrganizationFactory(name_fr="", slug_fr=None),
        "pamphlets": PamphletFactory(title_fr="", slug_fr=None),
    }
    for endpoint, item in untranslated.items():
        assert client.get(f"/api/v1/{endpoint}/{item.pk}/", {"lang": "en"}).status_code == 200, endpoint
        assert client.get(f"/api/v1/{endpoint}/{item.pk}/", {"lang": "fr"}).status_code == 404, endpoint
        listed = client.get(f"/api/v1/{endpoint}/", {"lang": "fr"}).json()["results"]
        assert item.pk not in [entry["id"] for entry in listed], endpoint


def test_a_withdrawn_edition_and_a_hidden_relation_are_left_out(client, content):
    Edition.objects.update(status="draft")
    hidden_treaty = TreatyFactory(status="draft")
    InstrumentRelation.objects.create(source=content["statute"], kind=RelationKind.IMPLEMENTS, target=hidden_treaty)
    assert client.get(f"/api/v1/pamphlets/{content['pamphlet'].pk}/", {"lang": "en"}).json()["editions"] == []
    relations = client.get(f"/api/v1/instruments/{content['statute'].pk}/", {"lang": "en"}).json()["relations"]
    assert [relation["instrument"]["id"] for relation in relations] == [content["treaty"].pk]


# Bounded queries --------------------------------------------------------------------------------------


def _queries(client, path):
    cache.clear()  # bulk_create sends no signal: the page cache would answer from the first list
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, {"lang": "fr", "page_size": 100})
    assert response.status_code == 200
    return len(context.captured_queries), response.json()["count"]


def _bulk_editions(count):
    language = LanguageFactory(code="es", name_en="Spanish", name_fr="espagnol", endonym="español")
    Edition.objects.bulk_create(
        Edition(pamphlet=pamphlet, language=language, status="published", file="pamphlets/x.pdf", size=1)
        for pamphlet in Pamphlet.objects.filter(editions__isnull=True)[:count]
    )


def test_every_list_costs_the_same_queries_for_10_and_1000_items(client, root):
    bulk_content(root, 10)
    _bulk_editions(10)
    small = {endpoint: _queries(client, f"/api/v1/{endpoint}/") for endpoint in ENDPOINTS}
    bulk_content(root, 990, word="kalahari")
    _bulk_editions(990)
    for endpoint in ENDPOINTS:
        queries, count = _queries(client, f"/api/v1/{endpoint}/")
        assert count >= 1000 > small[endpoint][1], endpoint
        assert queries == small[endpoint][0], endpoint


def test_an_instrument_costs_the_same_queries_with_1_and_50_provisions(client):
    instrument = InstrumentFactory()
    ProvisionFactory(instrument=instrument)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/api/v1/instruments/{instrument.pk}/", {"lang": "en"})
    ProvisionFactory.create_batch(49, instrument=instrument)
    with CaptureQueriesContext(connection) as many:
        response = client.get(f"/api/v1/instruments/{instrument.pk}/", {"lang": "en"})
    assert len(response.json()["provisions"]) == 50
    assert len(many.captured_queries) == len(few.captured_queries)


# HTTP: validators, CORS, throttling ----------------------------------------------------------------------


def test_a_repeated_request_with_the_etag_is_answered_304(client, content):
    first = client.get("/api/v1/instruments/", {"lang": "en"})
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = get(client, "/api/v1/instruments/?lang=en", if_none_match=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_change_of_content_changes_the_etag(client, content):
    first = client.get("/api/v1/instruments/", {"lang": "en"})
    InstrumentFactory(title_en="A new statute")
    again = get(client, "/api/v1/instruments/?lang=en", if_none_match=first["ETag"])
    assert again.status_code == 200
    assert "A new statute" in titles(again)


def test_other_sites_may_read_the_api_and_only_the_api(client, content):
    for _attempt in range(2):  # a miss, then the page cache's copy
        response = get(client, "/api/v1/pages/?lang=en", origin="https://example.org")
        assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in get(client, "/en/", origin="https://example.org")


def test_anonymous_clients_are_throttled_with_a_429_in_json(client, content, settings):
    settings.API_ANONYMOUS_RATE = "3/m"
    settings.PAGE_CACHE_SECONDS = 0  # each request reaches the view
    statuses = [client.get("/api/v1/pages/", {"lang": "en"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/pages/", {"lang": "fr"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["detail"]


# Bad input: 400 (or 404) with a JSON body, never 500 ------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("", "lang"),
        ("lang=de", "lang"),
        ("lang=en&page=abc", "page"),
        ("lang=en&page=0", "page"),
        ("lang=en&page=99999999999999999999", "page"),
        ("lang=en&page=%C2%B2", "page"),
        ("lang=en&page_size=1000", "page_size"),
        ("lang=en&kind=nonsense", "kind"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, content, query, parameter):
    response = client.get(f"/api/v1/instruments/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == [parameter]


def test_a_page_past_the_last_is_a_404_in_the_language_asked_for(client, content):
    english = client.get("/api/v1/instruments/", {"lang": "en", "page": "7"})
    french = client.get("/api/v1/instruments/", {"lang": "fr", "page": "7"})
    assert english.status_code == french.status_code == 404
    assert english.json()["detail"] == "There is no page 7: the last page is 1."
    assert french.json()["detail"] == "Il n\u2019y a pas de page 7\u00a0: la dernière page est la page 1."


def test_bad_parameters_are_explained_in_the_language_asked_for(client, content):
    response = client.get("/api/v1/instruments/", {"lang": "fr", "page_size": "1000"})
    assert response.json()["errors"]["page_size"] == ["Donnez un nombre entier de 1 à 100."]


@pytest.mark.parametrize("path", ["/api/v1/pages/abc/", "/api/v1/pages/-1/", "/api/v1/pages/99999999999999999999/",
                                  "/api/v1/nothing/", "/api/v1/"])  # fmt: skip
def test_unknown_items_and_addresses_are_a_json_404(client, content, path):
    response = client.get(path, {"lang": "en"})
    assert response.status_code == 404
    assert json.loads(response.content)["detail"]


# The contract -------------------------------------------------------------------------------------------


def test_the_openapi_document_validates_and_describes_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate_schema(document)  # OpenAPI 3.0's JSON Schema, as drf-spectacular ships it
    for endpoint in ENDPOINTS:
        assert f"/api/v1/{endpoint}/" in document["paths"]
        assert f"/api/v1/{endpoint}/{{id}}/" in document["paths"]
        parameters = document["paths"][f"/api/v1/{endpoint}/"]["get"]["parameters"]
        [language] = [parameter for parameter in parameters if parameter["name"] == "lang"]
        assert language["required"] is True and language["schema"]["enum"] == ["en", "fr"]


def test_the_documentation_page_uses_no_other_site(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html and "https://" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
