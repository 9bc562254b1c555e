"""Reading calendar invitations (.ics) with icalendar, within the domain's limits.

Google Calendar, Outlook/Exchange and Teams all send a VCALENDAR with one VEVENT: its UID and
SEQUENCE name the meeting and its version, METHOD:CANCEL (or STATUS:CANCELLED) calls it off.
Outlook names its zones the Windows way ("W. Europe Standard Time"); they are read through the
CLDR windowsZones table that icalendar ships.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.domain import limits
from followup.domain.errors import InvalidInput
from followup.domain.invitation import (
    EVENTS,
    LARGEST,
    LONGEST_SUMMARY,
    PEOPLE,
    PHONE_NUMBER,
    PHONE_WORDS,
    ROLE_MAILBOXES,
    SKIPPED_TYPES,
    VIDEO,
    Invitation,
    Method,
    Person,
)


def read(data: bytes) -> Invitation:
    """The interview invitation in a calendar file; InvalidInput (field "invitation") says in
    plain words why a file is not one."""
    if len(data) > LARGEST:
        raise _bad(f"the calendar file is too large ({len(data) // 1024} KB; at most "
                   f"{LARGEST // 1024} KB)")
    if b"\x00" in data:
        raise _bad("this is not a calendar file (it holds binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _bad("this is not a calendar file (it is not UTF-8 text)") from None
    if "BEGIN:VCALENDAR" not in text.upper():
        raise _bad("this is not a calendar file (no BEGIN:VCALENDAR)")
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # icalendar raises ValueError and others on broken files
        raise _bad(f"the calendar file cannot be read ({_short(exc)})") from None
    if not calendars:
        raise _bad("the calendar file cannot be read (it holds no complete calendar)")
    calendar = calendars[0]
    events = [c for c in calendar.walk("VEVENT")][: EVENTS + 1]
    if not events:
        raise _bad("the calendar file holds no event")
    if len(events) > EVENTS:
        raise _bad(f"the calendar file holds more than {EVENTS} events; an invitation has one")
    uids = {str(e.get("UID", "")).strip() for e in events}
    if len(uids) > 1:
        raise _bad(f"the calendar file holds {len(uids)} different events; import one "
                   "invitation at a time")
    # The meeting itself, not a changed occurrence of it (RECURRENCE-ID).
    event = next((e for e in events if "RECURRENCE-ID" not in e), events[0])
    method = str(calendar.get("METHOD", "")).strip().upper()
    try:
        return _invitation(event, method)
    except InvalidInput:
        raise
    except Exception as exc:  # a value icalendar cannot decode
        raise _bad(f"the event cannot be read ({_short(exc)})") from None


def _invitation(event: Any, method: str) -> Invitation:
    uid = _one_line(event.get("UID"))
    if not uid:
        raise _bad("the event has no UID, so a later update could not find it")
    if len(uid) > limits.INVITATION_UID:
        raise _bad(f"the event's UID is too long ({len(uid)} characters; at most "
                   f"{limits.INVITATION_UID})")
    sequence = _sequence(event.get("SEQUENCE"))
    cancelled = method == "CANCEL" or _one_line(event.get("STATUS")).upper() == "CANCELLED"
    start, zone = _moment(event, "DTSTART")
    if start is None:
        raise _bad("the event has no start time")
    end, _ = _moment(event, "DTEND")
    if end is None and "DURATION" in event:
        length = event.decoded("DURATION")
        if isinstance(length, timedelta):
            end = start + length
    if end is not None and not cancelled:
        limits.span(start, end, "the invited interview", "invitation")
    summary = _one_line(event.get("SUMMARY")) or None
    if summary and len(summary) > LONGEST_SUMMARY:
        raise _bad(f"the event's title is too long ({len(summary)} characters; at most "
                   f"{LONGEST_SUMMARY})")
    location = _one_line(event.get("LOCATION")) or None
    description = _text(event.get("DESCRIPTION"))
    link = _link(event, location, description)
    spoken = " ".join(filter(None, (summary, location)))
    phone = link is None and (bool(PHONE_WORDS.search(spoken)) or
                              bool(location and PHONE_NUMBER.match(location)))
    return Invitation(uid, sequence, Method.CANCEL if cancelled else Method.REQUEST, start, end,
                      zone, _cut(summary), _cut(location), link, _people(event), phone)


def _moment(event: Any, name: str) -> tuple[datetime | None, str | None]:
    """A time of the event and the IANA zone it was written in (Windows names mapped)."""
    prop = event.get(name)
    if prop is None:
        return None, None
    value = event.decoded(name)
    if isinstance(value, date) and not isinstance(value, datetime):
        raise _bad("the event lasts all day; an interview needs a start time")
    if not isinstance(value, datetime):
        raise _bad(f"the event's {name} is not a date and time")
    limits.moment(value, f"the invitation's {'start' if name == 'DTSTART' else 'end'}",
                  "invitation")
    zone = iana(str(prop.params.get("TZID", ""))) if hasattr(prop, "params") else None
    if value.tzinfo is not None and zone is not None:
        value = value.astimezone(ZoneInfo(zone))
    return value, zone


def iana(tzid: str) -> str | None:
    """The IANA name of a TZID: itself, the CLDR mapping of a Windows name, or None."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    name = tzid.strip().strip('"').strip("/")
    if not name or len(name) > limits.ZONE * 2:
        return None
    for candidate in (name, WINDOWS_TO_OLSON.get(name)):
        if candidate and candidate.upper() != "UTC":
            try:
                ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
            return candidate
    return None


