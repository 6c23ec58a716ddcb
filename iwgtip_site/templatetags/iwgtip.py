"""Template tags of the site layout."""

import html

from django import template
from django.conf import settings
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from iwgtip_site import canada_ca, design_system, help_lines, i18n, richtext, structured_data
from iwgtip_site.files import format_size
from iwgtip_site.formats import date_in_words
from iwgtip_site.text import collapse_spaces

register = template.Library()


@register.simple_tag(takes_context=True)
def language_toggle(context):
    """The other official language and the URL of this page in it (see iwgtip_site.i18n).

    Error pages set `toggle_to_home`: the same unknown address would be unknown in the other
    language too, so their toggle leads to the other language's home page.
    """
    request = context["request"]
    language = i18n.other_language()
    if context.get("toggle_to_home"):
        with translation.override(language):
            url, exists = reverse("pages:home"), True
    else:
        url, exists = i18n.counterpart_url(request, language, context.get("object"))
    return {"language": language, "name": i18n.ENDONYMS[language], "url": url, "exists": exists}


def _indexed_address(request, url):
    """`url` as an absolute address for search engines: without its query string, but a page number (the
    second page of a list is a page of its own; filters and tracking parameters are not)."""
    path, _sep, query = url.partition("?")
    number = QueryDict(query).get("page", "")
    if number.isascii() and number.isdigit() and number != "1":
        path = f"{path}?{urlencode({'page': number})}"
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def page_addresses(context, toggle):
    """{% page_addresses toggle as addresses %}: the canonical address of the page and its alternates in each
    official language, absolute, plus x-default (the default language's version, or the only one there is).
    None on pages that are no version of anything (errors, the "not in this language" notice)."""
    request = context["request"]
    if context.get("toggle_to_home"):
        return None
    canonical = _indexed_address(request, request.get_full_path())
    alternates = {translation.get_language(): canonical}
    if toggle["exists"]:
        alternates[toggle["language"]] = _indexed_address(request, toggle["url"])
    ordered = [(code, alternates[code]) for code in i18n.LANGUAGE_CODES if code in alternates]
    default = alternates.get(settings.LANGUAGE_CODE, canonical)
    return {"canonical": canonical, "alternates": ordered, "x_default": default}


@register.simple_tag(takes_context=True)
def is_current_section(context, url):
    """Whether the page shown is `url` or lies under it (marks the menu entry with aria-current)."""
    path = context["request"].path
    return path == url or (path.startswith(url) and url.count("/") > 2)


@register.filter
def file_size(num_bytes):
    """{{ edition.size|file_size }} → "273 KB" / "273 Ko"."""
    return format_size(num_bytes)


@register.simple_tag
def gc_mark(kind):
    """{% gc_mark "signature" %} or "wordmark": the design system's SVG for the current language, in the page."""
    language = "fr" if translation.get_language() == "fr" else "en"
    return design_system.mark_svg(kind, language)


@register.simple_tag(takes_context=True)
def page_links(context, page_obj, page_numbers):
    """The links of "includes/pagination.html": {"pages": [(number, address, whether it is the page shown)],
    with None for the number of an ellipsis, "previous" and "next": addresses or None}. The addresses keep
    the other query parameters, as {% querystring %} does, from one copy of them."""
    query = context["request"].GET.copy()

    def address(number):
        query["page"] = number
        return f"?{query.urlencode()}"

    ellipsis = page_obj.paginator.ELLIPSIS
    return {
        "pages": [
            (None, "", False) if number == ellipsis else (number, address(number), number == page_obj.number)
            for number in page_numbers
        ],
        "previous": address(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": address(page_obj.next_page_number()) if page_obj.has_next() else None,
        "ellipsis": ellipsis,
    }


@register.simple_tag
def canada_ca_footer():
    return canada_ca.footer_links()


_RENDERED_ONCE = {}  # (template, language, script prefix) -> its HTML


@register.simple_tag
def same_on_every_page(template_name):
    """{% same_on_every_page "includes/footer.html" %}: a template that depends on the language only (no
    request, no content: the footer), rendered once per language in each process and then reused. Rendered
    each time in development (DEBUG), where templates change under a running server."""
    key = (template_name, translation.get_language(), get_script_prefix())
    rendered = None if settings.DEBUG else _RENDERED_ONCE.get(key)
    if rendered is None:
        rendered = _RENDERED_ONCE[key] = mark_safe(render_to_string(template_name))  # noqa: S308 - a template's output
    return rendered


@register.filter
def long_date(value):
    """{{ day|long_date }} → "November 1, 2001" / "1er novembre 2001" (see iwgtip_site.formats)."""
    return date_in_words(value)


@register.filter
def long_datetime(value):
    return date_in_words(value, "DATETIME_FORMAT")


@register.filter
def rich_text(value):
    """{{ page.body|rich_text }}: stored rich text as a page shows it (iwgtip_site.richtext.as_displayed)."""
    return richtext.as_displayed(value)


@register.simple_tag
def get_help_lines():
    """{% get_help_lines as help %}: whom a person in danger can call (iwgtip_site.help_lines)."""
    return help_lines.HELP_LINES


@register.simple_tag
def other_language():
    """{% other_language as other %}: the official language the page is not in ("fr" on an English page)."""
    return i18n.other_language()


class PageTitleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        title = collapse_spaces(self.nodelist.render(context))
        # The bottom of the stack: seen by the rest of the page. As text, not HTML: the page escapes it where it
        # writes it, so "l'immigration" is not shown or sent as "l&#x27;immigration".
        context.dicts[0]["page_title"] = html.unescape(title)
        return title


@register.tag
def page_title(parser, token):
    """{% page_title %}…{% endpage_title %}: renders the page's title and keeps it as `page_title` for the rest of
    the page (the feedback widget names the page by it)."""
    nodelist = parser.parse(("endpage_title",))
    parser.delete_first_token()
    return PageTitleNode(nodelist)


@register.simple_tag(takes_context=True)
def site_structured_data(context):
    """{% site_structured_data %}: the site's GovernmentOrganization and, where the page shows a trail, its
    BreadcrumbList, as JSON-LD (iwgtip_site.structured_data). After the <title>: the trail ends with its text."""
    request = context["request"]
    absolute = request.build_absolute_uri
    blocks = [structured_data.json_ld(structured_data.organization(absolute))]
    crumbs = context.get("breadcrumbs")
    if (crumbs is not None or request.path == reverse("pages:home")) and not context.get("toggle_to_home"):
        title = html.unescape(context.get("page_title", ""))  # rendered for the page's <title>: escaped
        trail = structured_data.breadcrumb_list(absolute, crumbs or [], title, request.path)
        blocks.append(structured_data.json_ld(trail))
    return mark_safe("\n".join(blocks))  # noqa: S308 - each block is escaped by json_ld


@register.simple_tag(takes_context=True)
def json_ld_for(context, item):
    """{% json_ld_for instrument %}: what `item.schema_org(absolute)` says of it, as JSON-LD."""
    return structured_data.json_ld(item.schema_org(context["request"].build_absolute_uri))
