"""Safe rich text: the one rich-text field every app uses.

The client chose django-ckeditor, whose bundled CKEditor 4.22.1 is end-of-life with unfixed XSS
issues. So nothing an editor (or a script, a shell session, a fixture) writes is trusted: every value
is cleaned with nh3 (the Ammonia sanitizer) to the allow-list below before it reaches the database,
on every write path Django has (save, create, bulk_create, update, bulk_update). What survives is
what editors need for government content: paragraphs, h2-h4, lists, links (http, https, mailto, tel
and site-relative), tables, block quotes, abbreviations, emphasis, line breaks, and `lang`/`dir` to
mark a passage in another language. Scripts, event handlers, `javascript:` and `data:` URLs, styles,
frames, forms, images and SVG are removed. To swap the editor, change this module only.

On a page, stored rich text goes through `as_displayed` (the `rich_text` template filter): a table, which
may be wider than a phone, is put in a region of its own that scrolls sideways, named for assistive
technology by the table's caption.
"""

import html
import re

import nh3
from ckeditor.fields import RichTextField as CKEditorRichTextField
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4",
    "strong", "em", "b", "i", "sub", "sup", "abbr", "span",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "blockquote",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir"},
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed together with their content; every other disallowed tag is dropped and its text kept.
REMOVED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "title"}

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_ATTRIBUTE_VALUES = {
    "dir": re.compile(r"^(ltr|rtl|auto)$"),
    "scope": re.compile(r"^(row|col|rowgroup|colgroup)$"),
    "colspan": re.compile(r"^[1-9][0-9]?$"),
    "rowspan": re.compile(r"^[1-9][0-9]?$"),
    "start": re.compile(r"^-?[0-9]{1,6}$"),
    "lang": _LANGUAGE_TAG,
    "hreflang": _LANGUAGE_TAG,
}
_NO_VISIBLE_CONTENT = re.compile(r"<[^>]*>|&nbsp;|\s")
# Whitespace next to block-level tags means nothing in HTML, but CKEditor adds it ("</p>\n\n<p>",
# "<ul>\n\t<li>"): removing it makes the stored value canonical, so reformatting is not a change.
_BLOCK_TAGS = r"(?:p|h[2-4]|ul|ol|li|table|caption|thead|tbody|tfoot|tr|th|td|blockquote|dl|dt|dd|hr|br)\b"
_SPACE_AROUND_BLOCKS = re.compile(rf"(?<=>)\s+(?=</?{_BLOCK_TAGS})")
# CKEditor writes an empty table cell as "<td>&nbsp;</td>": the same empty cell, stored one way.
_BLANK_CELL = re.compile(r"<(td|th)(\s[^>]*)?>(?:&nbsp;|\u00a0|\s)+</\1>")


def _filter_attribute(tag, attribute, value):
    """Keep enumerated and numeric attributes only when their value is one HTML allows."""
    pattern = _ATTRIBUTE_VALUES.get(attribute)
    if pattern is not None and not pattern.match(value):
        return None
    return value


class SanitizedHTML(str):
    """A value this module has already cleaned, so a second write step need not clean it again."""


def sanitize_html(html):
    """Return `html` reduced to the allow-list; an editor's empty paragraph becomes ''."""
    if html is None or isinstance(html, SanitizedHTML):
        return html
    html = str(html)
    if not any(character in html for character in "<>&"):
        return SanitizedHTML(html.strip())  # plain text: nothing to clean
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    ).strip()
    if not _NO_VISIBLE_CONTENT.sub("", cleaned) and "<hr" not in cleaned:
        return SanitizedHTML("")
    cleaned = _BLANK_CELL.sub(lambda match: f"<{match.group(1)}{match.group(2) or ''}></{match.group(1)}>", cleaned)
    return SanitizedHTML(_SPACE_AROUND_BLOCKS.sub("", cleaned))


class RichTextField(CKEditorRichTextField):
    """A TextField edited with CKEditor in the admin and sanitized before every write.

    `pre_save` cleans the instance's own value (so what the editor sees after saving is what was
    stored); `get_prep_value` covers the paths that skip `pre_save`, such as `QuerySet.update()`.
    """

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        return sanitize_html(super().get_prep_value(value))


_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def as_displayed(value):
    """Stored rich text (sanitized when it was written) as a page shows it: each table in a labelled, focusable
    scroll region."""
    return mark_safe(_TABLE.sub(_scroll_region, value or ""))  # noqa: S308 - sanitized before it was stored


def _scroll_region(match):
    caption = _CAPTION.search(match.group(0))
    name = " ".join(html.unescape(_TAGS.sub(" ", caption.group(1))).split()) if caption else ""
    label = escape(name or gettext("Table"))
    return f'<div class="table-scroll" role="region" aria-label="{label}" tabindex="0">{match.group(0)}</div>'


# Where a block ends, a reader sees a new line: kept as one when the tags are taken away.
_BLOCK_END = re.compile(rf"</?{_BLOCK_TAGS}[^>]*>")
_LINE_BREAKS = re.compile(r"[ \t\r\n]+")  # not the no-break spaces of French typography


def as_text(value):
    """Rich text as a reader reads it, without its tags: its words, with a line break between blocks (for the
    admin's comparison of two versions, which compares what editors wrote, not how it is marked up)."""
    cleaned = _LINE_BREAKS.sub(" ", sanitize_html(value or ""))
    text = html.unescape(_TAGS.sub("", _BLOCK_END.sub("\n", cleaned)))
    lines = (line.strip(" ") for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
