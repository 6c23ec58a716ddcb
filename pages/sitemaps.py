"""The pages' part of the sitemap (iwgtip_site.sitemaps): every page a reader can open, in each language."""

from django.db.models import BooleanField, ExpressionWrapper, Q

from iwgtip_site.i18n import LANGUAGE_CODES
from iwgtip_site.search import light
from iwgtip_site.sitemaps import ContentSitemap

from .models import Page
from .search import public_pages


class PageSitemap(ContentSitemap):
    def items(self):
        """Pages public in at least one language, each knowing which (one query)."""
        public_in = {
            f"public_{code}": ExpressionWrapper(Q(pk__in=public_pages(code).values("pk")), output_field=BooleanField())
            for code in LANGUAGE_CODES
        }
        either = Q()
        for name in public_in:
            either |= Q(**{name: True})
        return light(Page.objects.annotate(**public_in).filter(either)).order_by("depth", "sort_order", "pk")

    def get_languages_for_item(self, item):
        return [code for code in LANGUAGE_CODES if getattr(item, f"public_{code}")]


def sitemaps():
    return {"pages": PageSitemap}
