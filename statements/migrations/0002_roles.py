"""Creates the staff roles as groups with the permissions in accounts.roles."""

from django.db import migrations

from accounts.roles import ROLE_PERMISSIONS, sync_role_permissions


def create_roles(apps, schema_editor):
    sync_role_permissions(apps)


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
