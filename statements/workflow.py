"""The editorial workflow: who may move a statement or a version, and how.

Every rule is checked here on the server, so the admin's buttons, changelist
actions and any hand-made POST all meet the same checks. Each action runs in
one transaction with the rows it changes locked, so a double click or two
editors at once cannot publish twice or take two reference numbers.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from statements.cache import content_changed
from statements.languages import language_codes
from statements.models import (
    AuditAction,
    AuditEntry,
    Statement,
    StatementVersion,
    VersionStatus,
    lock_statement_row,
)
from statements.references import take_reference_number
from statements.roles import ADMINISTRATOR, AUTHOR, EDITOR, TRANSLATOR


class WorkflowError(Exception):
    """An action that cannot be taken now; the message says why, for a person."""


def is_editor(user):
    return user.is_active and (
        user.is_superuser or user.has_perm("statements.publish_statementversion")
    )


def role_names(user):
    """The user's role groups, read once per user object (i.e. per request)."""
    if not hasattr(user, "_role_names"):
        user._role_names = set(user.groups.values_list("name", flat=True))
    return user._role_names


def is_translator_only(user):
    """A translator who holds no editorial or authoring role besides."""
    if user.is_superuser:
        return False
    names = role_names(user)
    return TRANSLATOR in names and not names & {EDITOR, ADMINISTRATOR, AUTHOR}


def translator_languages(user):
    profile = getattr(user, "profile", None)
    return list(profile.languages) if profile else []


def may_edit_version(user, version):
    """Whether ``user`` may change this version's text (not its state)."""
    if not user.is_active or not user.is_staff:
        return False
    if is_editor(user):
        return True
    if is_translator_only(user):
        # Translators keep their languages current, published ones included
        # (a substantive change then carries a correction note); never the
        # source text, never a language not theirs.
        return (
            version.language in translator_languages(user)
            and version.language != version.statement.original_language
        )
    if version.pk and version.status != VersionStatus.DRAFT:
        return False
    return user.has_perm("statements.change_statementversion")


def may_edit_statement(user, statement):
    """Whether ``user`` may change the statement's shared fields."""
    if not user.is_active or not user.is_staff:
        return False
    if is_editor(user):
        return True
    if is_translator_only(user):
        return False
    if statement.pk and statement.versions.exclude(status=VersionStatus.DRAFT).exists():
        return False
    return user.has_perm("statements.change_statement")


def record(user, action, statement=None, language="", detail="", address=None):
    return AuditEntry.objects.create(
        user=user if user and user.is_authenticated else None,
        username=getattr(user, "username", "") or "",
        action=action,
        statement=statement,
        language=language,
        detail=detail,
        address=address,
    )


def _locked_version(version, expected_lock_version):
    # The statement's row first, then the version's alone: the order every
    # version save takes them in (models.lock_statement_row).
    lock_statement_row(version.statement_id)
    current = (
        StatementVersion.objects.select_for_update(of=("self",))
        .select_related("statement")
        .get(pk=version.pk)
    )
    if (
        expected_lock_version is not None
        and current.lock_version != expected_lock_version
    ):
        raise WorkflowError(
            _(
                "This version was changed after you opened it. Reload the page, "
                "check the changes and try again."
            )
        )
    return current


def _save_state(version, user, fields):
    version.updated_by = user
    version.lock_version += 1
    version.save(update_fields=[*fields, "updated_by", "lock_version", "updated_at"])


def submit(version, user, expected_lock_version=None):
    """Draft -> in review, by whoever may edit the version."""
    with transaction.atomic():
        version = _locked_version(version, expected_lock_version)
        if not may_edit_version(user, version) and not is_editor(user):
            raise PermissionDenied
        if version.status != VersionStatus.DRAFT:
            raise WorkflowError(_("Only a draft can be submitted for review."))
        if not version.source_text:
            # A translation remembers what its source said when it was done.
            from statements.translation import bring_up_to_date

            bring_up_to_date(version)
        version.status = VersionStatus.REVIEW
        version.submitted_by = user
        version.submitted_at = timezone.now()
        version.review_comment = ""
        _save_state(
            version, user, ["status", "submitted_by", "submitted_at", "review_comment"]
        )
        record(user, AuditAction.SUBMITTED, version.statement, version.language)
    return version


