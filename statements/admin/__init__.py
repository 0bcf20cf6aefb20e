"""The staff interface: statements with their language versions, and what they
cite. Django's admin autodiscovery imports this package; importing the
modules below registers each model family's ModelAdmin.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from statements.admin.common import (
    AuthorFieldMixin,
    StatementPermissionsMixin,
    TranslatedFieldsMixin,
)
from statements.admin.filters import (
    IssuedYearFilter,
    LanguageStateFilter,
    OutdatedFilter,
)
from statements.admin.history import (
    HistoryMixin,
)
from statements.admin.reference_data import (
    CommemorationAdmin,
    CommemorationFigureInline,
    PersonAdmin,
    TermAdmin,
    TopicAdmin,
)
from statements.admin.staff import (
    AuditEntryAdmin,
    StaffProfileInline,
    StaffUserAdmin,
    User,
)
from statements.admin.statement import (
    AttachmentInline,
    CoverageInline,
    DistributionInline,
    StatementAdmin,
    VersionInline,
)
from statements.admin.versions import (
    CorrectionInline,
    StatementVersionAdmin,
)

admin.site.site_header = _("Ombudsman statements")
admin.site.site_title = _("Ombudsman statements")
admin.site.index_title = _("Statements and what they refer to")


__all__ = [
    "AttachmentInline",
    "AuditEntryAdmin",
    "AuthorFieldMixin",
    "CommemorationAdmin",
    "CommemorationFigureInline",
    "CorrectionInline",
    "CoverageInline",
    "DistributionInline",
    "HistoryMixin",
    "IssuedYearFilter",
    "LanguageStateFilter",
    "OutdatedFilter",
    "PersonAdmin",
    "StaffProfileInline",
    "StaffUserAdmin",
    "StatementAdmin",
    "StatementPermissionsMixin",
    "StatementVersionAdmin",
    "TermAdmin",
    "TopicAdmin",
    "TranslatedFieldsMixin",
    "User",
    "VersionInline",
]
