"""The log of job-search activity that unemployment offices ask for: one row per contact with
an employer (an interview, a note, a call, their reply), with the person, how it happened and
what came of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from followup.domain import calendar as cal
from followup.domain.model import (
    DECIDED,
    Action,
    ApplicationState,
    CallOutcome,
    Channel,
    Contact,
    Format,
    Interview,
    Kind,
    Role,
    Touch,
    TouchKind,
)
from followup.domain.playbook import held


class Method(StrEnum):
    """How the contact happened."""

    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"
    IN_PERSON = "in person"
    VIDEO = "video"


class Activity(StrEnum):
    """What the contact was."""

    INTERVIEW = "interview"
    THANK_YOU = "thank-you note"
    INQUIRY = "inquiry"
    CALL = "call"
    REPLY = "reply received"
    WITHDRAWAL = "withdrawal note"


THANKS = frozenset({Kind.THANK_YOU, Kind.THANK_AFTER_DECISION, Kind.THANK_HELPERS})
BY_FORMAT = {Format.PHONE: Method.PHONE, Format.VIDEO: Method.VIDEO,
             Format.ONSITE: Method.IN_PERSON, Format.PANEL: Method.IN_PERSON}
BY_CHANNEL = {Channel.EMAIL: Method.EMAIL, Channel.PHONE: Method.PHONE,
              Channel.LETTER: Method.LETTER}
CALLED = {CallOutcome.REACHED: "spoke with them", CallOutcome.VOICEMAIL: "left a voicemail",
          CallOutcome.NO_ANSWER: "no answer"}


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """One contact with an employer, as a row of the report."""

    day: date = field(metadata={"json": "date"})
    at: datetime = field(metadata={"doc": "When it happened, in the user's time zone."})
    employer: str
    position: str
    contact: str = field(metadata={"doc": "The people, '; ' between two (a panel's row)."})
    title: str = field(metadata={"doc": "Their job titles, in the same order."})
    method: Method
    activity: Activity
    result: str = field(metadata={"doc": "What came of it, or the next step."})


def _day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


def _people(people: list[Contact]) -> tuple[str, str]:
    """Names and titles, lined up: a missing title of a panel's member is a dash."""
    names = "; ".join(p.name for p in people)
    if not any(p.title for p in people):
        return names, ""
    return names, "; ".join(p.title or "\u2014" for p in people)


def _main_contact(state: ApplicationState) -> list[Contact]:
    """Who a follow-up without a named person went to: the first person met who was not
    only helpful (R5's call asks for the person who interviewed you)."""
    return [c for c in state.contacts if c.role is not Role.HELPER][:1]


def _interview_result(interview: Interview, state: ApplicationState, last: bool,
                      tz: str) -> str:
    said = []
    if interview.next_step:
        said.append(f"next step: {interview.next_step}")
    if interview.decision_date:
        said.append(f"decision by {_day(interview.decision_date)}")
    app = state.application
    if last and app.status in DECIDED and app.status_at is not None:
        said.append(f"{app.status} on {_day(cal.local_date(app.status_at, tz))}")
    return "; ".join(said)


def _interview_row(interview: Interview, state: ApplicationState, last: bool,
                   tz: str) -> ActivityRow:
    found = [state.contact(p.contact_id) for p in interview.participants]
    people = [c for c in found if c is not None and c.role is not Role.HELPER] or [
        c for c in found if c is not None]
    names, titles = _people(people)
    start = interview.start.astimezone(cal.zone(tz))
    return ActivityRow(start.date(), start, state.application.company,
                       state.application.position, names, titles, BY_FORMAT[interview.format],
                       Activity.INTERVIEW, _interview_result(interview, state, last, tz))


def _heard_after(touch: Touch, state: ApplicationState, tz: str) -> str:
    reply = next((t for t in state.touches if t.from_employer and t.at > touch.at), None)
    return (f"they replied on {_day(cal.local_date(reply.at, tz))}" if reply
            else "no reply yet")


def _what_they_said(touch: Touch, state: ApplicationState, tz: str) -> str:
    """The call's outcome or the reply's news; a decision recorded with it (the same moment)
    is its result."""
    said = []
    if touch.outcome is not None:
        said.append(CALLED[touch.outcome])
    app = state.application
    if app.status in DECIDED and app.status_at == touch.at:
        said.append(f"decision: {app.status}")
    if touch.decision_date:
        said.append(f"decision by {_day(touch.decision_date)}")
    if touch.callback_at:
        back = touch.callback_at.astimezone(cal.zone(tz))
        said.append(f"call back {_day(back.date())}, {back:%H:%M}")
    if touch.notes:
        said.append(" ".join(touch.notes.split()))
    return "; ".join(said)


def _touch_row(touch: Touch, state: ApplicationState, actions: dict[int, Action],
               tz: str) -> ActivityRow:
    action = actions.get(touch.action_id or 0)
    person = state.contact(touch.contact_id or (action.contact_id if action else None))
    names, titles = _people([person] if person else _main_contact(state))
    if touch.kind is TouchKind.NOTE_SENT:
        method = BY_CHANNEL[action.channel] if action else Method.EMAIL
        kind = action.kind if action else Kind.INQUIRY
        activity = (Activity.THANK_YOU if kind in THANKS else Activity.WITHDRAWAL
                    if kind is Kind.WITHDRAWAL_NOTE else Activity.INQUIRY)
        result = "sent" if activity is not Activity.INQUIRY else _heard_after(touch, state, tz)
    elif touch.kind is TouchKind.CALL_MADE:
        method, activity = Method.PHONE, Activity.CALL
        result = _what_they_said(touch, state, tz)
    else:
        method = Method.PHONE if touch.kind is TouchKind.CALL_RECEIVED else Method.EMAIL
        activity, result = Activity.REPLY, _what_they_said(touch, state, tz)
    at = touch.at.astimezone(cal.zone(tz))
    return ActivityRow(at.date(), at, state.application.company, state.application.position,
                       names, titles, method, activity, result)


def activity_rows(state: ApplicationState, start: date, end: date, now: datetime,
                  tz: str) -> list[ActivityRow]:
    """The application's contacts with the employer from `start` to `end` (local dates in
    `tz`, both included) that happened by `now`: each interview held (one row, whoever sat on
    the panel) and each note, call and reply."""
    rows = []
    interviews = [i for i in state.interviews if held(i, now)]
    for n, interview in enumerate(interviews):
        if start <= cal.local_date(interview.start, tz) <= end:
            rows.append(_interview_row(interview, state, n == len(interviews) - 1, tz))
    actions = {a.id or 0: a for a in state.actions}
    for touch in state.touches:
        if touch.at <= now and start <= cal.local_date(touch.at, tz) <= end:
            rows.append(_touch_row(touch, state, actions, tz))
    return rows
