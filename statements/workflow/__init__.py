"""The editorial workflow: every change of state, in one table.

``TRANSITIONS`` lists each move a language version, its working draft or a
statement can make: from which states, to which, who may, what the audit log
records and whether it asks for confirmation. The admin's buttons, its
changelist actions, the dashboard and the permission checks all read that
table, and ``perform()`` is the only way to run one. Nothing else writes a
version's state, a live text, a release time, a reference number or a
withdrawal.

What readers see is a version's own text while it is published (the *live
edition*). Editing it afterwards writes a WorkingDraft; readers keep the live
text until that draft is approved by someone other than its last editor (or
an editor's "publish anyway", with a reason, which is recorded).

Each action runs in one transaction with the rows it changes locked (the
statement first, then the version), so a double click or two editors at once
cannot publish twice or take two reference numbers.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import ADMINISTRATOR, AUTHOR, EDITOR, TRANSLATOR
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
from statements.workflow.references import take_reference_number


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
        # (their edits of a live text are a working draft, reviewed like any
        # other); never the source text, never a language not theirs.
        return (
            version.language in translator_languages(user)
            and version.language != version.statement.original_language
        )
    if version.pk and version.status == VersionStatus.REVIEW:
        # In review it waits for the reviewer; a published one is edited as a
        # working draft, which changes nothing readers see.
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


def may_see_language(user, statement, language):
    """Whether ``user`` may read unpublished text of ``statement`` in ``language``
    (previews, history, comparisons): the same rule as its edit page."""
    if not user.is_active or not user.is_staff:
        return False
    if is_editor(user):
        return True
    if is_translator_only(user):
        languages = translator_languages(user)
        # A translator reads the original they translate from, and their own.
        return language in languages or bool(
            languages and language == statement.original_language
        )
    return user.has_perm("statements.view_statement")


def visible_versions_q(user):
    """The versions whose unpublished text ``user`` may read, as a filter
    (None: all). The same rule as may_see_language, for querysets."""
    if is_editor(user) or not is_translator_only(user):
        return None
    languages = translator_languages(user)
    if not languages:
        return Q(pk__in=[])
    return Q(language__in=languages) | Q(language=F("statement__original_language"))


def may_review(user):
    return is_editor(user)


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


def working_item(version):
    """What is being worked on in this language: the version itself until it
    is first published, then its working draft (None if there is none)."""
    if version is None:
        return None
    if version.status != VersionStatus.PUBLISHED:
        return version
    try:
        return version.working_draft
    except WorkingDraft.DoesNotExist:
        return None


def _own_work(item, user):
    """Whether approving ``item`` would be approving one's own work: its last
    editor or the one who submitted it."""
    editor_id = (
        item.updated_by_id if isinstance(item, WorkingDraft) else item.edited_by_id
    )
    return user.pk in {item.submitted_by_id, editor_id}


# --- what each transition does ---------------------------------------------


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


# --- the table ---------------------------------------------------------------

NOT_PUBLIC = "not_public"
SCHEDULED = "scheduled"
PUBLIC = "public"
WITHDRAWN = "withdrawn"


def statement_state(statement, now=None):
    """One of NOT_PUBLIC, SCHEDULED (approved, time not yet come), PUBLIC and
    WITHDRAWN, from the stored release state."""
    now = now or timezone.now()
    if statement.withdrawn_at is not None:
        return WITHDRAWN
    if statement.released_at is not None:
        return PUBLIC if statement.released_at <= now else SCHEDULED
    return NOT_PUBLIC


def language_state(version):
    """The working item's state in this language: draft or review (of a first
    edition, or of a new edition of a live text), or None."""
    item = working_item(version)
    return item.status if item is not None else None


def _is_editor(user, subject):
    return is_editor(user)


def _may_work_on(user, version):
    return may_edit_version(user, version) or is_editor(user)


def _may_take_back(user, version):
    item = working_item(version)
    submitted_by = getattr(item, "submitted_by_id", None)
    return _may_work_on(user, version) or (user.is_active and submitted_by == user.pk)


def _may_schedule(user, statement):
    return user.is_active and user.has_perm("statements.schedule_statement")


def _may_withdraw(user, statement):
    return user.is_active and user.has_perm("statements.withdraw_statement")


def _has_draft(version):
    return isinstance(working_item(version), WorkingDraft)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    subject: str  # "language" (a version or its working draft) or "statement"
    sources: frozenset
    target: str
    allowed: Callable
    audit: str
    run: Callable
    confirm: bool = False
    needs: tuple = field(default_factory=tuple)
    applies: Callable = None  # extra condition on the subject
    refusal: str = ""  # why not, when the subject is not in a state it leaves

    def is_open(self, subject, now=None):
        state = (
            language_state(subject)
            if self.subject == "language"
            else statement_state(subject, now)
        )
        if state not in self.sources:
            return False
        return self.applies is None or self.applies(subject)


DRAFT, REVIEW = DraftStatus.DRAFT.value, DraftStatus.REVIEW.value

TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            gettext_lazy("Submit for review"),
            "language",
            frozenset({DRAFT}),
            REVIEW,
            _may_work_on,
            AuditAction.SUBMITTED,
            _submit,
            refusal=gettext_lazy("Only a draft can be submitted for review."),
        ),
        Transition(
            "withdraw_submission",
            gettext_lazy("Take back from review"),
            "language",
            frozenset({REVIEW}),
            DRAFT,
            _may_take_back,
            AuditAction.SUBMISSION_WITHDRAWN,
            _withdraw_submission,
            refusal=gettext_lazy("Only a submission in review can be taken back."),
        ),
        Transition(
            "request_changes",
            gettext_lazy("Request changes"),
            "language",
            frozenset({REVIEW}),
            DRAFT,
            _is_editor,
            AuditAction.CHANGES_REQUESTED,
            _request_changes,
            needs=("comment",),
            refusal=gettext_lazy("Only a version in review can be sent back."),
        ),
        Transition(
            "approve",
            gettext_lazy("Approve"),
            "language",
            frozenset({REVIEW}),
            "published",
            _is_editor,
            AuditAction.APPROVED,
            _approve,
            confirm=True,
            refusal=gettext_lazy(
                "Only a version in review can be approved; this one is a draft or "
                "already published."
            ),
        ),
        Transition(
            "publish_anyway",
            gettext_lazy("Publish anyway"),
            "language",
            frozenset({DRAFT, REVIEW}),
            "published",
            _is_editor,
            AuditAction.SELF_APPROVED,
            _publish_anyway,
            confirm=True,
            needs=("reason",),
            refusal=gettext_lazy(
                "There is no draft to publish; this version is already published."
            ),
        ),
        Transition(
            "discard",
            gettext_lazy("Discard the draft"),
            "language",
            frozenset({DRAFT, REVIEW}),
            "published",
            _may_work_on,
            AuditAction.DRAFT_DISCARDED,
            _discard,
            confirm=True,
            applies=_has_draft,
            refusal=gettext_lazy("There is no draft of the live text to discard."),
        ),
        Transition(
            "schedule",
            gettext_lazy("Schedule"),
            "statement",
            frozenset({NOT_PUBLIC, SCHEDULED}),
            SCHEDULED,
            _may_schedule,
            AuditAction.SCHEDULED,
            _schedule,
            needs=("publish_at",),
            refusal=gettext_lazy(
                "A public statement keeps its date; withdraw it if it must not stand."
            ),
        ),
        Transition(
            "unschedule",
            gettext_lazy("Cancel the schedule"),
            "statement",
            frozenset({NOT_PUBLIC, SCHEDULED}),
            NOT_PUBLIC,
            _may_schedule,
            AuditAction.UNSCHEDULED,
            _unschedule,
            applies=lambda statement: statement.publish_at is not None,
            refusal=gettext_lazy(
                "Only a statement that is not public yet can be unscheduled."
            ),
        ),
        Transition(
            "publish_now",
            gettext_lazy("Publish now"),
            "statement",
            frozenset({NOT_PUBLIC, SCHEDULED}),
            PUBLIC,
            _may_schedule,
            AuditAction.PUBLISHED_NOW,
            _publish_now,
            confirm=True,
            refusal=gettext_lazy("This statement is already public."),
        ),
        Transition(
            "withdraw",
            gettext_lazy("Withdraw"),
            "statement",
            frozenset({PUBLIC}),
            WITHDRAWN,
            _may_withdraw,
            AuditAction.WITHDRAWN,
            _withdraw,
            confirm=True,
            needs=("reasons",),
            refusal=gettext_lazy(
                "Only a public statement can be withdrawn; one that is not out yet "
                "can simply stay unpublished."
            ),
        ),
        Transition(
            "reinstate",
            gettext_lazy("Reinstate"),
            "statement",
            frozenset({WITHDRAWN}),
            PUBLIC,
            _may_withdraw,
            AuditAction.REINSTATED,
            _reinstate,
            confirm=True,
            refusal=gettext_lazy("This statement is not withdrawn."),
        ),
    ]
}


def available(user, subject, subject_kind, now=None):
    """The transitions ``user`` may take on ``subject`` now, in table order."""
    return [
        transition
        for transition in TRANSITIONS.values()
        if transition.subject == subject_kind
        and transition.is_open(subject, now)
        and transition.allowed(user, subject)
    ]


def perform(name, subject, user, expected_lock_version=None, **params):
    """Run transition ``name`` on ``subject`` (a StatementVersion or a
    Statement) for ``user``; returns the message for the person.

    Raises PermissionDenied when the table does not allow ``user`` and
    WorkflowError when the subject is not in a state the move leaves.
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise WorkflowError(_("Unknown action."))
    if not user.is_active or not user.is_staff:
        raise PermissionDenied
    with transaction.atomic():
        if transition.subject == "language":
            subject = _locked_version(subject, expected_lock_version)
        else:
            subject = _locked_statement(subject, expected_lock_version)
        if not transition.allowed(user, subject):
            raise PermissionDenied
        if not transition.is_open(subject):
            raise WorkflowError(
                str(transition.refusal)
                or _("“%(action)s” is not possible in the present state.")
                % {"action": transition.label}
            )
        message = transition.run(subject, user, **params)
        if transition.name not in {"approve", "publish_anyway"}:
            statement = subject if transition.subject == "statement" else None
            language = ""
            if statement is None:
                statement, language = subject.statement, subject.language
            detail = params.get("comment") or params.get("reason") or ""
            if transition.name == "schedule":
                detail = timezone.localtime(params["publish_at"]).isoformat()
            if transition.name == "withdraw":
                detail = (params.get("reasons") or {}).get("en", "")
            record(user, transition.audit, statement, language, detail)
    return message


