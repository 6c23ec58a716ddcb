"""Legislation's entry in the main menu."""

from django.utils.translation import gettext as _

from iwgtip_site.navigation import MenuItem

from .models import Instrument


def menu_items():
    return [MenuItem(_("Legislation"), Instrument.list_url(), weight=100)]
