"""The migrations build exactly the schema the code declares, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from followup.adapters.db.engine import make_engine, migrate
from followup.adapters.db.tables import metadata, outbox
from tests.conftest import Cli


def test_the_migrated_schema_matches_the_declared_tables(database_url: str,
                                                         tmp_path: Path) -> None:
    (tmp_path / "home").mkdir(exist_ok=True)
    engine = make_engine(database_url)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    engine.dispose()
    assert differences == []


def test_copies_of_a_note_from_before_the_upgrade_leave_one_active_and_keep_their_history(
        user: Cli, database_url: str) -> None:
    from alembic import command

    from followup.adapters.db import schema
    from tests.integration.test_mail_send import NOW, thank_yous

    first, second = (a["id"] for a in thank_yous(user))
    user("config", "set", "smtp.host", "127.0.0.1")
    for action in (first, second):
        assert user("note", "send", str(action), "--force", "--at", "2026-11-24T18:00",
                    FOLLOWUP_NOW=NOW).exit_code == 0
    engine = make_engine(database_url)
    copy = ("INSERT INTO outbox (owner_id, action_id, kind, message_id, sender, recipients, "
            "subject, message, state, due_at, attempts, claimed_at, created_at) "
            "SELECT owner_id, action_id, kind, message_id || :tag, sender, recipients, subject, "
            "message, :state, due_at, attempts, :claimed, created_at FROM outbox WHERE id = :id")
    claimed = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(schema.MIGRATIONS))
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
        for tag, state in (("sent", "sent"), ("again", "scheduled"), ("lost", "unknown")):
            connection.execute(text(copy), {"tag": tag, "state": state, "id": 1,
                                            "claimed": None})
        connection.execute(text("UPDATE outbox SET state = 'sending', claimed_at = :at "
                                "WHERE id = 2"), {"at": claimed.replace(tzinfo=None)})
    migrate(engine)
    with engine.connect() as connection:
        rows = {r.id: r for r in connection.execute(select(outbox).order_by(outbox.c.id))}
    engine.dispose()

    assert [(i, r.action_id, r.state) for i, r in rows.items()] == [
        (1, first, "cancelled"), (2, second, "sending"), (3, first, "sent"),
        (4, first, "cancelled"), (5, None, "unknown")]
    assert all("second copy" in (rows[i].error or "") for i in (1, 4, 5))
    assert rows[2].lease_until == claimed + timedelta(minutes=10)
