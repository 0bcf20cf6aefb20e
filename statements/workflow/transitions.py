"""The ``TRANSITIONS`` table and ``perform()``, the only way to run a step,
with the shorthands callers use (submit, approve, schedule, ...).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from statements.models import (
    AuditAction,
    DraftStatus,
    Statement,
    StatementVersion,
    WorkingDraft,
)
from statements.workflow.permissions import WorkflowError, is_editor, may_edit_version
from statements.workflow.states import (
    NOT_PUBLIC,
    PUBLIC,
    SCHEDULED,
    WITHDRAWN,
    language_state,
    statement_state,
    working_item,
)
from statements.workflow.steps import (
    _approve,
    _discard,
    _locked_statement,
    _locked_version,
    _publish_anyway,
    _publish_now,
    _reinstate,
    _request_changes,
    _schedule,
    _submit,
    _unschedule,
    _withdraw,
    _withdraw_submission,
    record,
)


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
