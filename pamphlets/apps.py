from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PamphletsConfig(AppConfig):
    name = "pamphlets"
    verbose_name = _("Pamphlets")

    def ready(self):
        from . import signals

        signals.connect()
