"""The site's URLs: language-neutral services first, then every page under /en/ or /fr/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import feeds, health, search, second_factor, sitemaps, views
from .admin import preferences, review_dates
from .admin import translation_exchange as translation_import
from .feedback import views as feedback

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap, name="sitemap_section"),
    path("api/v1/", include("iwgtip_site.api.urls")),  # open data, in both languages (?lang=en or fr)
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.public_media, name="public_media"),
]

urlpatterns += i18n_patterns(
    path("admin/preferences/", preferences.preferences_view, name="admin_preferences"),
    path("admin/review-dates/", admin.site.admin_view(review_dates.report_view), name="admin_review_dates"),
    path(
        "admin/translations/import/",
        admin.site.admin_view(translation_import.import_view),
        name="admin_translation_import",
    ),
    path("admin/", include(second_factor)),  # before the admin, whose catch-all would take these addresses
    path("admin/", admin.site.urls),
    path(_("not-available/"), views.translation_unavailable, name="translation_unavailable"),
    path(_("search/"), search.search_view, name="search"),
    path(_("feed/"), feeds.UpdatesFeed(), name="updates_feed"),
    path(_("feedback/"), feedback.feedback_view, name="feedback"),
    path(_("feedback/yes/"), feedback.feedback_yes, name="feedback_yes"),
    path(_("feedback/thank-you/"), feedback.feedback_thanks, name="feedback_thanks"),
    path(_("legislation/"), include("legislation.urls")),
    path(_("partners/"), include("partners.urls")),
    path(_("pamphlets/"), include("pamphlets.urls")),
    # Page addresses come last: whatever the apps above do not claim is looked up as a page.
    path("", include("pages.urls")),
    prefix_default_language=True,
)

handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
