"""The agenda read with stdlib sqlite3: `followup today` answers without loading SQLAlchemy."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from typing import Any

from followup.adapters.db.version import HEAD

TIMES = ("earliest", "due", "deadline")


def _stored(moment: datetime) -> str:
    """A datetime as SQLAlchemy keeps it in SQLite: naive UTC text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class SqliteAgenda:
    """A read-only AgendaReader over the SQLite file, or nothing when the schema is not current."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.connection.row_factory = sqlite3.Row
        self.owner_id: int | None = None

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

    def timezone(self) -> str | None:
        row = self.connection.execute(
            "SELECT id, timezone FROM users ORDER BY id LIMIT 1").fetchone()
        if row is None:
            return None
        self.owner_id = row["id"]
        return str(row["timezone"])

    def agenda(self, until: datetime | None) -> list[dict[str, Any]]:
        query = "SELECT * FROM agenda WHERE owner_id = ?"
        params: list[Any] = [self.owner_id]
        if until is not None:
            query += " AND earliest < ?"
            params.append(_stored(until))
        rows = self.connection.execute(query + " ORDER BY earliest", params).fetchall()
        result = []
        for row in rows:
            record = dict(row)
            for name in TIMES:
                record[name] = datetime.fromisoformat(record[name]).replace(tzinfo=UTC)
            result.append(record)
        return result
