"""How far translation has got: per language, of the statements that are public."""

from django.conf import settings
from django.utils import timezone

from statements.languages import language_codes
from statements.models import Statement, VersionStatus

LISTED = 25


def coverage_report(now=None):
    """``[{code, total, public, missing, outdated, percent, …}]``, one per language.

    Four queries whatever the number of statements: the public statements with
    their versions, fetched in one go.
    """
    statements = list(
        Statement.objects.published(now=now or timezone.now())
        .prefetch_related("versions")
        .order_by("-publish_at")
    )
    rows = []

    names = dict(settings.LANGUAGES)
    for code in language_codes():
        missing, outdated, public = [], [], 0
        for statement in statements:
            version = next(
                (v for v in statement.versions.all() if v.language == code), None
            )
            if version is not None and version.status == VersionStatus.PUBLISHED:
                public += 1
                if version.outdated_since:
                    outdated.append((statement, version))
            else:
                missing.append((statement, version))
        total = len(statements)
        rows.append(
            {
                "code": code,
                "name": names[code],
                "total": total,
                "public": public,
                "current": public - len(outdated),
                "missing_count": len(missing),
                "outdated_count": len(outdated),
                "missing": missing[:LISTED],
                "outdated": outdated[:LISTED],
                "percent": round(100 * public / total) if total else 0,
                "current_percent": round(100 * (public - len(outdated)) / total)
                if total
                else 0,
            }
        )
    return rows
