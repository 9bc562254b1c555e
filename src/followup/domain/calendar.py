"""Business days, ends of days and local times, safe across daylight-saving changes."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.domain.errors import InvalidInput

END_OF_DAY = time(23, 59, 59)


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The time zone called `name`, or a clear error."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(f"unknown time zone {name!r}; use a name such as Europe/Dublin",
                           field="timezone") from exc


def at(day: date, clock: time, tz: str, fold: int = 0) -> datetime:
    """`clock` on `day` in `tz`; a time skipped by a DST change moves forward past the gap,
    and a repeated one is its first occurrence (`fold=1`: its second)."""
    local = datetime.combine(day, clock, tzinfo=zone(tz)).replace(fold=fold)
    return local.astimezone(UTC).astimezone(zone(tz))


def local_date(moment: datetime, tz: str) -> date:
    """The calendar date of `moment` in `tz`."""
    return moment.astimezone(zone(tz)).date()


def end_of_day(day: date, tz: str) -> datetime:
    """The day's last second; when clocks go back at midnight, the later 23:59:59."""
    return at(day, END_OF_DAY, tz, fold=1)


def is_business_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def on_or_after(day: date, holidays: Collection[date]) -> date:
    """The first business day on or after `day`."""
    while not is_business_day(day, holidays):
        day += timedelta(days=1)
    return day


def on_or_before(day: date, holidays: Collection[date]) -> date:
    """The last business day on or before `day`."""
    while not is_business_day(day, holidays):
        day -= timedelta(days=1)
    return day


def add_business_days(day: date, count: int, holidays: Collection[date]) -> date:
    """The business day `count` business days after `day` (count >= 1)."""
    for _ in range(count):
        day = on_or_after(day + timedelta(days=1), holidays)
    return day


def business_days_between(first: date, second: date, holidays: Collection[date]) -> int:
    """How many business days lie after `first` up to and including `second`."""
    count, day = 0, first
    while day < second:
        day += timedelta(days=1)
        count += is_business_day(day, holidays)
    return count
