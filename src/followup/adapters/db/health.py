"""What an operator's probes ask the database: its schema revision and the outbox's backlog."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from followup.adapters.db import schema
from followup.adapters.db import tables as t

o = t.outbox


class SqlHealth:
    """The probes' queries on one connection (a read-only unit of work's, acting for nobody)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def schema(self) -> tuple[str | None, str]:
        return schema.current_revision(self.connection), schema.HEAD

    def outbox_states(self) -> dict[str, int]:
        rows = self.connection.execute(select(o.c.state, func.count()).group_by(o.c.state))
        return {str(state): int(count) for state, count in rows}

    def oldest_due(self, now: datetime) -> datetime | None:
        due: datetime | None = self.connection.execute(
            select(func.min(o.c.due_at)).where(o.c.state == "scheduled", o.c.due_at <= now)
        ).scalar()
        return due
