"""What each workflow step does to the rows, under their locks, with its
audit entry. Run only through ``perform()`` (transitions.py).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from statements.i18n.languages import language_name
from statements.models import (
    AuditAction,
    AuditEntry,
    ChangeKind,
    Correction,
    DraftStatus,
    Statement,
    StatementVersion,
    VersionStatus,
    WorkingDraft,
)
from statements.public.cache import content_changed
from statements.workflow.permissions import WorkflowError
from statements.workflow.references import take_reference_number
from statements.workflow.states import (
    _named,
    _release_message,
    local_moment,
    missing_languages,
    working_item,
)


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


def _locked_statement(statement, expected_lock_version=None):
    current = (
        Statement.objects.select_for_update(of=("self",))
        .order_by()
        .get(pk=statement.pk)
    )
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


def _locked_version(version, expected_lock_version=None):
    # The statement's row first, then the version's alone: the order every
    # version save takes them in (models.lock_statement_row), so two writers
    # can wait for each other but never deadlock.
    statement = (
        Statement.objects.select_for_update(of=("self",))
        .order_by()
        .get(pk=version.statement_id)
    )
    current = (
        StatementVersion.objects.select_for_update(of=("self",))
        .order_by()
        .get(pk=version.pk)
    )
    current.statement = statement
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
    version.save(update_fields=[*fields, "updated_by", "lock_version", "updated_at"])


def _bump(version):
    """A change to the version's draft moves the version's edit token on too,
    so that every form open on that language sees it."""
    StatementVersion.objects.filter(pk=version.pk).update(
        lock_version=version.lock_version + 1
    )
    version.lock_version += 1


def _save_statement(statement, user, fields):
    # A real save (not an UPDATE), so that the change is a revision in the
    # history like any other and the page cache hears of it.
    statement.updated_by = user
    statement.save(update_fields=[*fields, "updated_by", "lock_version", "updated_at"])


def _own_work(item, user):
    """Whether approving ``item`` would be approving one's own work: its last
    editor or the one who submitted it."""
    editor_id = (
        item.updated_by_id if isinstance(item, WorkingDraft) else item.edited_by_id
    )
    return user.pk in {item.submitted_by_id, editor_id}


def _submit(version, user, **params):
    item = working_item(version)
    if item is None or item.status != DraftStatus.DRAFT:
        raise WorkflowError(_("Only a draft can be submitted for review."))
    if isinstance(item, StatementVersion) and not item.source_text:
        # A translation remembers what its source said when it was done.
        from statements.translating.tracking import bring_up_to_date

        bring_up_to_date(item)
    item.status = DraftStatus.REVIEW
    item.submitted_by = user
    item.submitted_at = timezone.now()
    item.review_comment = ""
    _save_item(item, user, ["status", "submitted_by", "submitted_at", "review_comment"])
    return _("%(language)s version submitted for review.") % _named(version)


def _withdraw_submission(version, user, **params):
    item = working_item(version)
    if item is None or item.status != DraftStatus.REVIEW:
        raise WorkflowError(_("Only a submission in review can be taken back."))
    item.status = DraftStatus.DRAFT
    _save_item(item, user, ["status"])
    return _("%(language)s: taken back from review; it is a draft again.") % _named(
        version
    )


def _request_changes(version, user, comment="", **params):
    comment = (comment or "").strip()
    if not comment:
        raise WorkflowError(_("Say what should change, so the author knows."))
    item = working_item(version)
    if item is None or item.status != DraftStatus.REVIEW:
        raise WorkflowError(_("Only a version in review can be sent back."))
    item.status = DraftStatus.DRAFT
    item.review_comment = comment
    _save_item(item, user, ["status", "review_comment"])
    return _("%(language)s version sent back to its author.") % _named(version)


def _save_item(item, user, fields):
    if isinstance(item, WorkingDraft):
        item.save(update_fields=[*fields, "updated_at"])
        _bump(item.version)
    else:
        _save_state(item, user, fields)


def _approve(version, user, publish_anyway=False, reason="", **params):
    item = working_item(version)
    if item is None:
        raise WorkflowError(_("There is nothing waiting for approval."))
    if item.status == DraftStatus.DRAFT and not publish_anyway:
        raise WorkflowError(_("Submit the version for review before approving it."))
    own_work = _own_work(item, user)
    if own_work and not publish_anyway:
        raise WorkflowError(
            _(
                "You wrote or submitted this yourself. Ask another editor to "
                "approve it, or choose “Publish anyway” and say why."
            )
        )
    reason = (reason or "").strip()
    if publish_anyway and not reason:
        raise WorkflowError(_("Say why you publish this without another review."))
    if isinstance(item, WorkingDraft):
        _approve_draft(version, item, user, own_work or publish_anyway, reason)
    else:
        _approve_first_edition(version, user, own_work or publish_anyway, reason)
    return _release_message(version)


def _approve_first_edition(version, user, self_approved, reason):
    statement = version.statement
    version.status = VersionStatus.PUBLISHED
    try:
        version.clean()
    except ValidationError as error:
        raise WorkflowError(" ".join(error.messages)) from None
    now = timezone.now()
    version.published_at = now
    version.approved_by = user
    version.self_approved = self_approved
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
        # Unscheduled means "at once" (the panel says so before approval).
        statement.publish_at = now
        _save_statement(statement, user, ["publish_at"])
    record(
        user,
        AuditAction.SELF_APPROVED if self_approved else AuditAction.APPROVED,
        statement,
        version.language,
        reason,
    )
    give_reference_if_ready(statement, user)


def _approve_draft(version, draft, user, self_approved, reason):
    """The draft becomes the live edition: its text, and with a substantive
    change a dated correction note and outdated marks on the translations."""
    from statements.translating.tracking import source_changed

    statement = version.statement
    if (
        version.language == statement.original_language
        and not draft.change_kind
        and draft.plain_text() != version.plain_text()
    ):
        raise WorkflowError(
            _("Say whether the change is minor or substantive before approving it.")
        )
    substantive = draft.change_kind == ChangeKind.SUBSTANTIVE
    if substantive and not draft.correction_note.strip():
        raise WorkflowError(
            _("A substantive change needs a correction note for readers.")
        )
    version.title = draft.title
    version.summary = draft.summary
    version.body = draft.body
    version.approved_by = user
    version.self_approved = self_approved
    now = timezone.now()
    version.published_at = now
    fields = ["title", "summary", "body", "search_document", "approved_by"]
    fields += ["self_approved", "published_at"]
    if substantive:
        version.last_substantive_change_at = now
        fields.append("last_substantive_change_at")
    if draft.source_text:
        version.source_text = draft.source_text
        version.outdated_since = None
        fields += ["source_text", "outdated_since"]
    _save_state(version, user, fields)
    if substantive:
        Correction.objects.create(version=version, at=now, note=draft.correction_note)
        record(
            user,
            AuditAction.CORRECTED,
            statement,
            version.language,
            draft.correction_note,
        )
    source_changed(version, substantive=substantive, now=now)
    if draft.language_fields:
        from statements.translating.language_fields import store

        store(version, draft.language_fields, user)
    draft.delete()
    record(
        user,
        AuditAction.SELF_APPROVED if self_approved else AuditAction.APPROVED,
        statement,
        version.language,
        reason or _("a new edition of the live text"),
    )


def _publish_anyway(version, user, **params):
    return _approve(version, user, publish_anyway=True, **params)


def _discard(version, user, **params):
    item = working_item(version)
    if not isinstance(item, WorkingDraft):
        raise WorkflowError(_("There is no draft of the live text to discard."))
    item.delete()
    _bump(version)
    return _("%(language)s: the draft was discarded; readers keep the live text.") % (
        _named(version)
    )


def _schedule(statement, user, publish_at=None, **params):
    if publish_at is None:
        raise WorkflowError(_("Choose the date and time of publication."))
    statement.publish_at = publish_at
    _save_statement(statement, user, ["publish_at"])
    give_reference_if_ready(statement, user)
    return _("Scheduled: %(when)s.") % {"when": local_moment(publish_at)}


def _unschedule(statement, user, **params):
    statement.publish_at = None
    _save_statement(statement, user, ["publish_at"])
    return _("The schedule is cancelled: the statement is not public and has no date.")


def _publish_now(statement, user, **params):
    statement.publish_at = timezone.now()
    _save_statement(statement, user, ["publish_at"])
    give_reference_if_ready(statement, user)
    statement.refresh_from_db()
    if statement.released_at is None:
        return _("It will be public as soon as these are approved: %(languages)s.") % {
            "languages": ", ".join(map(language_name, missing_languages(statement)))
        }
    return _("Published, reference %(reference)s.") % {"reference": statement.reference}


def _withdraw(statement, user, reasons=None, **params):
    reasons = {code: (text or "").strip() for code, text in (reasons or {}).items()}
    reasons = {code: text for code, text in reasons.items() if text}
    if not reasons:
        raise WorkflowError(
            _(
                "Give the reason in at least one language; the translators are "
                "asked for the others."
            )
        )
    statement.withdrawn_at = timezone.now()
    statement.withdrawal_reason = reasons
    _save_statement(statement, user, ["withdrawn_at", "withdrawal_reason"])
    return _("Withdrawn. The page stays up with the notice.")


def _reinstate(statement, user, **params):
    statement.withdrawn_at = None
    statement.withdrawal_reason = {}
    _save_statement(statement, user, ["withdrawn_at", "withdrawal_reason"])
    return _("Reinstated: the withdrawal notice is gone.")


def give_reference_if_ready(statement, user=None):
    """Give the next ``N/YYYY`` once the statement has all it needs to go out.

    A number once given stays with its statement for good: nothing here or
    elsewhere clears or changes it (history restores only text; see
    restore_revision). statements.workflow.references takes it under a lock on the
    year's counter.
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
        content_changed(statement.pk)
        record(user, AuditAction.REFERENCE_GIVEN, statement, detail=statement.reference)
    return statement.reference
