"""Storage on both databases: migrations, the agenda view read two ways, transactions."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from followup.adapters.db.engine import SqlUnitOfWork, make_engine, migrate
from followup.adapters.db.fastread import SqliteAgenda
from followup.adapters.db.schema import HEAD, current_revision
from followup.domain.model import Application, User
from tests.conftest import Cli

NOW = "2026-11-24T12:00:00+00:00"


def test_migrations_leave_the_head_revision_and_do_nothing_the_second_time(database_url: str,
                                                         tmp_path: Path) -> None:
    (tmp_path / "home").mkdir(exist_ok=True)
    engine = make_engine(database_url)
    migrate(engine)  # PostgreSQL's schema is shared by the run and may be migrated already
    assert migrate(engine) is False
    with engine.connect() as connection:
        assert current_revision(connection) == HEAD
        assert {"users", "applications", "actions", "touches"} <= set(
            inspect(connection).get_table_names())
        assert "agenda" in inspect(connection).get_view_names()
    engine.dispose()


def test_a_failed_unit_of_work_writes_nothing(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "home").mkdir(exist_ok=True)
    engine = make_engine(database_url)
    migrate(engine)
    with SqlUnitOfWork(engine) as uow:
        wang = uow.repo.add_user(User(None, "王芳", "wang@example.com", "Asia/Shanghai"))
        uow.commit()
    with pytest.raises(RuntimeError), SqlUnitOfWork(engine, wang.id) as uow:
        uow.repo.add_application(Application(None, "Acme", "Engineer",
                                             created_at=datetime.now(UTC)))
        raise RuntimeError("something failed after the write")
    with SqlUnitOfWork(engine, wang.id) as uow:
        assert uow.repo.applications() == []
        assert uow.repo.user().name == "王芳"  # type: ignore[union-attr]
    engine.dispose()


def test_the_stdlib_reader_returns_what_sqlalchemy_returns(tmp_path: Path) -> None:
    from click.testing import CliRunner

    url = f"sqlite:///{tmp_path / 'home' / 'followup.db'}"
    cli = Cli(CliRunner(), {"FOLLOWUP_HOME": str(tmp_path / "home"),
                            "FOLLOWUP_DATABASE_URL": url})
    assert cli("demo", "--size", "60", "--seed", "7", FOLLOWUP_NOW=NOW).exit_code == 0
    until = datetime(2026, 12, 31, tzinfo=UTC)
    engine = create_engine(url)
    with SqlUnitOfWork(engine) as uow:
        [owner] = uow.user_ids()
    with SqlUnitOfWork(engine, owner) as uow:
        expected = [dict(r) for r in uow.repo.agenda(until)]
    reader = SqliteAgenda.open(str(tmp_path / "home" / "followup.db"))
    assert reader is not None and reader.user_ids() == [owner]
    reader.acting_for(owner)
    assert reader.timezone() == "Europe/Dublin"
    found = reader.agenda(until)
    assert len(found) > 10
    assert [{k: r[k] for k in expected[0]} for r in found] == expected
    engine.dispose()


def test_a_home_path_with_url_characters_is_still_a_path(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from followup import bootstrap

    home = tmp_path / "odd ?name#1 %20"
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))

    engine = bootstrap.database()
    migrate(engine)
    engine.dispose()

    assert (home / "followup.db").is_file()
    assert bootstrap.fast_reader() is not None


def test_a_reader_does_not_wait_for_a_writer_on_sqlite(tmp_path: Path) -> None:
    import threading

    engine = make_engine(f"sqlite:///{tmp_path / 'followup.db'}")
    migrate(engine)
    with SqlUnitOfWork(engine) as uow:
        jose = uow.repo.add_user(User(None, "José", "jose@example.com", "Europe/Madrid"))
        uow.commit()
    seen: list[str] = []

    def read() -> None:
        with SqlUnitOfWork(engine, jose.id, read_only=True) as reader:
            user = reader.repo.user()
            seen.append(user.name if user else "")

    with SqlUnitOfWork(engine, jose.id) as writer:  # holds SQLite's write lock until it ends
        writer.repo.add_application(Application(None, "Acme", "Analyst",
                                                created_at=datetime.now(UTC)))
        thread = threading.Thread(target=read)
        thread.start()
        thread.join(timeout=10)  # a reader queued behind the writer would still be waiting
        assert seen == ["José"]
    engine.dispose()


def test_a_read_only_unit_of_work_refuses_to_commit(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'followup.db'}")
    migrate(engine)
    with SqlUnitOfWork(engine, read_only=True) as reader, pytest.raises(RuntimeError):
        reader.commit()
    engine.dispose()
