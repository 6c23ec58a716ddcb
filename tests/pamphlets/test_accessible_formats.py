"""Accessible formats of the pamphlet: each edition's text as a web page in its own language and direction,
linked beside its PDF; a way to ask for another format; uploads inspected for what readers need."""

import html

import pytest
from django.core.files.base import ContentFile

from iwgtip_site import workflow
from iwgtip_site.publishing import Status
from pamphlets.models import Edition, Pamphlet, TextDirection
from pamphlets.pdf import inspect_pdf
from tests.factories import EditionFactory, LanguageFactory, PamphletFactory, make_pdf, make_pdf_with_javascript

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_edition(root):
    pamphlet = PamphletFactory(slug_en="warning", slug_fr="mise-en-garde", title_en="Warning")
    arabic = LanguageFactory(
        code="ar", name_en="Arabic", name_fr="arabe", endonym="العربية", direction=TextDirection.RTL
    )
    edition = EditionFactory(pamphlet=pamphlet, language=arabic)
    edition.text = '<h2>احذر</h2><p onclick="steal()">نص الكتيب.</p><script>alert(1)</script>'
    edition.save()
    return edition


def test_an_editions_text_is_served_as_a_web_page_in_its_language_and_direction(client, arabic_edition):
    for url in ("/en/pamphlets/warning/ar/", "/fr/depliants/mise-en-garde/ar/"):
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        assert '<article class="edition-text rich-text" lang="ar" dir="rtl">' in content
        assert "<h2>احذر</h2>" in content
        assert "script" not in content.split("<article")[1].split("</article>")[0]  # sanitized when stored
        assert "onclick" not in content
    toggle = client.get("/en/pamphlets/warning/ar/").content.decode()
    assert 'href="/fr/depliants/mise-en-garde/ar/" lang="fr" hreflang="fr">Français</a>' in toggle


def test_the_text_page_is_linked_beside_the_pdf_as_the_accessible_version(client, arabic_edition):
    EditionFactory(pamphlet=arabic_edition.pamphlet, language=LanguageFactory(code="es"))  # no text: no link
    page = client.get("/en/pamphlets/warning/").content.decode()
    cards = page.split('<li class="edition-list__item">')[1:]
    (arabic_card,) = [card for card in cards if 'hreflang="ar"' in card]
    assert 'href="/en/pamphlets/warning/ar/"' in arabic_card and "Web page (accessible version)" in arabic_card
    assert sum("edition-list__text" in card for card in cards) == 1
    french = client.get("/fr/depliants/mise-en-garde/").content.decode()
    assert "Page Web (version accessible)" in french


def test_an_edition_without_text_or_not_public_has_no_text_page(client, arabic_edition):
    spanish = EditionFactory(pamphlet=arabic_edition.pamphlet, language=LanguageFactory(code="es"))
    assert client.get(f"/en/pamphlets/warning/{spanish.language.code}/").status_code == 404
    Edition.objects.filter(pk=arabic_edition.pk).update(status=Status.DRAFT)
    assert client.get("/en/pamphlets/warning/ar/").status_code == 404


def test_a_renamed_pamphlet_redirects_its_text_pages(client, arabic_edition):
    pamphlet = Pamphlet.objects.get(pk=arabic_edition.pamphlet.pk)
    pamphlet.slug_en = "caution"
    workflow.item_save(item=pamphlet, user=None)
    response = client.get("/en/pamphlets/warning/ar/")
    assert (response.status_code, response["Location"]) == (301, "/en/pamphlets/caution/ar/")


def test_the_page_offers_to_request_an_alternative_format(client, settings, arabic_edition):
    page = html.unescape(client.get("/en/pamphlets/warning/").content.decode())
    feedback = "/en/feedback/?page=%2Fen%2Fpamphlets%2Fwarning%2F&title=Warning&answer=no"
    assert f'<a href="{feedback}">Request an alternative format</a>' in page
    settings.ALTERNATIVE_FORMAT_EMAIL = "formats@example.gc.ca"
    french = html.unescape(client.get("/fr/depliants/mise-en-garde/").content.decode())
    assert 'href="mailto:formats@example.gc.ca?subject=Autre%20format' in french
    assert "Demander un autre format" in french


def test_a_pdf_with_javascript_is_refused_and_an_untagged_pdf_is_accepted_with_a_warning(arabic_edition):
    with pytest.raises(Exception, match="JavaScript") as refused:
        inspect_pdf(ContentFile(make_pdf_with_javascript(), name="script.pdf"))
    assert refused.value.code == "pdf_javascript"
    facts = inspect_pdf(ContentFile(make_pdf(), name="plain.pdf"))
    assert (facts.is_tagged, facts.document_language) == (False, "")
    (untagged, no_language) = arabic_edition.accessibility_warnings()
    assert "is not tagged" in untagged and "does not say which language" in no_language
