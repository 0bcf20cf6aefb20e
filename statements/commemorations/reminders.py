"""Reminders of commemorations whose anniversary statement is not yet out.

``manage.py send_anniversary_reminders`` runs once a day. A commemoration is
due when its next occurrence (the office's date) is N days away, N one of
``ANNIVERSARY_REMINDER_DAYS``; after a day the job did not run, the reminder
that was due then still goes out, until the next N takes over. Each person
gets each (commemoration, year, N) reminder once: it is recorded in
ReminderSent, in the same transaction that sends it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import EDITOR, TRANSLATOR
from statements.commemorations.occurrences import Occurrence, upcoming
from statements.i18n.languages import anniversary_phrase, language_name, localized
from statements.models import ReminderSent, Statement, StatementKind
from statements.workflow import missing_languages, translator_languages

DEFAULT_DAYS = (21, 7)
SUBJECT_TEMPLATE = "statements/email/anniversary_reminder_subject.txt"
BODY_TEMPLATE = "statements/email/anniversary_reminder.txt"
# The language of a reminder to someone who has not chosen one on their account.
MAIL_LANGUAGE = "en"


@dataclass
class Reminder:
    """One commemoration's occurrence that needs a reminder today."""

    occurrence: Occurrence
    days_before: int  # the N of the setting this reminder stands for
    days_left: int
    statement: Statement | None
    missing: list[str] = field(default_factory=list)

    @property
    def commemoration(self):
        return self.occurrence.commemoration

    @property
    def year(self):
        return self.occurrence.date.year


@dataclass
class Recipient:
    """A person to remind, and the missing languages that concern them."""

    user: object
    languages: list[str]
    is_editor: bool


@dataclass
class Outcome:
    """What happened to one reminder for one person."""

    reminder: Reminder
    recipient: Recipient
    status: str  # sent, would_send, already_sent, no_email, failed
    error: str = ""


def reminder_days():
    """The setting's days before, smallest first, without duplicates."""
    days = getattr(settings, "ANNIVERSARY_REMINDER_DAYS", DEFAULT_DAYS)
    return sorted({int(n) for n in days if int(n) >= 0})


def threshold_for(days_left, days):
    """The N whose reminder covers ``days_left``: the nearest N not below it.

    21 days away that is 21; 16 days away (the job missed the 21st) still 21;
    7 days away, 7. None while the occurrence is further away than every N.
    """
    return next((n for n in sorted(days) if n >= days_left), None)


def anniversary_statement(commemoration, year):
    return (
        Statement.objects.filter(
            kind=StatementKind.ANNIVERSARY,
            commemoration=commemoration,
            anniversary_year=year,
        )
        .order_by("pk")
        .first()
    )


def due_reminders(today, days=None):
    """Reminders due on ``today``: occurrences whose statement is not yet out.

    Nothing is due for an occurrence already past: only the next one counts.
    """
    days = reminder_days() if days is None else sorted(days)
    if not days:
        return []
    reminders = []
    for occurrence in upcoming(days=days[-1], today=today):
        if occurrence.number < 1:
            continue  # the event's own year has no anniversary
        days_left = (occurrence.date - today).days
        statement = anniversary_statement(
            occurrence.commemoration, occurrence.date.year
        )
        missing = missing_languages(statement) if statement else []
        if statement is not None and not missing and statement.publish_at:
            continue
        reminders.append(
            Reminder(
                occurrence=occurrence,
                days_before=threshold_for(days_left, days),
                days_left=days_left,
                statement=statement,
                missing=missing,
            )
        )
    return reminders


