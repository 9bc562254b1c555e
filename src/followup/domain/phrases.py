"""Resolve the decision-date phrases employers use ("by next Friday", "in 2-3 weeks") to a date.

Pure: standard library only, no clock. Each supported form is one regex in `_TABLE`, matched
against the whole normalised phrase, with a small handler that computes the date.

Interpretation choices:
- ISO date-times without a zone (`2026-12-04T10:00`, `2026-12-04 10:00:30`) are reduced to
  their date as written; date-times with a zone or offset are rejected.
- A date in words without a year is the first such date on or after the anchor, looked for in
  the anchor's year and the next; `February 29` with no leap year in that span is rejected.
- `this week` is the Friday of the anchor's week; on a Friday that is the anchor itself, and on
  a Saturday or Sunday the week is over and the phrase is rejected.
- A range (`2-3 weeks`, `two to three weeks`, `two or three weeks`) resolves to its end.
- `in 0 days` and the like resolve to the anchor; numbers have at most three digits.
- Dates before the anchor (`2020-01-01`) are returned as they are; the caller decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date, timedelta

from followup.domain.calendar import add_business_days
from followup.domain.errors import InvalidInput

__all__ = ["describe", "resolve_date"]

Handler = Callable[[re.Match[str], date, frozenset[date]], date]

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_NUM = r"(?:\d{1,3}|(?:a )?couple(?: of)?|a few|" + "|".join(sorted(_WORDS, key=len)[::-1]) + ")"
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ISO = r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:, ?| )(?P<year>\d{4}))?"
_WEEKDAY = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
)
_FILLER = re.compile(
    r"^(?:no later than|on or before|by|before|on|until|till|around|about|within|in|the) "
)


class _Unusable(Exception):
    """A phrase that matched a form but names no usable date; the message says why."""


def _monday(day: date) -> date:
    """Return the Monday of the calendar week (Monday–Sunday) holding `day`."""
    return day - timedelta(days=day.weekday())


def _add_months(day: date, months: int) -> date:
    """Return `day` moved by whole months, clamped to the last day of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _last_day(date(year, month + 1, 1)).day))


def _last_day(day: date) -> date:
    """Return the last calendar day of the month holding `day`."""
    first_of_next = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def _number(word: str) -> int:
    """Return the value of a number word, digits, "a couple of" or "a few"."""
    if word.isdigit():
        return int(word)
    if "couple" in word:
        return 2
    return 3 if "few" in word else _WORDS[word]


def _iso(m: re.Match[str], anchor: date, holidays: frozenset[date]) -> date:
    """Resolve an ISO date such as 2026-12-04."""
    return date(int(m["y"]), int(m["m"]), int(m["d"]))


def _words(m: re.Match[str], anchor: date, holidays: frozenset[date]) -> date:
    """Resolve a date in words, such as "Dec. 4th" or "4 December 2027"."""
    month = [n[:3].lower() for n in _MONTH_NAMES].index(m["mon"][:3]) + 1
    day = int(m["day"])
    if m["year"]:
        return date(int(m["year"]), month, day)
    date(2000, month, day)  # a leap year: raises ValueError for days no year has (February 30)
    for year in (anchor.year, anchor.year + 1):
        if day <= _last_day(date(year, month, 1)).day and date(year, month, day) >= anchor:
            return date(year, month, day)
    raise _Unusable("does not occur within a year; give the date with its year")


def _relative_day(m: re.Match[str], anchor: date, holidays: frozenset[date]) -> date:
    """Resolve "today", "tomorrow" and "the day after tomorrow"."""
    return anchor + timedelta(days={"today": 0, "tomorrow": 1}.get(m[0], 2))


def _weekday_index(word: str) -> int:
    """Return 0 for Monday .. 6 for Sunday from a full or abbreviated weekday name."""
    return [n[:3].lower() for n in _DAY_NAMES].index(word[:3])


def _weekday(m: re.Match[str], anchor: date, holidays: frozenset[date]) -> date:
    """Resolve "Friday" / "this Friday" to the first Friday strictly after the anchor."""
    return anchor + timedelta(days=(_weekday_index(m["wd"]) - anchor.weekday() - 1) % 7 + 1)


def _next_weekday(m: re.Match[str], anchor: date, holidays: frozenset[date]) -> date:
    """Resolve "next Friday" to that weekday in the calendar week after the anchor's."""
    return _monday(anchor) + timedelta(days=7 + _weekday_index(m["wd"]))