def request_changes(version, user, comment, expected_lock_version=None):
    """In review -> draft with the reviewer's comment; editors only."""
    if not is_editor(user):
        raise PermissionDenied
    comment = (comment or "").strip()
    if not comment:
        raise WorkflowError(_("Say what should change, so the author knows."))
    with transaction.atomic():
        version = _locked_version(version, expected_lock_version)
        if version.status != VersionStatus.REVIEW:
            raise WorkflowError(_("Only a version in review can be sent back."))
        version.status = VersionStatus.DRAFT
        version.review_comment = comment
        _save_state(version, user, ["status", "review_comment"])
        record(
            user,
            AuditAction.CHANGES_REQUESTED,
            version.statement,
            version.language,
            comment,
        )
    return version


def approve(version, user, publish_anyway=False, expected_lock_version=None):
    """In review -> published; the statement goes out when all it needs is ready.

    An editor may not approve what they submitted unless they say so
    (``publish_anyway``), and that is recorded. An unscheduled statement is
    published now.
    """
    if not is_editor(user):
        raise PermissionDenied
    with transaction.atomic():
        version = _locked_version(version, expected_lock_version)
        statement = Statement.objects.select_for_update().get(pk=version.statement_id)
        if version.status == VersionStatus.PUBLISHED:
            raise WorkflowError(_("This version is already published."))
        own_work = version.submitted_by_id == user.pk or (
            version.status == VersionStatus.DRAFT and version.author_id == user.pk
        )
        if own_work and not publish_anyway:
            raise WorkflowError(
                _(
                    "You submitted this version yourself. Ask another editor to "
                    "approve it, or choose “Publish anyway”."
                )
            )
        if version.status == VersionStatus.DRAFT and not publish_anyway:
            raise WorkflowError(_("Submit the version for review before approving it."))
        version.statement = statement
        version.status = VersionStatus.PUBLISHED
        try:
            version.clean()
        except ValidationError as error:
            raise WorkflowError(" ".join(error.messages)) from None
        now = timezone.now()
        version.published_at = now
        version.approved_by = user
        version.self_approved = own_work
        if version.last_substantive_change_at is None:
            version.last_substantive_change_at = now
        _save_state(
            version,
            user,
            [
                "status",
                "published_at",
                "approved_by",
                "self_approved",
                "last_substantive_change_at",
            ],
        )
        if statement.publish_at is None:
            statement.publish_at = now
            statement.updated_by = user
            statement.save(update_fields=["publish_at", "updated_by", "updated_at"])
        record(
            user,
            AuditAction.SELF_APPROVED if own_work else AuditAction.APPROVED,
            statement,
            version.language,
        )
        give_reference_if_ready(statement, user)
    return version


def missing_languages(statement):
    """Languages that must still be approved before the statement can go out."""
    published = set(
        statement.versions.filter(status=VersionStatus.PUBLISHED).values_list(
            "language", flat=True
        )
    )
    return [
        code for code in statement.all_required_languages() if code not in published
    ]


def give_reference_if_ready(statement, user=None):
    """Give the next ``N/YYYY`` once the statement has all it needs to go out.

    statements.references takes the number under a lock on the year's counter.
    """
    if statement.reference_number is not None or statement.publish_at is None:
        return None
    if missing_languages(statement):
        return None
    year = timezone.localtime(statement.publish_at).year
    with transaction.atomic():
        number = take_reference_number(year)
        statement.reference_number, statement.reference_year = number, year
        Statement.objects.filter(pk=statement.pk).update(
            reference_number=number, reference_year=year
        )
        content_changed()
        record(user, AuditAction.REFERENCE_GIVEN, statement, detail=statement.reference)
    return statement.reference


