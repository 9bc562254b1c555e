"""Small builders for the playbook's records: sensible defaults, keyword overrides, aware times.

Defaults describe one application at Acme Ltd with a one-hour video interview on Tuesday
1 December 2026, 10:00-11:00 in New York, with two interviewers (contacts 1 and 2).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.domain.model import (
    CALLS,
    Action,
    Application,
    ApplicationState,
    AppStatus,
    CallOutcome,
    Channel,
    Contact,
    Interview,
    Kind,
    Participant,
    Role,
    Status,
    Touch,
    TouchKind,
)
from followup.domain.playbook import Plan, plan
from followup.domain.policy import Policy

TZ = "America/New_York"
APP_ID = 1
POLICY = Policy()
CHRISTMAS = frozenset({date(2026, 12, 25), date(2026, 12, 28)})
"""Christmas Day (Friday) and St Stephen's Day observed (Monday) in 2026."""

_touch_ids = itertools.count(500)


def local(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    tz: str = TZ,
) -> datetime:
    """An aware date-time in `tz` (New York unless told)."""
    return datetime(year, month, day, hour, minute, second, tzinfo=ZoneInfo(tz))


def application(**overrides: Any) -> Application:
    fields: dict[str, Any] = {
        "id": APP_ID,
        "company": "Acme Ltd",
        "position": "Data Analyst",
        "url": "https://acme.example/jobs/42",
        "created_at": local(2026, 11, 20, 9),
    }
    return Application(**(fields | overrides))


def contact(id: int = 1, *, role: Role = Role.INTERVIEWER, **overrides: Any) -> Contact:
    fields: dict[str, Any] = {
        "id": id,
        "application_id": APP_ID,
        "name": f"{role.value.title()} {id}",
        "role": role,
        "email": f"person{id}@acme.example",
        "phone": f"+1 212 555 01{id:02d}",
        "confirmed": True,
    }
    return Contact(**(fields | overrides))


def interviewer_contacts(count: int, *, first_id: int = 1) -> list[Contact]:
    """`count` interviewer contacts with consecutive ids."""
    return [contact(first_id + i) for i in range(count)]


def interview(
    *,
    id: int = 1,
    start: datetime | None = None,
    minutes: int = 60,
    timezone: str = TZ,
    contact_ids: Iterable[int] = (1, 2),
    decision_date: date | None = None,
    **overrides: Any,
) -> Interview:
    """An interview of `minutes` starting at `start` (default Tue 1 Dec 2026 10:00 local)."""
    start = start if start is not None else local(2026, 12, 1, 10, tz=timezone)
    fields: dict[str, Any] = {
        "id": id,
        "application_id": APP_ID,
        "start": start,
        "end": start + timedelta(minutes=minutes),
        "timezone": timezone,
        "decision_date": decision_date,
        "participants": [Participant(cid, topic=f"topic {cid}") for cid in contact_ids],
    }
    return Interview(**(fields | overrides))


def touch(kind: TouchKind, at: datetime, **overrides: Any) -> Touch:
    fields: dict[str, Any] = {
        "id": next(_touch_ids),
        "application_id": APP_ID,
        "kind": kind,
        "at": at,
    }
    return Touch(**(fields | overrides))


def reply(at: datetime, **overrides: Any) -> Touch:
    """An email reply from the employer."""
    return touch(TouchKind.REPLY, at, **overrides)


def call(
    at: datetime,
    outcome: CallOutcome | None = CallOutcome.REACHED,
    action: Action | None = None,
    **overrides: Any,
) -> Touch:
    """A call the candidate made, answering `action` when given."""
    return touch(
        TouchKind.CALL_MADE,
        at,
        outcome=outcome,
        action_id=action.id if action else None,
        **overrides,
    )


def note(at: datetime, action: Action, **overrides: Any) -> Touch:
    """A note the candidate sent for `action`."""
    return touch(TouchKind.NOTE_SENT, at, action_id=action.id, **overrides)


def action(kind: Kind, earliest: datetime, **overrides: Any) -> Action:
    """A stored action; calls are due at 17:00 local on the day they open."""
    close = earliest.replace(hour=17, minute=0, second=0)
    fields: dict[str, Any] = {
        "id": None,
        "application_id": APP_ID,
        "kind": kind,
        "interview_id": 1,
        "contact_id": 1,
        "channel": Channel.PHONE if kind in CALLS else Channel.EMAIL,
        "earliest": earliest,
        "due": max(close, earliest),
        "deadline": max(close, earliest),
        "rule": "R3",
        "why": "test",
    }
    return Action(**(fields | overrides))


def state(
    *,
    interviewers: int = 2,
    start: datetime | None = None,
    minutes: int = 60,
    timezone: str = TZ,
    decision_date: date | None = None,
    status: AppStatus = AppStatus.ACTIVE,
    status_at: datetime | None = None,
    extra_contacts: Sequence[Contact] = (),
    contacts: list[Contact] | None = None,
    interviews: list[Interview] | None = None,
    touches: Sequence[Touch] = (),
    actions: Sequence[Action] = (),
) -> ApplicationState:
    """One application with one interview of `interviewers` interviewers (ids 1..n)."""
    people = (
        contacts if contacts is not None else [*interviewer_contacts(interviewers), *extra_contacts]
    )
    if interviews is None:
        interviews = [
            interview(
                start=start,
                minutes=minutes,
                timezone=timezone,
                decision_date=decision_date,
                contact_ids=[c.id for c in people if c.id is not None and c.id <= interviewers],
            )
        ]
    return ApplicationState(
        application=application(status=status, status_at=status_at),
        interviews=interviews,
        contacts=people,
        touches=list(touches),
        actions=list(actions),
    )


# -- planning helpers ---------------------------------------------------------------------------
def persist(result: Plan) -> list[Action]:
    """The plan's actions as a store would keep them: new ones get fresh ids."""
    used = [a.id for a in result.actions if a.id is not None]
    fresh = itertools.count(max([*used, 999]) + 1)
    return [a if a.id is not None else replace(a, id=next(fresh)) for a in result.actions]


def replan(
    app: ApplicationState,
    now: datetime,
    holidays: Collection[date] = frozenset(),
    policy: Policy = POLICY,
) -> Plan:
    """Plans, then stores the result in `app` (ids given to new actions) and returns it."""
    result = plan(app, now, policy, holidays)
    app.actions = persist(result)
    app.application.status = result.status
    return Plan(list(app.actions), result.status)


def mark(
    app: ApplicationState, action: Action, status: Status = Status.DONE, at: datetime | None = None
) -> Action:
    """Sets the status of the stored action with `action`'s id, as the service would."""
    for i, existing in enumerate(app.actions):
        if existing.id == action.id:
            app.actions[i] = replace(existing, status=status, done_at=at)
            return app.actions[i]
    raise LookupError(f"no action {action.id}")


def planned(actions: Iterable[Action] | Plan, kind: Kind | None = None) -> list[Action]:
    items = actions.actions if isinstance(actions, Plan) else actions
    return [a for a in items if a.is_open and (kind is None or a.kind is kind)]


def only(actions: Iterable[Action] | Plan, kind: Kind) -> Action:
    """The one planned action of `kind`."""
    found = planned(actions, kind)
    assert len(found) == 1, f"expected one planned {kind}, got {found}"
    return found[0]


def with_id(actions: Iterable[Action] | Plan, action_id: int | None) -> Action:
    items = actions.actions if isinstance(actions, Plan) else actions
    return next(a for a in items if a.id == action_id)
