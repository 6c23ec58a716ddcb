"""A redirect added, changed or deleted changes what the public gets at an address: cached pages (and cached
301s) are refreshed as for any content change."""

from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_save

from .models import Redirect


def _redirects_changed(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    from iwgtip_site import caching

    caching.content_changed(using=using)


def connect_signals():
    for signal in (post_save, post_delete):
        signal.connect(_redirects_changed, sender=Redirect, dispatch_uid=f"iwgtip-redirects-{signal!r}")
