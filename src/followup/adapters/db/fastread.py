"""The agenda read with stdlib sqlite3: `followup today` answers without loading SQLAlchemy."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from followup.adapters.db.version import HEAD

if TYPE_CHECKING:
    from followup.services.ports import Row

TIMES = ("earliest", "due", "deadline")
USER_IDS = "SELECT id FROM users ORDER BY id"
"""Every user's id: the one query both paths choose the acting user of a local home from."""
ACCOUNTS = "SELECT EXISTS (SELECT 1 FROM users WHERE role IS NOT NULL)"
"""Whether the database holds a hosted installation's accounts (local mode refuses it)."""


def _stored(moment: datetime) -> str:
    """A datetime as SQLAlchemy keeps it in SQLite: naive UTC text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _timed(rows: list[sqlite3.Row], names: tuple[str, ...]) -> list[Row]:
    """Rows as dicts, their `names` columns (naive UTC text) as aware datetimes."""
    result: list[Row] = []
    for row in rows:
        record = dict(row)
        for name in names:
            record[name] = datetime.fromisoformat(record[name]).replace(tzinfo=UTC)
        result.append(record)
    return result


class SqliteAgenda:
    """A read-only AgendaReader over the SQLite file, or nothing when the schema is not current."""

    def __init__(self, connection: sqlite3.Connection, owner_id: int | None = None) -> None:
        self.connection = connection
        self.connection.row_factory = sqlite3.Row
        self.owner_id = owner_id

    @classmethod
    def open(cls, path: str) -> SqliteAgenda | None:
        if not os.path.isfile(path):
            return None
        quoted = path.replace("%", "%25").replace("?", "%3F").replace("#", "%23")
        connection = sqlite3.connect(f"file:{quoted}?mode=ro", uri=True)
        try:
            version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            version = None
        if version is None or version[0] != HEAD:
            connection.close()
            return None
        return cls(connection)

    def user_ids(self) -> list[int]:
        return [int(row[0]) for row in self.connection.execute(USER_IDS)]

    def has_accounts(self) -> bool:
        return bool(self.connection.execute(ACCOUNTS).fetchone()[0])

    def acting_for(self, owner_id: int | None) -> None:
        self.owner_id = owner_id

    def timezone(self) -> str | None:
        row = self.connection.execute(
            "SELECT timezone FROM users WHERE id = ?", (self.owner_id,)).fetchone()
        return None if row is None else str(row["timezone"])

    def mail_news(self, since: datetime) -> list[Row]:
        """The replies and bounces Today lists (the same query as adapters/db/mailseen.py)."""
        rows = self.connection.execute(
            "SELECT s.id, s.verdict, s.application_id, s.address, s.subject, s.snippet,"
            " s.received_at, s.folder, s.message_id, a.company, a.position, t.contact_id,"
            " c.name AS contact_name FROM mail_seen s"
            " LEFT JOIN applications a ON s.application_id = a.id"
            " LEFT JOIN touches t ON s.touch_id = t.id"
            " LEFT JOIN contacts c ON t.contact_id = c.id"
            " WHERE s.owner_id = ? AND s.verdict IN ('reply', 'bounce') AND s.received_at >= ?"
            " ORDER BY s.received_at DESC, s.id DESC LIMIT 50",
            (self.owner_id, _stored(since))).fetchall()
        return _timed(rows, ("received_at",))

    def undelivered(self) -> list[Row]:
        """Notes whose delivery is unknown or failed (the same query as
        adapters/db/mailseen.py's undelivered_query)."""
        rows = self.connection.execute(
            "SELECT o.id, o.action_id, o.state, o.recipients, o.subject, o.error, o.due_at,"
            " o.attempts, a.application_id, p.company, p.position, c.name AS contact_name"
            " FROM outbox o JOIN actions a ON o.action_id = a.id"
            " JOIN applications p ON a.application_id = p.id"
            " LEFT JOIN contacts c ON a.contact_id = c.id"
            " WHERE o.owner_id = ? AND o.state IN ('unknown', 'failed') AND o.kind = 'note'"
            " AND a.status = 'planned' ORDER BY o.due_at DESC, o.id DESC LIMIT 50",
            (self.owner_id,)).fetchall()
        return _timed(rows, ("due_at",))

    def invitations(self) -> list[Row]:
        """Invitations from the mail no interview carries yet (the same query as
        adapters/db/mailseen.py's invitations_query)."""
        rows = self.connection.execute(
            "SELECT v.id, v.uid, v.sequence, v.method, v.summary, v.organizer, v.start_at,"
            " v.received_at, i.id AS interview_id FROM invitations v"
            " LEFT JOIN interviews i ON i.owner_id = v.owner_id AND i.invitation_uid = v.uid"
            " WHERE v.owner_id = ? AND v.state = 'proposed' AND NOT EXISTS (SELECT w.id FROM"
            " invitations w WHERE w.owner_id = v.owner_id AND w.uid = v.uid AND"
            " (w.sequence > v.sequence OR (w.sequence = v.sequence AND w.id > v.id)))"
            " AND ((v.method = 'request' AND i.id IS NULL)"
            " OR (v.method = 'request' AND i.id IS NOT NULL AND i.cancelled = 0"
            " AND coalesce(i.invitation_sequence, 0) < v.sequence)"
            " OR (v.method = 'cancel' AND i.id IS NOT NULL AND i.cancelled = 0))"
            " ORDER BY v.received_at DESC, v.id DESC LIMIT 50", (self.owner_id,)).fetchall()
        return _timed(rows, ("start_at", "received_at"))

    def agenda(self, until: datetime | None) -> list[Row]:
        query = "SELECT * FROM agenda WHERE owner_id = ?"
        params: list[Any] = [self.owner_id]
        if until is not None:
            query += " AND earliest < ?"
            params.append(_stored(until))
        rows = self.connection.execute(query + " ORDER BY earliest, id", params).fetchall()
        return _timed(rows, TIMES)
