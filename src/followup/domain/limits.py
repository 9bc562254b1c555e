"""The rules every way in applies to what is stored: lengths, plausible dates, durations,
email addresses, names and the order of times; the CLI, the API, the forms and import share them."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from followup.domain import names
from followup.domain.errors import InvalidInput
from followup.domain.model import ApplicationState, Honorific, Interview, User

MAX_ID = 2**31 - 1
"""The largest id an INTEGER column holds on PostgreSQL; a larger one names no record."""
SHORT = 200
"""A name, company, position, job title or decision phrase (the database's column width)."""
LONG = 20_000
"""A text of several lines: notes, a topic, the next step, a forgotten point, a note's text."""
URL = 2_000
PHONE = 64
ZONE = 64
EMAIL_LONGEST = 320
FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2100, 12, 31)
"""Dates a user may give: anything outside is a typo (and breaks calendars far from now)."""
LONGEST_MINUTES = 10_080
"""The longest interview, a week: longer is a typo of the end or the duration."""
SLACK_YEARS = 5
"""How far past LAST_DAY (or before FIRST_DAY) a step planned from a date may fall."""
INVITATION_UID = 255
"""The longest calendar invitation UID kept (Exchange's are about 120 characters)."""
MANY = 50
"""Items one list in a request may hold (an interview has a handful of people)."""
CARD_FILE = 2_000_000
"""Bytes of one vCard file (an address book of a thousand people without photos fits)."""
CARDS = 1_000
"""People one vCard file may hold."""
PHOTO_BYTES = 20_000_000
"""The largest card photo taken (a 48-megapixel phone photo is well under it)."""
PHOTO_PIXELS = 50_000_000
"""The most pixels a card photo may unpack to: more is a decompression bomb, not a card."""
PHOTOS = 10
"""Card photos read at once."""

EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+$")
ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters (C0, DEL, C1), none of which a one-line field may hold."""
LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab and line breaks, which a text of several lines may hold."""


def text(value: str | None, what: str, longest: int = SHORT, field: str | None = None,
         lines: bool | None = None) -> str:
    """`value` without surrounding blanks, in Unicode's composed form (so that "José" typed with
    a combining accent is the same name); empty, too long or with a control character is an
    error (tabs and line breaks are kept in `lines` of text, by default a text longer than
    SHORT)."""
    if value is not None and not isinstance(value, str):
        raise InvalidInput(f"{what} must be text, not {type(value).__name__}", field=field)
    clean = unicodedata.normalize("NFC", (value or "").strip())
    if "\x00" in clean:
        raise InvalidInput(f"{what} contains a NUL character", field=field)
    if not clean:
        raise InvalidInput(f"{what} must not be empty", field=field)
    if len(clean) > longest:
        raise InvalidInput(f"{what} is too long ({len(clean)} characters; at most {longest})",
                           field=field)
    if (LINES if (longest > SHORT if lines is None else lines) else ONE_LINE).search(clean):
        raise InvalidInput(f"{what} contains a control character", field=field)
    return clean


def optional_text(value: str | None, what: str, longest: int = LONG,
                  field: str | None = None, lines: bool | None = None) -> str | None:
    """Like `text`, but blank is None (a field left empty or cleared)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return text(value, what, longest, field, lines)


def honorific(value: str | None, field: str | None = "honorific") -> Honorific | None:
    """An honorific as typed ("Ms", "dr.", "Professor"): blank or "none" is None (a greeting
    by the full name); any other word is an error that lists the choices."""
    if value is None or value.strip().casefold() in ("", "none"):
        return None
    found = names.honorific(value)
    if found is None:
        offered = ", ".join(h.value for h in Honorific)
        raise InvalidInput(f"unknown honorific {value.strip()[:SHORT]!r}; use one of {offered} "
                           "or none", field=field)
    return found


def email(address: str, field: str | None = "email") -> str:
    """An email address as typed, without surrounding blanks."""
    if not isinstance(address, str):
        raise InvalidInput(f"{address!r} is not an email address", field=field)
    address = address.strip()
    if not EMAIL.match(address) or len(address) > EMAIL_LONGEST or ONE_LINE.search(address):
        raise InvalidInput(f"{address!r} is not an email address", field=field)
    return address


def details(emails: list[str] | tuple[str, ...], phones: list[str] | tuple[str, ...],
            who: str, field: str | None = None) -> None:
    """A person's addresses and numbers: at most MANY of each, each one valid."""
    for found, what in ((emails, "email addresses"), (phones, "phone numbers")):
        if not isinstance(found, list | tuple) or len(found) > MANY:
            raise InvalidInput(f"{who} has more than {MANY} {what}", field=field)
    for address in emails:
        email(address, field or "email")
    for number in phones:
        text(number, f"a phone number of {who}", PHONE, field or "phone")


def day(value: date, what: str, field: str | None = None) -> date:
    """A date a user gave, within FIRST_DAY and LAST_DAY."""
    if not FIRST_DAY <= value <= LAST_DAY:
        shown = what if value.isoformat() in what else f"{what} ({value.isoformat()})"
        raise InvalidInput(f"{shown} must lie between {FIRST_DAY.isoformat()} and "
                           f"{LAST_DAY.isoformat()}", field=field)
    return value


def moment(value: datetime, what: str, field: str | None = None) -> datetime:
    """A date and time a user gave, whose date (where it was given) is within the plausible
    dates."""
    day(value.date(), what, field)
    return value


