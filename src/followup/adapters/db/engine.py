"""Engines and units of work: SQLite (WAL, foreign keys) by default, PostgreSQL by URL."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import ExceptionContext

from followup.adapters.db import faults, schema
from followup.adapters.db.accounts import SqlAccounts
from followup.adapters.db.batches import SqlBatches
from followup.adapters.db.fastread import USER_IDS
from followup.adapters.db.outbox import SqlOutbox
from followup.adapters.db.repository import SqlRepository

if TYPE_CHECKING:
    from followup.services.account_ports import Accounts
    from followup.services.ports import Batches, Outbox, Repository

READ_ONLY = "followup_read_only"


def make_engine(url: str | URL) -> Engine:
    """An engine for `url`, with SQLite set up for safe concurrent use."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True)
        _name_faults(engine, parsed)
        return engine
    engine = create_engine(url, connect_args={"timeout": 30})
    _name_faults(engine, parsed)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" below open transactions instead of pysqlite's own guesswork.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the write lock at once (no deadlock upgrading a read); readers do not
        # queue behind writers, WAL gives them a snapshot.
        reading = connection.get_execution_options().get(READ_ONLY)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def _name_faults(engine: Engine, url: URL) -> None:
    """A damaged, unwritable or unreachable database raises EnvironmentFault, which every
    entry point says in plain words, instead of the driver's error."""
    shown = url.render_as_string(hide_password=True)

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> BaseException | None:
        if context.is_pre_ping:  # the pool reconnects by itself after a failed ping
            return None
        error = context.original_exception
        return (faults.sqlite_fault(error, url.database) if url.get_backend_name() == "sqlite"
                else faults.connection_fault(error, shown))


def migrate(engine: Engine) -> bool:
    """Brings the schema to the newest revision; True when anything was run."""
    with engine.connect() as connection:
        if schema.current_revision(connection) == schema.HEAD:
            return False
    with engine.begin() as connection:
        schema.upgrade(connection)
    return True


class SqlUnitOfWork:
    """One transaction on one connection, acting for one user (None: for nobody yet, as
    before `init` or in the worker); commits only when told to."""

    repo: Repository
    outbox: Outbox
    batches: Batches
    accounts: Accounts

    def __init__(self, engine: Engine, owner_id: int | None = None,
                 read_only: bool = False) -> None:
        self.engine = engine
        self.owner_id = owner_id
        self.read_only = read_only

    def __enter__(self) -> SqlUnitOfWork:
        self.connection = self.engine.connect()
        if self.read_only:
            self.connection.execution_options(**{READ_ONLY: True})
        self.transaction = self.connection.begin()
        self.repo = SqlRepository(self.connection, self.owner_id)
        self.outbox = SqlOutbox(self.connection)
        self.batches = SqlBatches(self.connection)
        self.accounts = SqlAccounts(self.connection)
        return self

    def acting_for(self, owner_id: int) -> None:
        self.repo = SqlRepository(self.connection, owner_id)

    def user_ids(self) -> list[int]:
        return [int(i) for i in self.connection.exec_driver_sql(USER_IDS).scalars()]

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.transaction.is_active:
            self.transaction.rollback()
        self.connection.close()

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only unit of work cannot commit")
        self.transaction.commit()
