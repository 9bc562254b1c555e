"""The SQL of note review: the notes clients share with their coach, and the coach's comments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update

from followup.adapters.db import tables as t
from followup.adapters.db.rows import as_rows, first_row
from followup.domain.limits import MAX_ID
from followup.domain.model import Status
from followup.domain.review import Span
from followup.services.ports import Row

ns, rc, a, u = t.note_shares.c, t.review_comments.c, t.actions.c, t.users.c

LIVE = and_(ns.ended_at.is_(None), a.status == Status.PLANNED.value, u.coach_id == ns.coach_id)
"""A share the coach may read: not ended, its step still planned (a note sent or done another
way ends it), and its coach still the client's coach (a link that ended ends it)."""


def _shares() -> Any:
    """Shares with their step and client, and whether each is live."""
    return (select(ns.id, ns.owner_id, ns.action_id, ns.coach_id, ns.shared_at, ns.ended_at,
                   ns.ended_by, ns.verdict, ns.verdict_at, LIVE.label("live"))
            .select_from(t.note_shares.join(t.actions, ns.action_id == a.id)
                         .join(t.users, ns.owner_id == u.id)))


class SqlReviews:
    """The `Reviews` port on one connection, for one owner (the client)."""

    def __init__(self, connection: Connection, owner_id: int | None) -> None:
        self.connection = connection
        self.owner_id = owner_id

    def _one(self, query: Any) -> Row | None:
        found = first_row(self.connection.execute(query))
        return None if found is None else {**found, "live": bool(found["live"])}

    def latest_share(self, action_id: int) -> Row | None:
        return self._one(_shares().where(ns.owner_id == self.owner_id, ns.action_id == action_id)
                         .order_by(ns.shared_at.desc(), ns.id.desc()).limit(1))

    def share(self, share_id: int) -> Row | None:
        if not 0 < share_id <= MAX_ID:
            return None
        return self._one(_shares().where(ns.owner_id == self.owner_id, ns.id == share_id))

    def add_share(self, action_id: int, coach_id: int, now: datetime) -> int:
        return int(self.connection.execute(insert(t.note_shares).values(
            owner_id=self.owner_id, action_id=action_id, coach_id=coach_id, shared_at=now)
            .returning(t.note_shares.c.id)).scalar_one())

    def end_shares(self, ended_by: str, now: datetime, action_id: int | None = None) -> int:
        where = [ns.owner_id == self.owner_id, ns.ended_at.is_(None)]
        if action_id is not None:
            where.append(ns.action_id == action_id)
        return self.connection.execute(update(t.note_shares).where(*where).values(
            ended_at=now, ended_by=ended_by)).rowcount

    def set_verdict(self, share_id: int, verdict: str | None, now: datetime) -> None:
        self.connection.execute(update(t.note_shares).where(
            ns.owner_id == self.owner_id, ns.id == share_id).values(
            verdict=verdict, verdict_at=now if verdict else None))

    def add_comment(self, share_id: int, span: Span | None, body: str, now: datetime) -> int:
        return int(self.connection.execute(insert(t.review_comments).values(
            owner_id=self.owner_id, share_id=share_id, start=span.start if span else None,
            end=span.end if span else None, quote=span.quote if span else None, body=body,
            created_at=now).returning(t.review_comments.c.id)).scalar_one())

    def comments(self, share_id: int) -> list[Row]:
        return as_rows(self.connection.execute(
            select(rc.id, rc.start, rc.end, rc.quote, rc.body, rc.created_at)
            .where(rc.owner_id == self.owner_id, rc.share_id == share_id)
            .order_by(rc.created_at, rc.id)))

    def comments_since(self, since: datetime) -> list[Row]:
        ap, c = t.applications.c, t.contacts.c
        return as_rows(self.connection.execute(
            select(rc.id, rc.body, rc.quote, rc.created_at, ns.action_id, a.kind, a.channel,
                   ap.company, ap.position, c.name.label("contact_name"))
            .select_from(t.review_comments.join(t.note_shares, rc.share_id == ns.id)
                         .join(t.actions, ns.action_id == a.id)
                         .join(t.users, ns.owner_id == u.id)
                         .join(t.applications, a.application_id == ap.id)
                         .outerjoin(t.contacts, a.contact_id == c.id))
            .where(rc.owner_id == self.owner_id, rc.created_at > since, LIVE)
            .order_by(rc.created_at, rc.id)))

    def _coach_query(self, coach_id: int) -> Any:
        ap, c = t.applications.c, t.contacts.c
        count = (select(func.count()).where(rc.share_id == ns.id)
                 .correlate(t.note_shares).scalar_subquery())
        return (select(ns.id, ns.owner_id, ns.action_id, ns.coach_id, ns.shared_at,
                       ns.ended_at, ns.ended_by, ns.verdict, ns.verdict_at,
                       u.name.label("client_name"), a.kind, a.channel, a.deadline,
                       ap.company, ap.position, c.name.label("contact_name"),
                       count.label("comments"))
                .select_from(t.note_shares.join(t.actions, ns.action_id == a.id)
                             .join(t.users, ns.owner_id == u.id)
                             .join(t.applications, a.application_id == ap.id)
                             .outerjoin(t.contacts, a.contact_id == c.id))
                .where(ns.coach_id == coach_id, LIVE))

    def coach_shares(self, coach_id: int) -> list[Row]:
        rows = self.connection.execute(self._coach_query(coach_id)
                                       .order_by(ns.shared_at.desc(), ns.id.desc()))
        return [{**row, "live": True} for row in as_rows(rows)]

    def coach_share(self, coach_id: int, share_id: int) -> Row | None:
        if not 0 < share_id <= MAX_ID:
            return None
        found = first_row(self.connection.execute(
            self._coach_query(coach_id).where(ns.id == share_id)))
        return None if found is None else {**found, "live": True}
