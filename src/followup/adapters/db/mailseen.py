"""The SQL of the IMAP sync: messages seen once each, and the outbox rows it looks up."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, false, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from followup.adapters.db import tables as t
from followup.adapters.db.rows import as_rows, first_row
from followup.domain.incoming import norm_id

s = t.mail_seen
NEWS_LIMIT = 50
IN_SLICE = 1000
"""Values per IN (...) list."""

NEWS_COLUMNS = ("id", "verdict", "application_id", "address", "subject", "snippet",
                "received_at", "folder", "message_id", "company", "position", "contact_id",
                "contact_name")
"""The columns of a row of `mail_news`, the same from SQLAlchemy and from stdlib sqlite3."""


def news_query(owner_id: int | None, since: datetime) -> Any:
    """Replies and bounces received since `since`, newest first, with what Today shows."""
    return (
        select(s.c.id, s.c.verdict, s.c.application_id, s.c.address, s.c.subject,
               s.c.snippet, s.c.received_at, s.c.folder, s.c.message_id,
               t.applications.c.company, t.applications.c.position,
               t.touches.c.contact_id, t.contacts.c.name.label("contact_name"))
        .select_from(s.outerjoin(t.applications, s.c.application_id == t.applications.c.id)
                     .outerjoin(t.touches, s.c.touch_id == t.touches.c.id)
                     .outerjoin(t.contacts, t.touches.c.contact_id == t.contacts.c.id))
        .where(s.c.owner_id == owner_id, s.c.verdict.in_(("reply", "bounce")),
               s.c.received_at >= since)
        .order_by(s.c.received_at.desc(), s.c.id.desc()).limit(NEWS_LIMIT))


UNDELIVERED_COLUMNS = ("id", "action_id", "state", "recipients", "subject", "error", "due_at",
                       "attempts", "application_id", "company", "position", "contact_name")
"""The columns of a row of `undelivered`, the same from SQLAlchemy and from stdlib sqlite3."""


def undelivered_query(owner_id: int | None) -> Any:
    """Notes of planned steps whose delivery is unknown or failed, newest first (Today's)."""
    o, a = t.outbox, t.actions
    return (
        select(o.c.id, o.c.action_id, o.c.state, o.c.recipients, o.c.subject, o.c.error,
               o.c.due_at, o.c.attempts, a.c.application_id, t.applications.c.company,
               t.applications.c.position, t.contacts.c.name.label("contact_name"))
        .select_from(o.join(a, o.c.action_id == a.c.id)
                     .join(t.applications, a.c.application_id == t.applications.c.id)
                     .outerjoin(t.contacts, a.c.contact_id == t.contacts.c.id))
        .where(o.c.owner_id == owner_id, o.c.state.in_(("unknown", "failed")),
               o.c.kind == "note", a.c.status == "planned")
        .order_by(o.c.due_at.desc(), o.c.id.desc()).limit(NEWS_LIMIT))


INVITATION_COLUMNS = ("id", "uid", "sequence", "method", "summary", "organizer", "start_at",
                      "received_at", "interview_id")
"""The columns of a row of `invitations`, the same from SQLAlchemy and from stdlib sqlite3."""


def invitations_query(owner_id: int | None) -> Any:
    """Invitations from the mail that no interview carries yet (a new one, a later version,
    a cancellation), the latest version of each, newest first (Today's)."""
    v, i = t.invitations, t.interviews
    w = v.alias("w")
    newer = select(w.c.id).where(w.c.owner_id == v.c.owner_id, w.c.uid == v.c.uid,
                                 or_(w.c.sequence > v.c.sequence,
                                     and_(w.c.sequence == v.c.sequence, w.c.id > v.c.id)))
    live = and_(i.c.id.is_not(None), i.c.cancelled == false())
    return (
        select(v.c.id, v.c.uid, v.c.sequence, v.c.method, v.c.summary, v.c.organizer,
               v.c.start_at, v.c.received_at, i.c.id.label("interview_id"))
        .select_from(v.outerjoin(i, and_(i.c.owner_id == v.c.owner_id,
                                         i.c.invitation_uid == v.c.uid)))
        .where(v.c.owner_id == owner_id, v.c.state == "proposed", ~newer.exists(),
               or_(and_(v.c.method == "request", i.c.id.is_(None)),
                   and_(v.c.method == "request", live,
                        func.coalesce(i.c.invitation_sequence, 0) < v.c.sequence),
                   and_(v.c.method == "cancel", live)))
        .order_by(v.c.received_at.desc(), v.c.id.desc()).limit(NEWS_LIMIT))


class SqlMailLog:
    """One owner's mail_seen rows and outbox look-ups on the caller's transaction."""

    def __init__(self, connection: Connection, owner_id: int | None) -> None:
        self.connection = connection
        self.owner_id = owner_id

    def last_uid(self, folder: str, uidvalidity: int) -> int | None:
        found = self.connection.execute(select(func.max(s.c.uid)).where(
            s.c.owner_id == self.owner_id, s.c.folder == folder,
            s.c.uidvalidity == uidvalidity)).scalar()
        return int(found) if found is not None else None

    def seen_message(self, message_id: str) -> Mapping[str, Any] | None:
        return first_row(self.connection.execute(select(s).where(
            s.c.owner_id == self.owner_id, s.c.message_id == message_id).order_by(
            s.c.id).limit(1)))

    def record(self, values: Mapping[str, Any]) -> int | None:
        row = {**values, "owner_id": self.owner_id}
        dialect = self.connection.dialect.name
        # Two syncs at once (the worker and `followup mail sync`) record a message once.
        if dialect == "postgresql":
            statement: Any = pg_insert(s).values(row).on_conflict_do_nothing(
                constraint="uq_mail_seen_owner_id")
        elif dialect == "sqlite":
            statement = sqlite_insert(s).values(row).on_conflict_do_nothing(
                index_elements=[s.c.owner_id, s.c.folder, s.c.uidvalidity, s.c.uid])
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            statement = insert(s).values(row)
        found = self.connection.execute(statement.returning(s.c.id)).scalar_one_or_none()
        return int(found) if found is not None else None

    def link_touch(self, seen_id: int, touch_id: int) -> None:
        self.connection.execute(update(s).where(
            s.c.id == seen_id, s.c.owner_id == self.owner_id).values(touch_id=touch_id))

    def bounced(self, addresses: Collection[str]) -> set[str]:
        wanted = list({a.strip().lower() for a in addresses})
        if not wanted:
            return set()
        rows = self.connection.execute(select(s.c.address).distinct().where(
            s.c.owner_id == self.owner_id, s.c.verdict == "bounce", s.c.address.in_(wanted)))
        return {str(a) for (a,) in rows}

    def sent_applications(self, message_ids: Collection[str]) -> dict[str, int]:
        wanted = {norm_id(m) for m in message_ids}
        forms = sorted(wanted | {f"<{m}>" for m in wanted})
        o, a = t.outbox, t.actions
        found: dict[str, int] = {}
        # In slices: a statement takes at most 32,766 parameters on SQLite, 65,535 on PG.
        for start in range(0, len(forms), IN_SLICE):
            rows = self.connection.execute(
                select(o.c.message_id, a.c.application_id)
                .select_from(o.join(a, o.c.action_id == a.c.id))
                .where(o.c.owner_id == self.owner_id,
                       func.lower(o.c.message_id).in_(forms[start:start + IN_SLICE])))
            found.update((norm_id(m), int(app)) for m, app in rows if app is not None)
        return found

    def skipped(self) -> list[Mapping[str, Any]]:
        return as_rows(self.connection.execute(
            select(s.c.id, s.c.folder, s.c.uid, s.c.subject, s.c.address, s.c.snippet,
                   s.c.received_at)
            .where(s.c.owner_id == self.owner_id, s.c.verdict == "skipped")
            .order_by(s.c.seen_at.desc(), s.c.id.desc()).limit(NEWS_LIMIT)))

    def unknown(self) -> list[Mapping[str, Any]]:
        o = t.outbox
        return as_rows(self.connection.execute(
            select(o.c.id, o.c.message_id, o.c.action_id, o.c.kind, o.c.claimed_at)
            .where(o.c.owner_id == self.owner_id, o.c.state == "unknown")
            .order_by(o.c.id)))

    def mail_news(self, since: datetime) -> list[Mapping[str, Any]]:
        return as_rows(self.connection.execute(news_query(self.owner_id, since)))

    def undelivered(self) -> list[Mapping[str, Any]]:
        return as_rows(self.connection.execute(undelivered_query(self.owner_id)))

    def invitations(self) -> list[Mapping[str, Any]]:
        return as_rows(self.connection.execute(invitations_query(self.owner_id)))
