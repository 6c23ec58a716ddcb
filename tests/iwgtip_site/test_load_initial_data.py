"""`load_initial_data`: the commissioned text, every section, in English and French; idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from pages.models import Page
from tests.conftest import password_login

pytestmark = pytest.mark.django_db

SECTIONS = {
    # English address: (English title, French address, a phrase of the French text)
    "": ("Human trafficking and migrant smuggling", "", "des centaines de milliers de migrants"),
    "smuggling-and-trafficking/": (
        "Difference between migrant smuggling and human trafficking",
        "passage-de-clandestins-et-traite/",
        "une violation des droits fondamentaux",
    ),
    "canadian-initiatives/": ("Canadian initiatives", "initiatives-canadiennes/", "Initiatives canadiennes"),
    "canadian-initiatives/working-group/": (
        "Interdepartmental Working Group on Trafficking in Persons",
        "initiatives-canadiennes/groupe-de-travail/",
        "dépliant multilingue (14 langues)",
    ),
    "canadian-initiatives/canadian-law/": (
        "Canadian law against trafficking",
        "initiatives-canadiennes/lois-canadiennes/",
        "le 25 novembre 2005",
    ),
    "canadian-initiatives/department-of-justice/": (
        "The Department of Justice",
        "initiatives-canadiennes/ministere-de-la-justice/",
        "Le ministère de la Justice Canada exploite",
    ),
    "international-initiatives/": (
        "International initiatives",
        "initiatives-internationales/",
        "le 13 mai 2002",
    ),
    "international-sites/": ("International sites", "sites-internationaux/", "Processus de Bali"),
}


def _load(*args):
    out = StringIO()
    call_command("load_initial_data", *args, stdout=out)
    return out.getvalue()


def test_every_section_of_the_source_text_is_a_live_page_in_both_languages(client):
    _load()
    assert Page.objects.count() == len(SECTIONS)
    for english_path, (title, french_path, french_phrase) in SECTIONS.items():
        english = client.get(f"/en/{english_path}")
        french = client.get(f"/fr/{french_path}")
        assert english.status_code == 200, english_path
        assert title in english.content.decode()
        assert french.status_code == 200, french_path
        assert french_phrase in french.content.decode()


def test_source_facts_are_on_the_pages(client):
    _load()
    english = client.get("/en/international-initiatives/").content.decode()
    assert "May 13, 2002" in english
    assert "September 29, 2003" in english
    law = client.get("/en/canadian-initiatives/canadian-law/").content.decode()
    assert "November 25, 2005" in law
    assert "fines of up to $1 million and imprisonment for up to life" in law


def test_running_twice_changes_nothing_and_keeps_staff_edits():
    _load()
    page = Page.objects.get(url_path_en="canadian-initiatives/")
    page.summary_en = "Edited by staff."
    page.save()
    output = _load()
    assert Page.objects.count() == len(SECTIONS)
    assert "Pages: 0 created" in output
    page.refresh_from_db()
    assert page.summary_en == "Edited by staff."


def test_reset_starts_over():
    _load()
    Page.objects.filter(url_path_en="international-sites/").update(title_en="Changed")
    _load("--reset")
    assert Page.objects.get(url_path_en="international-sites/").title_en == "International sites"
    assert Page.objects.count() == len(SECTIONS)


def test_dry_run_saves_nothing_and_leaves_no_file(settings):
    output = _load("--dry-run")
    assert "Dry run" in output
    assert Page.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [path for path in media.rglob("*") if path.is_file()]


def test_development_admin_gets_a_printed_random_password(settings, client):
    settings.IWGTIP_CREATE_DEV_ADMIN = True
    output = _load()
    line = next(line for line in output.splitlines() if "Admin login" in line)
    password = line.split(" / ")[1].split()[0]
    response = password_login(client, "admin", password, path="/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/en/admin/"
    second = _load()
    assert password not in second  # a new password each run
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_no_admin_account_outside_development(settings):
    settings.IWGTIP_CREATE_DEV_ADMIN = False
    assert "Admin login" not in _load()
    assert not get_user_model().objects.exists()