def _span(m: re.Match[str], anchor: date, holidays: frozenset[date]) -> date:
    """Resolve "in N days/weeks/months/business days", taking the end of a range."""
    count = _number(m["n"])
    if m["end"]:
        count, start = _number(m["end"]), count
        if count < start:
            raise _Unusable("is a range that ends before it starts")
    unit = m["unit"]
    if unit.startswith(("business", "working")):
        return add_business_days(anchor, count, holidays)
    if unit.startswith("month"):
        return _add_months(anchor, count)
    return anchor + timedelta(days=count * (7 if unit.startswith("week") else 1))


def _week(m: re.Match[str], anchor: date, holidays: frozenset[date]) -> date:
    """Resolve "this week" / "next week" to the Friday of that week."""
    friday = _monday(anchor) + timedelta(days=4 if m["which"] == "this" else 11)
    if friday < anchor:
        raise _Unusable(f"is already over on {_format(anchor)}; give a date")
    return friday


def _end_of(m: re.Match[str], anchor: date, holidays: frozenset[date]) -> date:
    """Resolve "end of (this|next) week/month/year"."""
    later = 1 if m["next"] else 0
    if m["unit"] == "week":
        friday = _monday(anchor) + timedelta(days=4 + 7 * later)
        return friday if friday >= anchor else friday + timedelta(days=7)
    if m["unit"] == "month":
        return _last_day(_add_months(anchor.replace(day=1), later))
    return date(anchor.year + later, 12, 31)


def _part_of_next_week(m: re.Match[str], anchor: date, holidays: frozenset[date]) -> date:
    """Resolve "early" (Monday), "mid" (Wednesday) and "late" (Friday) next week."""
    offset = 0 if m["early"] else 2 if m["mid"] else 4
    return _monday(anchor) + timedelta(days=7 + offset)


def _start_of_next_month(m: re.Match[str], anchor: date, holidays: frozenset[date]) -> date:
    """Resolve "beginning of next month" to its 1st."""
    return _add_months(anchor.replace(day=1), 1)


_TABLE: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (_ISO, _iso),
        (_MONTH + r"(?:\. ?| )(?:the )?" + _DAY + _YEAR, _words),
        (_DAY + r" (?:of )?" + _MONTH + r"\.?" + _YEAR, _words),
        (r"today|tomorrow|day after tomorrow", _relative_day),
        (r"(?:this )?(?:coming )?" + _WEEKDAY, _weekday),
        (r"next " + _WEEKDAY, _next_weekday),
        (
            rf"(?P<n>{_NUM})(?: ?(?:-|–|to|or) ?(?P<end>{_NUM}))? "
            r"(?P<unit>(?:business|working) days?|days?|weeks?|months?)",
            _span,
        ),
        (r"(?P<which>this|next) week", _week),
        (r"end of (?:the |this )?(?P<next>next )?(?P<unit>week|month|year)", _end_of),
        (
            r"(?:(?P<early>early|beginning of|start of)|(?P<mid>mid|middle of)|late)[ -]next week",
            _part_of_next_week,
        ),
        (r"(?:early|beginning of|start of) next month", _start_of_next_month),
    )
)


def _format(day: date) -> str:
    """Format a date as "Fri 4 Dec 2026", independent of the locale."""
    return f"{_DAY_NAMES[day.weekday()][:3]} {day.day} {_MONTH_NAMES[day.month - 1][:3]} {day.year}"


def _normalise(text: str) -> str:
    """Lower-case, collapse whitespace, drop a trailing period and leading filler words."""
    phrase = " ".join(text.lower().split()).rstrip(".").strip()
    while (stripped := _FILLER.sub("", phrase)) != phrase:
        phrase = stripped
    return phrase


def resolve_date(text: str, anchor: date, holidays: Collection[date] = frozenset()) -> date:
    """Resolve an employer's decision-date phrase, counted from `anchor`, to a date."""
    shown = " ".join(text.split())
    hint = "give a date such as 2026-12-04 or a phrase such as 'in two weeks'"
    if not shown:
        raise InvalidInput(f"no decision date given; {hint}")
    phrase = _normalise(text)
    for pattern, handler in _TABLE:
        if match := pattern.fullmatch(phrase):
            try:
                return handler(match, anchor, frozenset(holidays))
            except _Unusable as reason:
                raise InvalidInput(f"{shown!r} {reason}") from None
            except (ValueError, OverflowError):
                raise InvalidInput(f"{shown!r} is not a date on the calendar; {hint}") from None
    raise InvalidInput(f"{shown!r} names no date; {hint}")


def describe(text: str, anchor: date, resolved: date) -> str:
    """Return a short human string such as "next Friday → Fri 4 Dec 2026"."""
    shown = " ".join(text.split()).rstrip(".") or resolved.isoformat()
    past = f" (before {_format(anchor)})" if resolved < anchor else ""
    return f"{shown} → {_format(resolved)}{past}"
