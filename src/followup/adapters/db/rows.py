"""SQLAlchemy's result rows as the services' Row: a mapping read by column name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from sqlalchemy import Result

    from followup.services.ports import Row


def as_rows(result: Result[Any]) -> list[Row]:
    """Every row of `result`, each a mapping by column name."""
    # A RowMapping also takes a Column as its key, so to mypy it is no Mapping[str, Any] (a
    # Mapping's key type is invariant); read by name, as the services do, it is one.
    return cast("list[Row]", list(result.mappings()))


def first_row(result: Result[Any]) -> Row | None:
    """The first row of `result` as a mapping by column name, or None when there is none."""
    return cast("Row | None", result.mappings().first())  # a RowMapping: see as_rows
