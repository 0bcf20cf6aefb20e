"""The commemorations as an iCalendar feed: one yearly all-day event each."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from statements.i18n.languages import localized

PRODUCT_ID = "-//Ombudsman statements//Commemorations//EN"


def yearly_rule(date):
    # RFC 5545 skips 29 February in common years; the last day of February
    # keeps the commemoration on the calendar every year instead.
    if (date.month, date.day) == (2, 29):
        return vRecur(freq="YEARLY", bymonth=2, bymonthday=-1)
    return vRecur(freq="YEARLY")


def commemorations_calendar(commemorations, language, name, url_for, host):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    stamp = timezone.now().replace(microsecond=0)
    for commemoration in commemorations:
        event = Event()
        event.add("uid", f"commemoration-{commemoration.key}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", localized(commemoration.name, language))
        description = localized(commemoration.description, language)
        if description:
            event.add("description", description)
        event.add("dtstart", commemoration.date)
        event.add("dtend", commemoration.date + datetime.timedelta(days=1))
        event.add("rrule", yearly_rule(commemoration.date))
        event.add("transp", "TRANSPARENT")
        event.add("url", url_for(commemoration))
        calendar.add_component(event)
    return calendar.to_ical()
