"""People and topics: the reference data statements are filed under."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from statements.i18n.languages import localized
from statements.models.fields import (
    TranslatedTextField,
)


class TranslatedNameMixin:
    """``name_in(language)`` for models with a translated ``name``."""

    def name_in(self, language=None):
        from django.utils.translation import get_language

        return localized(self.name, language or get_language())

    def __str__(self):
        return self.name_in() or getattr(self, "key", "") or str(self.pk)


class Person(TranslatedNameMixin, models.Model):
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("A short stable identifier used by imports, e.g. commissioner."),
    )
    name = TranslatedTextField(
        pgettext_lazy("person", "name"), help_text=_("The full name as printed.")
    )
    role = TranslatedTextField(
        pgettext_lazy("person's office", "role"),
        blank=True,
        help_text=_("The office held, e.g. Commissioner for Human Rights."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="person_key_unique"),
        ]

    def role_in(self, language=None):
        from django.utils.translation import get_language

        return localized(self.role, language or get_language())


class Topic(TranslatedNameMixin, models.Model):
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("A short stable identifier used in URLs and imports."),
    )
    name = TranslatedTextField(_("name"))

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="topic_key_unique"),
        ]
