"""The SQL of Insights: a few queries per window that count in the database, so that only the
numbers (and the few rows a median needs) come back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Connection,
    String,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from followup.adapters.db import tables as t
from followup.adapters.db.rows import as_rows
from followup.domain.model import AppStatus, Kind, Status, TouchKind
from followup.domain.playbook import UNDONE
from followup.services.ports import Row

a, i, h, ap = t.actions.c, t.interviews.c, t.touches.c, t.applications.c
CALLED = (Kind.INQUIRY, Kind.DECISION_CHECK, Kind.CALLBACK, Kind.CALL_RETRY)
"""Steps that are an inquiry or a call: the follow-ups Insights counts."""
EMPLOYERS = (AppStatus.OFFER, AppStatus.HIRED, AppStatus.REJECTED)
"""Outcomes the employer decides (a withdrawal is the candidate's)."""
FROM_EMPLOYER = (TouchKind.REPLY, TouchKind.CALL_RECEIVED)


class _WithinDays(FunctionElement[bool]):
    """`later <= earlier + days` for two stored times (each database adds days its own way)."""

    type = Boolean()
    inherit_cache = True
    name = "within_days"


@compiles(_WithinDays, "sqlite")
def _within_days_sqlite(element: _WithinDays, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier, days = (compiler.process(c, **kw) for c in element.clauses)
    return f"julianday({later}) <= julianday({earlier}) + {days}"


@compiles(_WithinDays)
def _within_days(element: _WithinDays, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier, days = (compiler.process(c, **kw) for c in element.clauses)
    return f"{later} <= {earlier} + make_interval(days => {days})"


def _week_of(at: Any, starts: Sequence[datetime], first: int) -> Any:
    """The index of the week `at` falls in, `starts` being when the weeks after week `first`
    begin: a search by halves, so a long window costs a few comparisons a row, not one a week."""
    if not starts:
        return literal(first)
    middle = len(starts) // 2
    return case((at < starts[middle], _week_of(at, starts[:middle], first)),
                else_=_week_of(at, starts[middle + 1:], first + middle + 1))


class SqlInsights:
    """One owner's records as Insights reads them, on one connection."""

    def __init__(self, connection: Connection, owner_id: int | None) -> None:
        self.connection = connection
        self.owner_id = owner_id

    def _windowed(self, start: datetime, end: datetime, now: datetime) -> Any:
        """The applications of the window with their interviews' facts (a CTE: computed once
        per query, however often the query refers to it)."""
        live = i.cancelled.is_(False)
        held = and_(live, i.start_at <= now)
        rounds = (select(i.application_id,
                         func.min(case((live, i.start_at))).label("first_at"),
                         func.min(case((held, i.start_at))).label("first_held"),
                         func.count(case((held, 1))).label("held"))
                  .where(i.owner_id == self.owner_id).group_by(i.application_id).subquery())
        anchor = func.coalesce(rounds.c.first_at, ap.created_at)
        return (select(ap.id, ap.status, ap.status_at, rounds.c.first_held,
                       func.coalesce(rounds.c.held, 0).label("held"))
                .select_from(t.applications.outerjoin(rounds, rounds.c.application_id == ap.id))
                .where(ap.owner_id == self.owner_id, anchor >= start, anchor < end)
                .cte("windowed"))

    def applications(self, start: datetime, end: datetime, now: datetime) -> list[Row]:
        apps = self._windowed(start, end, now)
        steps = (select(
            a.application_id,
            func.count(case((and_(a.kind.in_(CALLED), a.status == Status.DONE), 1)))
            .label("follow_ups"),
            func.count(case((and_(a.kind == Kind.THANK_HELPERS,
                                  or_(a.reason.is_(None), a.reason != UNDONE)), 1)))
            .label("offered"),
            func.count(case((a.kind == Kind.LAST_NOTE, 1))).label("went_stale"))
            .where(a.owner_id == self.owner_id, a.application_id.in_(select(apps.c.id)))
            .group_by(a.application_id).subquery())
        calls = (select(h.application_id, func.count().label("calls"))
                 .where(h.owner_id == self.owner_id, h.kind == TouchKind.CALL_MADE,
                        h.action_id.is_(None), h.application_id.in_(select(apps.c.id)))
                 .group_by(h.application_id).subquery())
        # Times only where a number needs them: fewer values to read back.
        decided = apps.c.status.in_((*EMPLOYERS, AppStatus.WITHDRAWN))
        return as_rows(self.connection.execute(
            select(apps.c.id, apps.c.status, case((decided, apps.c.status_at)).label("status_at"),
                   case((decided, apps.c.first_held)).label("first_held"), apps.c.held,
                   (func.coalesce(steps.c.follow_ups, 0) + func.coalesce(calls.c.calls, 0))
                   .label("follow_ups"),
                   func.coalesce(steps.c.offered, 0).label("offered"),
                   func.coalesce(steps.c.went_stale, 0).label("went_stale"))
            .select_from(apps.outerjoin(steps, steps.c.application_id == apps.c.id)
                         .outerjoin(calls, calls.c.application_id == apps.c.id))))

    def thank_you_notes(self, start: datetime, end: datetime, now: datetime) -> Row:
        notes = t.actions.join(t.interviews, a.interview_id == i.id)
        window = (a.owner_id == self.owner_id, a.kind == Kind.THANK_YOU, a.optional.is_(False),
                  a.status != Status.CANCELLED, i.start_at >= start, i.start_at < end)
        done = a.status == Status.DONE
        on_time = and_(done, or_(a.done_at.is_(None), a.done_at <= a.deadline))
        missed = or_(a.status == Status.SKIPPED,
                     and_(a.status == Status.PLANNED, a.deadline < now))
        counts = self._one(
            select(func.count(case((on_time, 1))).label("on_time"),
                   func.count(case((missed, 1))).label("missed"))
            .select_from(notes).where(*window))
        late = self.connection.execute(
            select(a.done_at, a.deadline).select_from(notes)
            .where(*window, done, a.done_at > a.deadline)).all()
        return {**counts, "late_hours": [(d - due).total_seconds() / 3600 for d, due in late]}

    def response(self, start: datetime, end: datetime, now: datetime, days: int) -> Row:
        done = (select(a.application_id, a.done_at.label("at"))
                .where(a.owner_id == self.owner_id, a.kind.in_(CALLED),
                       a.status == Status.DONE, a.done_at >= start, a.done_at < end))
        calls = (select(h.application_id, h.at)
                 .where(h.owner_id == self.owner_id, h.kind == TouchKind.CALL_MADE,
                        h.action_id.is_(None), h.at >= start, h.at < end))
        f = union_all(done, calls).subquery("f")
        heard = exists().where(
            h.owner_id == self.owner_id, h.application_id == f.c.application_id,
            h.kind.in_(FROM_EMPLOYER), h.at >= f.c.at, _WithinDays(h.at, f.c.at, days))
        decided = exists().where(
            ap.id == f.c.application_id, ap.status.in_(EMPLOYERS),
            ap.status_at >= f.c.at, _WithinDays(ap.status_at, f.c.at, days))
        answered = or_(heard, decided)
        return self._one(
            select(func.count(case((answered, 1))).label("answered"),
                   func.count(case((and_(~answered, f.c.at > now - timedelta(days=days)), 1)))
                   .label("waiting"),
                   func.count().label("done"))
            .select_from(f))

    def decision_dates(self, start: datetime, end: datetime, now: datetime) -> list[Row]:
        ids = select(self._windowed(start, end, now).c.id)
        at_interviews = (select(i.application_id, i.start_at.label("given_at"),
                                i.decision_date)
                         .where(i.owner_id == self.owner_id, i.cancelled.is_(False),
                                i.decision_date.is_not(None), i.application_id.in_(ids)))
        in_touches = (select(h.application_id, h.at.label("given_at"), h.decision_date)
                      .where(h.owner_id == self.owner_id, h.decision_date.is_not(None),
                             h.application_id.in_(ids)))
        return as_rows(self.connection.execute(union_all(at_interviews, in_touches)))

    def activity(self, weeks: Sequence[datetime], now: datetime) -> list[Row]:
        def counted(kind: Any, at: Any, *where: Any) -> Any:
            week = _week_of(at, weeks[1:-1], 0)
            return (select(kind.label("kind"), week.label("week"), func.count().label("count"))
                    .where(at >= weeks[0], at < weeks[-1], *where)
                    .group_by(text("1"), text("2")))  # by position: the CASE holds parameters

        touches = counted(case((h.kind == TouchKind.NOTE_SENT, "note"), else_="call"), h.at,
                          h.owner_id == self.owner_id,
                          h.kind.in_((TouchKind.NOTE_SENT, TouchKind.CALL_MADE)))
        interviews = counted(literal("interview", String), i.start_at, i.owner_id == self.owner_id,
                             i.cancelled.is_(False), i.start_at <= now)
        return as_rows(self.connection.execute(union_all(touches, interviews)))

    def _one(self, query: Any) -> Row:
        """The one row of an aggregate query."""
        return cast("Row", self.connection.execute(query).mappings().one())  # see as_rows
