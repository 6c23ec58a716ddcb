"""The three editorial roles. Their permissions are granted after every `migrate`
(iwgtip_site.workflow.sync_role_permissions), so content apps added later are covered too."""

from django.db import migrations

ROLES = ("Editors", "Publishers", "Administrators")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_roles, remove_roles)]
