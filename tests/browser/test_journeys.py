"""End-to-end journeys in a real browser, with a screenshot of each key step (test-artifacts/browser/)."""

import hashlib
import re

import pytest

from tests.browser.conftest import log_in, member

pytestmark = pytest.mark.django_db(transaction=True)


def _choose_parent(page, title):
    """The parent page field is an autocomplete (select2): open it, type, pick."""
    page.click("#id_parent + .select2 .select2-selection")
    page.fill(".select2-search__field", title[:12])
    page.click(f".select2-results__option:has-text('{title}')")


def _write(page, editor_id, text):
    """Type into a CKEditor instance, as an editor does (its editable area is an iframe)."""
    body = page.frame_locator(f"#cke_{editor_id} iframe").locator("body")
    body.click()
    page.keyboard.type(text)


def test_editor_writes_publisher_publishes_visitor_reads_in_both_languages(seeded, live_server, browser, shoot):
    base = live_server.url
    editor, publisher = member("Editors", "edith"), member("Publishers", "paul")

    # An editor writes the page in English and French, in CKEditor, and saves a draft.
    editing = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = editing.new_page()
    log_in(page, base, editor)
    page.goto(f"{base}/en/admin/pages/page/add/")
    page.fill("#id_title_en", "Help for victims")
    page.fill("#id_title_fr", "Aide aux victimes")
    page.keyboard.press("Tab")
    assert page.input_value("#id_slug_en") == "help-for-victims"  # filled in from the title
    assert page.input_value("#id_slug_fr") == "aide-aux-victimes"
    _choose_parent(page, "Human trafficking and migrant smuggling")
    page.fill("#id_summary_en", "Where victims of trafficking can find help.")
    page.fill("#id_summary_fr", "Où les victimes de la traite peuvent trouver de l'aide.")
    _write(page, "id_body_en", "Victims can get help and protection in Canada.")
    _write(page, "id_body_fr", "Les victimes peuvent obtenir aide et protection au Canada.")
    shoot(page, "1-editor-writes-both-languages")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/pages/page/$"))
    assert page.locator(".messagelist").is_visible()
    shoot(page, "2-draft-saved")
    editing.close()

    # The public cannot see the draft.
    visiting = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = visiting.new_page()
    assert visitor.goto(f"{base}/en/help-for-victims/").status == 404
    assert "Help for victims" not in visitor.goto(f"{base}/en/").text()

    # A publisher publishes it.
    publishing = browser.new_context(viewport={"width": 1280, "height": 900})
    page = publishing.new_page()
    log_in(page, base, publisher)
    page.goto(f"{base}/en/admin/pages/page/?q=Help+for+victims")
    page.check("tr:has-text('Help for victims') input[name=_selected_action]")
    page.select_option("select[name=action]", "publish_selected")
    page.click("button[name=index]")
    assert "1 item published." in page.locator(".messagelist").inner_text()
    shoot(page, "3-published")
    publishing.close()

    # A visitor finds it in the menu, reads it, and switches to French.
    visitor.goto(f"{base}/en/")
    visitor.click("nav.main-menu >> text=Help for victims")
    assert visitor.locator("h1").inner_text() == "Help for victims"
    assert "Victims can get help and protection in Canada." in visitor.locator("main").inner_text()
    shoot(visitor, "4-visitor-reads-english")
    visitor.click("a[hreflang=fr][lang=fr]")
    visitor.wait_for_url(re.compile(r".*/fr/aide-aux-victimes/$"))
    assert visitor.locator("h1").inner_text() == "Aide aux victimes"
    assert visitor.locator("html").get_attribute("lang") == "fr"
    assert "Les victimes peuvent obtenir aide et protection au Canada." in visitor.locator("main").inner_text()
    shoot(visitor, "5-visitor-reads-french")
    visiting.close()


