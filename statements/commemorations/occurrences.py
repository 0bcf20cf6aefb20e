"""When each commemoration next falls, and which anniversary that will be."""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation

from statements.i18n.languages import anniversary_phrase
from statements.models import Commemoration


@dataclass
class Occurrence:
    commemoration: Commemoration
    date: datetime.date
    number: int

    @property
    def is_today(self):
        return self.date == timezone.localdate()

    @property
    def anniversary(self):
        """'35th anniversary' in the active language; empty for the event's year."""
        if self.number < 1:
            return ""
        return anniversary_phrase(self.number, translation.get_language())


def occurrence_in(commemoration, year):
    """The commemoration's date in ``year``; 29 February falls on the 28th."""
    event = commemoration.date
    try:
        day = event.replace(year=year)
    except ValueError:
        day = datetime.date(year, 2, 28)
    return Occurrence(commemoration, day, year - event.year)


def next_occurrence(commemoration, today):
    this_year = occurrence_in(commemoration, today.year)
    if this_year.date >= today:
        return this_year
    return occurrence_in(commemoration, today.year + 1)


def upcoming(days=30, today=None, commemorations=None, now=None):
    """Occurrences from today (in the office's time zone) to ``days`` ahead.

    ``today`` defaults to the office's date at ``now`` (default: this moment),
    so just after midnight in Baku it is already the next day.
    """
    today = today or timezone.localdate(now)
    if commemorations is None:
        commemorations = Commemoration.objects.all()
    horizon = today + datetime.timedelta(days=days)
    found = [next_occurrence(c, today) for c in commemorations]
    return sorted(
        (o for o in found if o.date <= horizon),
        key=lambda o: (o.date, o.commemoration.key),
    )
