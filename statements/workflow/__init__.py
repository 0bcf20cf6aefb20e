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

The package re-exports every name, so ``from statements import workflow;
workflow.perform(...)`` reads as before; its modules: permissions (who may),
states (states in words), steps (what each step writes), transitions (the
table and perform), drafts (working drafts, restoring revisions),
references (N/YYYY) and revisions (what django-reversion keeps).
"""

from statements.workflow.drafts import (
    mark_draft_up_to_date,
    restore_revision,
    save_draft,
)
from statements.workflow.permissions import (
    WorkflowError,
    is_editor,
    is_translator_only,
    may_edit_statement,
    may_edit_version,
    may_review,
    may_see_language,
    role_names,
    translator_languages,
    visible_versions_q,
)
from statements.workflow.states import (
    NOT_PUBLIC,
    PUBLIC,
    SCHEDULED,
    STATE_LABELS,
    WITHDRAWN,
    ZONE_NAMES,
    ZONE_PHRASES,
    _named,
    _release_message,
    describe_language,
    describe_statement,
    language_state,
    local_moment,
    missing_languages,
    state_label,
    statement_state,
    working_item,
    zone_name,
)
from statements.workflow.steps import (
    _approve,
    _approve_draft,
    _approve_first_edition,
    _bump,
    _discard,
    _locked_statement,
    _locked_version,
    _own_work,
    _publish_anyway,
    _publish_now,
    _reinstate,
    _request_changes,
    _save_item,
    _save_state,
    _save_statement,
    _schedule,
    _submit,
    _unschedule,
    _withdraw,
    _withdraw_submission,
    give_reference_if_ready,
    record,
)
from statements.workflow.transitions import (
    DRAFT,
    REVIEW,
    TRANSITIONS,
    Transition,
    _has_draft,
    _is_editor,
    _may_schedule,
    _may_take_back,
    _may_withdraw,
    _may_work_on,
    approve,
    available,
    perform,
    publish_now,
    reinstate,
    request_changes,
    schedule,
    submit,
    withdraw,
)

__all__ = [
    "DRAFT",
    "NOT_PUBLIC",
    "PUBLIC",
    "REVIEW",
    "SCHEDULED",
    "STATE_LABELS",
    "TRANSITIONS",
    "Transition",
    "WITHDRAWN",
    "WorkflowError",
    "ZONE_NAMES",
    "ZONE_PHRASES",
    "_approve",
    "_approve_draft",
    "_approve_first_edition",
    "_bump",
    "_discard",
    "_has_draft",
    "_is_editor",
    "_locked_statement",
    "_locked_version",
    "_may_schedule",
    "_may_take_back",
    "_may_withdraw",
    "_may_work_on",
    "_named",
    "_own_work",
    "_publish_anyway",
    "_publish_now",
    "_reinstate",
    "_release_message",
    "_request_changes",
    "_save_item",
    "_save_state",
    "_save_statement",
    "_schedule",
    "_submit",
    "_unschedule",
    "_withdraw",
    "_withdraw_submission",
    "approve",
    "available",
    "describe_language",
    "describe_statement",
    "give_reference_if_ready",
    "is_editor",
    "is_translator_only",
    "language_state",
    "local_moment",
    "mark_draft_up_to_date",
    "may_edit_statement",
    "may_edit_version",
    "may_review",
    "may_see_language",
    "missing_languages",
    "perform",
    "publish_now",
    "record",
    "reinstate",
    "request_changes",
    "restore_revision",
    "role_names",
    "save_draft",
    "schedule",
    "state_label",
    "statement_state",
    "submit",
    "translator_languages",
    "visible_versions_q",
    "withdraw",
    "working_item",
    "zone_name",
]
