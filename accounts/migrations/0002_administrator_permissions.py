"""Lets the Administrator role unlock sign-ins, remove a lost authenticator
and set sign-in policies (statements.roles.SIGN_IN_ADMINISTRATION)."""

from django.db import migrations

from statements.roles import sync_role_permissions


def grant(apps, schema_editor):
    sync_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("statements", "0007_workflow_roles"),
        ("axes", "0010_accessattemptexpiration"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
