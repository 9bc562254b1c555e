"""Decision-date phrases resolve to dates, counted from an anchor, without guessing."""

from __future__ import annotations

import ast
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain import phrases
from followup.domain.errors import InvalidInput
from followup.domain.phrases import describe, resolve_date

MON = date(2026, 11, 23)
THU = date(2026, 11, 26)
FRI = date(2026, 11, 27)
SAT = date(2026, 11, 28)
SUN = date(2026, 11, 29)
WED_YEAR_END = date(2026, 12, 30)


def d(iso: str) -> date:
    """Shorthand for an ISO date in the tables."""
    return date.fromisoformat(iso)


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("2026-12-04", THU, d("2026-12-04")),
        ("2031-06-15", THU, d("2031-06-15")),
        ("1999-12-31", THU, d("1999-12-31")),
        ("2026-1-5", THU, d("2026-01-05")),
        ("by 2026-12-04.", THU, d("2026-12-04")),
        ("2026-12-04T10:00", THU, d("2026-12-04")),
        ("2026-12-04t23:59:59", THU, d("2026-12-04")),
        ("2026-12-04 09:30", THU, d("2026-12-04")),
    ],
)
def test_iso_dates_and_zoneless_date_times_resolve_to_the_date_as_written(
    text: str, anchor: date, expected: date
) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("December 4", THU, d("2026-12-04")),
        ("Dec 4", THU, d("2026-12-04")),
        ("Dec. 4th", THU, d("2026-12-04")),
        ("4 December", THU, d("2026-12-04")),
        ("4th Dec", THU, d("2026-12-04")),
        ("the 4th of December", THU, d("2026-12-04")),
        ("December the 4th", THU, d("2026-12-04")),
        ("Nov 30", MON, d("2026-11-30")),
        ("November 26", THU, d("2026-11-26")),
        ("Sept 3", THU, d("2027-09-03")),
        ("February 29", d("2027-03-01"), d("2028-02-29")),
    ],
)
def test_dates_in_words_resolve_to_the_first_such_day_on_or_after_the_anchor(
    text: str, anchor: date, expected: date
) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("January 5", THU, d("2027-01-05")),
        ("Jan 1st", WED_YEAR_END, d("2027-01-01")),
        ("November 25", THU, d("2027-11-25")),
        ("the 2nd of January", WED_YEAR_END, d("2027-01-02")),
    ],
)
def test_dates_in_words_already_past_this_year_roll_over_into_the_next_year(
    text: str, anchor: date, expected: date
) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("December 4, 2027", d("2027-12-04")),
        ("December 4 2027", d("2027-12-04")),
        ("4 Dec 2027", d("2027-12-04")),
        ("the 4th of December, 2027", d("2027-12-04")),
        ("Dec. 4th, 2025", d("2025-12-04")),
        ("February 29, 2028", d("2028-02-29")),
    ],
)
def test_dates_in_words_with_a_year_resolve_to_exactly_that_day(text: str, expected: date) -> None:
    assert resolve_date(text, THU) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("today", THU, THU),
        ("tomorrow", THU, FRI),
        ("the day after tomorrow", THU, SAT),
        ("tomorrow", WED_YEAR_END, d("2026-12-31")),
        ("the day after tomorrow", WED_YEAR_END, d("2027-01-01")),
    ],
)
def test_today_and_tomorrow_count_calendar_days_from_the_anchor(
    text: str, anchor: date, expected: date
) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Friday", THU, d("2026-11-27")),
        ("by Friday", THU, d("2026-11-27")),
        ("this Friday", THU, d("2026-11-27")),
        ("on Fri", THU, d("2026-11-27")),
        ("Thursday", THU, d("2026-12-03")),
        ("Mon", THU, d("2026-11-30")),
        ("wed", THU, d("2026-12-02")),
        ("Friday", FRI, d("2026-12-04")),
        ("this Friday", FRI, d("2026-12-04")),
        ("Saturday", FRI, d("2026-11-28")),
        ("Monday", SUN, d("2026-11-30")),
        ("sunday", SUN, d("2026-12-06")),
        ("Friday", WED_YEAR_END, d("2027-01-01")),
    ],
)
def test_weekday_phrases_resolve_to_the_next_such_day(
    text: str, anchor: date, expected: date
) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("next Friday", THU, d("2026-12-04")),
        ("next Friday", MON, d("2026-12-04")),
        ("next Monday", MON, d("2026-11-30")),
        ("next Monday", SUN, d("2026-11-30")),
        ("next Sunday", SUN, d("2026-12-06")),
        ("by next Thu", FRI, d("2026-12-03")),
        ("next Friday", WED_YEAR_END, d("2027-01-08")),
    ],
)
def test_next_weekday_lands_in_the_calendar_week_after_the_anchors_week(
    text: str, anchor: date, expected: date
) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("in 3 days", THU, d("2026-11-29")),
        ("in 1 day", THU, d("2026-11-27")),
        ("in 10 days", WED_YEAR_END, d("2027-01-09")),
        ("in two weeks", THU, d("2026-12-10")),
        ("within 2 weeks", THU, d("2026-12-10")),
        ("2 weeks", THU, d("2026-12-10")),
        ("a week", THU, d("2026-12-03")),
        ("in 1 week", THU, d("2026-12-03")),
        ("within a couple of weeks", THU, d("2026-12-10")),
        ("in a few days", THU, d("2026-11-29")),
        ("in a few weeks", THU, d("2026-12-17")),
        ("in one month", THU, d("2026-12-26")),
        ("in 3 months", THU, d("2027-02-26")),
        ("in 5 business days", MON, d("2026-11-30")),
        ("in ten working days", MON, d("2026-12-07")),
        ("in 1 business day", SAT, d("2026-11-30")),
    ],
)
def test_spans_count_days_weeks_months_and_business_days_from_the_anchor(
    text: str, anchor: date, expected: date
) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize(
    "text",
    [
        "in two to three weeks",
        "in 2-3 weeks",
        "2 - 3 weeks",
        "2–3 weeks",
        "two or three weeks",
    ],
)
def test_a_range_resolves_to_its_end(text: str) -> None:
    assert resolve_date(text, THU) == d("2026-12-17")