# --- the old entry points, kept for the importer, tests and admin actions ---


def submit(version, user, expected_lock_version=None):
    perform("submit", version, user, expected_lock_version)
    return StatementVersion.objects.get(pk=version.pk)


def request_changes(version, user, comment, expected_lock_version=None):
    perform("request_changes", version, user, expected_lock_version, comment=comment)
    return StatementVersion.objects.get(pk=version.pk)


def approve(version, user, publish_anyway=False, expected_lock_version=None, reason=""):
    if publish_anyway:
        perform(
            "publish_anyway",
            version,
            user,
            expected_lock_version,
            reason=reason,
        )
    else:
        perform("approve", version, user, expected_lock_version)
    return StatementVersion.objects.get(pk=version.pk)


def schedule(statement, user, when, expected_lock_version=None):
    perform("schedule", statement, user, expected_lock_version, publish_at=when)
    return Statement.objects.get(pk=statement.pk)


def publish_now(statement, user, expected_lock_version=None):
    perform("publish_now", statement, user, expected_lock_version)
    return Statement.objects.get(pk=statement.pk)


def withdraw(statement, user, reasons, expected_lock_version=None):
    if statement_state(Statement.objects.get(pk=statement.pk)) == WITHDRAWN:
        raise WorkflowError(_("This statement is already withdrawn."))
    perform("withdraw", statement, user, expected_lock_version, reasons=reasons)
    return Statement.objects.get(pk=statement.pk)


