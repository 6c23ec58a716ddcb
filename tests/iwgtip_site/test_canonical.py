"""Search engines get one address per page: a canonical link and absolute hreflang alternates (en, fr and
x-default) on every public page; pages that are no version of anything are not indexed."""

import re

import pytest

from tests.factories import EditionFactory, InstrumentFactory, OrganizationFactory, PageFactory

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def _head_links(content):
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', content)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', content))
    return canonical, alternates


@pytest.fixture
def public_pages(root):
    page = PageFactory(parent=root, slug_en="about", slug_fr="a-propos")
    instrument = InstrumentFactory(slug_en="act", slug_fr="loi")
    organization = OrganizationFactory(slug_en="agency", slug_fr="agence")
    edition = EditionFactory(pamphlet__slug_en="warning", pamphlet__slug_fr="mise-en-garde")
    assert page and instrument and organization and edition
    return {
        "home": ("/en/", "/fr/"),
        "content page": ("/en/about/", "/fr/a-propos/"),
        "legislation list": ("/en/legislation/", "/fr/legislation/"),
        "instrument": ("/en/legislation/act/", "/fr/legislation/loi/"),
        "partners list": ("/en/partners/", "/fr/partenaires/"),
        "organization": ("/en/partners/agency/", "/fr/partenaires/agence/"),
        "pamphlet list": ("/en/pamphlets/", "/fr/depliants/"),
        "pamphlet": ("/en/pamphlets/warning/", "/fr/depliants/mise-en-garde/"),
        "search": ("/en/search/", "/fr/recherche/"),
    }


def test_every_public_page_type_has_a_canonical_link_and_absolute_alternates(client, public_pages):
    for kind, (english, french) in public_pages.items():
        for own in (english, french):
            response = client.get(own)
            assert response.status_code == 200, kind
            canonical, alternates = _head_links(response.content.decode())
            assert canonical == [f"{HOST}{own}"], kind
            expected = {"en": f"{HOST}{english}", "fr": f"{HOST}{french}", "x-default": f"{HOST}{english}"}
            assert alternates == expected, kind


def test_filters_and_tracking_parameters_are_not_part_of_the_canonical_address_but_a_page_number_is(client, root):
    content = client.get("/en/legislation/", {"kind": "statute", "utm_source": "mail"}).content.decode()
    assert _head_links(content)[0] == [f"{HOST}/en/legislation/"]
    content = client.get("/en/legislation/", {"page": "1"}).content.decode()
    assert _head_links(content)[0] == [f"{HOST}/en/legislation/"]


def test_a_page_in_one_language_has_no_alternate_in_the_other_and_is_its_own_x_default(client, root):
    PageFactory(parent=root, slug_en="english-only", title_fr="", slug_fr=None)
    PageFactory(parent=root, slug_en=None, title_en="", slug_fr="francais-seulement")
    _canonical, alternates = _head_links(client.get("/en/english-only/").content.decode())
    assert alternates == {"en": f"{HOST}/en/english-only/", "x-default": f"{HOST}/en/english-only/"}
    _canonical, alternates = _head_links(client.get("/fr/francais-seulement/").content.decode())
    assert alternates == {"fr": f"{HOST}/fr/francais-seulement/", "x-default": f"{HOST}/fr/francais-seulement/"}


def test_the_missing_translation_notice_and_the_404_are_not_indexed_and_have_no_alternates(client, root):
    notice = client.get("/fr/non-disponible/", {"from": "/en/"})
    assert '<meta name="robots" content="noindex">' in notice.content.decode()
    assert notice["X-Robots-Tag"] == "noindex"
    assert _head_links(notice.content.decode()) == ([], {})
    missing = client.get("/en/no-such-page/")
    assert missing.status_code == 404
    assert _head_links(missing.content.decode()) == ([], {})
