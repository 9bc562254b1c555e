"""The SQL of the admin's summary: counts over every account, never a row of one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select, union

from followup.adapters.db import tables as t
from followup.domain.kinds import TouchKind

u = t.users.c
ACCOUNT = u.role.is_not(None)


class SqlInstallationCounts:
    """Installation-wide counts on one connection."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def users(self) -> dict[str, int]:
        rows = self.connection.execute(
            select(u.role, func.count()).where(ACCOUNT).group_by(u.role)).all()
        counts = {str(role): int(n) for role, n in rows}
        counts["disabled"] = int(self.connection.execute(
            select(func.count()).where(ACCOUNT, u.disabled_at.is_not(None))).scalar_one())
        return counts

    def active_users(self, since: datetime) -> int:
        owners = union(
            select(t.applications.c.owner_id).where(t.applications.c.created_at >= since),
            select(t.interviews.c.owner_id).where(t.interviews.c.start_at >= since),
            select(t.touches.c.owner_id).where(t.touches.c.at >= since),
            select(t.actions.c.owner_id).where(t.actions.c.done_at >= since),
            select(t.notes.c.owner_id).where(t.notes.c.updated_at >= since),
            select(t.sessions.c.owner_id).where(t.sessions.c.seen_at >= since),
            select(t.access_tokens.c.owner_id).where(t.access_tokens.c.used_at >= since),
        ).subquery()
        return int(self.connection.execute(
            select(func.count()).select_from(t.users).where(
                ACCOUNT, u.id.in_(select(owners.c.owner_id)))).scalar_one())

    def notes_sent(self, since: datetime, until: datetime) -> int:
        h = t.touches.c
        return int(self.connection.execute(
            select(func.count()).where(h.kind == TouchKind.NOTE_SENT, h.at >= since,
                                       h.at < until)).scalar_one())

    def owners(self) -> list[tuple[int, str]]:
        having = select(t.applications.c.owner_id).distinct()
        rows = self.connection.execute(
            select(u.id, u.timezone).where(ACCOUNT, u.id.in_(having)).order_by(u.id))
        return [(int(i), str(z)) for i, z in rows]
