"""Migrations: run on first use and by `followup db upgrade`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, inspect, text

from followup.adapters.db.version import HEAD

__all__ = ["HEAD", "current_revision", "upgrade"]

MIGRATIONS = Path(__file__).with_name("migrations")


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Brings the schema up to `revision` on this connection (imports Alembic only now)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


