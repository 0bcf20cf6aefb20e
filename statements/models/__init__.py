"""The statements app's models, one module per family; every name is
re-exported here, so ``from statements.models import Statement`` and the
migrations' ``statements.models.X`` references keep working.

The tables keep the app label ``statements``: moving a class between these
modules moves no table.
"""

from statements.models.base import (
    BODY_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    language_check,
    language_field,
    save_with_new_token,
    staff_member,
)
from statements.models.cited import (
    Attachment,
    Coverage,
    Distribution,
)
from statements.models.commemorations import (
    Commemoration,
    CommemorationFigure,
    ReminderSent,
)
from statements.models.names import (
    Person,
    Topic,
    TranslatedNameMixin,
)
from statements.models.page_cache import (
    ContentStamp,
)
from statements.models.prepared import (
    ArticleStamp,
    ListCount,
    PreparedArticle,
    PreparedCard,
)
from statements.models.staff import (
    StaffProfile,
)
from statements.models.statements import (
    SlugRedirect,
    Statement,
    StatementKind,
    StatementQuerySet,
    _published_version,
    _release_refresh_pending,
    anniversary_errors,
    lock_statement_row,
    parse_reference,
    refresh_release,
    release_ready_q,
    release_refresh_deferred,
    released_statement_q,
    statement_release_changed,
)
from statements.models.translating import (
    Term,
)
from statements.models.versions import (
    ChangeKind,
    Correction,
    DraftStatus,
    StatementVersion,
    StatementVersionQuerySet,
    VersionStatus,
    WorkingDraft,
)
from statements.models.workflow import (
    AuditAction,
    AuditEntry,
    ReferenceCounter,
)

__all__ = [
    "ArticleStamp",
    "Attachment",
    "AuditAction",
    "AuditEntry",
    "BODY_MAX_LENGTH",
    "ChangeKind",
    "Commemoration",
    "CommemorationFigure",
    "ContentStamp",
    "Correction",
    "Coverage",
    "Distribution",
    "DraftStatus",
    "NOTE_MAX_LENGTH",
    "Person",
    "ListCount",
    "PreparedArticle",
    "PreparedCard",
    "ReferenceCounter",
    "ReminderSent",
    "SUMMARY_MAX_LENGTH",
    "SlugRedirect",
    "StaffProfile",
    "Statement",
    "StatementKind",
    "StatementQuerySet",
    "StatementVersion",
    "StatementVersionQuerySet",
    "Term",
    "Topic",
    "TranslatedNameMixin",
    "VersionStatus",
    "WorkingDraft",
    "_published_version",
    "_release_refresh_pending",
    "anniversary_errors",
    "language_check",
    "language_field",
    "lock_statement_row",
    "parse_reference",
    "refresh_release",
    "release_ready_q",
    "release_refresh_deferred",
    "released_statement_q",
    "save_with_new_token",
    "staff_member",
    "statement_release_changed",
]