def duration(minutes: int, field: str | None = "duration") -> timedelta:
    """A length in whole minutes, from one minute to LONGEST_MINUTES."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        raise InvalidInput("the duration must be a positive number of minutes", field=field)
    if minutes > LONGEST_MINUTES:
        raise InvalidInput(f"the duration is too long ({minutes} minutes; at most "
                           f"{LONGEST_MINUTES}, a week)", field=field)
    return timedelta(minutes=minutes)


def span(start: datetime, end: datetime, what: str = "the interview",
         field: str | None = "end") -> None:
    """`end` comes after `start`, at most LONGEST_MINUTES later."""
    if end <= start:
        raise InvalidInput(f"{what} must end after it starts", field=field)
    if end - start > timedelta(minutes=LONGEST_MINUTES):
        raise InvalidInput(f"{what} is too long (more than {LONGEST_MINUTES} minutes, a week)",
                           field=field)


def derived(value: datetime | date, what: str) -> None:
    """A time the planner or the clock set: near the plausible dates (a step may be planned a
    little after the last one a user may give)."""
    if not FIRST_DAY.year - SLACK_YEARS <= value.year <= LAST_DAY.year + SLACK_YEARS:
        raise InvalidInput(f"{what} ({value.isoformat()}) is not a plausible date")


def check_user(user: User) -> None:
    """A profile that could have been typed."""
    text(user.name, "the user's name", field="name")
    email(user.email)
    text(user.timezone, "the user's time zone", ZONE, field="timezone")


def check_state(state: ApplicationState) -> None:
    """Every record of one application fits the rules a user's input meets, and refers only to
    records of the same application (a file to import is checked this way)."""
    app = state.application
    where = f"application {app.id}"
    text(app.company, f"the company of {where}", field="company")
    text(app.position, f"the position of {where}", field="position")
    optional_text(app.url, f"the url of {where}", URL, field="url", lines=False)
    for at in (app.created_at, app.status_at):
        if at is not None:
            derived(at, f"a time of {where}")
    contacts = {c.id for c in state.contacts}
    for contact in state.contacts:
        who = f"contact {contact.id}"
        text(contact.name, f"the name of {who}", field="name")
        if contact.email is not None:
            email(contact.email)
        for name, longest in (("title", SHORT), ("organisation", SHORT), ("phone", PHONE),
                              ("first_name", SHORT), ("family_name", SHORT)):
            what = f"the {name.replace('_', ' ')} of {who}"
            optional_text(getattr(contact, name), what, longest, field=name)
        if contact.honorific is not None and not isinstance(contact.honorific, Honorific):
            raise InvalidInput(f"the honorific of {who} is not one of the choices",
                               field="honorific")
        details(contact.emails, contact.phones, who)
        optional_text(contact.website, f"the website of {who}", URL, "website", lines=False)
    for interview in state.interviews:
        _check_interview(interview, contacts)
    actions = {a.id for a in state.actions}
    interviews = {i.id for i in state.interviews}
    for touch in state.touches:
        what = f"touch {touch.id}"
        derived(touch.at, f"the time of {what}")
        if touch.callback_at is not None:
            moment(touch.callback_at, f"the call-back time of {what}", "callback")
        if touch.decision_date is not None:
            day(touch.decision_date, f"the decision date of {what}", "decision_by")
        optional_text(touch.decision_phrase, f"the decision date of {what}", SHORT)
        optional_text(touch.notes, f"the notes of {what}", field="notes")
        _belongs(touch.contact_id, contacts, f"{what}'s contact", where)
        _belongs(touch.action_id, actions, f"{what}'s step", where)
    for action in state.actions:
        what = f"step {action.id}"
        for at in (action.earliest, action.due, action.deadline, action.done_at):
            if at is not None:
                derived(at, f"a time of {what}")
        optional_text(action.reason, f"the reason of {what}")
        _belongs(action.contact_id, contacts, f"{what}'s contact", where)
        _belongs(action.interview_id, interviews, f"{what}'s interview", where)


def _check_interview(interview: Interview, contacts: set[int | None]) -> None:
    what = f"interview {interview.id}"
    moment(interview.start, f"the start of {what}", "at")
    moment(interview.end, f"the end of {what}", "end")
    span(interview.start, interview.end, what)
    text(interview.timezone, f"the time zone of {what}", ZONE, field="timezone")
    for name in ("notes", "next_step"):
        optional_text(getattr(interview, name), f"the {name.replace('_', ' ')} of {what}",
                      field=name)
    if interview.decision_date is not None:
        day(interview.decision_date, f"the decision date of {what}", "decision_by")
    optional_text(interview.decision_phrase, f"the decision date of {what}", SHORT)
    if not isinstance(interview.forgotten, list):
        raise InvalidInput(f"the forgotten points of {what} must be a list of texts")
    if len(interview.forgotten) > MANY:
        raise InvalidInput(f"{what} has more than {MANY} forgotten points")
    for point in interview.forgotten:
        text(point, f"a forgotten point of {what}", LONG, field="forgot")
    for person in interview.participants:
        _belongs(person.contact_id, contacts, f"a participant of {what}",
                 f"application {interview.application_id}")
        optional_text(person.topic, f"a topic of {what}", field="interviewers")


def _belongs(record_id: int | None, ids: set[int | None], what: str, where: str) -> None:
    if record_id is not None and record_id not in ids:
        raise InvalidInput(f"{what} ({record_id}) is not a record of {where}")
