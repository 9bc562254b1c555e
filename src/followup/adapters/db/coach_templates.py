"""The SQL of coaches' templates, and of the shares a client's link to their coach keeps."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from followup.adapters.db import tables as t
from followup.services.coach_ports import StoredTemplate

c = t.coach_templates.c


def _template(row: Any) -> StoredTemplate:
    return StoredTemplate(row.id, row.owner_id, row.kind, row.tone, row.title, row.body,
                          row.published_at, row.withdrawn_at)


class SqlCoachTemplates:
    """Coaches' templates on one connection (the unit of work's transaction)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, coach_id: int, kind: str, tone: str | None, title: str, body: str,
            now: datetime) -> int:
        found = self.connection.execute(
            insert(t.coach_templates).values(owner_id=coach_id, kind=kind, tone=tone,
                                             title=title, body=body, published_at=now)
            .returning(c.id)).scalar_one()
        return int(found)

    def get(self, template_id: int) -> StoredTemplate | None:
        row = self.connection.execute(select(t.coach_templates)
                                      .where(c.id == template_id)).first()
        return _template(row) if row else None

    def of_coach(self, coach_id: int, kind: str | None = None,
                 live: bool = True) -> list[StoredTemplate]:
        query = select(t.coach_templates).where(c.owner_id == coach_id)
        if kind is not None:
            query = query.where(c.kind == kind)
        if live:
            query = query.where(c.withdrawn_at.is_(None))
        rows = self.connection.execute(query.order_by(c.published_at.desc(), c.id.desc()))
        return [_template(r) for r in rows]

    def withdraw(self, template_id: int, now: datetime) -> None:
        self.connection.execute(update(t.coach_templates).where(
            c.id == template_id, c.withdrawn_at.is_(None)).values(withdrawn_at=now))

    def end_shares(self, client_id: int, coach_id: int, now: datetime) -> int:
        s = t.note_shares.c
        done = self.connection.execute(update(t.note_shares).where(
            s.owner_id == client_id, s.coach_id == coach_id, s.ended_at.is_(None))
            .values(ended_at=now, ended_by="unlinked"))
        return int(done.rowcount or 0)
