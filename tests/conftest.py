"""Shared fixtures: a fresh home per test, on SQLite and on the machine's real PostgreSQL."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

PG_URL = os.environ.get("FOLLOWUP_TEST_DATABASE_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
STRICT = bool(os.environ.get("FOLLOWUP_STRICT"))


def missing(service: str, why: str) -> None:
    """A test that needs a service that is not there: a skip locally, a failure in CI."""
    message = f"{service} is not available: {why}"
    if STRICT:
        pytest.fail(message + " (FOLLOWUP_STRICT is set)")
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("FOLLOWUP_") and name not in ("FOLLOWUP_STRICT",
                                                         "FOLLOWUP_TEST_DATABASE_URL"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[str]:
    """One fresh PostgreSQL schema for the whole run, dropped at the end."""
    try:
        import psycopg

        plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        connection = psycopg.connect(plain, autocommit=True, connect_timeout=5)
    except Exception as exc:
        missing("PostgreSQL", str(exc))
    schema = f"followup_test_{uuid.uuid4().hex[:10]}"
    connection.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        connection.execute(f"DROP SCHEMA {schema} CASCADE")
        connection.close()


TABLES = (
    "coach_templates, review_comments, note_shares, mail_passwords, recovery_codes, "
    "account_links, access_tokens, sessions, "
    "invitations, mail_seen, outbox, notes, touches, actions, participants, interviews, contacts, "
    "applications, settings, users")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL with an empty schema: a new SQLite file, or the shared PG schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'home' / 'followup.db'}"
        return
    url = request.getfixturevalue("pg_schema")
    yield url
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    with engine.begin() as connection:
        if inspect(connection).has_table("users"):
            connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    engine.dispose()


@dataclass
class Cli:
    """Runs `followup` in process against one home, as a user would from a shell."""

    runner: CliRunner
    env: dict[str, str]

    def __call__(self, *args: str, input: str | None = None, **env: str) -> Result:
        from followup.entrypoints.cli import cli

        return self.runner.invoke(cli, list(args), input=input, env={**self.env, **env},
                                  catch_exceptions=False)

    def json(self, *args: str, **env: str) -> Any:
        result = self(*args, "--json", **env)
        assert result.exit_code == 0, result.output + result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def cli(home: Path, database_url: str) -> Cli:
    """The CLI on a fresh home, once on SQLite and once on PostgreSQL."""
    env = {"FOLLOWUP_HOME": str(home), "FOLLOWUP_DATABASE_URL": database_url}
    return Cli(CliRunner(), env)


@pytest.fixture
def user(cli: Cli) -> Cli:
    """The CLI with a profile set up (Dublin, Irish holidays)."""
    result = cli("init", "--name", "Siobhán Ó Briain", "--email", "siobhan@example.com",
                 "--timezone", "Europe/Dublin", "--country", "IE")
    assert result.exit_code == 0, result.output
    return cli
