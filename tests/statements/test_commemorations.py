"""Commemorations for readers: next occurrence, the anniversaries pages, the ICS."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from statements.commemorations.occurrences import next_occurrence, upcoming
from statements.models import StatementKind
from tests.factories import make_commemoration, make_person, make_statement

pytestmark = pytest.mark.django_db


def test_next_occurrence_is_this_year_until_the_day_passes():
    """On the day itself the occurrence is today; the day after, next year's."""
    january = make_commemoration(date=datetime.date(1990, 1, 20))
    on_the_day = next_occurrence(january, datetime.date(2025, 1, 20))
    assert (on_the_day.date, on_the_day.number) == (datetime.date(2025, 1, 20), 35)
    after = next_occurrence(january, datetime.date(2025, 1, 21))
    assert (after.date, after.number) == (datetime.date(2026, 1, 20), 36)


def test_next_occurrence_across_the_year_end():
    """On 31 December an event of 2 January is two days away, next year."""
    event = make_commemoration(date=datetime.date(1948, 1, 2))
    occurrence = next_occurrence(event, datetime.date(2025, 12, 31))
    assert occurrence.date == datetime.date(2026, 1, 2)
    assert occurrence.number == 78
    assert [
        o.commemoration for o in upcoming(days=3, today=datetime.date(2025, 12, 31))
    ] == [event]


def test_29_february_falls_on_the_28th_in_common_years():
    """A leap-day event is remembered on 28 February when there is no 29th."""
    leap = make_commemoration(date=datetime.date(1992, 2, 29))
    assert next_occurrence(leap, datetime.date(2025, 2, 1)).date == datetime.date(
        2025, 2, 28
    )
    assert next_occurrence(leap, datetime.date(2028, 2, 1)).date == datetime.date(
        2028, 2, 29
    )


def test_today_is_the_office_day_not_utc():
    """At 21:30 UTC on 19 January it is 01:30 on the 20th in Baku: the day itself."""
    event = make_commemoration(date=datetime.date(1990, 1, 20))
    moment = datetime.datetime(2025, 1, 19, 21, 30, tzinfo=datetime.UTC)
    occurrences = upcoming(days=0, now=moment)
    assert [(o.commemoration, o.date) for o in occurrences] == [
        (event, datetime.date(2025, 1, 20))
    ]
    just_before = moment - datetime.timedelta(hours=2)  # 23:30 in Baku, the 19th
    assert upcoming(days=0, now=just_before) == []


def test_anniversaries_page_lists_each_with_its_next_anniversary(client):
    """Every commemoration with its next date, which anniversary, and figures."""
    today = timezone.localdate()
    in_a_week = today + datetime.timedelta(days=7)
    make_commemoration(
        date=in_a_week.replace(year=in_a_week.year - 35),
        name={"en": "Remembrance", "ru": "День памяти", "az": "Anım günü"},
        figures=[({"en": "killed", "ru": "погибли"}, 1500)],
    )
    english = client.get("/en/anniversaries/").content.decode()
    assert "Remembrance" in english
    assert "35th anniversary" in english
    assert '<strong class="figures__value">1,500</strong>' in english
    russian = client.get("/ru/anniversaries/").content.decode()
    assert "35-я годовщина" in russian
    assert '<strong class="figures__value">1\xa0500</strong>' in russian
    assert "35-ci ildönümü" in client.get("/az/anniversaries/").content.decode()


def test_commemoration_page_has_the_year_by_year_archive(client):
    """Its statements, newest year first, each with who issued it."""
    event = make_commemoration(date=datetime.date(1990, 1, 20), key="20-january")
    person = make_person(name={"en": "Sabina Aliyeva"})
    older = make_statement(
        kind=StatementKind.ANNIVERSARY,
        commemoration=event,
        anniversary_year=2024,
        issued_by=person,
    )
    newer = make_statement(
        kind=StatementKind.ANNIVERSARY,
        commemoration=event,
        anniversary_year=2025,
        issued_by=person,
    )
    content = client.get("/en/anniversaries/20-january/").content.decode()
    assert content.index(newer.versions.get().title) < content.index(
        older.versions.get().title
    )
    assert "Sabina Aliyeva" in content
    # Each statement links to the other year.
    newer_page = client.get(f"/en/statements/{newer.slug}/").content.decode()
    assert f'rel="prev" href="/en/statements/{older.slug}/"' in newer_page
    older_page = client.get(f"/en/statements/{older.slug}/").content.decode()
    assert f'rel="next" href="/en/statements/{newer.slug}/"' in older_page


def test_unknown_commemoration_is_404(client):
    """A key that does not exist is a 404."""
    assert client.get("/en/anniversaries/no-such-day/").status_code == 404


def test_calendar_parses_back_with_one_yearly_event_each(client):
    """The ICS is valid iCalendar: one all-day yearly event per commemoration,
    named in the URL's language; a leap-day event recurs on February's last day."""
    make_commemoration(
        key="20-january",
        date=datetime.date(1990, 1, 20),
        name={"en": "20 January tragedy", "ru": "Трагедия 20 Января"},
    )
    make_commemoration(key="leap", date=datetime.date(1992, 2, 29), name={"en": "Leap"})
    response = client.get("/ru/anniversaries/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 2
    january = events["commemoration-20-january@testserver"]
    assert str(january["summary"]) == "Трагедия 20 Января"
    assert january.decoded("dtstart") == datetime.date(1990, 1, 20)
    assert january.decoded("dtend") == datetime.date(1990, 1, 21)
    assert january["rrule"]["FREQ"] == ["YEARLY"]
    leap = events["commemoration-leap@testserver"]
    assert leap["rrule"]["BYMONTHDAY"] == [-1]
    assert str(leap["summary"]) == "Leap"  # falls back when ru is missing
