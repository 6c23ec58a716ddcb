"""The sitemap (/sitemap.xml) and robots.txt: every public address in both official languages.

Each app's `sitemaps.py` hook has a `sitemaps()` function returning its Sitemap classes, built on the
two below. An item is listed once per language it exists in, and each of its addresses names every
language version as an `hreflang` alternate, plus `x-default`: the English version, which the site
treats as the default (Django's own x-default strips the language prefix, an address this site
redirects by the browser's language instead). "lastmod" is the item's "Date modified".

/sitemap.xml is a sitemap index: one sitemap per section (each app's, named in its hook), in parts of at
most SITEMAP_SECTION_SIZE addresses (500: the protocol allows 50,000; /sitemap-pages.xml?p=2). A part is
counted and read in SQL, one language after the other (LIMIT/OFFSET, never every row), so each is made in
bounded time whatever the amount of content; the counts are made once per content change, and the page
cache keeps each part, as any public response.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import index as index_view
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.db.models import Count, Max, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from .caching import per_version
from .hooks import app_hooks
from .i18n import LANGUAGE_CODES


class LanguageVersionsSitemap(Sitemap):
    """Addresses in each official language, with every language version as an alternate."""

    i18n = True
    alternates = True
    x_default = True

    @property
    def limit(self):
        return settings.SITEMAP_SECTION_SIZE

    def lastmod(self, item):
        return item.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's entries, with each item's addresses worked out once: Django works out every address of an
        item again for each language the item is listed in, and once more for x-default (eight reversals for an
        item in two languages, where two will do). x-default is the English address itself (see the module)."""
        protocol, domain = self.get_protocol(protocol), self.get_domain(site)
        urls, addresses, latest = [], {}, None
        for item, code in self.paginator.page(page).object_list:
            languages = self.get_languages_for_item(item)
            key = getattr(item, "pk", item)  # an item listed in two languages is read once for each
            if key not in addresses:
                addresses[key] = {
                    language: f"{protocol}://{domain}{self._location((item, language))}" for language in languages
                }
            found = addresses[key]
            alternates = [{"location": found[language], "lang_code": language} for language in languages]
            if self.x_default and settings.LANGUAGE_CODE in found:
                alternates.append({"location": found[settings.LANGUAGE_CODE], "lang_code": "x-default"})
            lastmod = self.lastmod(item)
            if lastmod is not None and (latest is None or lastmod > latest):
                latest = lastmod
            urls.append(
                {"item": (item, code), "location": found[code], "lastmod": lastmod, "changefreq": None,
                 "priority": "", "alternates": alternates}
            )  # fmt: skip
        if latest is not None and all(url["lastmod"] is not None for url in urls):
            self.latest_lastmod = latest  # the view's Last-Modified
        return urls


class _LanguageVersions:
    """The (item, language) pairs a content sitemap lists: the items public in English, then those public in
    French. Counted in one query (with the latest "Date modified"), and sliced in SQL, for the paginator."""

    ordered = True  # the items' queryset is ordered

    def __init__(self, sitemap):
        self.sitemap = sitemap
        self.items = sitemap.items()

    def _in(self, code):
        return self.items.filter(**{f"public_{code}": True})

    def count(self):
        return sum(self.sitemap.statistics()[code] for code in LANGUAGE_CODES)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("A sitemap's items are read a part at a time.")
        start, stop = index.start or 0, index.stop
        pairs, offset = [], 0
        for code in LANGUAGE_CODES:
            size = self.sitemap.statistics()[code]
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                pairs += [(item, code) for item in self._in(code)[low:high]]
            offset += size
        return pairs


class ContentSitemap(LanguageVersionsSitemap):
    """The public items of `model`, each in the languages it is public in (`public_in_languages`)."""

    model = None
    ordering = ("pk",)

    def items(self):
        return self.model._default_manager.public_in_languages().light().order_by(*self.ordering)

    def get_languages_for_item(self, item):
        return [code for code in LANGUAGE_CODES if getattr(item, f"public_{code}")]

    def statistics(self):
        """{language: how many items are public in it, "lastmod": the latest "Date modified"}: one query,
        made once per content change (kept per content version: the index and every part read it)."""
        if not hasattr(self, "_statistics"):
            self._statistics = per_version(f"sitemap-statistics:{self.model._meta.label_lower}", self._count)
        return self._statistics

    def _count(self):
        counts = {code: Count("pk", filter=Q(**{f"public_{code}": True})) for code in LANGUAGE_CODES}
        return self.items().order_by().aggregate(**counts, lastmod=Max("updated_at"))

    def _items(self):
        return _LanguageVersions(self)

    def get_latest_lastmod(self):
        return self.statistics()["lastmod"]


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
def sitemap_index(request):
    """/sitemap.xml: the address of each section's sitemap, and of each of its parts."""
    return index_view(request, sitemaps=site_sitemaps(), sitemap_url_name="sitemap_section")


@require_safe
def sitemap(request, section):
    """/sitemap-<section>.xml(?p=2): one section's addresses, one part of it."""
    return sitemap_view(request, sitemaps=site_sitemaps(), section=section)


@require_safe
def robots_txt(request):
    """The public site may be crawled; the admin, search results and feedback forms may not."""
    closed = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            closed += [reverse("admin:index"), reverse("search"), reverse("feedback")]
    context = {"disallowed": closed, "sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
