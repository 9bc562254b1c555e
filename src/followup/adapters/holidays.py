"""Public holidays from the `holidays` package (imported only when a plan needs them)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from functools import cache


@cache
def _dates(country: str, years: tuple[int, ...]) -> frozenset[date]:
    import holidays

    try:
        return frozenset(holidays.country_holidays(country, years=years))
    except NotImplementedError:
        raise LookupError(country) from None


def public_holidays(country: str | None, years: Collection[int]) -> frozenset[date]:
    """The country's public holidays in `years`; none without a country."""
    return _dates(country, tuple(sorted(years))) if country else frozenset()
