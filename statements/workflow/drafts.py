"""Working drafts: saving an edit to published text, marking a translation up
to date, restoring an earlier revision.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from statements.models import (
    AuditAction,
    ChangeKind,
    DraftStatus,
    VersionStatus,
    WorkingDraft,
)
from statements.workflow.permissions import WorkflowError, may_edit_version
from statements.workflow.states import working_item
from statements.workflow.steps import _bump, _locked_version, record


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
