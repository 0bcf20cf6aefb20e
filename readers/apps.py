from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadersConfig(AppConfig):
    """What the public site offers readers beyond the statements: the office's
    contact page and e-mail alerts."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "readers"
    verbose_name = _("Readers")

    def ready(self):
        from readers import signals  # noqa: F401