def schedule(statement, user, when, expected_lock_version=None):
    """Set when the statement is issued; it appears then with no further step."""
    if not user.has_perm("statements.schedule_statement"):
        raise PermissionDenied
    if when is None:
        raise WorkflowError(_("Choose the date and time of publication."))
    with transaction.atomic():
        statement = _locked_statement(statement, expected_lock_version)
        statement.publish_at = when
        _save_statement(statement, user, ["publish_at"])
        record(
            user,
            AuditAction.SCHEDULED,
            statement,
            detail=timezone.localtime(when).isoformat(),
        )
        give_reference_if_ready(statement, user)
    return statement


def publish_now(statement, user, expected_lock_version=None):
    if not user.has_perm("statements.schedule_statement"):
        raise PermissionDenied
    with transaction.atomic():
        statement = _locked_statement(statement, expected_lock_version)
        statement.publish_at = timezone.now()
        _save_statement(statement, user, ["publish_at"])
        record(user, AuditAction.PUBLISHED_NOW, statement)
        give_reference_if_ready(statement, user)
    return statement


def withdraw(statement, user, reasons, expected_lock_version=None):
    """Keep the page up with a dated notice; a reason is needed in each language
    the statement is published in."""
    if not user.has_perm("statements.withdraw_statement"):
        raise PermissionDenied
    reasons = {code: (text or "").strip() for code, text in (reasons or {}).items()}
    reasons = {code: text for code, text in reasons.items() if text}
    with transaction.atomic():
        statement = _locked_statement(statement, expected_lock_version)
        if statement.withdrawn_at is not None:
            raise WorkflowError(_("This statement is already withdrawn."))
        if not Statement.objects.published().filter(pk=statement.pk).exists():
            raise WorkflowError(
                _(
                    "Only a public statement can be withdrawn; one that is not out "
                    "yet can simply stay unpublished."
                )
            )
        published = statement.versions.filter(
            status=VersionStatus.PUBLISHED
        ).values_list("language", flat=True)
        missing = [
            code
            for code in language_codes()
            if code in published and code not in reasons
        ]
        if missing:
            raise WorkflowError(
                _("Give the reason in each published language: %(languages)s.")
                % {"languages": ", ".join(missing)}
            )
        statement.withdrawn_at = timezone.now()
        statement.withdrawal_reason = reasons
        _save_statement(statement, user, ["withdrawn_at", "withdrawal_reason"])
        record(user, AuditAction.WITHDRAWN, statement, detail=reasons.get("en", ""))
    return statement


def reinstate(statement, user, expected_lock_version=None):
    if not user.has_perm("statements.withdraw_statement"):
        raise PermissionDenied
    with transaction.atomic():
        statement = _locked_statement(statement, expected_lock_version)
        if statement.withdrawn_at is None:
            raise WorkflowError(_("This statement is not withdrawn."))
        statement.withdrawn_at = None
        statement.withdrawal_reason = {}
        _save_statement(statement, user, ["withdrawn_at", "withdrawal_reason"])
        record(user, AuditAction.REINSTATED, statement)
    return statement


def _locked_statement(statement, expected_lock_version):
    current = Statement.objects.select_for_update().get(pk=statement.pk)
    if (
        expected_lock_version is not None
        and current.lock_version != expected_lock_version
    ):
        raise WorkflowError(
            _(
                "This statement was changed after you opened it. Reload the page, "
                "check the changes and try again."
            )
        )
    return current


def _save_statement(statement, user, fields):
    # A real save (not an UPDATE), so that the change is a revision in the
    # history like any other and the page cache hears of it.
    statement.updated_by = user
    statement.save(update_fields=[*fields, "updated_by", "lock_version", "updated_at"])
