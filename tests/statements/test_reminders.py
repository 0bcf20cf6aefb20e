"""Anniversary reminders: when they are due, who gets them, and only once."""

import datetime
import io

import pytest
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command

from accounts.roles import AUTHOR, EDITOR, TRANSLATOR
from statements.models import ReminderSent, StatementKind, VersionStatus
from tests.factories import (
    make_commemoration,
    make_staff,
    make_statement,
    make_superuser,
    make_version,
)

pytestmark = pytest.mark.django_db

JANUARY_20 = datetime.date(1990, 1, 20)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.ANNIVERSARY_REMINDER_DAYS = [21, 7]
    settings.SITE_URL = "https://ombudsman.example.org"


def run(day, *options):
    """Run the command as on ``day``; its standard output."""
    out = io.StringIO()
    call_command(
        "send_anniversary_reminders",
        f"--today={day.isoformat()}",
        *options,
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def editor(username="editor", **overrides):
    overrides.setdefault("email", f"{username}@example.org")
    return make_staff(EDITOR, username, **overrides)


def translator(username, languages):
    return make_staff(
        TRANSLATOR, username, languages=languages, email=f"{username}@example.org"
    )


def anniversary(commemoration, year, languages=("az", "en"), **overrides):
    overrides.setdefault("required_languages", ["az", "en", "ru"])
    return make_statement(
        languages=languages,
        kind=StatementKind.ANNIVERSARY,
        commemoration=commemoration,
        anniversary_year=year,
        **overrides,
    )


def days_in_subjects(mailoutbox):
    return [message.subject.rsplit(" (", 1)[1].rstrip(")") for message in mailoutbox]


def recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def test_due_21_and_7_days_ahead_and_not_between(mailoutbox):
    """Run daily from 23 days before to the day: mail goes out on day 21 and 7."""
    commemoration = make_commemoration(date=JANUARY_20)
    editor()
    occurrence = datetime.date(2025, 1, 20)
    sent_on = []
    day = occurrence - 23 * DAY
    while day <= occurrence:
        before = len(mailoutbox)
        run(day)
        sent_on += [(occurrence - day).days] * (len(mailoutbox) - before)
        day += DAY
    assert sent_on == [21, 7]
    assert mailoutbox[0].subject == (
        "Reminder: Tragedy of 20 January — 35th anniversary on 20 January 2025 "
        "(21 days)"
    )
    assert mailoutbox[1].subject.endswith("(7 days)")
    rows = ReminderSent.objects.filter(commemoration=commemoration, year=2025)
    assert sorted(rows.values_list("days_before", flat=True)) == [7, 21]


def test_no_statement_yet_mails_the_editors_only(mailoutbox):
    """Without a statement every active editor (and superuser) hears, with the
    dashboard link; translators, authors and inactive editors do not."""
    make_commemoration(date=JANUARY_20)
    editor("editor")
    make_superuser("boss")
    editor("gone", is_active=False)
    translator("translator", ["ru"])
    make_staff(AUTHOR, "author", email="author@example.org")

    output = run(datetime.date(2024, 12, 30))

    assert recipients(mailoutbox) == ["boss@example.org", "editor@example.org"]
    body = mailoutbox[0].body
    assert "No anniversary statement for 2025 has been drafted yet" in body
    assert "Create this year's statement" in body
    assert "https://ombudsman.example.org/admin/\n" in body
    assert "Reminders are sent 21 and 7 days before each commemoration" in body
    assert output.count("Sent: ") == 2
    assert "no statement yet" in output
    assert "2 reminders sent." in output


def test_missing_russian_mails_editors_and_the_russian_translator(mailoutbox):
    """ru not published: editors and ru translators hear, with only ru listed for
    the translators; the az translator does not."""
    commemoration = make_commemoration(date=JANUARY_20)
    statement = anniversary(commemoration, 2025)
    make_version(statement, "ru", status=VersionStatus.REVIEW)
    editor()
    translator("russian", ["ru"])
    translator("azeri", ["az"])
    translator("both", ["en", "ru"])

    run(datetime.date(2025, 1, 13))

    assert recipients(mailoutbox) == [
        "both@example.org",
        "editor@example.org",
        "russian@example.org",
    ]
    bodies = {message.to[0]: message.body for message in mailoutbox}
    link = (
        f"https://ombudsman.example.org/admin/statements/statement/{statement.pk}"
        "/change/\n"
    )
    assert "- Russian (ru): in review" in bodies["russian@example.org"]
    assert "English" not in bodies["both@example.org"]
    assert "languages you translate into" in bodies["both@example.org"]
    assert link in bodies["editor@example.org"]
    assert "- Azerbaijani" not in bodies["editor@example.org"]


def test_translators_are_not_told_about_the_original_language(mailoutbox):
    """A draft original concerns the editors; the az translator cannot write it."""
    commemoration = make_commemoration(date=JANUARY_20)
    statement = anniversary(commemoration, 2025, languages=(), original_language="az")
    make_version(statement, "az", status=VersionStatus.DRAFT)
    editor()
    translator("azeri", ["az"])

    run(datetime.date(2025, 1, 13))

    assert recipients(mailoutbox) == ["editor@example.org"]
    body = mailoutbox[0].body
    assert "- Azerbaijani (az): draft" in body
    assert "- Russian (ru): no version yet" in body


def test_everything_published_and_scheduled_mails_nobody(mailoutbox):
    """Every required language published and a time set: no reminder at all."""
    commemoration = make_commemoration(date=JANUARY_20)
    anniversary(commemoration, 2025, languages=("az", "en", "ru"))
    editor()
    translator("russian", ["ru"])

    output = run(datetime.date(2024, 12, 30))

    assert mailoutbox == []
    assert ReminderSent.objects.count() == 0
    assert "0 reminders sent." in output


def test_published_but_not_scheduled_reminds_the_editors(mailoutbox):
    """All languages approved but no issue time: the editors are still told."""
    commemoration = make_commemoration(date=JANUARY_20)
    anniversary(commemoration, 2025, languages=("az", "en", "ru"), publish_at=None)
    editor()
    translator("russian", ["ru"])

    run(datetime.date(2024, 12, 30))

    assert recipients(mailoutbox) == ["editor@example.org"]
    assert "not scheduled yet" in mailoutbox[0].body


def test_running_twice_a_day_sends_once(mailoutbox):
    """The second run finds every reminder recorded and sends nothing."""
    make_commemoration(date=JANUARY_20)
    editor()
    day = datetime.date(2024, 12, 30)

    run(day)
    output = run(day)

    assert len(mailoutbox) == 1
    assert ReminderSent.objects.count() == 1
    assert "0 reminders sent. 1 already sent earlier." in output


def test_a_missed_day_is_caught_up(mailoutbox):
    """Not run on day 21 or 7: the reminder goes out the next run, once each; an
    occurrence already past is never reminded."""
    commemoration = make_commemoration(date=JANUARY_20)
    editor()

    run(datetime.date(2025, 1, 4))  # 16 days left, the 21-day reminder is due
    run(datetime.date(2025, 1, 5))
    run(datetime.date(2025, 1, 15))  # 5 days left, the 7-day reminder is due
    run(datetime.date(2025, 1, 16))
    run(datetime.date(2025, 1, 21))  # the day after: next year's is far away

    assert days_in_subjects(mailoutbox) == ["16 days", "5 days"]
    assert sorted(
        ReminderSent.objects.filter(commemoration=commemoration).values_list(
            "year", "days_before"
        )
    ) == [(2025, 7), (2025, 21)]


def test_dry_run_sends_and_records_nothing(mailoutbox):
    """--dry-run prints what would go out and leaves no trace."""
    make_commemoration(date=JANUARY_20)
    editor()

    output = run(datetime.date(2024, 12, 30), "--dry-run")

    assert mailoutbox == []
    assert ReminderSent.objects.count() == 0
    assert "Would send: " in output
    assert "editor@example.org" in output
    assert "Dry run: 1 reminder would be sent" in output


def test_a_user_without_an_email_address_is_skipped_and_counted(mailoutbox):
    """No address, no mail and no record; the summary names the person."""
    make_commemoration(date=JANUARY_20)
    editor()
    editor("silent", email="")

    output = run(datetime.date(2024, 12, 30))

    assert recipients(mailoutbox) == ["editor@example.org"]
    assert ReminderSent.objects.filter(recipient__username="silent").count() == 0
    assert "1 person skipped for lack of an e-mail address: silent." in output


def test_occurrence_across_the_year_end(mailoutbox):
    """On 20 December an event of 5 January is next year's: last year's published
    statement does not count, and the reminder is recorded for the new year."""
    commemoration = make_commemoration(
        date=datetime.date(1948, 1, 5), name={"en": "Day of Remembrance"}
    )
    anniversary(commemoration, 2025, languages=("az", "en", "ru"))
    editor()

    run(datetime.date(2025, 12, 20))

    assert [message.subject for message in mailoutbox] == [
        "Reminder: Day of Remembrance — 78th anniversary on 5 January 2026 (16 days)"
    ]
    assert "No anniversary statement for 2026" in mailoutbox[0].body
    reminder = ReminderSent.objects.get()
    assert (reminder.year, reminder.days_before) == (2026, 21)


def test_29_february_in_a_common_year_falls_on_the_28th(mailoutbox):
    """A leap-day commemoration is reminded 21 and 7 days before 28 February."""
    make_commemoration(date=datetime.date(1992, 2, 29), name={"en": "Leap Day"})
    editor()

    run(datetime.date(2025, 2, 7))
    run(datetime.date(2025, 2, 21))

    assert [message.subject for message in mailoutbox] == [
        "Reminder: Leap Day — 33rd anniversary on 28 February 2025 (21 days)",
        "Reminder: Leap Day — 33rd anniversary on 28 February 2025 (7 days)",
    ]


def test_the_days_come_from_the_setting(mailoutbox, settings):
    """ANNIVERSARY_REMINDER_DAYS = [30] reminds 30 days ahead, not 21."""
    settings.ANNIVERSARY_REMINDER_DAYS = [30]
    make_commemoration(date=JANUARY_20)
    editor()

    run(datetime.date(2024, 12, 21))  # 30 days before
    run(datetime.date(2024, 12, 30))  # 21 days before: already reminded

    assert days_in_subjects(mailoutbox) == ["30 days"]


def test_a_failed_send_is_not_recorded_and_is_retried(mailoutbox, monkeypatch):
    """When the mail server refuses, the row is rolled back, the command fails,
    and the next run sends it."""
    make_commemoration(date=JANUARY_20)
    editor()
    day = datetime.date(2024, 12, 30)

    def refuse(message, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMessage, "send", refuse)
        with pytest.raises(CommandError, match="1 reminder could not be sent"):
            run(day)
    assert ReminderSent.objects.count() == 0

    run(day)
    assert len(mailoutbox) == 1
    assert ReminderSent.objects.count() == 1


def test_a_bad_date_is_refused():
    """--today must be YYYY-MM-DD."""
    with pytest.raises(CommandError, match="not a date"):
        call_command("send_anniversary_reminders", "--today=20/01/2025")


def test_each_person_gets_the_reminder_in_their_own_language(mailoutbox):
    """The language chosen on the account: Russian for one, Azerbaijani for
    another, English for one who chose none."""
    from statements.models import StaffProfile

    commemoration = make_commemoration(
        date=JANUARY_20,
        name={
            "en": "Tragedy of 20 January",
            "az": "20 Yanvar faciəsi",
            "ru": "Трагедия 20 Января",
        },
    )
    anniversary(commemoration, 2025)
    russian = translator("russian", ["ru"])
    StaffProfile.objects.filter(user=russian).update(language="ru")
    azeri = editor("azeri")
    StaffProfile.objects.create(user=azeri, language="az")
    editor("english")

    run(datetime.date(2025, 1, 13))

    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects["russian@example.org"].startswith("Напоминание: Трагедия 20 Января")
    assert "20 Yanvar faciəsi" in subjects["azeri@example.org"]
    assert subjects["english@example.org"].startswith("Reminder: Tragedy of 20 January")
