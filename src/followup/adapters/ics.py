"""iCalendar (RFC 5545) files of the plan, for import into any calendar app."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.services.calendar import CalendarEvent, CalendarPlan

PRODID = "-//Followup//followup//EN"
BEFORE = timedelta(minutes=-15)
"""A timed step rings a quarter of an hour before it opens."""
MORNING = timedelta(hours=9)
"""An all-day step rings at 09:00 of its day (a trigger relative to its start at midnight)."""
UTC_NAMES = frozenset(
    {
        "UTC",
        "Etc/UTC",
        "Etc/UCT",
        "Etc/Universal",
        "Etc/Zulu",
        "UCT",
        "Universal",
        "Zulu",
        "GMT",
        "Etc/GMT",
    }
)


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _span(plan: CalendarPlan) -> tuple[date, date]:
    """The years the time zone definition must cover: a year either side of every event."""
    days = [plan.stamp.date()]
    for event in plan.events:
        days += [_day(event.start)] + ([_day(event.end)] if event.end is not None else [])
    # Clamped to the years a date can hold: a record stored before the limits may lie far out.
    return date(max(min(days).year - 1, 1), 1, 1), date(min(max(days).year + 2, 9999), 1, 1)


def _one_onset_each(zone: Any) -> None:
    """Splits every observance that lists more onsets (RDATE) into one observance per onset.

    Both forms are RFC 5545, but some readers take only the first date of an RDATE list in a
    VTIMEZONE (vobject 0.9 does, and so does ical.js by report) and then get the offset wrong
    after the next change of the clocks.
    """
    observances = []
    for observance in zone.subcomponents:
        listed = observance.pop("RDATE", None)
        lists = listed if isinstance(listed, list) else [listed] if listed is not None else []
        observances.append(observance)
        for onset in (d.dt for dates in lists for d in dates.dts):
            twin = observance.copy()
            twin.DTSTART = onset
            observances.append(twin)
    zone.subcomponents = sorted(observances, key=lambda o: o.decoded("DTSTART"))


def _event(event: CalendarEvent, stamp: datetime) -> Any:
    from icalendar import Alarm, Event

    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    # A cancelled step never comes back, so its copy outranks the planned one it replaces.
    vevent.add("sequence", 1 if event.cancelled else 0)
    vevent.add("dtstart", event.start)
    if event.end is not None:
        vevent.add("dtend", event.end)
    vevent.add("summary", event.summary)
    vevent.add("description", event.description)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    # Reminders of things to do, not meetings: they must not show the user as busy.
    vevent.add("transp", "TRANSPARENT")
    if not event.cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.summary)
        if event.all_day:
            alarm.add("trigger", MORNING, parameters={"RELATED": "START"})
        else:
            alarm.add("trigger", BEFORE)
        vevent.add_component(alarm)
    return vevent


def render(plan: CalendarPlan) -> bytes:
    """The plan as one VCALENDAR with a VTIMEZONE for the user's zone, CRLF lines, UTF-8."""
    from icalendar import Calendar, Timezone

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", plan.name)
    calendar.add("x-wr-timezone", plan.timezone)
    first, last = _span(plan)
    if plan.timezone not in UTC_NAMES:  # UTC times are written with Z and need no VTIMEZONE
        calendar.add_component(Timezone.from_tzid(plan.timezone, first_date=first, last_date=last))
    stamp = plan.stamp.astimezone(UTC)
    for event in plan.events:
        calendar.add_component(_event(event, stamp))
    calendar.add_missing_timezones(first_date=first, last_date=last)
    for zone in calendar.walk("VTIMEZONE"):
        _one_onset_each(zone)
    data: bytes = calendar.to_ical()
    return data
