from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import router
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = _("Statements")

    def ready(self):
        from statements import checks, signals  # noqa: F401 - registers them
        from statements.workflow.revisions import register_models

        register_models()
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="sync_roles")


def sync_roles(sender, using, apps=global_apps, **kwargs):
    """Bring the role groups in line with accounts.roles after every migrate.

    Like Django's own permissions, from a post_migrate receiver rather than a
    data migration, so no migration imports the live table and the groups
    follow it on the next ``migrate`` after it changes. ``flush`` sends no
    ``apps``: the live registry is the one then.
    """
    from accounts.roles import sync_role_permissions

    if router.allow_migrate(using, "auth"):
        sync_role_permissions(apps)
