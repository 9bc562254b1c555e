"""The migrations build exactly the schema the code declares, on both databases."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from followup.adapters.db.engine import make_engine, migrate
from followup.adapters.db.tables import metadata


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
