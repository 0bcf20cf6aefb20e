"""Commemorations (yearly dates), the figures each names, and the reminders
sent about them.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import ExtractDay, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from statements.i18n.languages import localized
from statements.models.fields import (
    TranslatedTextField,
)
from statements.models.names import TranslatedNameMixin


class Commemoration(TranslatedNameMixin, models.Model):
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("A short stable identifier used in URLs and imports."),
    )
    date = models.DateField(
        _("date of the event"),
        help_text=_("The day the event happened; it is remembered every year."),
    )
    name = TranslatedTextField(_("name"))
    description = TranslatedTextField(
        _("description"), blank=True, multiline=True, max_chars=5000
    )

    class Meta:
        verbose_name = _("commemoration")
        verbose_name_plural = _("commemorations")
        ordering = [ExtractMonth("date"), ExtractDay("date"), "key"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="commemoration_key_unique"),
        ]


class CommemorationFigure(models.Model):
    commemoration = models.ForeignKey(
        Commemoration, on_delete=models.CASCADE, related_name="figures"
    )
    label = TranslatedTextField(
        _("label"), help_text=_("What is counted, e.g. killed, injured, detained.")
    )
    value = models.PositiveBigIntegerField(_("value"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.value} {localized(self.label, settings.LANGUAGE_CODE)}"


class ReminderSent(models.Model):
    """One anniversary reminder to one person, so it is never sent twice."""

    commemoration = models.ForeignKey(
        Commemoration, on_delete=models.CASCADE, related_name="reminders"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    days_before = models.PositiveSmallIntegerField(_("days before"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("anniversary reminder")
        verbose_name_plural = _("anniversary reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["commemoration", "year", "days_before", "recipient"],
                name="reminder_once",
            )
        ]

    def __str__(self):
        return (
            f"{self.commemoration} {self.year} −{self.days_before}d → {self.recipient}"
        )
