"""The workflow's records: reference-number counters and the audit log."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from statements.i18n.languages import language_codes
from statements.models.base import language_field, staff_member
from statements.models.statements import Statement


class ReferenceCounter(models.Model):
    """The last reference number given in a year; locked while the next is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.last_number}/{self.year}"


class AuditAction(models.TextChoices):
    SUBMITTED = "submitted", _("submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("requested changes")
    APPROVED = "approved", _("approved and published")
    SELF_APPROVED = "self_approved", _("published own work")
    SCHEDULED = "scheduled", _("scheduled")
    PUBLISHED_NOW = "published_now", _("published now")
    WITHDRAWN = "withdrawn", _("withdrew")
    REINSTATED = "reinstated", _("reinstated")
    REFERENCE_GIVEN = "reference_given", _("gave the reference number")
    CORRECTED = "corrected", _("published a correction")
    RESTORED = "restored", _("restored a revision as a draft")
    DRAFT_STARTED = "draft_started", _("started a draft of a public text")
    DRAFT_DISCARDED = "draft_discarded", _("discarded a draft")
    SUBMISSION_WITHDRAWN = "submission_withdrawn", _("took back a submission")
    UNSCHEDULED = "unscheduled", _("cancelled the schedule")
    CONFLICT_OVERRIDDEN = "conflict_overridden", _("kept own text over another's")
    FACTS_CHANGED = "facts_changed", _("changed a public statement's shared facts")
    LOGGED_IN = "logged_in", _("logged in")
    LOGIN_FAILED = "login_failed", _("failed to log in")


class AuditEntry(models.Model):
    """Who did what and when; written by the workflow, never edited."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = staff_member(_("who"))
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=AuditAction)
    statement = models.ForeignKey(
        Statement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("statement"),
    )
    language = language_field(blank=True)
    detail = models.TextField(_("detail"), blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(language="") | Q(language__in=language_codes()),
                name="audit_language_known",
            )
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()}"
