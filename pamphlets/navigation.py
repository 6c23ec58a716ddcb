"""The pamphlets' entry in the main menu."""

from django.urls import reverse
from django.utils.translation import gettext as _

from iwgtip_site.navigation import MenuItem


def menu_items():
    return [MenuItem(_("Pamphlets"), reverse("pamphlets:pamphlet_list"), weight=120)]
