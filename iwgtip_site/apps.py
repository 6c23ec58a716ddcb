from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IwgtipSiteConfig(AppConfig):
    """The project package as an app: shared templates, static files, commands and signals."""

    name = "iwgtip_site"
    verbose_name = _("IWGTIP site")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import accounts, caching  # noqa: F401 - accounts: a staff session's clock starts at login
        from .redirects import signals as redirect_signals
        from .workflow import history, roles

        caching.connect_invalidation_signals()
        redirect_signals.connect_signals()
        history.register_history()
        # Roles keep the permissions of every content app, including apps added later, and of feedback.
        post_migrate.connect(roles.sync_role_permissions, dispatch_uid="iwgtip-roles")
