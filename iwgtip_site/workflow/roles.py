"""Roles and permissions: Editors, Publishers and Administrators are groups whose permissions follow every
content app; publishing is a permission of its own per content model."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS

from iwgtip_site.publishing import content_app_labels, publishable_models

EDITORS, PUBLISHERS, ADMINISTRATORS = "Editors", "Publishers", "Administrators"
ROLE_NAMES = (EDITORS, PUBLISHERS, ADMINISTRATORS)


def publish_codename(model):
    return f"publish_{model._meta.model_name}"


def can_publish(user, model):
    return user.has_perm(f"{model._meta.app_label}.{publish_codename(model)}")


def ensure_publish_permissions(**kwargs):
    """post_migrate: a "Can publish" permission for every publishable model."""
    ContentType.objects.clear_cache()  # a flush (tests) may have emptied the table under the cache
    for model in publishable_models():
        content_type = ContentType.objects.get_for_model(model)
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=publish_codename(model),
            defaults={"name": f"Can publish, unpublish and schedule {model._meta.verbose_name_plural}"[:255]},
        )


def sync_role_permissions(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: give each role the permissions of every content app, including new ones.
    Runs once per migrate, after the last app's signal; only adds, so permissions an administrator
    granted by hand are kept."""
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is not None and sender is not last_app:
        return
    for config in apps.get_app_configs():  # this handler may run before auth's own for an app
        create_permissions(config, verbosity=0, using=using)
    ensure_publish_permissions()

    content = Permission.objects.filter(content_type__app_label__in=content_app_labels())
    editing = content.exclude(codename__startswith="publish_")
    audit = Permission.objects.filter(content_type__app_label="admin", codename="view_logentry")
    accounts = Permission.objects.filter(content_type__app_label__in=("auth", "axes"))
    # Readers' page feedback (iwgtip_site.feedback): every role reads and triages it; administrators
    # may also delete it (spam that got through). Nobody adds it by hand.
    feedback = Permission.objects.filter(content_type__app_label="iwgtip_site", content_type__model="pagefeedback")
    triage = feedback.filter(codename__in=("view_pagefeedback", "change_pagefeedback"))
    # Redirects (iwgtip_site.redirects) change what the public gets at an address: publishers manage them.
    redirects = Permission.objects.filter(content_type__app_label="iwgtip_site", content_type__model="redirect")
    grants = {
        EDITORS: [*editing, *audit, *triage],
        PUBLISHERS: [*content, *audit, *triage, *redirects],
        ADMINISTRATORS: [
            *content,
            *audit,
            *triage,
            *redirects,
            *feedback.filter(codename="delete_pagefeedback"),
            *accounts,
        ],
    }
    for name, permissions in grants.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
