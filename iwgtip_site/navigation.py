"""The main menu, gathered from each app's `navigation.py` hook (a `menu_items()` function)."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import SimpleLazyObject

from .caching import per_version
from .hooks import app_hooks


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    weight: int = 0  # lower comes first; pages use their order, app sections 100 and up


@dataclass(frozen=True)
class Crumb:
    """One step of the breadcrumb trail, after "Home" (which every trail starts with)."""

    title: str
    url: str


def _menu():
    items = [item for hook in app_hooks("navigation") for item in hook.menu_items()]
    return sorted(items, key=lambda item: item.weight)


def main_menu():
    """The menu in the current language, worked out once per content change (iwgtip_site.caching)."""
    return per_version(f"main-menu:{translation.get_language()}", _menu)


def navigation(request):
    """Context processor: the menu, built only if a template uses it (the admin does not)."""
    return {"main_menu": SimpleLazyObject(main_menu)}
