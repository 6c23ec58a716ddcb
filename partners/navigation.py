"""The partners' entry in the main menu (no query: the directory is always there)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from iwgtip_site.navigation import MenuItem


def menu_items():
    return [MenuItem(_("Partners"), reverse("partners:organization_list"), weight=110)]