def test_a_range_of_business_days_resolves_to_its_end_over_holidays() -> None:
    assert resolve_date("in 3-5 business days", MON, {d("2026-11-26")}) == d("2026-12-01")


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("in 1 month", d("2027-01-31"), d("2027-02-28")),
        ("in 1 month", d("2028-01-31"), d("2028-02-29")),
        ("in one month", d("2026-03-31"), d("2026-04-30")),
        ("in 6 months", d("2026-08-31"), d("2027-02-28")),
        ("in 3 months", d("2026-11-30"), d("2027-02-28")),
        ("in twelve months", d("2028-02-29"), d("2029-02-28")),
        ("in 2 months", d("2026-12-31"), d("2027-02-28")),
    ],
)
def test_month_spans_keep_the_day_number_clamped_to_the_months_last_day(
    text: str, anchor: date, expected: date
) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "holidays", "expected"),
    [
        ("in 5 business days", THU, set(), d("2026-12-03")),
        ("in 5 business days", THU, {d("2026-11-27")}, d("2026-12-04")),
        ("in 1 business day", THU, {d("2026-11-27")}, d("2026-11-30")),
        ("in 1 business day", d("2026-11-25"), {d("2026-11-26"), d("2026-11-27")}, d("2026-11-30")),
        ("in 5 working days", d("2026-12-22"), [d("2026-12-25"), d("2027-01-01")], WED_YEAR_END),
        (
            "in 10 working days",
            d("2026-12-22"),
            (d("2026-12-25"), d("2027-01-01")),
            d("2027-01-07"),
        ),
        ("in 3 days", THU, {d("2026-11-27")}, d("2026-11-29")),
        ("in 1 week", THU, {d("2026-12-03")}, d("2026-12-03")),
    ],
)
def test_business_day_spans_skip_weekends_and_holidays_while_other_spans_ignore_them(
    text: str, anchor: date, holidays: set[date], expected: date
) -> None:
    assert resolve_date(text, anchor, holidays) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("this week", MON, d("2026-11-27")),
        ("this week", THU, d("2026-11-27")),
        ("this week", FRI, d("2026-11-27")),
        ("next week", THU, d("2026-12-04")),
        ("next week", SAT, d("2026-12-04")),
        ("next week", SUN, d("2026-12-04")),
        ("by next week", WED_YEAR_END, d("2027-01-08")),
    ],
)
def test_this_week_and_next_week_resolve_to_the_friday_of_that_week(
    text: str, anchor: date, expected: date
) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize("anchor", [SAT, SUN])
def test_this_week_is_rejected_once_the_working_week_is_over(anchor: date) -> None:
    with pytest.raises(InvalidInput, match="already over"):
        resolve_date("this week", anchor)


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("end of the week", MON, d("2026-11-27")),
        ("end of this week", THU, d("2026-11-27")),
        ("by the end of the week", FRI, d("2026-11-27")),
        ("end of the week", SAT, d("2026-12-04")),
        ("end of week", SUN, d("2026-12-04")),
        ("end of next week", THU, d("2026-12-04")),
        ("end of next week", SAT, d("2026-12-04")),
        ("end of next week", WED_YEAR_END, d("2027-01-08")),
        ("end of the month", THU, d("2026-11-30")),
        ("by the end of the month", d("2026-11-30"), d("2026-11-30")),
        ("end of this month", d("2028-02-03"), d("2028-02-29")),
        ("end of next month", THU, d("2026-12-31")),
        ("end of next month", WED_YEAR_END, d("2027-01-31")),
        ("end of next month", d("2027-01-31"), d("2027-02-28")),
        ("end of the year", THU, d("2026-12-31")),
        ("by the end of this year", d("2026-01-01"), d("2026-12-31")),
        ("end of next year", THU, d("2027-12-31")),
    ],
)
def test_ends_of_periods_resolve_to_their_last_day(text: str, anchor: date, expected: date) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("early next week", THU, d("2026-11-30")),
        ("early next week", SUN, d("2026-11-30")),
        ("beginning of next week", MON, d("2026-11-30")),
        ("mid next week", THU, d("2026-12-02")),
        ("mid-next week", THU, d("2026-12-02")),
        ("in the middle of next week", THU, d("2026-12-02")),
        ("late next week", THU, d("2026-12-04")),
        ("early next week", WED_YEAR_END, d("2027-01-04")),
        ("beginning of next month", THU, d("2026-12-01")),
        ("by the start of next month", d("2026-01-31"), d("2026-02-01")),
        ("early next month", WED_YEAR_END, d("2027-01-01")),
    ],
)
def test_parts_of_next_week_and_next_month_resolve_to_a_fixed_day(
    text: str, anchor: date, expected: date
) -> None:
    assert resolve_date(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  BY FRIDAY.  ", d("2026-11-27")),
        ("No later than the end of next week.", d("2026-12-04")),
        ("before Friday", d("2026-11-27")),
        ("until Dec 4", d("2026-12-04")),
        ("around December 4th.", d("2026-12-04")),
        ("on or before Dec 4", d("2026-12-04")),
        ("on the 4th of December", d("2026-12-04")),
        ("Within  a  couple\tof weeks", d("2026-12-10")),
        ("In Two Weeks.", d("2026-12-10")),
        ("\nTomorrow\n", d("2026-11-27")),
    ],
)
def test_case_whitespace_a_trailing_period_and_leading_filler_are_tolerated(
    text: str, expected: date
) -> None:
    assert resolve_date(text, THU) == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("in a day", 1),
        ("in an extra day", None),
        ("in one day", 1),
        ("in two days", 2),
        ("in three days", 3),
        ("in four days", 4),
        ("in five days", 5),
        ("in six days", 6),
        ("in seven days", 7),
        ("in eight days", 8),
        ("in nine days", 9),
        ("in ten days", 10),
        ("in eleven days", 11),
        ("in twelve days", 12),
        ("in 12 days", 12),
        ("in 30 days", 30),
        ("in a couple of days", 2),
        ("in couple of days", 2),
        ("in a couple days", 2),
        ("in a few days", 3),
        ("in an hour", None),
        ("in thirteen days", None),
    ],
)
def test_number_words_and_digits_count_the_same(text: str, days: int | None) -> None:
    if days is None:
        with pytest.raises(InvalidInput):
            resolve_date(text, THU)
    else:
        assert resolve_date(text, THU) == THU + timedelta(days=days)


