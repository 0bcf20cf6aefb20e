"""The accounts app's table, from its model.

It replaces 0001_initial and 0002_administrator_permissions, which was empty:
the roles' permissions are synced after every migrate (statements.apps).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    # 0001_initial itself is not listed: this migration has its name, so a
    # database that applied the old one has it recorded already.
    replaces = [("accounts", "0002_administrator_permissions")]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="RolePolicy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "require_two_factor",
                    models.BooleanField(
                        default=True,
                        help_text="Members of this role must set up an authenticator app and enter its code each time they sign in before they can use the admin.",
                        verbose_name="require two-factor authentication",
                    ),
                ),
                (
                    "group",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sign_in_policy",
                        to="auth.group",
                        verbose_name="role",
                    ),
                ),
            ],
            options={
                "verbose_name": "sign-in policy",
                "verbose_name_plural": "sign-in policies",
                "ordering": ["group__name"],
            },
        ),
    ]
