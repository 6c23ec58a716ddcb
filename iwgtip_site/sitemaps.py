"""The sitemap (/sitemap.xml) and robots.txt: every public address in both official languages.

Each app's `sitemaps.py` hook has a `sitemaps()` function returning its Sitemap classes, built on the
two below. An item is listed once per language it exists in, and each of its addresses names every
language version as an `hreflang` alternate, plus `x-default`: the English version, which the site
treats as the default (Django's own x-default strips the language prefix, an address this site
redirects by the browser's language instead). "lastmod" is the item's "Date modified".
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from .hooks import app_hooks
from .i18n import LANGUAGE_CODES


class LanguageVersionsSitemap(Sitemap):
    """Addresses in each official language, with every language version as an alternate."""

    i18n = True
    alternates = True
    x_default = True

    def lastmod(self, item):
        return item.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            versions = {alternate["lang_code"]: alternate["location"] for alternate in url["alternates"]}
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = versions[settings.LANGUAGE_CODE]
        return urls


class ContentSitemap(LanguageVersionsSitemap):
    """The public items of `model`, each in the languages it is public in (`public_in_languages`)."""

    model = None
    ordering = ("pk",)

    def items(self):
        return self.model._default_manager.public_in_languages().light().order_by(*self.ordering)

    def get_languages_for_item(self, item):
        return [code for code in LANGUAGE_CODES if getattr(item, f"public_{code}")]


class SectionSitemap(LanguageVersionsSitemap):
    """An app's fixed pages (its index, say), named by their routes: always in both languages."""

    routes = ()

    def items(self):
        return list(self.routes)

    def location(self, item):
        return reverse(item)

    def get_languages_for_item(self, item):
        return list(LANGUAGE_CODES)

    def lastmod(self, item):
        return None


def site_sitemaps():
    """{section name: Sitemap class} from every app, in INSTALLED_APPS order."""
    return {
        name: sitemap
        for hook in app_hooks("sitemaps")
        if hasattr(hook, "sitemaps")
        for name, sitemap in hook.sitemaps().items()
    }


@require_safe
def sitemap(request):
    return sitemap_view(request, sitemaps=site_sitemaps())


@require_safe
def robots_txt(request):
    """The public site may be crawled; the admin, search results and feedback forms may not."""
    closed = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            closed += [reverse("admin:index"), reverse("search"), reverse("feedback")]
    context = {"disallowed": closed, "sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
