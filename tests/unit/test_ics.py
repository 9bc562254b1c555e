"""The iCalendar adapter: hand-built events, read back by icalendar and by vobject."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import vobject

from followup.adapters.ics import render
from followup.services.calendar import CalendarEvent, CalendarPlan

TZ = "Europe/Dublin"
DUBLIN = ZoneInfo(TZ)
STAMP = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

THANK_YOU = CalendarEvent(
    "action-1@followup.local",
    "Thank-you note to José Núñez — Acme (Data Analyst)",
    "A short note the same day.\n\nWhen it is done: followup done 1",
    datetime(2026, 11, 24, 11, 0, tzinfo=DUBLIN),
    datetime(2026, 11, 24, 23, 59, 59, tzinfo=DUBLIN),
)
SUMMER_CALL = CalendarEvent(
    "action-2@followup.local",
    "Call-back to 王芳 — Acme (Data Analyst)",
    'Call script:\n1. Introduce yourself: "Hello, this is Siobhán Ó Briain."',
    datetime(2027, 7, 1, 15, 0, tzinfo=DUBLIN),
    datetime(2027, 7, 1, 17, 0, tzinfo=DUBLIN),
)
INQUIRY = CalendarEvent(
    "action-3@followup.local",
    "Follow-up call to Siobhán Ó Briain — Acme (Data Analyst)",
    "A polite call a week or so later.",
    date(2026, 12, 1),
    date(2026, 12, 2),
)
CANCELLED = CalendarEvent(
    "action-4@followup.local",
    "Decision-check call to José Núñez — Acme (Data Analyst)",
    "Cancelled: the interview was called off.",
    datetime(2026, 12, 9, 9, 0, tzinfo=DUBLIN),
    datetime(2026, 12, 9, 17, 0, tzinfo=DUBLIN),
    cancelled=True,
)
DECISION = CalendarEvent(
    "decision-1@followup.local",
    "Decision due: Acme (Data Analyst)",
    "They said they would decide by Tuesday 08 December 2026.",
    date(2026, 12, 8),
    date(2026, 12, 9),
)
EVENTS = [THANK_YOU, SUMMER_CALL, INQUIRY, CANCELLED, DECISION]


def ics(*events: CalendarEvent, tz: str = TZ) -> bytes:
    return render(CalendarPlan("Followup", tz, STAMP, list(events)))


def by_uid(data: bytes) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def vobject_by_uid(data: bytes) -> dict[str, Any]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {e.uid.value: e for e in calendar.vevent_list}


def test_the_calendar_names_itself_and_its_producer() -> None:
    calendar = icalendar.Calendar.from_ical(ics(*EVENTS))

    assert str(calendar["PRODID"]) == "-//Followup//followup//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Followup"


def test_each_event_keeps_its_uid_and_the_stamp_is_the_clock_in_utc() -> None:
    data = ics(*EVENTS)
    events = by_uid(data)

    assert set(events) == {e.uid for e in EVENTS} == set(vobject_by_uid(data))
    for event in events.values():
        assert event.decoded("DTSTAMP") == STAMP


def test_timed_events_carry_the_users_zone_and_a_vtimezone_defines_it() -> None:
    data = ics(*EVENTS)
    calendar = icalendar.Calendar.from_ical(data)
    events = by_uid(data)
    parsed = vobject_by_uid(data)

    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == [TZ]
    assert b"DTSTART;TZID=Europe/Dublin:20261124T110000" in data
    assert events[THANK_YOU.uid]["DTSTART"].params["TZID"] == TZ
    assert events[THANK_YOU.uid].decoded("DTSTART") == THANK_YOU.start
    assert events[THANK_YOU.uid].decoded("DTEND") == THANK_YOU.end
    # vobject reads the zone from the VTIMEZONE in the file, not from its own database.
    winter, summer = parsed[THANK_YOU.uid].dtstart.value, parsed[SUMMER_CALL.uid].dtstart.value
    assert winter.utcoffset() == timedelta(0) and summer.utcoffset() == timedelta(hours=1)
    assert winter == THANK_YOU.start and summer == SUMMER_CALL.start
    assert parsed[SUMMER_CALL.uid].dtend.value == SUMMER_CALL.end


def test_all_day_events_are_dates() -> None:
    data = ics(*EVENTS)
    events, parsed = by_uid(data), vobject_by_uid(data)

    assert b"DTSTART;VALUE=DATE:20261201" in data
    for event in (INQUIRY, DECISION):
        assert events[event.uid].decoded("DTSTART") == event.start
        assert events[event.uid].decoded("DTEND") == event.end
        assert parsed[event.uid].dtstart.value == event.start
        assert not isinstance(parsed[event.uid].dtstart.value, datetime)


def test_a_timed_event_rings_a_quarter_hour_before_and_an_all_day_one_at_nine() -> None:
    data = ics(*EVENTS)
    events, parsed = by_uid(data), vobject_by_uid(data)

    timed = events[THANK_YOU.uid].walk("VALARM")
    all_day = events[INQUIRY.uid].walk("VALARM")

    assert [str(a["ACTION"]) for a in timed + all_day] == ["DISPLAY", "DISPLAY"]
    assert timed[0].decoded("TRIGGER") == timedelta(minutes=-15)
    assert all_day[0].decoded("TRIGGER") == timedelta(hours=9)
    assert all_day[0]["TRIGGER"].params["RELATED"] == "START"
    assert parsed[THANK_YOU.uid].valarm.trigger.value == timedelta(minutes=-15)
    assert parsed[INQUIRY.uid].valarm.trigger.value == timedelta(hours=9)
    assert parsed[INQUIRY.uid].valarm.description.value == INQUIRY.summary


def test_a_cancelled_event_says_so_and_rings_no_more() -> None:
    data = ics(*EVENTS)
    events, parsed = by_uid(data), vobject_by_uid(data)

    assert str(events[CANCELLED.uid]["STATUS"]) == "CANCELLED"
    assert parsed[CANCELLED.uid].status.value == "CANCELLED"
    assert events[CANCELLED.uid].walk("VALARM") == []
    # Its sequence outranks the planned copy a calendar app already holds.
    assert events[CANCELLED.uid].decoded("SEQUENCE") > events[THANK_YOU.uid].decoded("SEQUENCE")
    assert {str(events[e.uid]["STATUS"]) for e in EVENTS if not e.cancelled} == {"CONFIRMED"}


def test_unicode_names_and_multiline_descriptions_survive() -> None:
    data = ics(*EVENTS)
    events, parsed = by_uid(data), vobject_by_uid(data)

    for event in EVENTS:
        assert str(events[event.uid]["SUMMARY"]) == event.summary
        assert parsed[event.uid].summary.value == event.summary
        assert parsed[event.uid].description.value == event.description
    assert "王芳" in parsed[SUMMER_CALL.uid].summary.value
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded in octets (RFC 5545)


def test_events_are_reminders_that_do_not_make_the_user_busy() -> None:
    events = by_uid(ics(*EVENTS))

    assert {str(e["TRANSP"]) for e in events.values()} == {"TRANSPARENT"}


def test_a_step_without_length_has_no_end() -> None:
    moment = CalendarEvent(
        "action-9@followup.local",
        "Call-back to José Núñez — Acme (Analyst)",
        "",
        datetime(2026, 12, 3, 15, 0, tzinfo=DUBLIN),
        None,
    )

    data = ics(moment)

    assert "DTEND" not in by_uid(data)[moment.uid]
    assert not hasattr(vobject_by_uid(data)[moment.uid], "dtend")


def test_an_empty_plan_is_still_a_valid_calendar_with_the_users_zone() -> None:
    data = ics()

    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.walk("VEVENT") == []
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == [TZ]
    assert vobject.readOne(data.decode("utf-8")).vtimezone.tzid.value == TZ


def test_a_user_in_utc_gets_utc_times_and_no_vtimezone() -> None:
    utc = ZoneInfo("UTC")
    event = CalendarEvent(
        "action-5@followup.local",
        "Thank-you note to Ann — Initech (Analyst)",
        "",
        datetime(2026, 11, 24, 11, 0, tzinfo=utc),
        datetime(2026, 11, 24, 23, 59, 59, tzinfo=utc),
    )

    data = ics(event, tz="UTC")

    assert b"DTSTART:20261124T110000Z" in data
    assert icalendar.Calendar.from_ical(data).walk("VTIMEZONE") == []
    assert vobject_by_uid(data)[event.uid].dtstart.value == event.start


def test_another_zone_is_defined_too() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    event = CalendarEvent(
        "action-6@followup.local",
        "Follow-up call to 王芳 — Acme (Analyst)",
        "",
        datetime(2026, 12, 1, 9, 0, tzinfo=tokyo),
        datetime(2026, 12, 1, 17, 0, tzinfo=tokyo),
    )

    data = ics(event, THANK_YOU)

    zones = {str(z["TZID"]) for z in icalendar.Calendar.from_ical(data).walk("VTIMEZONE")}
    assert zones == {TZ, "Asia/Tokyo"}
    assert vobject_by_uid(data)[event.uid].dtstart.value == event.start


def test_an_independent_reader_gets_every_offset_of_the_covered_years_right() -> None:
    for name in (TZ, "America/New_York", "Australia/Lord_Howe"):
        zone = ZoneInfo(name)
        event = CalendarEvent(
            "action-7@followup.local",
            "Keep in touch — Acme (Analyst)",
            "",
            datetime(2027, 6, 1, 9, 0, tzinfo=zone),
            None,
        )

        read = vobject.readOne(ics(event, tz=name).decode("utf-8")).vtimezone.gettzinfo()

        for month in range(1, 12 * 3):  # 2026 to 2028, every month, around the changes
            moment = datetime(2026 + month // 12, month % 12 + 1, 1, 12)
            assert moment.replace(tzinfo=read).utcoffset() == (
                moment.replace(tzinfo=zone).utcoffset()
            ), (name, moment)
