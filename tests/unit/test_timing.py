"""How a step's time is said: its state against now, and the same words in every view."""

from __future__ import annotations

from datetime import datetime

from followup.domain import timing, wording
from followup.domain.timing import Timing

TZ = "Europe/Dublin"
EARLIEST = datetime.fromisoformat("2026-12-01T09:00:00+00:00")  # Tue 1 Dec, Dublin = UTC
DUE = datetime.fromisoformat("2026-12-01T14:59:00+00:00")
DEADLINE = datetime.fromisoformat("2026-12-01T23:59:59+00:00")


def said(now: str, earliest: datetime = EARLIEST, due: datetime = DUE,
         deadline: datetime = DEADLINE) -> str:
    return timing.label(earliest, due, deadline, datetime.fromisoformat(now), TZ)


def test_before_the_target_a_step_is_due_today_at_its_time() -> None:
    assert said("2026-12-01T10:00:00+00:00") == "due today, 14:59"
    assert said("2026-11-30T10:00:00+00:00", earliest=EARLIEST.replace(month=11, day=29)) == (
        "due tomorrow, 14:59")


def test_past_the_target_a_step_is_still_in_time_until_its_deadline() -> None:
    assert said("2026-12-01T16:00:00+00:00") == "still in time until today 23:59"
    later = DEADLINE.replace(day=3)
    assert said("2026-12-01T16:00:00+00:00", deadline=later) == "still in time until Thu 23:59"


def test_past_the_deadline_a_step_is_overdue_by_days_or_hours_in_the_right_plural() -> None:
    assert said("2026-12-02T01:00:00+00:00") == "overdue (by 1 day)"
    assert said("2026-12-03T08:00:00+00:00") == "overdue (by 2 days)"
    early = DEADLINE.replace(hour=12, minute=0, second=0)
    assert said("2026-12-01T15:30:00+00:00", due=early, deadline=early) == "overdue (by 3 hours)"
    assert said("2026-12-01T13:00:00+00:00", due=early, deadline=early) == "overdue (by 1 hour)"


def test_a_step_that_starts_later_says_from_when() -> None:
    callback = EARLIEST.replace(hour=15)
    assert said("2026-12-01T10:00:00+00:00", earliest=callback, due=callback.replace(
        hour=16)) == "from 15:00"
    assert said("2026-11-30T10:00:00+00:00", earliest=callback, due=callback.replace(
        hour=16)) == "from tomorrow, 15:00"
    assert said("2026-11-20T10:00:00+00:00") == "from Tue 1 Dec, 09:00"


def test_today_is_the_users_local_date_not_utcs() -> None:
    # 23:30 UTC on 30 Nov is 10:30 on 1 Dec in Auckland: a step due then is due today there.
    due = datetime.fromisoformat("2026-11-30T23:45:00+00:00")
    now = datetime.fromisoformat("2026-11-30T23:30:00+00:00")
    assert timing.label(now, due, due, now, "Pacific/Auckland") == "due today, 12:45"
    assert timing.label(now, due, due, now, "America/New_York") == "due today, 18:45"


def test_todays_order_is_overdue_then_past_target_then_by_deadline() -> None:
    now = datetime.fromisoformat("2026-12-01T16:00:00+00:00")
    steps = {
        "late": (EARLIEST, DUE.replace(hour=10), DUE.replace(hour=11)),
        "still": (EARLIEST, DUE, DEADLINE),
        "soon": (EARLIEST, DEADLINE, DEADLINE),
        "sooner": (EARLIEST, DUE.replace(hour=17), DUE.replace(hour=18)),
    }
    ordered = sorted(steps, key=lambda name: timing.order(*steps[name], now))
    assert ordered == ["late", "still", "sooner", "soon"]
    assert [timing.state(*steps[n], now) for n in ordered] == [
        Timing.OVERDUE, Timing.PAST_TARGET, Timing.DUE, Timing.DUE]


def test_plurals_are_right() -> None:
    assert wording.plural(1, "application") == "1 application"
    assert wording.plural(2, "word") == "2 words"
    assert wording.plural(0, "reply", "replies") == "0 replies"
