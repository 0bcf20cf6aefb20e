"""Statements, their language versions, and what they refer to."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.functions import ExtractDay, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from statements.content.sanitizer import html_to_text, sanitize_html
from statements.content.uploads import attachment_path, hero_image_path
from statements.i18n.languages import language_codes, localized
from statements.i18n.slugs import unique_slug
from statements.models.fields import (
    LanguageListField,
    TranslatedTextField,
    WebAddressField,
)


def save_with_new_token(instance, save, *args, **kwargs):
    """Save, moving the row's ``lock_version`` on by one.

    The token is what a change form carries (forms.OptimisticLockMixin
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


def lock_statement_row(statement_id):
    """Lock a statement's row, first of all that a version save locks.

    refresh_release() locks the statement's row and then writes every version
    of it; a save that held its version's row while it waited for the
    statement's would deadlock with it. Call inside a transaction.
    """
    if statement_id is not None:
        Statement.objects.select_for_update(of=("self",)).filter(
            pk=statement_id
        ).order_by().values_list("pk").first()


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


class StatementKind(models.TextChoices):
    PRESS_RELEASE = "press_release", _("press release")
    STATEMENT = "statement", pgettext_lazy("kind", "statement")
    ANNIVERSARY = "anniversary", _("anniversary statement")


def anniversary_errors(kind, year, event_year, *, names_commemoration):
    """The anniversary rule, as ``{field: ValidationError}``.

    An anniversary statement names its commemoration and a year no earlier
    than the event's (``event_year``, None when unknown). Statement.clean()
    and the importer both ask this, so the rule is written once; the
    database's statement_anniversary_has_commemoration_and_year constraint
    holds its first half.
    """
    errors = {}
    if kind != StatementKind.ANNIVERSARY:
        return errors
    if not names_commemoration:
        errors["commemoration"] = ValidationError(
            _("An anniversary statement must name the commemoration it marks."),
            code="anniversary_without_commemoration",
        )
    if not year:
        errors["anniversary_year"] = ValidationError(
            _("An anniversary statement needs the year it marks."),
            code="anniversary_without_year",
        )
    elif event_year and year < event_year:
        errors["anniversary_year"] = ValidationError(
            _("The year %(year)s is before the event itself (%(event_year)s)."),
            code="anniversary_before_event",
            params={"year": year, "event_year": event_year},
        )
    return errors


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")


def _published_version(language):
    return StatementVersion.objects.filter(
        statement=OuterRef("pk"), language=language, status=VersionStatus.PUBLISHED
    )


def release_ready_q():
    """Statements whose original and required languages are all published.

    Withdrawn statements stay released: their page stays up with its notice.
    """
    condition = Q(publish_at__isnull=False) & Exists(
        _published_version(OuterRef("original_language"))
    )
    for code in language_codes():
        condition &= ~Q(
            required_languages__contains=LanguageListField.membership(code)
        ) | Exists(_published_version(code))
    return condition


def released_statement_q(now):
    """Statements out by ``now``: ready (see release_ready_q) and issued.

    ``released_at`` is release_ready_q() stored by refresh_release(), so that
    the public pages filter on one indexed column; ``now`` is still compared
    at request time, which is what makes a scheduled statement appear.
    """
    return Q(released_at__lte=now)


_release_refresh_pending = ContextVar("release_refresh_pending", default=None)


@contextmanager
def release_refresh_deferred():
    """Inside this block a save only notes its statement; all are refreshed at
    the end, in one pass. For bulk writers (the importer): refreshing after
    each of 4,000 saves would cost more than the import itself.

    Use it inside the writer's transaction: if the block fails, nothing is
    refreshed, and the transaction's rollback undoes the writes too.
    """
    pending = set()
    token = _release_refresh_pending.set(pending)
    try:
        yield
    finally:
        _release_refresh_pending.reset(token)
    refresh_release(pending)


def statement_release_changed(statement_id):
    """A save touched what decides whether ``statement_id`` is out."""
    pending = _release_refresh_pending.get()
    if pending is None:
        refresh_release([statement_id])
    else:
        pending.add(statement_id)


def refresh_release(statement_ids=None):
    """Store whether each statement (all if None) is ready, and since when.

    Called whenever a statement or a version is saved or deleted. The
    statement rows are locked before their versions are read, so two
    languages published at once in two transactions are both seen by the
    second to commit.
    """
    statements = Statement.objects.all()
    versions = StatementVersion.objects.all()
    if statement_ids is not None:
        statement_ids = sorted(set(statement_ids))
        if not statement_ids:
            return
        statements = statements.filter(pk__in=statement_ids)
        versions = versions.filter(statement_id__in=statement_ids)
    with transaction.atomic():
        if statement_ids is not None:
            list(statements.select_for_update().order_by("pk").values_list("pk"))
        ready = statements.filter(release_ready_q()).values("pk")
        statements.update(
            released_at=Case(When(pk__in=ready, then=F("publish_at")), default=None)
        )
        versions.update(
            released_at=Case(
                When(
                    status=VersionStatus.PUBLISHED,
                    then=Subquery(
                        Statement.objects.filter(pk=OuterRef("statement_id")).values(
                            "released_at"
                        )[:1]
                    ),
                ),
                default=None,
            )
        )
        # Search holds released versions only, so it follows the release state.
        from statements.public.search.index import reindex

        reindex(statement_ids)


class StatementQuerySet(models.QuerySet):
    def published(self, language=None, now=None):
        """What the public may see: released statements, optionally in a language.

        This is the only definition of "public"; pages, feeds, the sitemap and
        search all call it (or StatementVersion.objects.published()).
        """
        queryset = self.filter(released_statement_q(now or timezone.now()))
        if language:
            queryset = queryset.filter(Exists(_published_version(language)))
        return queryset


class Statement(models.Model):
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        help_text=_(
            "The web address, the same in every language. Leave blank to make one "
            "from the original title."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=StatementKind,
        default=StatementKind.STATEMENT,
    )
    reference_number = models.PositiveIntegerField(
        _("reference number"),
        null=True,
        blank=True,
        help_text=_("Given on first publication, in sequence within the year."),
    )
    reference_year = models.PositiveSmallIntegerField(
        _("reference year"), null=True, blank=True
    )
    issued_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("issued by"),
        help_text=_("The person in whose name the statement is issued."),
    )
    publish_at = models.DateTimeField(
        _("issued at"),
        null=True,
        blank=True,
        help_text=_(
            "When the statement is issued and may appear on the site. Leave blank "
            "while it is not scheduled."
        ),
    )
    original_language = language_field(
        verbose_name=_("original language"),
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the statement was written in."),
    )
    required_languages = LanguageListField(
        _("languages required for release"),
        help_text=_(
            "The statement goes public only when these languages are approved, "
            "all at the same moment."
        ),
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="statements", verbose_name=_("topics")
    )
    commemoration = models.ForeignKey(
        Commemoration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("commemoration"),
        help_text=_("For an anniversary statement: the event it marks."),
    )
    anniversary_year = models.PositiveSmallIntegerField(
        _("anniversary year"),
        null=True,
        blank=True,
        help_text=_("For an anniversary statement: the year it marks, e.g. 2025."),
    )
    hero_image = models.ImageField(
        _("hero image"),
        upload_to=hero_image_path,
        blank=True,
        width_field="hero_image_width",
        height_field="hero_image_height",
        help_text=_("JPEG, PNG, GIF or WebP; shown at the top of the statement."),
    )
    hero_image_width = models.PositiveIntegerField(
        null=True, blank=True, editable=False
    )
    hero_image_height = models.PositiveIntegerField(
        null=True, blank=True, editable=False
    )
    hero_image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    hero_image_alt = TranslatedTextField(
        _("hero image text alternative"),
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it. Required in a "
            "language before that language can be published."
        ),
    )
    hero_image_caption = TranslatedTextField(_("hero image caption"), blank=True)
    related = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="related_from",
        verbose_name=_("related statements"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = TranslatedTextField(
        _("reason for withdrawal"),
        blank=True,
        multiline=True,
        help_text=_("Shown on the page, in each language, once withdrawn."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = staff_member(_("created by"), editable=False)
    updated_by = staff_member(_("last saved by"), editable=False)

    released_at = models.DateTimeField(
        _("released at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The issue time once every required language is published; kept up "
            "to date on every save."
        ),
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-publish_at", "-id"]
        permissions = [
            ("schedule_statement", _("Can schedule and publish statements")),
            ("withdraw_statement", _("Can withdraw and reinstate statements")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="statement_slug_unique"),
            models.UniqueConstraint(
                fields=["reference_year", "reference_number"],
                name="statement_reference_unique",
            ),
            models.CheckConstraint(
                condition=Q(reference_number__isnull=True, reference_year__isnull=True)
                | Q(reference_number__gte=1, reference_year__isnull=False),
                name="statement_reference_complete",
            ),
            models.CheckConstraint(
                condition=~Q(kind=StatementKind.ANNIVERSARY)
                | Q(commemoration__isnull=False, anniversary_year__isnull=False),
                name="statement_anniversary_has_commemoration_and_year",
            ),
            models.CheckConstraint(
                condition=~Q(slug=""), name="statement_slug_not_empty"
            ),
            language_check("original_language", "statement_original_language_known"),
        ]
        indexes = [
            models.Index(fields=["publish_at"], name="statement_publish_at"),
            models.Index(
                F("released_at").desc(),
                F("id").desc(),
                name="statement_released",
                condition=Q(released_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title() or self.slug

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self._original_title(), self._slug_taken)
        previous_slug = (
            Statement.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if self.pk
            else None
        )
        save_with_new_token(self, super().save, *args, **kwargs)
        if previous_slug and previous_slug != self.slug:
            # The old address is part of the public contract: keep it working.
            SlugRedirect.objects.update_or_create(
                old_slug=previous_slug, defaults={"statement": self}
            )
            SlugRedirect.objects.filter(old_slug=self.slug).delete()

    @property
    def reference(self):
        if self.reference_number is None:
            return ""
        return f"{self.reference_number}/{self.reference_year}"

    def set_reference(self, reference):
        """Set the reference from its printed form ``N/YYYY`` (or clear it)."""
        if not reference:
            self.reference_number = self.reference_year = None
            return
        number, year = parse_reference(reference)
        self.reference_number, self.reference_year = number, year

    def get_absolute_url(self, language=None):
        """The statement's public address in ``language`` (its original's by
        default): /<language>/statements/<slug>/, the same slug in every
        language."""
        from django.urls import reverse
        from django.utils import translation

        with translation.override(language or self.original_language):
            return reverse("statements:detail", kwargs={"slug": self.slug})

    def title(self, language=None):
        version = self.version_in(language or self.original_language)
        return version.title if version else ""

    def version_in(self, language):
        for version in self.versions.all():
            if version.language == language:
                return version
        return None

    def all_required_languages(self):
        """The original language followed by the other required ones."""
        languages = [self.original_language]
        languages += [c for c in self.required_languages if c != self.original_language]
        return languages

    def clean(self):
        errors = anniversary_errors(
            self.kind,
            self.anniversary_year,
            # Read only when it matters: the commemoration is a query away.
            self.commemoration.date.year
            if self.commemoration_id and self.kind == StatementKind.ANNIVERSARY
            else None,
            names_commemoration=bool(self.commemoration_id),
        )
        if self.slug:
            clash = Statement.objects.filter(slug=self.slug).exclude(pk=self.pk)
            if clash.exists():
                errors["slug"] = ValidationError(
                    _("Another statement already uses the address “%(slug)s”."),
                    code="slug_taken",
                    params={"slug": self.slug},
                )
        if (self.reference_number is None) != (self.reference_year is None):
            errors["reference_number"] = ValidationError(
                _("A reference needs both a number and a year."),
                code="reference_incomplete",
            )
        elif self.reference_number is not None:
            clash = Statement.objects.filter(
                reference_number=self.reference_number,
                reference_year=self.reference_year,
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["reference_number"] = ValidationError(
                    _("The reference %(reference)s is already taken."),
                    code="reference_taken",
                    params={"reference": self.reference},
                )
        if errors:
            raise ValidationError(errors)

    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def hero_sources(self):
        """``{"webp": srcset, "jpeg": srcset, "fallback": url}`` for <picture>."""
        from django.core.files.storage import default_storage

        from statements.content.renditions import srcset

        renditions = self.hero_image_renditions or {}
        if not self.hero_image or renditions.get("source") != self.hero_image.name:
            return None
        jpegs = [f for f in renditions["files"] if f["type"] == "image/jpeg"]
        return {
            "webp": srcset(renditions, "image/webp", default_storage.url),
            "jpeg": srcset(renditions, "image/jpeg", default_storage.url),
            "fallback": default_storage.url(jpegs[len(jpegs) // 2]["name"]),
        }

    def _original_title(self):
        if self.pk:
            version = self.versions.filter(language=self.original_language).first()
            if version:
                return version.title
        return getattr(self, "_pending_original_title", "")

    def _slug_taken(self, slug):
        return Statement.objects.filter(slug=slug).exclude(pk=self.pk).exists()


class SlugRedirect(models.Model):
    """An address a statement used to have; it answers with a 301 to the new one."""

    old_slug = models.SlugField(_("old slug"), max_length=100)
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="slug_redirects"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            models.UniqueConstraint(fields=["old_slug"], name="slug_redirect_unique")
        ]

    def __str__(self):
        return self.old_slug


def parse_reference(reference):
    """``"12/2025"`` -> ``(12, 2025)``; ValueError with a readable message."""
    try:
        number_text, year_text = str(reference).split("/")
        number, year = int(number_text), int(year_text)
    except ValueError:
        raise ValueError(
            f"reference {reference!r} is not of the form number/year, e.g. 12/2025"
        ) from None
    if number < 1 or not 1900 <= year <= 9999:
        raise ValueError(f"reference {reference!r} has a number or year out of range")
    return number, year


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


class ReferenceCounter(models.Model):
    """The last reference number given in a year; locked while the next is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.last_number}/{self.year}"


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


class ContentStamp(models.Model):
    """A counter moved on after every committed change to public content.

    It travels to a read replica with the data: a replica whose counter is
    behind the primary's has not yet replayed some change, and the page cache
    then reads the primary instead (statements.public.cache). One row.
    """

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "content stamp"
        default_permissions = ()

    def __str__(self):
        return str(self.value)
