"""Template tags of the site layout."""

from django import template
from django.urls import reverse
from django.utils import translation

from iwgtip_site import i18n
from iwgtip_site.files import format_size

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


@register.simple_tag(takes_context=True)
def is_current_section(context, url):
    """Whether the page shown is `url` or lies under it (marks the menu entry with aria-current)."""
    path = context["request"].path
    return path == url or (path.startswith(url) and url.count("/") > 2)


@register.filter
def file_size(num_bytes):
    """{{ edition.size|file_size }} → "273 KB" / "273 Ko"."""
    return format_size(num_bytes)
