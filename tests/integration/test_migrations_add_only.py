"""Migrations only add: a release may migrate while the one before still serves, so no revision
drops or renames a table or column, or makes a column NOT NULL without a default. Upgraded one
revision at a time from the first to HEAD, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect, make_url

from followup.adapters.db import schema
from followup.adapters.db.version import HEAD

HISTORY: dict[str, set[str]] = {}
"""What a revision released before this rule removed, by revision, as `table` or
`table.column`, each with why: only those are let through. (None so far: every revision up to
HEAD only added.)"""


@dataclass(frozen=True)
class Column:
    nullable: bool
    has_default: bool


Shape = dict[str, dict[str, Column]]
"""Every table and view of a schema, with its columns."""


def revisions() -> list[str]:
    """The revisions in order from the first to the newest, checked to be one straight line."""
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    by_parent: dict[str | None, list[str]] = {}
    for script in scripts.walk_revisions():
        assert not isinstance(script.down_revision, tuple | list), (
            f"{script.revision} merges branches: the history must be one line")
        by_parent.setdefault(script.down_revision, []).append(script.revision)
    forks = {parent: children for parent, children in by_parent.items() if len(children) > 1}
    assert not forks, f"revisions with more than one child: {forks}"
    chain, parent = [], None
    while parent in by_parent:
        parent = by_parent[parent][0]
        chain.append(parent)
    assert len(chain) == sum(len(c) for c in by_parent.values()), "revisions off the chain"
    return chain


def shape(connection: Connection) -> Shape:
    look = inspect(connection)
    names = [n for n in look.get_table_names() if n != "alembic_version"]
    return {name: {c["name"]: Column(bool(c["nullable"]), c.get("default") is not None)
                   for c in look.get_columns(name)}
            for name in [*names, *look.get_view_names()]}


def losses(before: Shape, after: Shape) -> set[str]:
    """What `after` no longer has of `before`, as `table` or `table.column`."""
    gone = {table for table in before if table not in after}
    gone |= {f"{table}.{column}" for table, columns in before.items() if table in after
             for column in columns if column not in after[table]}
    return gone


def tightened(before: Shape, after: Shape) -> set[str]:
    """Columns that allowed NULL and no longer do, with no default for the rows an older
    release still inserts without them."""
    return {f"{table}.{name}" for table, columns in before.items() if table in after
            for name, column in columns.items()
            if column.nullable and name in after[table]
            and not after[table][name].nullable and not after[table][name].has_default}


def added_not_null(before: Shape, after: Shape) -> set[str]:
    """New NOT NULL columns without a default on tables that existed: an older release's
    inserts, which do not name them, would fail."""
    return {f"{table}.{name}" for table, columns in after.items() if table in before
            for name, column in columns.items()
            if name not in before[table] and not column.nullable and not column.has_default}


@pytest.fixture
def empty_database(database_url: str) -> Iterator[Engine]:
    """An engine on an empty database: a new SQLite file, or a new PostgreSQL schema (the
    shared one of the other tests is already at HEAD)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        assert url.database
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        yield engine
        engine.dispose()
        return
    name = f"followup_migrations_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.set(query={}))
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {name}")
    engine = create_engine(url.set(query={"options": f"-csearch_path={name}"}))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()


def test_the_revisions_form_one_line_that_ends_at_head() -> None:
    chain = revisions()

    assert chain[-1] == HEAD
    assert chain == sorted(chain), "revisions are numbered in the order they run"


def test_each_revision_only_adds_tables_and_columns(empty_database: Engine) -> None:
    before: Shape = {}
    seen: list[str] = []
    for revision in revisions():
        with empty_database.begin() as connection:
            schema.upgrade(connection, revision)
        with empty_database.connect() as connection:
            assert schema.current_revision(connection) == revision
            after = shape(connection)
        removed = losses(before, after) - HISTORY.get(revision, set())
        assert not removed, f"{revision} dropped or renamed {sorted(removed)}"
        assert not tightened(before, after), (
            f"{revision} made {sorted(tightened(before, after))} NOT NULL without a default")
        assert not added_not_null(before, after), (
            f"{revision} added {sorted(added_not_null(before, after))} NOT NULL without a "
            "default to a table an older release writes")
        before = after
        seen.append(revision)

    assert seen[-1] == HEAD and {"users", "actions", "outbox", "agenda"} <= set(before)


def test_the_checks_catch_a_drop_a_rename_and_a_tightened_column() -> None:
    old: Shape = {"contacts": {"id": Column(False, False), "name": Column(True, False)},
                  "notes": {"id": Column(False, False)}}
    new: Shape = {"contacts": {"id": Column(False, False), "full_name": Column(True, False),
                               "phone": Column(False, False)}}
    strict: Shape = {"contacts": {"id": Column(False, False), "name": Column(False, False)},
                     "notes": {"id": Column(False, False)}}

    assert losses(old, new) == {"notes", "contacts.name"}
    assert added_not_null(old, new) == {"contacts.phone"}
    assert tightened(old, strict) == {"contacts.name"}
    assert not tightened(old, {**strict, "contacts": {
        "id": Column(False, False), "name": Column(False, True)}})
