"""Structured data (schema.org JSON-LD): the site, instruments, editions, pages and breadcrumbs, parsed as a
search engine would and checked for the properties each type needs; it lives with the Content Security Policy."""

import json
import re
from datetime import date

import pytest

from legislation.models import Jurisdiction, LegalStatus
from tests.factories import EditionFactory, InstrumentFactory, LanguageFactory, PageFactory, PamphletFactory

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _json_ld(client, url):
    """{@type: [data, ...]} of every JSON-LD block of the page, each parsed as JSON."""
    response = client.get(url)
    assert response.status_code == 200, url
    found = {}
    for text in BLOCK.findall(response.content.decode()):
        data = json.loads(text)
        assert data["@context"] == "https://schema.org"
        found.setdefault(data["@type"], []).append(data)
    return found


def _required(data, *names):
    missing = [name for name in names if data.get(name) in (None, "", [], {})]
    assert not missing, f"{data['@type']} lacks {missing}"


def test_every_page_names_the_site_as_a_government_organization(client, root):
    for url in ("/en/", "/fr/"):
        (site,) = _json_ld(client, url)["GovernmentOrganization"]
        _required(site, "name", "url")
        assert site["url"] == f"{HOST}{url}"
    assert "Groupe de travail interministériel" in _json_ld(client, "/fr/")["GovernmentOrganization"][0]["name"]


def test_an_instrument_is_a_legislation_with_its_identifier_date_jurisdiction_and_language(client):
    InstrumentFactory(
        slug_en="irpa",
        slug_fr="lipr",
        citation_en="S.C. 2001, c. 27",
        citation_fr="L.C. 2001, ch. 27",
        royal_assent_on=date(2001, 11, 1),
        jurisdiction=Jurisdiction.CANADA_FEDERAL,
        legal_status=LegalStatus.IN_FORCE,
    )
    for url, language, citation in (("/en/legislation/irpa/", "en", "S.C. 2001, c. 27"),
                                    ("/fr/legislation/lipr/", "fr", "L.C. 2001, ch. 27")):  # fmt: skip
        (law,) = _json_ld(client, url)["Legislation"]
        _required(law, "name", "url", "legislationIdentifier", "legislationDate", "jurisdiction", "inLanguage")
        assert (law["legislationIdentifier"], law["legislationDate"], law["inLanguage"]) == (
            citation,
            "2001-11-01",
            language,
        )
        assert law["jurisdiction"]["@type"] == "Country"
        assert law["legislationLegalForce"] == "https://schema.org/InForce"
        assert law["url"] == f"{HOST}{url}"


def test_each_live_edition_is_a_digital_document_with_its_language_format_and_size(client, root):
    pamphlet = PamphletFactory(slug_en="warning", slug_fr="mise-en-garde")
    edition = EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="ar"))
    edition.text = "<p>نص</p>"
    edition.save()
    EditionFactory(pamphlet=pamphlet, language=LanguageFactory(code="es"))
    documents = _json_ld(client, "/en/pamphlets/warning/")["DigitalDocument"]
    assert len(documents) == 2
    (arabic,) = [document for document in documents if document["inLanguage"] == "ar"]
    _required(arabic, "name", "url", "inLanguage", "encodingFormat", "contentSize")
    assert (arabic["encodingFormat"], arabic["contentSize"]) == ("application/pdf", f"{edition.size} B")
    assert arabic["url"] == f"{HOST}/en/pamphlets/warning/ar.pdf"
    assert arabic["workExample"]["url"] == f"{HOST}/en/pamphlets/warning/ar/"
    assert _json_ld(client, "/fr/depliants/mise-en-garde/ar/")["DigitalDocument"][0]["inLanguage"] == "ar"


def test_a_page_is_a_web_page_with_its_breadcrumbs(client, root):
    section = PageFactory(parent=root, slug_en="section", slug_fr="rubrique", title_en="Section")
    PageFactory(parent=section, slug_en="child", slug_fr="enfant", title_en="Child </script><b>")
    found = _json_ld(client, "/en/section/child/")
    (page,) = found["WebPage"]
    _required(page, "name", "url", "inLanguage")
    assert page["name"] == "Child </script><b>"  # escaped in the block, intact once parsed
    (trail,) = found["BreadcrumbList"]
    steps = trail["itemListElement"]
    assert [step["position"] for step in steps] == [1, 2, 3, 4]
    assert [step["name"] for step in steps[2:]] == ["Section", "Child </script><b>"]
    assert steps[-1]["item"] == f"{HOST}/en/section/child/"
    for step in steps:
        _required(step, "name", "item")
        assert step["item"].startswith(("http://testserver/", "https://www.canada.ca/"))


def test_json_ld_blocks_need_no_nonce_under_the_content_security_policy(client, root):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    # Data blocks are never executed, so the policy does not apply to them; none carries a nonce.
    assert BLOCK.search(response.content.decode())
    assert "nonce" not in policy