def recipients(reminder):
    """Each active editor, with every missing language, then each active
    translator of a missing language, with only theirs.

    Translators are told once there is a statement to translate, and not about
    its original language, which they do not write.
    """
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    editors = list(
        users.filter(Q(groups__name=EDITOR) | Q(is_superuser=True)).distinct()
    )
    found = [Recipient(user, list(reminder.missing), True) for user in editors]
    if reminder.statement is None or not reminder.missing:
        return found
    original = reminder.statement.original_language
    translators = (
        users.filter(groups__name=TRANSLATOR)
        .exclude(pk__in=[user.pk for user in editors])
        .select_related("profile")
        .distinct()
    )
    for user in translators:
        theirs = translator_languages(user)
        languages = [c for c in reminder.missing if c in theirs and c != original]
        if languages:
            found.append(Recipient(user, languages, False))
    return found


def admin_link(reminder):
    """The statement's change page, or the dashboard that can create it."""
    site = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    if reminder.statement is None:
        return site + reverse("admin:index")
    return site + reverse(
        "admin:statements_statement_change", args=[reminder.statement.pk]
    )


def days_text(days_left):
    if days_left == 0:
        return _("today")
    return ngettext("%(count)d day", "%(count)d days", days_left) % {"count": days_left}


def mail_language(user):
    """The language chosen on the account (StaffProfile.language), else English."""
    profile = getattr(user, "profile", None)  # None without a profile row
    return (profile.language if profile else "") or MAIL_LANGUAGE


def build_message(reminder, recipient, language=None):
    """The plain-text e-mail telling the recipient what is missing, in their
    own language."""
    user = recipient.user
    language = language or mail_language(user)
    with translation.override(language):
        versions = {}
        if reminder.statement is not None:
            versions = {v.language: v for v in reminder.statement.versions.all()}
        context = {
            "recipient_name": user.get_full_name() or user.get_username(),
            "name": localized(reminder.commemoration.name, language),
            "anniversary": anniversary_phrase(reminder.occurrence.number, language),
            "date": reminder.occurrence.date,
            "year": reminder.year,
            "days_text": days_text(reminder.days_left),
            "days_left": reminder.days_left,
            "statement": reminder.statement,
            "is_editor": recipient.is_editor,
            "rows": [
                {
                    "code": code,
                    "name": language_name(code),
                    "version": versions.get(code),
                }
                for code in recipient.languages
            ],
            "link": admin_link(reminder),
            "schedule": get_text_list(
                [str(n) for n in reversed(reminder_days())], _("and")
            ),
        }
        subject = render_to_string(SUBJECT_TEMPLATE, context)
        body = render_to_string(BODY_TEMPLATE, context)
    return EmailMessage(" ".join(subject.split()), body, to=[user.email])


def already_sent(reminder, user):
    return ReminderSent.objects.filter(
        commemoration=reminder.commemoration,
        year=reminder.year,
        days_before=reminder.days_before,
        recipient=user,
    ).exists()


def send_once(reminder, recipient, connection=None):
    """Record and send in one transaction; False if it was already recorded.

    The row is written first, so a second run at the same moment waits on the
    unique constraint and then finds it; an e-mail that fails to send rolls
    the row back, so the next run tries again.
    """
    with transaction.atomic():
        _row, created = ReminderSent.objects.get_or_create(
            commemoration=reminder.commemoration,
            year=reminder.year,
            days_before=reminder.days_before,
            recipient=recipient.user,
        )
        if not created:
            return False
        message = build_message(reminder, recipient)
        message.connection = connection
        message.send()
    return True


def send_reminders(today=None, dry_run=False):
    """Yield an Outcome per due reminder and person; send unless ``dry_run``."""
    today = today or timezone.localdate()
    connection = None if dry_run else get_connection()
    for reminder in due_reminders(today):
        for recipient in recipients(reminder):
            outcome = Outcome(reminder, recipient, "already_sent")
            if not recipient.user.email:
                outcome.status = "no_email"
            elif dry_run:
                if not already_sent(reminder, recipient.user):
                    outcome.status = "would_send"
            else:
                try:
                    if send_once(reminder, recipient, connection):
                        outcome.status = "sent"
                except Exception as error:  # reported; the next run tries again
                    outcome.status, outcome.error = "failed", str(error)
            yield outcome
