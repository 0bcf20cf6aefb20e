"""What every model family shares: the lock token, text limits, staff and
language fields.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from statements.i18n.languages import language_codes


def save_with_new_token(instance, save, *args, **kwargs):
    """Save, moving the row's ``lock_version`` on by one.

    The token is what a change form carries (admin.locking.OptimisticLockMixin
    compares it, under a row lock, before any save) and what a workflow
    button posts (workflow.perform compares it with the row locked); every
    save moves it on once, so anyone holding an older one is stopped there.
    """
    instance.lock_version = (instance.lock_version or 0) + 1
    return save(*args, **kwargs)


# The longest texts accepted (characters), the same on SQLite and PostgreSQL:
# forms, the importer and XLIFF refuse longer ones. Titles are 300 (the
# column), translated single-line texts such as alt text and caption 500 and
# multi-line ones 2,000 in each language (statements.models.fields).
SUMMARY_MAX_LENGTH = 1000


BODY_MAX_LENGTH = 200_000


NOTE_MAX_LENGTH = 2000


def staff_member(verbose_name, **kwargs):
    """A link to the member of staff who did something; kept (as empty) when
    their account is deleted, so the record outlives the account."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
        **kwargs,
    )


def language_field(**kwargs):
    kwargs.setdefault("verbose_name", _("language"))
    return models.CharField(max_length=10, choices=settings.LANGUAGES, **kwargs)


def language_check(field_name, name):
    """A database constraint keeping ``field_name`` within settings.LANGUAGES."""
    return models.CheckConstraint(
        condition=Q(**{f"{field_name}__in": language_codes()}), name=name
    )