def test_visitor_downloads_the_pamphlet_in_a_right_to_left_language(seeded, live_server, page, shoot):
    page.goto(f"{live_server.url}/en/pamphlets/")
    page.locator("main h2 a, main h3 a").first.click()
    rtl = page.locator("a[dir=rtl][hreflang]").first
    language = rtl.get_attribute("hreflang")
    assert rtl.get_attribute("lang") == language
    item = page.locator(f"li:has(a[dir=rtl][hreflang='{language}'])")
    item.locator("summary").click()  # "Verify the file" shows the checksum
    expected = item.locator("code").inner_text()
    shoot(page, "1-pamphlet-page")
    links = item.locator("a[href$='.pdf']")
    assert links.count() == 1  # one download link per card
    response = page.request.get(live_server.url + links.first.get_attribute("href"))
    content = response.body()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == re.sub(r"\W", "", expected)
    assert response.headers["content-disposition"].endswith(f"-{language}.pdf")


def test_an_editor_changes_a_live_page_and_a_publisher_reviews_it_while_the_public_keeps_the_old_text(
    seeded, live_server, browser, shoot
):
    from pages.models import Page

    base = live_server.url
    editor, publisher = member("Editors", "edith"), member("Publishers", "paul")
    live = Page.objects.get(slug_en="smuggling-and-trafficking")
    address, change_form = f"{base}/en/{live.url_path_en}", f"{base}/en/admin/pages/page/{live.pk}/change/"
    published_summary = live.summary_en

    # The editor opens the published page, changes it in both languages and submits it for review.
    editing = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = editing.new_page()
    log_in(page, base, editor)
    page.goto(change_form)
    assert "Saving keeps your changes in a working copy" in page.locator(".workflow-status").inner_text()
    page.fill("#id_summary_en", "A clearer summary, in review.")
    page.fill("#id_summary_fr", "Un résumé plus clair, en révision.")
    page.fill("#id_review_message", "Clearer wording.")
    shoot(page, "1-editor-changes-a-live-page")
    page.click("input[name=_submit_review]")
    assert "submitted for review" in page.locator(".messagelist").inner_text()
    page.goto(address)
    assert "A clearer summary, in review." in page.locator("main").inner_text()  # the editor's preview
    assert page.locator(".preview-banner").is_visible()
    shoot(page, "2-editor-previews-the-working-copy")

    # The public still reads the published text.
    visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(address)
    assert published_summary in visitor.locator("main").inner_text()
    assert "in review" not in visitor.locator("main").inner_text()

    # The publisher sees it waiting, sends it back with a comment.
    reviewing = browser.new_context(viewport={"width": 1280, "height": 1000})
    reviewer = page = reviewing.new_page()
    log_in(page, base, publisher)
    page.click(".attention >> text=Difference between migrant smuggling and human trafficking")
    page.click("text=Review the changes")
    changes = page.locator(".version-compare").inner_text()
    assert "A clearer summary, in review." in changes
    assert "Body" not in changes  # CKEditor's own way of writing the untouched bodies is no change
    shoot(page, "3-publisher-reviews")
    page.check("input[name=decision][value=request_changes]")
    page.fill("#id_comment", "Say 'migrant smuggling' in full.")
    page.click("input[type=submit][value=Confirm]")
    assert "sent back" in page.locator(".messagelist").inner_text()

    # The editor reads the comment, edits, submits again.
    page = editing.new_page()
    page.goto(change_form)
    assert "Say 'migrant smuggling' in full." in page.locator(".workflow-status").inner_text()
    page.fill("#id_summary_en", "A clearer summary of migrant smuggling and trafficking.")
    page.click("input[name=_submit_review]")
    editing.close()

    # The publisher approves: the public sees the new text at once, in both languages.
    page = reviewer
    page.goto(change_form.replace("/change/", "/review/"))
    page.check("input[name=decision][value=approve]")
    page.click("input[type=submit][value=Confirm]")
    assert "the changes are published" in page.locator(".messagelist").inner_text()
    reviewing.close()
    visitor.goto(address)
    assert "A clearer summary of migrant smuggling and trafficking." in visitor.locator("main").inner_text()
    visitor.goto(f"{base}/fr/{Page.objects.get(pk=live.pk).url_path_fr}")
    assert "Un résumé plus clair, en révision." in visitor.locator("main").inner_text()
    shoot(visitor, "4-public-reads-the-approved-text")
