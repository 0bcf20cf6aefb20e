"""A statement's and a language's state in words, with times in the office's
zone.
"""

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from statements.i18n.languages import language_name
from statements.models import (
    DraftStatus,
    Statement,
    VersionStatus,
    WorkingDraft,
)


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
