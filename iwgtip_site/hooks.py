"""How a site-wide feature asks each app for its contribution.

An app offers something to a site-wide feature through a module with an agreed name: `navigation.py`
for the main menu, `search.py` for site search and the updates feed, `sitemaps.py` for the sitemap; or
through a data file with an agreed path: `seed/content.toml` for `load_initial_data`.
Adding an app means adding its module or file, not editing the feature.
"""

from functools import cache
from importlib import import_module
from pathlib import Path

from django.apps import apps


@cache
def app_hooks(module_name):
    """The `<app>.<module_name>` modules of the installed apps, in INSTALLED_APPS order.

    The project package is skipped: it holds the features that gather, under the same names."""
    modules = []
    for config in apps.get_app_configs():
        if config.name == __package__:
            continue
        dotted = f"{config.name}.{module_name}"
        try:
            modules.append(import_module(dotted))
        except ModuleNotFoundError as error:
            if error.name != dotted:
                raise
    return tuple(modules)


def app_files(relative_path):
    """(app config, path) of each installed app that has the file `<app>/<relative_path>`, in
    INSTALLED_APPS order, the project package skipped as above."""
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path) / relative_path
        if config.name != __package__ and path.is_file():
            found.append((config, path))
    return tuple(found)
