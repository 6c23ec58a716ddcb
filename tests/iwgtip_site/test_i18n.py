"""Both official languages: a complete French catalogue, and no English left on a French page."""

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from iwgtip_site.i18n import url_in_language
from iwgtip_site.publishing import Status
from partners.models import Organization, OrganizationKind, WorkingGroupRole
from tests.conftest import login
from tests.factories import (
    EditionFactory,
    InstrumentFactory,
    OrganizationFactory,
    PageFactory,
    PamphletFactory,
    ProvisionFactory,
    UserFactory,
)

PO_FILE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def _catalogue():
    """(msgid, msgstr) pairs of the French catalogue, read with the standard library."""
    entries, current, field = [], {}, None
    for line in [*PO_FILE.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current.get("msgid"):
                entries.append(current)
            current, field = {}, None
        elif line.startswith("#,"):
            current["flags"] = line
        elif match := re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line):
            field = match.group(1)
            current[field] = match.group(2)
        elif line.startswith('"') and field:
            current[field] += line[1:-1]
    return entries


def test_french_catalogue_is_complete_and_compiles():
    entries = _catalogue()
    assert len(entries) > 50
    for entry in entries:
        assert "fuzzy" not in entry.get("flags", ""), entry["msgid"]
        translations = [value for key, value in entry.items() if key.startswith("msgstr")]
        assert translations and all(translations), f"untranslated: {entry['msgid']!r}"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


class _VisibleText(HTMLParser):
    """The text a reader sees or hears, leaving out passages marked as another language."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks, self.stack = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link", "input", "hr"):
            return
        attributes = dict(attrs)
        foreign = "lang" in attributes and not attributes["lang"].startswith("fr") and tag != "html"
        foreign = foreign or tag == "script"  # data for programs (JSON-LD's schema.org names), never read out
        self.stack.append(foreign or (self.stack[-1] if self.stack else False))
        for name in ("aria-label", "title", "alt", "placeholder"):
            if attributes.get(name) and not self.stack[-1]:
                self.chunks.append(attributes[name])

    def handle_endtag(self, tag):
        if self.stack and tag not in ("br", "img", "meta", "link", "input", "hr"):
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.chunks.append(data)


def _french_text(html):
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.chunks).split())


@pytest.mark.django_db
def test_no_interface_string_is_left_in_english_on_french_pages(client, root):
    section = PageFactory(parent=root)
    page = PageFactory(parent=section)
    draft = PageFactory(parent=root, status=Status.DRAFT)
    catalogue = _catalogue()
    # A one-word English string that is also a French word ("Comment", as in "Comment citer") proves nothing.
    french_words = {word for entry in catalogue for word in re.findall(r"\w+", entry.get("msgstr", ""))}
    english_ids = {
        entry["msgid"]
        for entry in catalogue
        if entry["msgid"] != entry.get("msgstr")
        and len(entry["msgid"]) > 3
        and "/" not in entry["msgid"]
        and entry["msgid"] not in french_words
    }
    statute = InstrumentFactory(citation_fr="L.C. 2001, ch. 27")
    ProvisionFactory(instrument=statute, offence_procedure="indictable", max_imprisonment_years=5)
    partner = OrganizationFactory(
        working_group_role=WorkingGroupRole.LEAD, country_or_region_fr="Canada", website_en="https://example.org/"
    )
    forum = OrganizationFactory(kind=OrganizationKind.FORUM, canada_participation_fr="<p>Le Canada y participe.</p>")
    Organization.objects.bulk_create([OrganizationFactory.build(kind=OrganizationKind.NGO) for _ in range(110)])
    pages = {
        "home": client.get("/fr/"),
        "page": client.get(url_in_language(page, "fr")),
        "404": client.get("/fr/introuvable/"),
        "legislation list": client.get("/fr/legislation/"),
        "instrument": client.get(url_in_language(statute, "fr")),
        "partners": client.get("/fr/partenaires/", {"page": "2"}),
        "partners, no match": client.get("/fr/partenaires/", {"kind": "foreign_government"}),
        "partner": client.get(url_in_language(partner, "fr")),
        "forum": client.get(url_in_language(forum, "fr")),
        "working group": client.get("/fr/partenaires/membres-du-groupe-de-travail/"),
        "pamphlet list": client.get("/fr/depliants/"),
        "pamphlet": client.get(url_in_language(EditionFactory(pamphlet=PamphletFactory()).pamphlet, "fr")),
        "search prompt": client.get("/fr/recherche/"),
        "search results": client.get("/fr/recherche/", {"q": "loi", "type": "legislation"}),
        "search, no results": client.get("/fr/recherche/", {"q": "introuvable " + "x" * 300}),
        "feedback form": client.get("/fr/retroaction/", {"page": "/fr/", "answer": "no"}),
        "feedback form with errors": client.post("/fr/retroaction/", {"page": "/fr/", "comment": "x" * 600}),
        "feedback thanks": client.get("/fr/retroaction/merci/", {"page": "/fr/"}),
    }
    english_home = _french_text(client.get("/en/").content.decode())
    login(client, UserFactory(is_superuser=True, is_staff=True))
    pages["preview"] = client.get(url_in_language(draft, "fr"))
    draft_edition = EditionFactory(status=Status.DRAFT, pamphlet=PamphletFactory(status=Status.DRAFT))
    pages["pamphlet preview"] = client.get(url_in_language(draft_edition.pamphlet, "fr"))

    def leftovers(text):
        return sorted(msgid for msgid in english_ids if re.search(rf"\b{re.escape(msgid)}\b", text))

    assert "Skip to main content" in leftovers(english_home)  # the check does see English when it is there
    for name, response in pages.items():
        found = leftovers(_french_text(response.content.decode()))
        assert not found, f"{name}: English left on a French page: {found}"


def test_server_error_page_speaks_both_languages(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/fr/"))
    content = response.content.decode()
    assert response.status_code == 500
    assert "We are having a problem with this web page" in content
    assert '<section lang="fr">' in content
    assert "Nous éprouvons des difficultés avec cette page Web" in content


@pytest.mark.django_db
def test_admin_has_a_language_toggle(admin_client):
    content = admin_client.get("/fr/admin/pages/page/").content.decode()
    assert '<a href="/en/admin/pages/page/" lang="en" hreflang="en">English</a>' in content