def reinstate(statement, user, expected_lock_version=None):
    perform("reinstate", statement, user, expected_lock_version)
    return Statement.objects.get(pk=statement.pk)


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


# --- editing a live text, and restoring history ------------------------------


def save_draft(version, user, values, expected_lock_version=None):
    """Write ``values`` (title, summary, body, change_kind, correction_note) as
    the working draft of published ``version``; readers keep the live text."""
    if version.status != VersionStatus.PUBLISHED:
        raise WorkflowError(_("Only a published version has a working draft."))
    with transaction.atomic():
        version = _locked_version(version, expected_lock_version)
        if not may_edit_version(user, version):
            raise PermissionDenied
        draft = working_item(version)
        started = draft is None
        if started:
            draft = WorkingDraft(version=version, created_by=user)
        text_changed = any(
            name in values and (values[name] or "") != getattr(draft, name)
            for name in ("title", "summary", "body", "change_kind", "correction_note")
        )
        for name in (
            "title",
            "summary",
            "body",
            "change_kind",
            "correction_note",
            "source_text",
        ):
            if name in values:
                setattr(draft, name, values[name] or "")
        if "restored_from" in values:
            draft.restored_from = values["restored_from"]
        if "language_fields" in values:
            fields = {**draft.language_fields, **values["language_fields"]}
            text_changed = text_changed or fields != draft.language_fields
            draft.language_fields = fields
        if draft.status == DraftStatus.REVIEW and text_changed:
            # Changed after submission: it is reviewed again as it now is.
            draft.status = DraftStatus.DRAFT
        draft.updated_by = user
        draft.save()
        _bump(version)
        if started:
            record(user, AuditAction.DRAFT_STARTED, version.statement, version.language)
    return draft


