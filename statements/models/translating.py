"""The translators' glossary."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from statements.models.fields import (
    TranslatedTextField,
)


class Term(models.Model):
    """One of the office's terms in every language, e.g. Müvəkkil →
    Commissioner → Уполномоченный: shown to translators beside the source and
    checked in their text before they submit it."""

    texts = TranslatedTextField(
        _("term"),
        help_text=_(
            "The term in each language, as it must be translated. A form that "
            "changes its ending (Müvəkkilin) is found by its beginning."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("term base")
        ordering = ["id"]

    def __str__(self):
        return " → ".join(text for text in self.texts.values() if text)
