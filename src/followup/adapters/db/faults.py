"""What a database that cannot be used means, in words a user can act on (stdlib only: the
fast path of `followup today` uses it too)."""

from __future__ import annotations

import os
import sqlite3

from followup.domain.errors import EnvironmentFault

# SQLite's primary result codes (sqlite3.Error.sqlite_errorname) that say the file or its
# folder is at fault, not the statement; extended codes such as SQLITE_READONLY_DBMOVED start
# with them.
_SQLITE = {
    "SQLITE_NOTADB": "is damaged ({error}); restore it from a backup, or move it away to "
                     "start a new home",
    "SQLITE_CORRUPT": "is damaged ({error}); restore it from a backup, or move it away to "
                      "start a new home",
    "SQLITE_READONLY": "cannot be written ({error}); check that you may write to it and to "
                       "its folder",
    "SQLITE_CANTOPEN": "cannot be opened ({error}); check that its folder exists and that you "
                       "may read and write there",
    "SQLITE_PERM": "cannot be opened ({error}); check that you may read and write it",
    "SQLITE_BUSY": "is busy ({error}): another Followup is writing it; try again in a moment",
    "SQLITE_FULL": "cannot grow: the disk is full; free some space and try again",
    "SQLITE_IOERR": "cannot be read or written ({error}); check the disk, then try again",
}


def sqlite_fault(error: BaseException, path: str | None) -> EnvironmentFault | None:
    """The fault of the SQLite file behind `error`, or None when the statement is to blame."""
    if not isinstance(error, sqlite3.Error):
        return None
    name = getattr(error, "sqlite_errorname", "") or ""
    for code, remedy in _SQLITE.items():
        if name == code or name.startswith(code + "_"):
            where = f"the database {path}" if path else "the database"
            return EnvironmentFault(f"{where} {remedy.format(error=error)}")
    return None


def connection_fault(error: BaseException, url: str) -> EnvironmentFault | None:
    """A database server that cannot be reached or refuses us, or None for any other error."""
    # psycopg raises its bare OperationalError (no SQLSTATE) when it cannot connect or the
    # connection drops; errors of a statement carry a SQLSTATE, and are not ours to rename.
    kind = type(error)
    if not (kind.__module__.startswith("psycopg") and kind.__name__ == "OperationalError"
            and getattr(error, "sqlstate", None) is None):
        return None
    reason = " ".join(str(error).split()) or "no reason given"
    return EnvironmentFault(f"cannot use the database {url} ({reason}); check that PostgreSQL "
                            "is running there and that FOLLOWUP_DATABASE_URL is right")


def refuse_empty(path: str) -> None:
    """A database file of zero bytes is not a new home: something cut it off (a full disk, a
    copy that failed), and starting afresh there would hide that the data is gone."""
    try:
        empty = os.path.getsize(path) == 0 and not _has_content(path + "-wal")
    except OSError:  # absent (a new home) or unreadable: opening it says what is wrong
        return
    if empty:
        raise EnvironmentFault(f"the database {path} is empty (0 bytes): it was cut off or "
                               "never written; restore it from a backup, or delete it to start "
                               "a new home")


def _has_content(path: str) -> bool:
    try:
        return os.path.getsize(path) > 0
    except OSError:
        return False

