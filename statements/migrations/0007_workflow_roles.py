"""Grants the workflow permissions added in 0006 to the role groups."""

from django.db import migrations

from accounts.roles import sync_role_permissions


def grant(apps, schema_editor):
    sync_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [("statements", "0006_workflow")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
