"""CSV exports of the public lists: UTF-8 with a byte-order mark, in the reader's language, the list's
items and filters, linked from the list pages, nothing the public may not see."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EditionFactory, InstrumentFactory, LanguageFactory, OrganizationFactory, TreatyFactory
from tests.iwgtip_site.bulk import bulk_content

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets look for
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def content(root):
    InstrumentFactory(title_en="Criminal Code", title_fr="Code criminel")
    TreatyFactory(title_en="Trafficking Protocol", title_fr="Protocole sur la traite")
    InstrumentFactory(title_en="A draft statute", status="draft")
    InstrumentFactory(title_en="English only", title_fr="", slug_fr=None)
    OrganizationFactory(name_en="Public Safety Canada", name_fr="Sécurité publique Canada")
    OrganizationFactory(name_en='=HYPERLINK("http://evil")', name_fr='=HYPERLINK("http://evil")')
    arabic = LanguageFactory(code="ar", name_en="Arabic", name_fr="arabe", endonym="العربية", direction="rtl")
    EditionFactory(language=arabic, pamphlet__title_en="Know your rights", pamphlet__title_fr="Connaissez vos droits")
    EditionFactory(status="draft")


def _urls(language):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return [
            reverse("legislation:instrument_list_csv"),
            reverse("partners:organization_list_csv"),
            reverse("pamphlets:edition_list_csv"),
        ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_export_is_in_the_readers_language_with_only_public_items(client, content, language):
    legislation, partners, editions = (rows(client.get(url)) for url in _urls(language))
    titles = {row[0] for row in legislation[1:]}
    if language == "en":
        assert legislation[0][0] == "Title"
        assert titles == {"Criminal Code", "Trafficking Protocol", "English only"}
    else:
        assert legislation[0][0] == "Titre"
        assert titles == {"Code criminel", "Protocole sur la traite"}
    assert {row[0] for row in partners[1:]} >= {
        "Public Safety Canada" if language == "en" else "Sécurité publique Canada"
    }
    [edition] = editions[1:]
    assert edition[1:4] == ["ar", "Arabic" if language == "en" else "arabe", "العربية"]
    assert edition[-1].startswith(f"http://testserver/{language}/")


def test_an_export_keeps_the_lists_filters(client, content):
    legislation = rows(client.get(_urls("en")[0], {"kind": "convention"}))
    assert [row[0] for row in legislation[1:]] == ["Trafficking Protocol"]


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_defused(client, content):
    partners = rows(client.get(_urls("en")[1]))
    assert '\'=HYPERLINK("http://evil")' in [row[0] for row in partners[1:]]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_list_pages_link_to_their_export(client, content, language):
    link_text = {"en": "Download this list (CSV)", "fr": "Télécharger cette liste (CSV)"}[language]
    legislation, partners, _editions = _urls(language)
    for list_url, csv_url in (
        (legislation.rsplit("/", 1)[0] + "/", legislation),
        (partners.rsplit("/", 1)[0] + "/", partners),
    ):
        html = client.get(list_url, {"kind": "federal"} if "part" in list_url else {}).content.decode()
        assert link_text in html
        assert csv_url in html


def test_an_export_costs_the_same_queries_for_10_and_1000_items(client, root):
    bulk_content(root, 10)
    client.get(_urls("fr")[0])  # the page cache's first look at the schedule is not the export's

    def queries(marker):  # a new address each time, which the page cache does not keep
        with CaptureQueriesContext(connection) as context:
            rows(client.get(_urls("fr")[0], {"from": marker}))
        return len(context.captured_queries)

    few = queries("10")
    bulk_content(root, 990, word="kalahari")
    assert queries("1000") == few
