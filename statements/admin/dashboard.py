"""What the admin's front page shows each person: the work waiting for them."""

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from statements import workflow
from statements.commemorations.occurrences import upcoming
from statements.i18n.languages import language_codes
from statements.models import (
    DraftStatus,
    Statement,
    StatementKind,
    StatementVersion,
    VersionStatus,
)

LIMIT = 10


def dashboard_for(user):
    now = timezone.now()
    versions = StatementVersion.objects.select_related(
        "statement", "working_draft"
    ).only(
        "id",
        "language",
        "status",
        "title",
        "updated_at",
        "submitted_at",
        "review_comment",
        "statement__id",
        "statement__slug",
        "statement__publish_at",
        "working_draft__id",
        "working_draft__version_id",
        "working_draft__status",
        "working_draft__review_comment",
    )
    data = {"is_editor": workflow.is_editor(user)}
    if data["is_editor"]:
        # A first edition in review, or a new edition of a live text.
        first_editions = Q(status=VersionStatus.REVIEW) & ~Q(submitted_by=user)
        new_editions = Q(working_draft__status=DraftStatus.REVIEW) & ~Q(
            working_draft__submitted_by=user
        )
        data["to_review"] = list(
            versions.filter(first_editions | new_editions)
            .annotate(
                waiting_since=Coalesce("working_draft__submitted_at", "submitted_at")
            )
            .order_by("waiting_since")[:LIMIT]
        )
        data["scheduled"] = list(
            Statement.objects.filter(publish_at__gt=now)
            .prefetch_related("versions")
            .order_by("publish_at")[:LIMIT]
        )
        data["recent"] = list(
            StatementVersion.objects.published(now=now)
            .select_related("statement")
            .order_by("-published_at")[:LIMIT]
        )
    data["mine"] = list(
        versions.filter(
            (Q(submitted_by=user) | Q(author=user)) & ~Q(status=VersionStatus.PUBLISHED)
            | Q(working_draft__updated_by=user)
        ).order_by("-updated_at")[:LIMIT]
    )
    languages = workflow.translator_languages(user)
    if languages:
        data["translation_queue"] = translation_queue(languages)
    data["commemorations"] = commemoration_status()
    return data


def translation_queue(languages):
    """Per language: statements whose version is missing, in draft, sent back or
    outdated.

    Most urgent first: those scheduled soonest, then the newest.
    """
    queue = []
    statements = (
        Statement.objects.exclude(withdrawn_at__isnull=False)
        .prefetch_related("versions")
        .order_by("publish_at", "-id")[:200]
    )
    queue += withdrawal_notices(languages)
    for statement in statements:
        versions = {v.language: v for v in statement.versions.all()}
        original = versions.get(statement.original_language)
        if original is None:
            continue
        for code in languages:
            if code == statement.original_language:
                continue
            version = versions.get(code)
            if version is None:
                state = "missing"
            elif version.outdated_since:
                state = "outdated"
            elif version.status == VersionStatus.DRAFT:
                state = "changes_requested" if version.review_comment else "draft"
            else:
                continue
            queue.append(
                {
                    "statement": statement,
                    "language": code,
                    "state": state,
                    "version": version,
                    "source_title": original.title,
                }
            )
    queue.sort(
        key=lambda item: (
            item["statement"].publish_at is None,
            item["statement"].publish_at or timezone.now(),
        )
    )
    return queue[: LIMIT * 3]


def withdrawal_notices(languages):
    """A withdrawn statement whose notice is not yet written in a language
    it is published in: the translator of that language writes it."""
    items = []
    withdrawn = (
        Statement.objects.filter(withdrawn_at__isnull=False)
        .prefetch_related("versions")
        .order_by("-withdrawn_at")[:50]
    )
    for statement in withdrawn:
        reasons = statement.withdrawal_reason or {}
        versions = {v.language: v for v in statement.versions.all()}
        original = versions.get(statement.original_language)
        for code in languages:
            version = versions.get(code)
            if (
                version is None
                or version.status != VersionStatus.PUBLISHED
                or (reasons.get(code) or "").strip()
            ):
                continue
            items.append(
                {
                    "statement": statement,
                    "language": code,
                    "state": "withdrawal",
                    "version": version,
                    "source_title": (original or version).title,
                }
            )
    return items


def commemoration_status(days=60):
    """Commemorations in the next ``days``: does this year's statement exist,
    and in what state is each language?"""
    occurrences = upcoming(days=days)
    if not occurrences:
        return []
    statements = {
        (s.commemoration_id, s.anniversary_year): s
        for s in Statement.objects.filter(
            kind=StatementKind.ANNIVERSARY,
            commemoration__in=[o.commemoration for o in occurrences],
        ).prefetch_related("versions")
    }
    rows = []
    for occurrence in occurrences:
        statement = statements.get((occurrence.commemoration.pk, occurrence.date.year))
        states = []
        if statement is not None:
            versions = {v.language: v for v in statement.versions.all()}
            for code in language_codes():
                version = versions.get(code)
                states.append((code, version.get_status_display() if version else None))
        rows.append(
            {"occurrence": occurrence, "statement": statement, "states": states}
        )
    return rows
