"""How far translation has got: per language, of the statements that are public."""

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from statements.i18n.languages import language_codes, language_name
from statements.models import Statement, StatementVersion, VersionStatus

LISTED = 25


def coverage_report(now=None):
    """``[{code, total, public, missing, outdated, percent, …}]``, one per language.

    Counted in SQL (a fixed number of queries per language), listing at most
    LISTED missing and outdated statements, whatever the size of the archive.
    """
    now = now or timezone.now()
    public_statements = Statement.objects.published(now=now)
    total = public_statements.count()
    rows = []
    for code in language_codes():
        in_language = StatementVersion.objects.published(code, now=now)
        public = in_language.count()
        outdated_versions = in_language.filter(outdated_since__isnull=False)
        outdated_count = outdated_versions.count()
        own = StatementVersion.objects.filter(language=code)
        missing = (
            public_statements.exclude(
                Exists(
                    own.filter(statement=OuterRef("pk"), status=VersionStatus.PUBLISHED)
                )
            )
            .prefetch_related(Prefetch("versions", queryset=own, to_attr="in_code"))
            .order_by("-publish_at")[:LISTED]
        )
        current = public - outdated_count
        rows.append(
            {
                "code": code,
                "name": language_name(code),
                "total": total,
                "public": public,
                "current": current,
                "missing_count": total - public,
                "outdated_count": outdated_count,
                "missing": [
                    (statement, next(iter(statement.in_code), None))
                    for statement in missing
                ],
                "outdated": [
                    (version.statement, version)
                    for version in outdated_versions.select_related("statement")[
                        :LISTED
                    ]
                ],
                "percent": round(100 * public / total) if total else 0,
                "current_percent": round(100 * current / total) if total else 0,
            }
        )
    return rows
