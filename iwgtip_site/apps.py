from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IwgtipSiteConfig(AppConfig):
    """The project package as an app: shared templates, static files, commands and signals."""

    name = "iwgtip_site"
    verbose_name = _("IWGTIP site")

    def ready(self):
        from . import caching

        caching.connect_invalidation_signals()
