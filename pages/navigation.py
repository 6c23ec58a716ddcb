"""The pages' part of the main menu: the home page's public sub-pages marked "show in menu"."""

from iwgtip_site.navigation import MenuItem

from .models import Page


def menu_items():
    pages = Page.objects.public().filter(depth=1, show_in_menu=True)
    return [MenuItem(page.title, page.get_absolute_url(), weight=page.sort_order) for page in pages]