def mark_draft_up_to_date(version, user):
    """The translator's word that the translation matches its source now, kept
    in the working draft (started from the live text if there is none) and
    taken over by the live version when the draft is approved."""
    from statements.translating.tracking import source_of

    source = source_of(version)
    if source is None:
        return None
    with transaction.atomic():
        current = _locked_version(version)
        draft = working_item(current)
        values = {"source_text": source.plain_text()}
        if draft is None:
            values.update(
                {name: getattr(current, name) for name in ("title", "summary", "body")}
            )
            values["change_kind"] = ChangeKind.MINOR
        return save_draft(current, user, values)


def restore_revision(version, old, user):
    """Take the text of ``old`` (a django-reversion Version of ``version``) as
    a new draft of that one language. Never touches a state, a date, a
    reference number, a withdrawal or another language."""
    fields = old.field_dict
    values = {name: fields.get(name, "") for name in ("title", "summary", "body")}
    label = old.revision.date_created.isoformat()
    with transaction.atomic():
        current = _locked_version(version)
        if not may_edit_version(user, current):
            raise PermissionDenied
        if current.status == VersionStatus.PUBLISHED:
            save_draft(
                current,
                user,
                {**values, "change_kind": "", "restored_from": label},
            )
        else:
            for name, value in values.items():
                setattr(current, name, value)
            current.edited_by = user
            current.updated_by = user
            if current.status == VersionStatus.REVIEW:
                current.status = VersionStatus.DRAFT
            current.save(
                update_fields=[
                    "title",
                    "summary",
                    "body",
                    "search_document",
                    "status",
                    "edited_by",
                    "updated_by",
                    "lock_version",
                    "updated_at",
                ]
            )
        record(
            user,
            AuditAction.RESTORED,
            current.statement,
            current.language,
            label,
        )
    return current


# --- words for people ---------------------------------------------------------


# The office's own zone in words that read well in each language; another
# zone falls back to its name.
ZONE_PHRASES = {"Asia/Baku": gettext_lazy("%(when)s, Baku time")}
ZONE_NAMES = {"Asia/Baku": gettext_lazy("Baku time")}


def local_moment(moment):
    """A date and time as the office reads it, with its zone named."""
    phrase = ZONE_PHRASES.get(settings.TIME_ZONE) or "%(when)s (%(zone)s)"
    return str(phrase) % {
        "when": formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT"),
        "zone": settings.TIME_ZONE,
    }


def zone_name():
    return str(ZONE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE))


STATE_LABELS = {
    NOT_PUBLIC: gettext_lazy("not public"),
    SCHEDULED: gettext_lazy("approved, not yet public"),
    PUBLIC: gettext_lazy("public"),
    WITHDRAWN: gettext_lazy("withdrawn, still online"),
}


def state_label(statement, now=None):
    """The statement's state in two or three words, for lists."""
    return str(STATE_LABELS[statement_state(statement, now)])


def describe_statement(statement, now=None):
    """What is true of the statement, in one sentence for the panel and list."""
    state = statement_state(statement, now)
    if state == WITHDRAWN:
        return _("Withdrawn: %(when)s; the page stays up with the notice.") % {
            "when": local_moment(statement.withdrawn_at)
        }
    if state == PUBLIC:
        return _("Public since: %(when)s.") % {
            "when": local_moment(statement.released_at)
        }
    if state == SCHEDULED:
        return _("Approved, goes public: %(when)s.") % {
            "when": local_moment(statement.released_at)
        }
    if statement.publish_at is not None:
        return _(
            "Scheduled: %(when)s, but not public until every required "
            "language is approved."
        ) % {"when": local_moment(statement.publish_at)}
    return _("Not public and not scheduled: approving it publishes it at once.")


def describe_language(version):
    """The live edition and the working one, e.g. "Public; a new draft is in
    review"."""
    if version is None:
        return _("missing")
    item = working_item(version)
    if version.status == VersionStatus.PUBLISHED:
        if item is None:
            return _("approved")
        if item.status == DraftStatus.REVIEW:
            return _("approved; a new draft is in review")
        return _("approved; a new draft is being written")
    return version.get_status_display()


def _named(version):
    return {"language": language_name(version.language)}


def _release_message(version):
    statement = Statement.objects.get(pk=version.statement_id)
    missing = missing_languages(statement)
    if missing:
        return _(
            "Approved. The statement goes public once these are approved too: "
            "%(languages)s."
        ) % {"languages": ", ".join(language_name(c) for c in missing)}
    if statement.publish_at is None:
        return _("Approved. It is not scheduled yet: choose “Publish now” or a date.")
    if statement.publish_at > timezone.now():
        return _("Approved. It goes public: %(when)s, reference %(reference)s.") % {
            "when": local_moment(statement.publish_at),
            "reference": statement.reference,
        }
    return _("Approved and public, reference %(reference)s.") % {
        "reference": statement.reference
    }
