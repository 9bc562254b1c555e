"""Insights: whether what the user does works, in numbers over a window of dates. The CLI, the
Insights page and the API all show this one read model; each number's definition is the `doc`
of its field, which they print beside it."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from followup.domain import calendar as cal
from followup.domain import limits
from followup.domain.errors import InvalidInput, NotAllowed
from followup.domain.model import AppStatus
from followup.services.context import Deps, user_of
from followup.services.ports import InsightRecords, Row, UnitOfWork
from followup.services.results import doc

DEFAULT_DAYS = 90
"""Without --from, the window is the 90 days up to its end."""
MAX_DAYS = 3660
"""The longest window, about ten years: longer is a typo."""
ANSWER_DAYS = 7
"""News this many days after a follow-up counts as its answer."""
OFFERED = (AppStatus.OFFER, AppStatus.HIRED)
EMPLOYERS = (AppStatus.OFFER, AppStatus.HIRED, AppStatus.REJECTED)
"""Outcomes the employer decides (a withdrawal is the candidate's)."""
STAGES = ("application", "first_interview", "later_rounds", "offer")


@dataclass(frozen=True, slots=True)
class Stage:
    """How far applications got, and how many ended there."""

    stage: str = doc(
        "application, first_interview, later_rounds or offer: the furthest step reached")
    reached: int = doc("Applications that got this far (as the funnel counts).")
    rejected: int = doc("Rejected with this as their furthest step.")
    withdrawn: int = doc("Withdrawn with this as their furthest step.")


@dataclass(frozen=True, slots=True)
class Funnel:
    """From application to hire, with the rejections and withdrawals at each stage."""

    applications: int
    interviewed: int
    later_rounds: int
    offers: int
    hired: int
    rejected: int
    withdrawn: int
    stages: tuple[Stage, ...]


@dataclass(frozen=True, slots=True)
class Lateness:
    """How late the late thank-you notes went out, after their deadline."""

    within_a_day: int
    one_to_three_days: int
    more_than_three_days: int
    median_hours: float | None


@dataclass(frozen=True, slots=True)
class ThankYou:
    """Thank-you notes (R2) against their deadline."""

    due: int
    on_time: int
    late: int
    missed: int
    on_time_rate: float | None
    late_by: Lateness


@dataclass(frozen=True, slots=True)
class Response:
    """Inquiries and calls that brought news within 7 days."""

    follow_ups: int
    answered_within_7_days: int
    rate: float | None
    waiting: int = doc(
        "Follow-ups of the last 7 days with no news yet: not counted until their 7 days end.")


@dataclass(frozen=True, slots=True)
class DaysToDecision:
    """Calendar days from the first interview held to the employer's decision."""

    n: int
    median: float | None
    q1: float | None
    q3: float | None


@dataclass(frozen=True, slots=True)
class DecisionDateKept:
    """Whether the employer decided by the date they gave."""

    given: int
    kept: int
    rate: float | None


@dataclass(frozen=True, slots=True)
class Stale:
    """Applications that went quiet after unanswered follow-ups (R6)."""

    applications: int
    stale: int
    share: float | None


@dataclass(frozen=True, slots=True)
class PerApplication:
    """Follow-ups made per application."""

    applications: int
    follow_ups: int
    mean: float | None


@dataclass(frozen=True, slots=True)
class Week:
    """What happened in one ISO week (Monday to Sunday) of the window."""

    week: str = doc("The ISO week, such as 2026-W45.")
    starts: date = doc("Its Monday.")
    notes: int = doc("Notes sent.")
    calls: int = doc("Calls made.")
    interviews: int = doc("Interviews held.")


@dataclass(frozen=True, slots=True)
class StatsView:
    """Insights over a window of dates (in the user's time zone, both ends included)."""

    start: date = doc("The window's first day.", json="from")
    end: date = doc("The window's last day.", json="to")
    funnel: Funnel = doc(
        "Applications count in the window by their first interview (or, with none yet, by "
        "when they were recorded). Interviewed: at least one interview held (started by now, "
        "not cancelled); later rounds: two or more held; offers: ever offered, hired included; "
        "rejected and withdrawn: their outcome now, at the furthest stage they reached.")
    thank_you: ThankYou = doc(
        "Thank-you notes to interviewers (R2) count by their interview's date; optional and "
        "cancelled ones do not count. On time: marked done by the deadline (end of the day "
        "after the interview); late: done after it; missed: skipped, or still open past it. "
        "Due is the three together; notes whose deadline has not passed yet are not due.")
    response: Response = doc(
        "Inquiries and calls done in the window (calls that reached nobody included), and "
        "those followed within 7 days by a reply, a call from the employer or their decision. "
        "One done in the last 7 days with no news yet waits (not counted) until its 7 days "
        "end.")
    days_to_decision: DaysToDecision = doc(
        "Calendar days from the first interview held to the employer's decision (offer, "
        "hired or rejected, as recorded), for the applications of the window; quartiles "
        "interpolate between values, as spreadsheets' QUARTILE.INC does.")
    decision_date_kept: DecisionDateKept = doc(
        "The first decision date the employer gave, for the applications of the window: "
        "given once that date has passed or a decision came (a withdrawal before it leaves it "
        "out); kept when the decision came on or before it.")
    stale: Stale = doc(
        "Applications of the window that went stale: too many follow-ups unanswered in a row "
        "(R6; 3 by default), even if the employer wrote later.")
    per_application: PerApplication = doc(
        "Inquiries and calls done for the applications of the window, whenever done, per "
        "application.")
    weeks: tuple[Week, ...] = doc(
        "Each ISO week of the window: notes sent, calls made and interviews held (only the "
        "days inside the window count).")


DEFINITIONS: dict[str, str] = {f.name: str(f.metadata["doc"]) for f in fields(StatsView)}
"""How each part is counted, as the CLI and the page say it beside the numbers."""


def window(first: str | None, last: str | None, today: date) -> tuple[date, date]:
    """The window's first and last days from ISO dates (defaults: the 90 days up to today)."""
    end = _day(last, "the end", "to") if last else today
    start = _day(first, "the start", "from") if first else end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InvalidInput(f"the window starts ({start.isoformat()}) after it ends "
                           f"({end.isoformat()}); give a start on or before the end",
                           field="from")
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput(f"the window is too long ({(end - start).days + 1} days; at most "
                           f"{MAX_DAYS}, about ten years)", field="from")
    return start, end


def _day(text: str, what: str, name: str) -> date:
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise InvalidInput(f"{what} {shown!r} is not a date; write it like 2026-11-30",
                           field=name) from None
    return limits.day(value, f"{what} {value.isoformat()}", name)


def stats(deps: Deps, first: str | None = None, last: str | None = None) -> StatsView:
    """The numbers of the user's search over a window of dates (ISO, both ends included)."""
    with deps.reading() as uow:
        tz = user_of(uow.repo).timezone
        now = deps.clock()
        start, end = window(first, last, cal.local_date(now, tz))
        lo, hi = _midnight(start, tz), _midnight(end + timedelta(days=1), tz)
        records = _records(deps, uow)
        apps = records.applications(lo, hi, now)
        return StatsView(
            start, end, _funnel(apps), thank_you(records, lo, hi, now),
            _response(records, lo, hi, now),
            _days_to_decision(apps, tz), _kept(apps, records.decision_dates(lo, hi, now), now, tz),
            _stale(apps), _per_application(apps),
            _weeks(records, start, end, now, tz))


def thank_you_for(deps: Deps, user_id: int, first: str | None = None,
                  last: str | None = None) -> ThankYou:
    """One user's thank-you notes against their deadline over a window of dates (a coach
    looks at each client's)."""
    with deps.acting(user_id).reading() as uow:
        tz = user_of(uow.repo).timezone
        now = deps.clock()
        start, end = window(first, last, cal.local_date(now, tz))
        return thank_you(_records(deps, uow), _midnight(start, tz),
                         _midnight(end + timedelta(days=1), tz), now)


def _midnight(day: date, tz: str) -> datetime:
    """When `day` begins in the user's zone."""
    return cal.at(day, time(), tz)


def _records(deps: Deps, uow: UnitOfWork) -> InsightRecords:
    if deps.insights is None:
        raise NotAllowed("Insights are not available here")
    return deps.insights(uow)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _stage(app: Row) -> str:
    if app["status"] in OFFERED or app["offered"]:
        return "offer"
    return STAGES[min(app["held"], 2)]


def _funnel(apps: list[Row]) -> Funnel:
    furthest = Counter(_stage(a) for a in apps)
    ended = Counter((_stage(a), a["status"]) for a in apps
                    if a["status"] in (AppStatus.REJECTED, AppStatus.WITHDRAWN))
    reached = (len(apps), sum(1 for a in apps if a["held"] >= 1),
               sum(1 for a in apps if a["held"] >= 2), furthest["offer"])
    stages = tuple(Stage(name, count, ended[name, AppStatus.REJECTED],
                         ended[name, AppStatus.WITHDRAWN])
                   for name, count in zip(STAGES, reached, strict=True))
    status = Counter(a["status"] for a in apps)
    return Funnel(*reached, status[AppStatus.HIRED], status[AppStatus.REJECTED],
                  status[AppStatus.WITHDRAWN], stages)


def thank_you(records: InsightRecords, lo: datetime, hi: datetime, now: datetime) -> ThankYou:
    """Thank-you notes of the interviews in [`lo`, `hi`) against their deadline at `now`."""
    found = records.thank_you_notes(lo, hi, now)
    on_time, missed, late = found["on_time"], found["missed"], found["late_hours"]
    due = on_time + len(late) + missed
    return ThankYou(due, on_time, len(late), missed, _rate(on_time, due), Lateness(
        sum(1 for h in late if h <= 24), sum(1 for h in late if 24 < h <= 72),
        sum(1 for h in late if h > 72),
        round(statistics.median(late), 1) if late else None))


def _response(records: InsightRecords, lo: datetime, hi: datetime, now: datetime) -> Response:
    found = records.response(lo, hi, now, ANSWER_DAYS)
    counted = found["done"] - found["waiting"]
    return Response(counted, found["answered"], _rate(found["answered"], counted),
                    found["waiting"])


def _spread(values: list[int]) -> DaysToDecision:
    if not values:
        return DaysToDecision(0, None, None, None)
    if len(values) == 1:
        return DaysToDecision(1, *(float(values[0]),) * 3)
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return DaysToDecision(len(values), round(median, 1), round(q1, 1), round(q3, 1))


def _decided(app: Row) -> datetime | None:
    """When the employer's decision was recorded, if one was."""
    return app["status_at"] if app["status"] in EMPLOYERS else None


def _days_to_decision(apps: list[Row], tz: str) -> DaysToDecision:
    days = []
    for app in apps:
        decided = _decided(app)
        if decided is not None and app["first_held"] is not None \
                and decided >= app["first_held"]:
            days.append((cal.local_date(decided, tz)
                         - cal.local_date(app["first_held"], tz)).days)
    return _spread(days)


def _kept(apps: list[Row], given: Iterable[Row], now: datetime, tz: str) -> DecisionDateKept:
    first: dict[int, tuple[datetime, date]] = {}
    for row in given:
        seen = first.get(row["application_id"])
        if seen is None or row["given_at"] < seen[0]:
            first[row["application_id"]] = (row["given_at"], row["decision_date"])
    counted = kept = 0
    for app in apps:
        if app["id"] not in first:
            continue
        promised = first[app["id"]][1]
        decided = _decided(app)
        if decided is not None:
            counted += 1
            kept += cal.local_date(decided, tz) <= promised
            continue
        until = app["status_at"] if app["status"] == AppStatus.WITHDRAWN else now
        counted += promised < cal.local_date(until or now, tz)
    return DecisionDateKept(counted, kept, _rate(kept, counted))


def _stale(apps: list[Row]) -> Stale:
    stale = sum(1 for a in apps if a["status"] == AppStatus.STALE or a["went_stale"])
    return Stale(len(apps), stale, _rate(stale, len(apps)))


def _per_application(apps: list[Row]) -> PerApplication:
    total = sum(a["follow_ups"] for a in apps)
    return PerApplication(len(apps), total, round(total / len(apps), 2) if apps else None)


def _weeks(records: InsightRecords, start: date, end: date, now: datetime,
           tz: str) -> tuple[Week, ...]:
    mondays = [start - timedelta(days=start.weekday())]
    while mondays[-1] + timedelta(days=7) <= end:
        mondays.append(mondays[-1] + timedelta(days=7))
    bounds = [_midnight(start, tz), *(_midnight(m, tz) for m in mondays[1:]),
              _midnight(end + timedelta(days=1), tz)]
    counts = {(r["kind"], r["week"]): r["count"] for r in records.activity(bounds, now)}
    weeks = []
    for n, monday in enumerate(mondays):
        year, number, _ = monday.isocalendar()
        weeks.append(Week(f"{year}-W{number:02d}", monday, counts.get(("note", n), 0),
                          counts.get(("call", n), 0), counts.get(("interview", n), 0)))
    return tuple(weeks)
