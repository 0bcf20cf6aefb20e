"""Creates the staff roles as groups with the permissions in statements.roles."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from statements.roles import ROLE_PERMISSIONS


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the
    # groups need them now, on a fresh database too.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in codenames
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=list(ROLE_PERMISSIONS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
