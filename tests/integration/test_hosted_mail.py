"""Hosted mode's mail: each user's passwords encrypted in the database (and the key rotated),
and the installation's own mail through its relay, never through a user's server; on SQLite
and PostgreSQL, with real SMTP servers (aiosmtpd)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import String, Text, create_engine, inspect, select, text

from followup import bootstrap
from followup.domain.errors import EnvironmentFault, NotAllowed
from followup.domain.model import User
from followup.entrypoints import worker
from followup.services import account_mail, outbox
from followup.services.context import Deps
from followup.services.mail_passwords import kept_password
from followup.services.ports import Outgoing
from tests.conftest import Cli
from tests.mailserver import MailServer, start

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
KEY_1, KEY_2 = "first secret key " + "1" * 30, "second secret key " + "2" * 30
PEOPLE = (User(None, "José Núñez", "jose@example.com", "Europe/Dublin", "IE"),
          User(None, "王芳", "wang@example.com", "Asia/Tokyo", None))
SECRETS = {(0, "smtp"): "José's SMTP pässword 1", (0, "imap"): "José's IMAP pässword 2",
           (1, "smtp"): "王芳的SMTP密码 3", (1, "imap"): "王芳的IMAP密码 4"}


def add_user(deps: Deps, user: User) -> int:
    """A user written straight through the repository (the account commands come later)."""
    with deps.for_owners() as uow:
        added = uow.repo.add_user(dataclasses.replace(user))
        uow.commit()
    assert added.id is not None
    return added.id


@pytest.fixture
def hosted(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Iterator[Deps]:
    """A hosted installation on a fresh database, at a fixed time."""
    monkeypatch.setenv("FOLLOWUP_MODE", "hosted")
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", KEY_1)
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    yield dataclasses.replace(bootstrap.build(), clock=lambda: NOW)


@pytest.fixture
def two(hosted: Deps) -> list[Deps]:
    """Two users, each with both passwords kept."""
    acting = [hosted.acting(add_user(hosted, person)) for person in PEOPLE]
    for (who, service), secret in SECRETS.items():
        assert bootstrap.keep_password(acting[who], service, secret).startswith("the database")
    return acting


def test_each_user_reads_their_own_passwords_and_where_they_are_kept(two: list[Deps]) -> None:
    for (who, service), secret in SECRETS.items():
        assert kept_password(two[who], service) == secret
        assert "encrypted" in (bootstrap.password_kept(two[who], service) or "")
    bootstrap.keep_password(two[0], "imap", None)
    assert kept_password(two[0], "imap") is None and bootstrap.password_kept(two[0], "imap") is None
    assert kept_password(two[1], "imap") == SECRETS[1, "imap"]


def test_the_local_password_sources_are_not_used_in_hosted_mode(
        two: list[Deps], monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "from the environment")
    assert kept_password(two[0], "smtp") == SECRETS[0, "smtp"]
    assert not (home / "secrets.json").exists()
    with pytest.raises(NotAllowed):
        bootstrap.keep_password(two[0].acting(None), "smtp", "nobody's")


def _every_text(database_url: str) -> str:
    """Every value of the database as text: SQLite's dump, or every text column of every
    table of PostgreSQL."""
    engine = create_engine(database_url)
    try:
        if engine.dialect.name == "sqlite":
            raw = engine.raw_connection()
            try:
                return "\n".join(raw.driver_connection.iterdump())  # type: ignore[union-attr]
            finally:
                raw.close()
        found = []
        with engine.connect() as connection:
            schema = inspect(connection)
            for table in schema.get_table_names():
                columns = [c["name"] for c in schema.get_columns(table)
                           if isinstance(c["type"], String | Text)]
                for column in columns:
                    found += [str(v) for v in connection.execute(
                        text(f'SELECT "{column}" FROM "{table}"')).scalars() if v is not None]
        return "\n".join(found)
    finally:
        engine.dispose()


def test_no_password_is_in_the_database_in_clear(two: list[Deps], database_url: str) -> None:
    everything = _every_text(database_url)
    assert "gAAAAA" in everything  # the Fernet tokens are there
    for secret in SECRETS.values():
        assert secret not in everything
        assert secret.encode("utf-8").hex() not in everything


def test_a_token_moved_to_another_users_row_is_refused(two: list[Deps],
                                                        database_url: str) -> None:
    from followup.adapters.db.tables import mail_passwords

    engine = create_engine(database_url)
    with engine.begin() as connection:
        rows = dict(connection.execute(select(mail_passwords.c.owner_id, mail_passwords.c.secret)
                                       .where(mail_passwords.c.service == "smtp")).all())
        first, second = sorted(rows)
        connection.execute(mail_passwords.update().where(
            mail_passwords.c.owner_id == second, mail_passwords.c.service == "smtp")
            .values(secret=rows[first]))
    engine.dispose()
    with pytest.raises(EnvironmentFault, match="written for another account"):
        kept_password(two[1], "smtp")


def test_a_rotated_key_reads_with_the_old_one_until_rotate_key_has_run(
        two: list[Deps], monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str
        ) -> None:
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", KEY_2)
    with pytest.raises(EnvironmentFault, match="cannot be decrypted"):
        kept_password(two[0], "smtp")  # the new key alone cannot read the old rows

    monkeypatch.setenv("FOLLOWUP_OLD_SECRET_KEYS", f"unrelated-{'x' * 32},{KEY_1}")
    assert kept_password(two[1], "imap") == SECRETS[1, "imap"]

    cli = Cli(CliRunner(),
              {"FOLLOWUP_HOME": str(home), "FOLLOWUP_DATABASE_URL": database_url})
    result = cli("db", "rotate-key")
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout.startswith("4 mail passwords now encrypted under the current key")

    monkeypatch.delenv("FOLLOWUP_OLD_SECRET_KEYS")
    for (who, service), secret in SECRETS.items():
        assert kept_password(two[who], service) == secret
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", KEY_1)  # the old key alone no longer reads them
    with pytest.raises(EnvironmentFault, match="cannot be decrypted"):
        kept_password(two[0], "smtp")


def test_rotate_key_changes_nothing_when_a_row_cannot_be_read(
        two: list[Deps], monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    from followup.adapters.db.tables import mail_passwords

    def tokens() -> list[str]:
        engine = create_engine(database_url)
        with engine.connect() as connection:
            found = list(connection.execute(select(mail_passwords.c.secret).order_by(
                mail_passwords.c.owner_id, mail_passwords.c.service)).scalars())
        engine.dispose()
        return found

    before = tokens()
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", KEY_2)  # KEY_1 forgotten: nothing opens them
    with pytest.raises(EnvironmentFault, match="FOLLOWUP_OLD_SECRET_KEYS"):
        bootstrap.rotate_mail_key()
    assert tokens() == before


# -- the installation's relay ----------------------------------------------------------------

@pytest.fixture
def relay(monkeypatch: pytest.MonkeyPatch) -> Iterator[MailServer]:
    server = start()
    monkeypatch.setenv("FOLLOWUP_RELAY_HOST", server.host)
    monkeypatch.setenv("FOLLOWUP_RELAY_PORT", str(server.port))
    monkeypatch.setenv("FOLLOWUP_RELAY_SECURITY", "none")
    monkeypatch.setenv("FOLLOWUP_RELAY_FROM", "Followup <no-reply@followup.example>")
    yield server
    server.stop()


def _enqueue(deps: Deps, owner: int, subject: str) -> bool:
    with deps.for_owners() as uow:
        added = account_mail.enqueue(uow, deps, owner, "Wang Fang", "wang@example.com", subject,
                                     "Follow this link to choose your password:\n"
                                     "https://followup.example/reset/abc\n", NOW)
        uow.commit()
    return added


def _rows(deps: Deps) -> list[Outgoing]:
    """Every outbox row, the installation's own mail included (which a user's listing hides)."""
    from sqlalchemy import select

    from followup.adapters.db.tables import outbox

    with deps.for_owners() as uow:
        found = uow.connection.execute(  # type: ignore[attr-defined]
            select(outbox.c.owner_id, outbox.c.id).order_by(outbox.c.id)).all()
        return [uow.outbox.get(owner, row_id) for owner, row_id in found]


def test_without_a_relay_nothing_is_written(hosted: Deps) -> None:
    owner = add_user(hosted, PEOPLE[1])
    assert _enqueue(hosted, owner, "Your invitation") is False
    assert _rows(hosted) == []


def test_account_mail_goes_through_the_relay_and_notes_through_the_users_server(
        monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
        relay: MailServer) -> None:
    monkeypatch.setenv("FOLLOWUP_MODE", "hosted")
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", KEY_1)
    monkeypatch.setenv("FOLLOWUP_ALLOW_PRIVATE_HOSTS", "1")
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    deps = dataclasses.replace(bootstrap.build(), clock=lambda: NOW)
    own = start()
    try:
        owner = add_user(deps, PEOPLE[1])
        with deps.acting(owner).uow() as uow:
            for key, value in (("smtp.host", own.host), ("smtp.port", str(own.port)),
                               ("smtp.security", "none")):
                uow.repo.set_setting(key, value)
            uow.outbox.add(Outgoing(None, owner, None, "note", "<note-1@example.com>",
                                    "wang@example.com", ["hr@acme.example"], "Thank you",
                                    "Message-ID: <note-1@example.com>\r\nSubject: Thank you"
                                    "\r\n\r\nThank you\r\n", NOW, created_at=NOW))
            uow.commit()
        assert _enqueue(deps, owner, "Choose a new password") is True
        (account,) = [row for row in _rows(deps) if row.kind == "account"]
        assert account.owner_id == owner and account.message_id.startswith("<")

        counts = worker.run_once(deps, "test", tasks=[])

        assert counts["sent"] == 2
        (through_relay,) = relay.handler.messages()
        (through_own,) = own.handler.messages()
        assert through_relay.message["Message-ID"].strip() == account.message_id
        assert through_relay.sender == "no-reply@followup.example"
        assert through_relay.recipients == ["wang@example.com"]
        assert "https://followup.example/reset/abc" in through_relay.message.get_body(
            ("plain",)).get_content()
        assert through_own.message["Message-ID"].strip() == "<note-1@example.com>"
        assert {row.state for row in _rows(deps)} == {"sent"}
    finally:
        own.stop()


def test_account_mail_is_not_sent_through_a_users_server_when_the_relay_goes(
        two: list[Deps], monkeypatch: pytest.MonkeyPatch, relay: MailServer) -> None:
    monkeypatch.setenv("FOLLOWUP_ALLOW_PRIVATE_HOSTS", "1")
    deps = dataclasses.replace(bootstrap.build(), clock=lambda: NOW)
    owner = two[1].acting_user()
    assert owner is not None
    own = start()
    try:
        with deps.acting(owner).uow() as uow:
            uow.repo.set_setting("smtp.host", own.host)
            uow.repo.set_setting("smtp.port", str(own.port))
            uow.repo.set_setting("smtp.security", "none")
            uow.commit()
        assert _enqueue(deps, owner, "Your invitation") is True
        without = dataclasses.replace(deps, relay=None)

        counts = outbox.deliver_due(without, "test")

        assert counts["failed"] == 1 and own.handler.messages() == []
        (row,) = _rows(deps)
        assert row.state == "failed" and "FOLLOWUP_RELAY_HOST" in (row.error or "")
    finally:
        own.stop()