def _people(event: Any) -> tuple[Person, ...]:
    found: dict[str, Person] = {}
    organizer = event.get("ORGANIZER")
    attendees = event.get("ATTENDEE", [])
    attendees = attendees if isinstance(attendees, list) else [attendees]
    if len(attendees) > PEOPLE:
        raise _bad(f"the invitation names more than {PEOPLE} people; it is not an interview")
    for prop, is_organizer in [(organizer, True)] + [(a, False) for a in attendees]:
        if prop is None:
            continue
        params = getattr(prop, "params", {})
        if str(params.get("CUTYPE", "INDIVIDUAL")).upper() in SKIPPED_TYPES:
            continue
        address = _address(str(prop))
        if address is None or address.partition("@")[0].lower() in ROLE_MAILBOXES:
            continue
        key = address.lower()
        name = _one_line(params.get("CN")).strip("'\"") or address
        name = name if len(name) <= limits.SHORT else address
        if key not in found:
            found[key] = Person(name, address, is_organizer)
    return tuple(found.values())


def _address(value: str) -> str | None:
    """The email address of a CAL-ADDRESS (mailto:...), or None for anything else."""
    text = value.strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:"):]
    if "@" not in text:
        return None
    try:
        return limits.email(text)
    except InvalidInput:
        return None


def _link(event: Any, location: str | None, description: str) -> str | None:
    """The video link: the vendor's own property first, then the location, then the text."""
    for source in (_one_line(event.get("X-MICROSOFT-SKYPETEAMSMEETINGURL")),
                   _one_line(event.get("X-GOOGLE-CONFERENCE")),
                   _one_line(event.get("URL")), location or "", description[:limits.LONG]):
        found = VIDEO.search(source)
        if found:
            return found.group(0)[: limits.URL].rstrip(".,;>")
    return None


def _sequence(value: Any) -> int:
    try:
        number = int(str(value).strip()) if value is not None else 0
    except ValueError:
        raise _bad(f"the event's SEQUENCE {str(value)[:20]!r} is not a number") from None
    if not 0 <= number <= limits.MAX_ID:
        raise _bad("the event's SEQUENCE is out of range")
    return number


def _text(value: Any) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value if not isinstance(value, list) else value[0]))


def _one_line(value: Any) -> str:
    """A property's text on one line, without control characters."""
    text = _text(value)
    return " ".join(limits.ONE_LINE.sub(" ", text).split())


def _cut(value: str | None, longest: int = limits.SHORT) -> str | None:
    """A text cut to what a field holds (an Outlook location can be a paragraph)."""
    if value is None or len(value) <= longest:
        return value
    return value[: longest - 1].rstrip() + "…"


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__


def _bad(message: str) -> InvalidInput:
    return InvalidInput(message, field="invitation")


