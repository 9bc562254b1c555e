"""Local times across daylight-saving changes, ends of days and business days with holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain import calendar as cal
from followup.domain.errors import InvalidInput
from tests.unit.factories import CHRISTMAS

ZONES = [
    "Europe/Dublin",
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
]
BOUNDED = settings(max_examples=150, deadline=None)


# -- local times ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("tz", "day", "clock", "expected", "offset"),
    [
        ("Europe/Dublin", date(2026, 3, 29), time(1, 30), time(2, 30), timedelta(hours=1)),
        ("America/New_York", date(2026, 3, 8), time(2, 30), time(3, 30), timedelta(hours=-4)),
        ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 15), time(2, 45), timedelta(hours=11)),
        ("America/Santiago", date(2026, 9, 6), time(0, 30), time(1, 30), timedelta(hours=-3)),
        (
            "Pacific/Chatham",
            date(2026, 9, 27),
            time(3, 0),
            time(4, 0),
            timedelta(hours=13, minutes=45),
        ),
    ],
)
def test_a_time_skipped_by_a_dst_change_moves_forward_past_the_gap(
    tz: str, day: date, clock: time, expected: time, offset: timedelta
) -> None:
    moment = cal.at(day, clock, tz)

    assert (moment.date(), moment.time(), moment.utcoffset()) == (day, expected, offset)


def test_an_ordinary_time_is_kept_with_the_zone_offset() -> None:
    moment = cal.at(date(2026, 12, 1), time(9), "America/New_York")

    assert moment.astimezone(UTC) == datetime(2026, 12, 1, 14, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(hours=-5)


def test_a_time_repeated_by_a_dst_change_is_its_first_occurrence() -> None:
    moment = cal.at(date(2026, 10, 25), time(1, 30), "Europe/Dublin")

    assert moment.utcoffset() == timedelta(hours=1)
    assert moment.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_end_of_day_is_one_second_before_midnight_local() -> None:
    end = cal.end_of_day(date(2026, 12, 1), "Asia/Kolkata")

    assert end.astimezone(UTC) == datetime(2026, 12, 1, 18, 29, 59, tzinfo=UTC)


def test_the_end_of_a_day_whose_last_hour_repeats_is_the_later_23_59_59() -> None:
    end = cal.end_of_day(date(2026, 4, 4), "America/Santiago")

    assert (end.date(), end.time()) == (date(2026, 4, 4), time(23, 59, 59))
    assert end.astimezone(UTC) == datetime(2026, 4, 5, 3, 59, 59, tzinfo=UTC)


def test_local_date_is_the_calendar_date_in_the_zone() -> None:
    moment = datetime(2026, 12, 2, 3, tzinfo=UTC)

    assert cal.local_date(moment, "America/New_York") == date(2026, 12, 1)
    assert cal.local_date(moment, "Asia/Kolkata") == date(2026, 12, 2)


@pytest.mark.parametrize("name", ["", "Mars/Olympus", "../etc/passwd"])
def test_an_unknown_time_zone_is_a_clear_error(name: str) -> None:
    with pytest.raises(InvalidInput, match="unknown time zone"):
        cal.zone(name)


@BOUNDED
@given(st.sampled_from(ZONES), st.dates(date(2025, 1, 1), date(2028, 12, 31)), st.times())
def test_local_times_never_move_backwards_and_move_forward_at_most_an_hour(
    tz: str, day: date, clock: time
) -> None:
    moment = cal.at(day, clock, tz)
    asked = datetime.combine(day, clock)
    got = moment.replace(tzinfo=None)

    assert asked <= got <= asked + timedelta(hours=1)
    assert moment.astimezone(UTC).astimezone(ZoneInfo(tz)).replace(tzinfo=None) == got


# -- business days --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 24), True),  # Thursday
        (date(2026, 12, 25), False),  # Christmas
        (date(2026, 12, 26), False),  # Saturday
        (date(2026, 12, 27), False),  # Sunday
        (date(2026, 12, 28), False),  # holiday Monday
        (date(2026, 12, 29), True),
    ],
)
def test_business_days_are_weekdays_that_are_not_holidays(day: date, expected: bool) -> None:
    assert cal.is_business_day(day, CHRISTMAS) is expected


def test_without_holidays_every_weekday_is_a_business_day() -> None:
    assert cal.is_business_day(date(2026, 12, 25), frozenset())


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 24), date(2026, 12, 24)),
        (date(2026, 12, 25), date(2026, 12, 29)),
        (date(2026, 12, 5), date(2026, 12, 7)),
    ],
)
def test_on_or_after_is_the_first_business_day_from_a_day(day: date, expected: date) -> None:
    assert cal.on_or_after(day, CHRISTMAS) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 29), date(2026, 12, 29)),
        (date(2026, 12, 28), date(2026, 12, 24)),
        (date(2026, 12, 6), date(2026, 12, 4)),
    ],
)
def test_on_or_before_is_the_last_business_day_up_to_a_day(day: date, expected: date) -> None:
    assert cal.on_or_before(day, CHRISTMAS) == expected


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (date(2026, 12, 23), 1, date(2026, 12, 24)),
        (date(2026, 12, 23), 2, date(2026, 12, 29)),
        (date(2026, 12, 23), 3, date(2026, 12, 30)),
        (date(2026, 12, 4), 3, date(2026, 12, 9)),
        (date(2026, 12, 5), 1, date(2026, 12, 7)),
        (date(2026, 12, 25), 1, date(2026, 12, 29)),
    ],
)
def test_add_business_days_skips_weekends_and_holidays(
    day: date, count: int, expected: date
) -> None:
    assert cal.add_business_days(day, count, CHRISTMAS) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (date(2026, 12, 23), date(2026, 12, 30), 3),
        (date(2026, 12, 23), date(2026, 12, 23), 0),
        (date(2026, 12, 25), date(2026, 12, 28), 0),
        (date(2026, 12, 4), date(2026, 12, 7), 1),
        (date(2026, 12, 30), date(2026, 12, 23), 0),
    ],
)
def test_business_days_between_counts_after_the_first_up_to_the_second(
    first: date, second: date, expected: int
) -> None:
    assert cal.business_days_between(first, second, CHRISTMAS) == expected


holiday_sets = st.frozensets(st.dates(date(2026, 11, 1), date(2027, 3, 31)), max_size=40)
days = st.dates(date(2026, 11, 1), date(2027, 1, 31))


@BOUNDED
@given(days, st.integers(1, 15), holiday_sets)
def test_add_business_days_lands_on_a_business_day_that_many_business_days_later(
    day: date, count: int, holidays: frozenset[date]
) -> None:
    later = cal.add_business_days(day, count, holidays)

    assert cal.is_business_day(later, holidays)
    assert cal.business_days_between(day, later, holidays) == count


@BOUNDED
@given(days, holiday_sets)
def test_on_or_after_and_on_or_before_skip_only_days_off(
    day: date, holidays: frozenset[date]
) -> None:
    after, before = cal.on_or_after(day, holidays), cal.on_or_before(day, holidays)

    assert cal.is_business_day(after, holidays) and cal.is_business_day(before, holidays)
    assert before <= day <= after
    assert cal.business_days_between(before, after, holidays) == (after > before)
