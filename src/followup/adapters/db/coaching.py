"""The SQL of the coach's pages: a handful of queries for every client at once (grouped by
owner), and one per table for one client. Each names the columns it reads, so that no note,
message, call note, phrase, address or number of a client ever leaves the database here."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, case, func, or_, select, type_coerce

from followup.adapters.db import tables as t
from followup.adapters.db.rows import as_rows
from followup.domain.model import AppStatus, Kind, Status
from followup.services.ports import Row

ap, i, a, h, c = (t.applications.c, t.interviews.c, t.actions.c, t.touches.c,
                  t.contacts.c)
OPEN = (AppStatus.ACTIVE, AppStatus.STALE)


def _time(value: Any) -> Any:
    """An aggregate of stored times read back as one (aware, in UTC, on SQLite too)."""
    return type_coerce(value, t.UTCDateTime())


class SqlCoaching:
    """Clients' records as a coach reads them, on one connection (any owner: the service
    asks only for the acting coach's clients)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def zones(self, owner_ids: Collection[int]) -> dict[int, str]:
        found = self.connection.execute(
            select(t.users.c.id, t.users.c.timezone).where(t.users.c.id.in_(list(owner_ids))))
        return {int(owner): str(zone) for owner, zone in found}

    def summary(self, owner_ids: Collection[int], now: datetime, since: datetime
                ) -> list[Row]:
        ids = list(owner_ids)
        found: dict[int, dict[str, Any]] = {}

        def merge(query: Any) -> None:
            for row in as_rows(self.connection.execute(query)):
                found.setdefault(row["owner_id"], {}).update(row)

        def count(where: Any) -> Any:
            return func.count(case((where, 1)))

        merge(select(ap.owner_id, count(ap.status.in_(OPEN)).label("active"),
                     *(count(ap.status == s).label(str(s)) for s in AppStatus
                       if s is not AppStatus.ACTIVE))
              .where(ap.owner_id.in_(ids)).group_by(ap.owner_id))
        held = and_(i.cancelled.is_(False), i.start_at <= now)
        merge(select(i.owner_id, count(and_(held, i.start_at >= since)).label("interviews"),
                     _time(func.max(case((held, i.start_at)))).label("last_held"))
              .where(i.owner_id.in_(ids)).group_by(i.owner_id))
        overdue = and_(a.status == Status.PLANNED, a.kind != Kind.CHECKLIST, a.deadline < now)
        late_note = and_(overdue, a.kind == Kind.THANK_YOU, a.optional.is_(False))
        finished = and_(a.status.in_((Status.DONE, Status.SKIPPED)), a.done_at <= now)
        merge(select(a.owner_id, count(overdue).label("overdue"),
                     _time(func.min(case((overdue, a.deadline)))).label("overdue_since"),
                     count(late_note).label("late_notes"),
                     _time(func.min(case((late_note, a.deadline))))
                     .label("late_notes_since"),
                     _time(func.max(case((finished, a.done_at)))).label("last_step"))
              .where(a.owner_id.in_(ids), or_(overdue, finished)).group_by(a.owner_id))
        merge(select(h.owner_id, _time(func.max(h.at)).label("last_touch"))
              .where(h.owner_id.in_(ids), h.at <= now).group_by(h.owner_id))
        return [{"owner_id": owner, **row} for owner, row in found.items()]

    def applications(self, owner_id: int) -> list[Row]:
        return as_rows(self.connection.execute(
            select(ap.id, ap.company, ap.position, ap.status, ap.status_at, ap.created_at)
            .where(ap.owner_id == owner_id).order_by(ap.id)))

    def interviews(self, owner_id: int) -> list[Row]:
        return as_rows(self.connection.execute(
            select(i.id, i.application_id, i.start_at, i.end_at, i.timezone, i.format,
                   i.round, i.decision_date, i.cancelled)
            .where(i.owner_id == owner_id).order_by(i.start_at, i.id)))

    def steps(self, owner_id: int) -> list[Row]:
        return as_rows(self.connection.execute(
            select(a.id, a.application_id, a.kind, a.interview_id, a.contact_id, a.channel,
                   a.earliest, a.due, a.deadline, a.status, a.optional, a.rule, a.why,
                   a.done_at)
            .where(a.owner_id == owner_id).order_by(a.earliest, a.id)))

    def touches(self, owner_id: int) -> list[Row]:
        return as_rows(self.connection.execute(
            select(h.id, h.application_id, h.kind, h.at, h.contact_id, h.action_id, h.outcome,
                   h.decision_date, h.callback_at)
            .where(h.owner_id == owner_id).order_by(h.at, h.id)))

    def people(self, owner_id: int) -> list[Row]:
        return as_rows(self.connection.execute(
            select(c.id, c.application_id, c.name, c.first_name, c.family_name, c.role)
            .where(c.owner_id == owner_id).order_by(c.id)))
