"""Once granted the Administrator role its sign-in permissions here.

The roles' permissions (accounts.roles, SIGN_IN_ADMINISTRATION among them)
are now brought in line after every ``migrate`` by a post_migrate receiver
(statements.apps), the way Django creates permissions, so this migration no
longer imports the statements app: accounts depends on nothing in it. It is
kept, empty, so the migration graph stays as deployed.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("statements", "0007_workflow_roles"),
        ("axes", "0010_accessattemptexpiration"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = []
