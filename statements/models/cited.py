"""What a statement cites or carries: press coverage of it, where it was sent,
and attached files.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from statements.content.uploads import attachment_path
from statements.i18n.languages import language_codes, localized
from statements.models.base import language_field
from statements.models.fields import (
    TranslatedTextField,
    WebAddressField,
)
from statements.models.statements import Statement


class Coverage(models.Model):
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="coverage"
    )
    outlet = models.CharField(_("outlet"), max_length=200)
    url = WebAddressField(_("link"), max_length=500, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    language = language_field(blank=True)
    reporter = models.CharField(_("reporter"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("report in the media")
        verbose_name_plural = _("coverage")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(language="") | Q(language__in=language_codes()),
                name="coverage_language_known",
            )
        ]

    def __str__(self):
        return self.outlet


class Distribution(models.Model):
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="sent_to"
    )
    recipient = TranslatedTextField(
        _("recipient"), help_text=_("e.g. the United Nations, the OSCE.")
    )
    date = models.DateField(_("date sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("sent to")
        ordering = ["date", "id"]

    def __str__(self):
        return localized(self.recipient, settings.LANGUAGE_CODE)


class Attachment(models.Model):
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        help_text=_("A PDF, e.g. the signed copy."),
    )
    title = TranslatedTextField(_("title"))
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position", "id"]

    def __str__(self):
        return localized(self.title, settings.LANGUAGE_CODE) or self.file.name

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)