@pytest.mark.parametrize(
    "text",
    [
        "soon",
        "",
        "   ",
        "the",
        "we'll let you know",
        "asap",
        "sometime soon",
        "February 30",
        "April 31",
        "December 32",
        "2026-02-30",
        "2026-13-01",
        "2026-12-04T10:00+01:00",
        "next blursday",
        "in many weeks",
        "in weeks",
        "next month",
        "in 3-2 weeks",
        "the 4th",
        "February 29, 2027",
    ],
)
def test_phrases_that_name_no_usable_date_are_rejected_with_a_one_line_message(
    text: str,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        resolve_date(text, THU)
    message = str(caught.value)
    assert message and "\n" not in message
    assert " ".join(text.split()) in message or "no decision date" in message


def test_a_vague_phrase_is_rejected_with_an_example_of_what_works() -> None:
    with pytest.raises(InvalidInput) as caught:
        resolve_date("sometime soon", THU)
    assert str(caught.value) == (
        "'sometime soon' names no date; give a date such as 2026-12-04 "
        "or a phrase such as 'in two weeks'"
    )


def test_february_29_without_a_year_is_rejected_when_no_leap_day_falls_within_a_year() -> None:
    with pytest.raises(InvalidInput, match="with its year"):
        resolve_date("February 29", d("2026-03-01"))


def test_a_span_running_off_the_calendar_is_rejected() -> None:
    with pytest.raises(InvalidInput, match="not a date on the calendar"):
        resolve_date("in 5 days", date.max - timedelta(days=1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-01-01", d("2020-01-01")),
        ("Dec. 4th, 2025", d("2025-12-04")),
        ("today", THU),
    ],
)
def test_dates_on_or_before_the_anchor_are_returned_as_they_are(text: str, expected: date) -> None:
    assert resolve_date(text, THU) == expected


@pytest.mark.parametrize(
    ("text", "resolved", "expected"),
    [
        ("next Friday", d("2026-12-04"), "next Friday → Fri 4 Dec 2026"),
        ("  by  Friday. ", d("2026-11-27"), "by Friday → Fri 27 Nov 2026"),
        ("in 2-3 weeks", d("2026-12-17"), "in 2-3 weeks → Thu 17 Dec 2026"),
        ("2020-01-01", d("2020-01-01"), "2020-01-01 → Wed 1 Jan 2020 (before Thu 26 Nov 2026)"),
    ],
)
def test_describe_shows_the_phrase_and_the_resolved_day(
    text: str, resolved: date, expected: str
) -> None:
    assert describe(text, THU, resolved) == expected


def test_the_module_imports_only_the_standard_library_and_the_domain() -> None:
    tree = ast.parse(Path(phrases.__file__).read_text(encoding="utf-8"))
    roots = {
        (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    foreign = roots - set(sys.stdlib_module_names) - {"__future__", "followup"}
    assert not foreign


@given(
    anchor=st.dates(max_value=date(9999, 10, 1)),
    count=st.integers(min_value=1, max_value=30),
    holiday_offsets=st.sets(st.integers(min_value=0, max_value=60), max_size=20),
)
def test_business_day_spans_land_on_a_business_day_after_the_anchor_and_day_spans_are_exact(
    anchor: date, count: int, holiday_offsets: set[int]
) -> None:
    holidays = {anchor + timedelta(days=offset) for offset in holiday_offsets}
    landed = resolve_date(f"in {count} business days", anchor, holidays)
    assert landed > anchor
    assert landed.weekday() < 5 and landed not in holidays
    between = (anchor + timedelta(days=i) for i in range(1, (landed - anchor).days + 1))
    assert sum(1 for day in between if day.weekday() < 5 and day not in holidays) == count
    assert resolve_date(f"in {count} days", anchor) == anchor + timedelta(days=count)
