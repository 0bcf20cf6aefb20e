"""A statement's language versions, their working drafts (edits to a
published text) and corrections.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from statements.content.sanitizer import html_to_text, sanitize_html
from statements.models.base import (
    BODY_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    language_check,
    language_field,
    save_with_new_token,
    staff_member,
)
from statements.models.statements import Statement, lock_statement_row


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    # Stored as "published" (and so in import files, format v1); it means
    # approved: public only once the issue time comes and the required
    # languages are approved too (see release_ready_q).
    PUBLISHED = "published", _("approved")


class StatementVersionQuerySet(models.QuerySet):
    def published(self, language=None, now=None):
        """Versions a reader may see: published, and their statement released."""
        # released_at is set only on published versions of released statements.
        queryset = self.filter(released_at__lte=now or timezone.now())
        if language:
            queryset = queryset.filter(language=language)
        return queryset


class StatementVersion(models.Model):
    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("statement"),
    )
    language = language_field()
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("The lead: one or two sentences shown in lists and feeds."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        max_length=BODY_MAX_LENGTH,
        help_text=_("Cleaned on save: scripts, styles and unsafe links are removed."),
    )
    status = models.CharField(
        _("state"),
        max_length=20,
        choices=VersionStatus,
        default=VersionStatus.DRAFT,
    )
    published_at = models.DateTimeField(
        _("approved at"), null=True, blank=True, editable=False
    )
    search_document = models.TextField(
        blank=True,
        editable=False,
        help_text="Title, summary and body as case-folded plain text, for search.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statement_versions",
        verbose_name=_("written or translated by"),
    )
    submitted_by = staff_member(_("submitted by"), editable=False)
    submitted_at = models.DateTimeField(
        _("submitted at"), null=True, blank=True, editable=False
    )
    approved_by = staff_member(_("approved by"), editable=False)
    self_approved = models.BooleanField(
        _("approved by the person who submitted it"), default=False, editable=False
    )
    review_comment = models.TextField(
        _("reviewer's comment"),
        blank=True,
        editable=False,
        help_text=_("Why the version was sent back for changes."),
    )
    last_substantive_change_at = models.DateTimeField(
        _("last updated"), null=True, blank=True, editable=False
    )
    source_language = language_field(
        verbose_name=_("translated from"),
        blank=True,
        help_text=_("The version this one was translated from."),
    )
    source_text = models.TextField(
        _("source text when translated"),
        blank=True,
        editable=False,
        help_text="The source's title, summary and body as plain text, one "
        "paragraph a line, as they were when this translation was last brought "
        "up to date; compared with the source now to show what changed.",
    )
    outdated_since = models.DateTimeField(
        _("outdated since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when its source changed in substance after translation."),
    )
    updated_by = staff_member(_("last saved by"), editable=False)
    edited_by = staff_member(
        _("text last changed by"),
        editable=False,
        help_text=_("Who may not approve it: a text is approved by another person."),
    )
    released_at = models.DateTimeField(
        _("released at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The statement's release time while this version is published."),
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StatementVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["statement", "language"]
        permissions = [
            ("publish_statementversion", _("Can approve and publish versions")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "language"],
                name="version_one_per_language",
                violation_error_message=_(
                    "This statement already has a version in that language."
                ),
            ),
            language_check("language", "version_language_known"),
        ]
        indexes = [
            models.Index(
                fields=["language", "status", "statement"],
                name="version_lang_status",
            ),
            # The public lists: newest first within a language, read in order.
            models.Index(
                "language",
                F("released_at").desc(),
                F("statement_id").desc(),
                name="version_public_order",
                condition=Q(released_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.title} [{self.language}]"

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.search_document = "\n".join(
            [self.title, self.summary, html_to_text(self.body)]
        ).casefold()
        if self.status == VersionStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        with transaction.atomic():
            lock_statement_row(self.statement_id)
            save_with_new_token(self, super().save, *args, **kwargs)

    def clean(self):
        if not self.title or not self.title.strip():
            raise ValidationError(
                {"title": ValidationError(_("A title is required."), code="required")}
            )
        statement = getattr(self, "statement", None)
        if (
            self.status == VersionStatus.PUBLISHED
            and statement is not None
            and statement.hero_image
            and not (statement.hero_image_alt or {}).get(self.language)
        ):
            raise ValidationError(
                _(
                    "Add the hero image's text alternative in this language before "
                    "publishing it."
                ),
                code="hero_alt_missing",
            )

    def get_absolute_url(self):
        return self.statement.get_absolute_url(self.language)

    def body_text(self):
        return html_to_text(self.body)

    def plain_text(self):
        """Title, summary and body as plain text, one paragraph a line."""
        parts = [self.title, self.summary, html_to_text(self.body)]
        return "\n".join(part for part in parts if part)

    def is_outdated(self):
        return self.outdated_since is not None


class ChangeKind(models.TextChoices):
    MINOR = "minor", _("minor: a typo or formatting, readers are not told")
    SUBSTANTIVE = "substantive", _("substantive: readers see a dated correction note")


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")


class WorkingDraft(models.Model):
    """The next edition of a published language version, until it is approved.

    Readers keep seeing the version's own (live) text while this exists; only
    workflow.approve_draft() copies it over, and deletes it. At most one per
    version, so every change to a live text is reviewed as one piece.
    """

    version = models.OneToOneField(
        StatementVersion,
        on_delete=models.CASCADE,
        related_name="working_draft",
        verbose_name=_("language version"),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=SUMMARY_MAX_LENGTH)
    body = models.TextField(_("body"), blank=True, max_length=BODY_MAX_LENGTH)
    status = models.CharField(
        _("state"), max_length=20, choices=DraftStatus, default=DraftStatus.DRAFT
    )
    change_kind = models.CharField(
        _("this change is"), max_length=20, choices=ChangeKind, blank=True
    )
    correction_note = models.TextField(
        _("correction note"), blank=True, max_length=NOTE_MAX_LENGTH
    )
    source_text = models.TextField(
        _("source text it is up to date with"),
        blank=True,
        help_text="Set when the translator marked the draft up to date with its "
        "source; the live version takes it (and loses its outdated mark) when "
        "the draft is approved.",
    )
    language_fields = models.JSONField(
        _("image, attachment and withdrawal texts"),
        default=dict,
        blank=True,
        help_text="The version's language's hero image alt text and caption, "
        "attachment titles and withdrawal notice as the draft has them; written "
        "to the statement when the draft is approved (statements.language_fields).",
    )
    restored_from = models.CharField(
        _("restored from"),
        max_length=40,
        blank=True,
        help_text=_(
            "When the revision this draft was restored from was saved, or "
            "“import” for a draft an import file made."
        ),
    )
    submitted_by = staff_member(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_by = staff_member(_("started by"))
    updated_by = staff_member(_("last saved by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("working draft")
        verbose_name_plural = _("working drafts")

    def __str__(self):
        return f"{self.title} [{self.version.language}, {self.get_status_display()}]"

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def plain_text(self):
        parts = [self.title, self.summary, html_to_text(self.body)]
        return "\n".join(part for part in parts if part)

    def restored_moment(self):
        """When the revision it was restored from was saved, or None."""
        from django.utils.dateparse import parse_datetime

        return parse_datetime(self.restored_from) if self.restored_from else None


class Correction(models.Model):
    version = models.ForeignKey(
        StatementVersion,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("language version"),
    )
    at = models.DateTimeField(_("date"), default=timezone.now)
    note = models.TextField(
        _("correction note"),
        max_length=NOTE_MAX_LENGTH,
        help_text=_("What was corrected, in this language."),
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d}: {self.note[:60]}"
