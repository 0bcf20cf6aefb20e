"""Statements, the release rule (when a statement becomes public) and the
slugs a statement answered to before.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from statements.content.uploads import hero_image_path
from statements.i18n.languages import language_codes
from statements.i18n.slugs import unique_slug
from statements.models.base import (
    language_check,
    language_field,
    save_with_new_token,
    staff_member,
)
from statements.models.commemorations import Commemoration
from statements.models.fields import (
    LanguageListField,
    TranslatedTextField,
)
from statements.models.names import Person, Topic


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


def _published_version(language):
    from statements.models.versions import StatementVersion, VersionStatus

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
    from statements.models.versions import StatementVersion, VersionStatus

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
