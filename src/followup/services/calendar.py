"""The plan as calendar events: each planned step, each cancelled one, each decision date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from followup.domain import calendar as cal
from followup.domain import wording
from followup.domain.model import (
    CALLS,
    Action,
    ApplicationState,
    Channel,
    Interview,
    Kind,
    Status,
    User,
)
from followup.domain.playbook import settled
from followup.domain.scripts import call_script
from followup.services.context import Deps, user_of

NAME = "Followup"
DOMAIN = "followup.local"
LONG = timedelta(days=1)
"""A step whose window is longer than this becomes an all-day event on its first day."""

WORDS = {kind: wording.STEPS[kind.value] for kind in Kind}
"""Each kind of step in words (`domain/wording.py`, the one table)."""


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT: a timed event (aware date-times in the user's zone) or an all-day one
    (dates, `end` exclusive); `end` is None for a step that has no length."""

    uid: str
    summary: str
    description: str
    start: datetime | date
    end: datetime | date | None
    cancelled: bool = False

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    def sort_key(self) -> tuple[date, time, str]:
        if isinstance(self.start, datetime):
            return (self.start.date(), self.start.time(), self.uid)
        return (self.start, time.min, self.uid)


@dataclass(frozen=True)
class CalendarPlan:
    """Everything one calendar file holds, in the user's time zone."""

    name: str
    timezone: str
    stamp: datetime
    events: Sequence[CalendarEvent]

    @property
    def cancelled(self) -> int:
        return sum(1 for e in self.events if e.cancelled)


class Renderer(Protocol):
    """Turns the plan into a calendar file's bytes (the iCalendar adapter)."""

    def __call__(self, plan: CalendarPlan) -> bytes: ...


@dataclass(frozen=True)
class Rendered:
    data: bytes
    events: int
    cancelled: int


def action_uid(action_id: int) -> str:
    return f"action-{action_id}@{DOMAIN}"


def decision_uid(interview_id: int) -> str:
    return f"decision-{interview_id}@{DOMAIN}"


def calendar_plan(deps: Deps) -> CalendarPlan:
    """Every planned and cancelled step of every application, and every decision date."""
    with deps.uow() as uow:
        repo = uow.repo
        user = user_of(repo)
        stamp = deps.clock().astimezone(UTC)
        events: list[CalendarEvent] = []
        for application in repo.applications():
            if application.id is None:
                continue
            state = settled(repo.state(application.id), stamp)
            events += [
                action_event(a, state, user)
                for a in state.actions
                if a.id is not None and a.status in (Status.PLANNED, Status.CANCELLED)
            ]
            events += [
                decision_event(i, state, user.timezone)
                for i in state.interviews
                if i.id is not None and i.decision_date is not None
            ]
    return CalendarPlan(NAME, user.timezone, stamp, sorted(events, key=CalendarEvent.sort_key))


def export(deps: Deps, render: Renderer) -> Rendered:
    """The calendar file's bytes, with how many events it holds and how many are cancelled."""
    plan = calendar_plan(deps)
    return Rendered(render(plan), len(plan.events), plan.cancelled)


def _where(state: ApplicationState) -> str:
    return f"{state.application.company} ({state.application.position})"


def summary(action: Action, state: ApplicationState) -> str:
    """'Thank-you note to José Núñez — Acme (Data Analyst)'."""
    contact = state.contact(action.contact_id)
    title = wording.step_to(action.kind, action.channel, contact.name if contact else None)
    return f"{title} — {_where(state)}"


def is_call(action: Action) -> bool:
    return action.kind in CALLS and action.channel is Channel.PHONE


def description(action: Action, state: ApplicationState, user: User) -> str:
    deadline = action.deadline.astimezone(cal.zone(user.timezone))
    lines = [
        action.why,
        "",
        f"Deadline {deadline:%a %d %b %Y %H:%M} ({user.timezone}). Rule {action.rule}.",
    ]
    if action.optional:
        lines.append("Optional: the playbook offers this step; skip it if it does not fit.")
    if action.status is Status.CANCELLED:
        lines.append(f"Cancelled: {action.reason or 'no longer needed'}.")
        return "\n".join(lines)
    if is_call(action):
        script = call_script(action, state, user)
        number = [f"{script.person}: {script.shown}"] if script.phone else []
        lines += ["", "Call script:", *number, script.text]
    lines += ["", f"When it is done, tick step {action.id} off in Followup."]
    return "\n".join(lines)


def action_event(action: Action, state: ApplicationState, user: User) -> CalendarEvent:
    """A timed event from `earliest` to `due`, or an all-day one when the window is long."""
    zone = cal.zone(user.timezone)
    earliest = action.earliest.astimezone(zone)
    due = action.due.astimezone(zone)
    start: datetime | date
    end: datetime | date | None
    if due - earliest > LONG:
        start, end = earliest.date(), earliest.date() + timedelta(days=1)
    else:
        start, end = earliest, (due if due > earliest else None)
    return CalendarEvent(
        action_uid(action.id or 0),
        summary(action, state),
        description(action, state, user),
        start,
        end,
        action.status is Status.CANCELLED,
    )


def decision_event(interview: Interview, state: ApplicationState, tz: str) -> CalendarEvent:
    """An all-day event on the date the employer said they would decide."""
    day = interview.decision_date or date.min
    said = f" (\u201c{interview.decision_phrase}\u201d)" if interview.decision_phrase else ""
    started = cal.local_date(interview.start, tz)
    lines = [
        f"After the interview of {started:%A %d %B %Y}, {state.application.company} "
        f"said they would decide by {day:%A %d %B %Y}{said}."
    ]
    if interview.next_step:
        lines.append(f"Next step: {interview.next_step}.")
    if interview.cancelled:
        lines.append("Cancelled: the interview was called off.")
    else:
        lines.append(
            "If you have not heard by then, Followup plans a call the next business day (R4)."
        )
    return CalendarEvent(
        decision_uid(interview.id or 0),
        f"Decision due: {_where(state)}",
        "\n".join(lines),
        day,
        day + timedelta(days=1),
        interview.cancelled,
    )
