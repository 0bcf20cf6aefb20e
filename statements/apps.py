from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = _("Statements")

    def ready(self):
        from statements import checks, signals  # noqa: F401 - registers them
        from statements.revisions import register_models

        register_models()
