"""A member of staff's profile (their working languages)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from statements.models.base import language_field
from statements.models.fields import (
    LanguageListField,
)


class StaffProfile(models.Model):
    """What an administrator sets on a staff account beyond Django's user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    languages = LanguageListField(
        _("translation languages"),
        help_text=_("The languages this person may translate into."),
    )
    language = language_field(
        verbose_name=_("language of e-mails"),
        blank=True,
        help_text=_("Reminders are written in this language; empty means English."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)
