"""How a step's time is said to a person: its state against now, and the words for it.

A step has a target (`due`), a last acceptable time (`deadline`) and a time it starts from
(`earliest`). Every view (CLI, web, API, digest, calendar) says them with these words.
Pure and light: `followup today` imports it on its fast path.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from followup.domain.wording import plural


class Timing(StrEnum):
    """Where an open step stands at a moment, in Today's order."""

    OVERDUE = "overdue"
    PAST_TARGET = "past_target"
    DUE = "due"
    UPCOMING = "upcoming"


SECTIONS = {Timing.OVERDUE: "Overdue", Timing.PAST_TARGET: "Still in time",
            Timing.DUE: "To do today", Timing.UPCOMING: "To do today"}
"""Today's section of a step in each state, with its title (the CLI's and the web's)."""
RANK = {Timing.OVERDUE: 0, Timing.PAST_TARGET: 1, Timing.DUE: 2, Timing.UPCOMING: 2}


def state(earliest: datetime, due: datetime, deadline: datetime, now: datetime) -> Timing:
    """Overdue past the deadline, past target after `due`, upcoming before `earliest`."""
    if deadline < now:
        return Timing.OVERDUE
    if due < now:
        return Timing.PAST_TARGET
    return Timing.UPCOMING if earliest > now else Timing.DUE


def section(overdue: bool, past_target: bool) -> Timing:
    """Today's section of a step from its read model's flags (upcoming ones sit with due)."""
    if overdue:
        return Timing.OVERDUE
    return Timing.PAST_TARGET if past_target else Timing.DUE


def order(earliest: datetime, due: datetime, deadline: datetime,
          now: datetime) -> tuple[int, datetime, datetime]:
    """Today's order: overdue, then past target, then by deadline (then start)."""
    return RANK[state(earliest, due, deadline, now)], deadline, earliest


Zone = str | tzinfo
"""The user's time zone by name (or a tzinfo, for moments read back from JSON)."""


def local(moment: datetime, tz: Zone) -> datetime:
    """`moment` on the user's clock: the one meaning of 'today' for every view."""
    return moment.astimezone(ZoneInfo(tz) if isinstance(tz, str) else tz)


def day(moment: datetime, now: datetime, tz: Zone) -> str:
    """'today', 'tomorrow', 'yesterday', a weekday within the coming week, else 'Tue 1 Dec'."""
    when, today = local(moment, tz).date(), local(now, tz).date()
    days = (when - today).days
    word = {-1: "yesterday", 0: "today", 1: "tomorrow"}.get(days)
    if word:
        return word
    return f"{when:%a}" if 1 < days < 7 else date_words(when)


def date_words(when: date) -> str:
    """'Tue 1 Dec'."""
    return f"{when:%a} {when.day} {when:%b}"


def clock(moment: datetime, tz: Zone) -> str:
    return f"{local(moment, tz):%H:%M}"


def say(moment: datetime, now: datetime, tz: Zone) -> str:
    """'today, 14:59', 'tomorrow, 09:00', 'Tue 1 Dec, 14:59'."""
    words = day(moment, now, tz)
    if words not in ("today", "tomorrow", "yesterday"):
        words = date_words(local(moment, tz).date())
    return f"{words}, {clock(moment, tz)}"


def _late_by(deadline: datetime, now: datetime, tz: Zone) -> str:
    days = (local(now, tz).date() - local(deadline, tz).date()).days
    if days >= 1:
        return plural(days, "day")
    hours = (now - deadline) // timedelta(hours=1)
    return plural(hours, "hour") if hours >= 1 else "less than an hour"


def label(earliest: datetime, due: datetime, deadline: datetime, now: datetime,
          tz: Zone) -> str:
    """'due today, 14:59', 'still in time until Tue 23:59', 'overdue (by 2 days)',
    'from 15:00' (a start later today) or 'from tomorrow, 09:00'."""
    found = state(earliest, due, deadline, now)
    if found is Timing.OVERDUE:
        return f"overdue (by {_late_by(deadline, now, tz)})"
    if found is Timing.PAST_TARGET:
        return f"still in time until {day(deadline, now, tz)} {clock(deadline, tz)}"
    if found is Timing.UPCOMING:
        today = day(earliest, now, tz) == "today"
        return f"from {clock(earliest, tz) if today else say(earliest, now, tz)}"
    return f"due {say(due, now, tz)}"
