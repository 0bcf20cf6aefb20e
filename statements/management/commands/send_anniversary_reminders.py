"""``manage.py send_anniversary_reminders``: run daily from cron."""

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError, no_translations

from statements.commemorations.reminders import reminder_days, send_reminders


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date of the form YYYY-MM-DD"
        ) from None


class Command(BaseCommand):
    help = (
        "E-mail editors, and translators of the missing languages, when a "
        "commemoration is N days away (ANNIVERSARY_REMINDER_DAYS, default 21 "
        "and 7) and this year's statement, or one of its required languages, "
        "is not yet published. Each person gets each reminder once, however "
        "often the command runs; a day it did not run is caught up."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be sent; send and record nothing.",
        )
        parser.add_argument(
            "--today",
            type=iso_date,
            help="Act as if the office's date were YYYY-MM-DD (default: today).",
        )

    @no_translations
    def handle(self, *args, dry_run=False, today=None, verbosity=1, **options):
        counts = {"sent": 0, "would_send": 0, "already_sent": 0, "failed": 0}
        no_email = []
        for outcome in send_reminders(today=today, dry_run=dry_run):
            reminder, user = outcome.reminder, outcome.recipient.user
            line = (
                f"{reminder.commemoration.key} {reminder.year} "
                f"({reminder.days_before} days before, {reminder.days_left} left) "
                f"-> {user.get_username()} <{user.email}>: " + self._what(outcome)
            )
            if outcome.status == "no_email":
                if user.get_username() not in no_email:
                    no_email.append(user.get_username())
                continue
            counts[outcome.status] += 1
            if outcome.status == "sent":
                self.stdout.write(f"Sent: {line}")
            elif outcome.status == "would_send":
                self.stdout.write(f"Would send: {line}")
            elif outcome.status == "failed":
                self.stderr.write(f"Failed: {line} ({outcome.error})")
            elif verbosity >= 2:
                self.stdout.write(f"Already sent: {line}")
        self.stdout.write(self._summary(counts, no_email, dry_run))
        if counts["failed"]:
            raise CommandError(
                f"{plural(counts['failed'], 'reminder')} could not be sent; the "
                "next run tries again."
            )

    def _what(self, outcome):
        reminder = outcome.reminder
        if reminder.statement is None:
            return "no statement yet"
        if outcome.recipient.languages:
            return "not published: " + ", ".join(outcome.recipient.languages)
        return "not scheduled"

    def _summary(self, counts, no_email, dry_run):
        days = ", ".join(str(n) for n in reversed(reminder_days())) or "none"
        if dry_run:
            text = (
                f"Dry run: {plural(counts['would_send'], 'reminder')} would be "
                "sent; nothing was sent or recorded."
            )
        else:
            text = f"{plural(counts['sent'], 'reminder')} sent."
        text += f" {counts['already_sent']} already sent earlier."
        if counts["failed"]:
            text += f" {counts['failed']} failed."
        if no_email:
            text += (
                f" {plural(len(no_email), 'person', 'people')} skipped for lack "
                "of an e-mail address: " + ", ".join(no_email) + "."
            )
        return f"{text} (Days before: {days}.)"


def plural(count, singular, plural_form=None):
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"
