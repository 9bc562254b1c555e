"""The coach's page (issue 11): how each client follows up, read for all of a coach's clients
at once, and one client's applications, plans and thank-you notes on time by week.

People the client met appear by their initials only (`domain.privacy`), step reasons too; what
a coach may not see (notes, subjects, messages, call notes, addresses, numbers) is never read
(`CoachRecords` names its columns). The thank-you numbers are Insights' own (`stats.thank_you`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from followup.domain import calendar as cal
from followup.domain import timing, wording
from followup.domain.accounts import Account
from followup.domain.board import STAGES, Stage, stage
from followup.domain.errors import InvalidInput, NotAllowed, NotFound
from followup.domain.model import AppStatus, CallOutcome, Channel, Format, Kind, Status, TouchKind
from followup.domain.privacy import initials, masked
from followup.services import stats
from followup.services.coach_access import my_client, my_clients
from followup.services.coach_ports import CoachRecords
from followup.services.context import Deps
from followup.services.ports import InsightRecords, Row, UnitOfWork
from followup.services.results import doc, local, maybe_local
from followup.services.views import (
    ActionView,
    AgendaItem,
    ApplicationView,
    ContactRef,
    InterviewView,
    PlanNow,
    TouchView,
)

RECENT_DAYS = 30
"""`interviews_30d` counts the interviews of this many days up to now."""
QUIET_DAYS = 14
"""A client still looking with no activity for this many days needs attention."""
SORTS = ("attention", "name", "active", "interviews", "on_time", "overdue", "last_activity")
"""The orders of the list: needs attention first (then the oldest overdue), by name, most
active applications, most interviews, lowest on-time rate, most overdue steps, longest quiet."""


# -- results --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NotesOnTime:
    """Thank-you notes (R2) against their deadline, as Insights counts them."""

    due: int = doc("On time, late and missed together (notes whose deadline has not passed "
                   "yet are not due).")
    on_time: int = doc("Marked done by the deadline (the end of the day after the interview).")
    late: int = doc("Done after the deadline.")
    missed: int = doc("Skipped, or still open past the deadline.")
    on_time_rate: float | None = doc("on_time / due; null when none is due.")


@dataclass(frozen=True, slots=True)
class Outcomes:
    """Applications by outcome (all of them, whenever recorded)."""

    offer: int
    hired: int
    rejected: int
    withdrawn: int
    stale: int = doc("Gone quiet after unanswered follow-ups (R6); counted as active too.")


@dataclass(frozen=True, slots=True)
class ClientSummary:
    """How one client follows up, as the coach's list shows it."""

    id: int = doc("The client's account.")
    name: str = doc("The client's name.")
    active_applications: int = doc("Applications without an outcome yet (active, or stale).")
    interviews_30d: int = doc("Interviews held in the last 30 days, cancelled ones aside.")
    thank_you: NotesOnTime = doc(
        "Thank-you notes of the interviews of the last 90 days up to today (the client's "
        "calendar; Insights' default window), counted by Insights' own read model: on time, "
        "late or missed against R2's deadline; optional and cancelled ones do not count.")
    overdue_steps: int = doc("Open steps past their deadline now (Today's Overdue section).")
    oldest_overdue_days: int | None = doc(
        "Calendar days the oldest overdue step is past its deadline (0: since earlier today); "
        "null when none is overdue.")
    last_activity: datetime | None = doc(
        "The latest interview held, step done (or skipped, when the skip has a time), or call, "
        "note or reply; null when there is none yet.")
    outcomes: Outcomes = doc("Applications by outcome.")
    needs_attention: bool = doc(
        "A required thank-you note is overdue now, or, while the client is still looking "
        "(nothing hired), nothing happened for 14 days or nothing is recorded yet.")
    attention: tuple[str, ...] = doc(
        "Why it needs attention, in words: '2 thank-you notes overdue (the oldest by 3 "
        "days)', 'no activity for 16 days', 'nothing recorded yet'.")


@dataclass(frozen=True, slots=True)
class ClientApplication:
    """One application of a client: where it stands, its numbers and its plan."""

    id: int
    company: str
    position: str
    status: AppStatus
    stage: Stage = doc("Its column on the board: interviewing, waiting, offer or closed.")
    next_step: AgendaItem | None = doc(
        "Its next open step in Today's order (people by initials; the contact's address left "
        "out).")
    interviews_held: int = doc("Interviews held by now, cancelled ones aside.")
    thank_you: NotesOnTime = doc(
        "Its thank-you notes over the client's window (they add up to the client's).")
    overdue_steps: int = doc("Open steps past their deadline now.")
    oldest_overdue_days: int | None = doc("Calendar days the oldest is past its deadline.")
    last_activity: datetime | None = doc("Its latest interview held, step done, or contact.")
    plan: PlanNow = doc(
        "Its plan as a coach sees it (the timeline's events): people by their initials; "
        "notes, next steps, decision phrases, reasons, addresses and numbers are left out "
        "(null or empty), whatever the client recorded.")


@dataclass(frozen=True, slots=True)
class WeekRate:
    """Thank-you notes of the interviews of one ISO week of the window, against their
    deadline."""

    week: str = doc("The ISO week, such as 2026-W45.")
    starts: date = doc("Its Monday.")
    due: int = doc("Notes due (on time, late or missed).")
    on_time: int = doc("Sent by the deadline.")
    on_time_rate: float | None = doc("on_time / due; null when none was due.")


@dataclass(frozen=True, slots=True)
class ClientView:
    """One client of the coach: the list's numbers, their applications and the on-time rate
    of their thank-you notes by week."""

    client: ClientSummary
    start: date = doc("The thank-you window's first day.", json="from")
    end: date = doc("Its last day (today, in the client's calendar).", json="to")
    applications: tuple[ClientApplication, ...] = doc(
        "Open ones first, by their next step in Today's order; closed ones last.")
    weeks: tuple[WeekRate, ...] = doc(
        "Each ISO week of the window (only its days inside the window count), counted as "
        "`client.thank_you` is: the weeks add up to it.")
    now: datetime = doc("The clock's time, in the client's zone.")
    timezone: str = doc("The client's time zone.")


# -- the list ---------------------------------------------------------------------------------
def clients(deps: Deps, sort: str = "attention") -> list[ClientSummary]:
    """The acting coach's clients with how each follows up, in the order `sort` names."""
    if sort not in SORTS:
        raise InvalidInput(f"unknown order {sort!r}; use one of {', '.join(SORTS)}",
                           field="sort")
    if deps.hosting is None:
        raise NotFound("there is no such page")
    people = my_clients(deps)
    now = deps.clock()
    found = []
    with deps.acting(None).reading() as uow:
        records = _records(deps, uow)
        ids = [p.id for p in people]
        zones = records.zones(ids) if ids else {}
        since = now - timedelta(days=RECENT_DAYS)
        rows = {r["owner_id"]: r for r in records.summary(ids, now, since)} if ids else {}
        insights = _insights(deps, uow)
        for person in people:
            tz = zones.get(person.id, "UTC")
            uow.acting_for(person.id)
            start, end = _window(now, tz)
            notes = stats.thank_you(insights(), _midnight(start, tz),
                                    _midnight(end + timedelta(days=1), tz), now)
            found.append(_summary(person, rows.get(person.id, {}), _notes(notes), now, tz))
    return sorted(found, key=ORDERS[sort])


def _summary(person: Account, row: Mapping[str, object], notes: NotesOnTime, now: datetime,
             tz: str) -> ClientSummary:
    def number(key: str) -> int:
        value = row.get(key)
        return int(value) if isinstance(value, int) else 0

    def moment(key: str) -> datetime | None:
        value = row.get(key)
        return value if isinstance(value, datetime) else None

    overdue_since, late_since = moment("overdue_since"), moment("late_notes_since")
    last = max((m for m in (moment("last_held"), moment("last_step"), moment("last_touch"))
                if m is not None), default=None)
    outcomes = Outcomes(number("offer"), number("hired"), number("rejected"),
                        number("withdrawn"), number("stale"))
    attention = []
    if number("late_notes"):
        days = _days_late(late_since, now, tz) if late_since else 0
        attention.append(f"{wording.plural(number('late_notes'), 'thank-you note')} overdue "
                         f"(the oldest by {_days_words(days)})")
    if not outcomes.hired:
        if last is None:
            attention.append("nothing recorded yet")
        elif now - last >= timedelta(days=QUIET_DAYS):
            attention.append(f"no activity for {(now - last) // timedelta(days=1)} days")
    return ClientSummary(
        person.id, person.name, number("active"), number("interviews"), notes,
        number("overdue"), _days_late(overdue_since, now, tz) if overdue_since else None,
        maybe_local(last, tz), outcomes, bool(attention), tuple(attention))


def _days_words(days: int) -> str:
    return wording.plural(days, "day") if days else "less than a day"


ORDERS: dict[str, Callable[[ClientSummary], tuple[object, ...]]] = {
    "attention": lambda c: (not c.needs_attention, -(c.oldest_overdue_days or -1),
                            c.name.casefold(), c.id),
    "name": lambda c: (c.name.casefold(), c.id),
    "active": lambda c: (-c.active_applications, c.name.casefold(), c.id),
    "interviews": lambda c: (-c.interviews_30d, c.name.casefold(), c.id),
    "on_time": lambda c: (c.thank_you.on_time_rate is None, c.thank_you.on_time_rate or 0.0,
                          c.name.casefold(), c.id),
    "overdue": lambda c: (-c.overdue_steps, -(c.oldest_overdue_days or -1),
                          c.name.casefold(), c.id),
    "last_activity": lambda c: (c.last_activity is not None,
                                c.last_activity.timestamp() if c.last_activity else 0.0,
                                c.name.casefold(), c.id),
}


# -- one client -------------------------------------------------------------------------------
def client(deps: Deps, client_id: int) -> ClientView:
    """One of the acting coach's clients (NotFound for anyone else's id, or for someone who is
    not a coach): their numbers, applications with their plans, and notes on time by week."""
    person = _client(deps, client_id)
    now = deps.clock()
    with deps.acting(None).reading() as uow:
        records = _records(deps, uow)
        tz = records.zones([person.id]).get(person.id, "UTC")
        since = now - timedelta(days=RECENT_DAYS)
        row = next(iter(records.summary([person.id], now, since)), {})
        apps, interviews = records.applications(person.id), records.interviews(person.id)
        steps, touches = records.steps(person.id), records.touches(person.id)
        people = records.people(person.id)
        start, end = _window(now, tz)
        lo, hi = _midnight(start, tz), _midnight(end + timedelta(days=1), tz)
        uow.acting_for(person.id)
        total = stats.thank_you(_insights(deps, uow)(), lo, hi, now)
    names = [n for p in people for n in (p["name"], p["first_name"], p["family_name"]) if n]
    who = {p["id"]: initials(p["name"]) for p in people}
    summary = _summary(person, row, _notes(total), now, tz)
    by_app: dict[int, _Records] = {a["id"]: _Records() for a in apps}
    for kind, rows in (("interviews", interviews), ("steps", steps), ("touches", touches)):
        for r in rows:
            getattr(by_app[r["application_id"]], kind).append(r)
    started = {i["id"] for i in interviews if not i["cancelled"] and i["start_at"] <= now}
    found = [_application(a, by_app[a["id"]], started, who, names, now, tz, lo, hi)
             for a in apps]
    found.sort(key=_open_first)
    starts = {i["id"]: i["start_at"] for i in interviews}
    weeks = tuple(_week(monday, notes_of(steps, starts, first, last, now))
                  for monday, first, last in _weeks(start, end, tz))
    return ClientView(summary, start, end, tuple(found), weeks, local(now, tz), tz)


class _Records:
    """One application's rows, as read for its client."""

    def __init__(self) -> None:
        self.interviews: list[Row] = []
        self.steps: list[Row] = []
        self.touches: list[Row] = []


def _application(app: Row, records: _Records, started: set[int], who: Mapping[int, str],
                 names: list[str], now: datetime, tz: str, lo: datetime, hi: datetime
                 ) -> ClientApplication:
    status = AppStatus(app["status"])
    view = ApplicationView(app["id"], app["company"], app["position"], status, None,
                           maybe_local(app["status_at"], tz), maybe_local(app["created_at"], tz))
    live = [i for i in records.interviews if not i["cancelled"]]
    held = [i for i in live if i["start_at"] <= now]
    # A held interview's open checklist is over (the playbook's `settled`): not a step to do.
    steps = [s for s in records.steps if not (
        s["kind"] == Kind.CHECKLIST and s["status"] == Status.PLANNED
        and s["interview_id"] in started)]
    actions = tuple(_action(s, who, names, tz) for s in steps)
    open_steps = [s for s in steps if s["status"] == Status.PLANNED]
    overdue = [s for s in open_steps if s["kind"] != Kind.CHECKLIST and s["deadline"] < now]
    upcoming = sorted(open_steps, key=lambda s: (*timing.order(
        s["earliest"], s["due"], s["deadline"], now), s["id"]))
    next_step = (_agenda_item(upcoming[0], view, who, names, now, tz) if upcoming else None)
    finished = [s["done_at"] for s in steps if s["done_at"] is not None
                and s["status"] in (Status.DONE, Status.SKIPPED) and s["done_at"] <= now]
    last = max([*(i["start_at"] for i in held), *finished,
                *(t["at"] for t in records.touches if t["at"] <= now)], default=None)
    starts = {i["id"]: i["start_at"] for i in records.interviews}
    plan = PlanNow(
        view, tuple(_interview(i, tz) for i in records.interviews), (),
        tuple(_touch(t, tz) for t in records.touches),
        tuple(sorted(actions, key=lambda a: (a.earliest, a.id))),
        now=local(now, tz), timezone=tz, country=None)
    return ClientApplication(
        view.id, view.company, view.position, status,
        stage(status, max((i["start_at"] for i in live), default=None), now), next_step,
        len(held), notes_of(steps, starts, lo, hi, now), len(overdue),
        _days_late(min(s["deadline"] for s in overdue), now, tz) if overdue else None,
        maybe_local(last, tz), plan)


def notes_of(steps: Iterable[Row], starts: Mapping[int, datetime], lo: datetime,
             hi: datetime, now: datetime) -> NotesOnTime:
    """Thank-you notes of the interviews in [`lo`, `hi`) at `now`, counted as Insights'
    read model counts them (`InsightRecords.thank_you_notes`), for steps already read."""
    on_time = late = missed = 0
    for s in steps:
        start = starts.get(s["interview_id"])
        if (s["kind"] != Kind.THANK_YOU or s["optional"] or s["status"] == Status.CANCELLED
                or start is None or not lo <= start < hi):
            continue
        if s["status"] == Status.DONE:
            if s["done_at"] is None or s["done_at"] <= s["deadline"]:
                on_time += 1
            else:
                late += 1
        elif s["status"] == Status.SKIPPED or s["deadline"] < now:
            missed += 1
    due = on_time + late + missed
    return NotesOnTime(due, on_time, late, missed, _rate(on_time, due))


def _open_first(app: ClientApplication) -> tuple[object, ...]:
    step = app.next_step
    if app.stage is Stage.CLOSED or step is None:
        return (1, STAGES.index(app.stage), app.id)
    return (0, 0 if step.overdue else 1 if step.past_target else 2, step.deadline, app.id)


def _ref(contact_id: int | None, who: Mapping[int, str]) -> ContactRef | None:
    if contact_id is None or contact_id not in who:
        return None
    return ContactRef(contact_id, who[contact_id], None)


def _action(s: Row, who: Mapping[int, str], names: list[str], tz: str) -> ActionView:
    return ActionView(
        s["id"], Kind(s["kind"]), s["application_id"], s["interview_id"],
        _ref(s["contact_id"], who), Channel(s["channel"]), local(s["earliest"], tz),
        local(s["due"], tz), local(s["deadline"], tz), Status(s["status"]), bool(s["optional"]),
        s["rule"], masked(s["why"], names), None)


def _agenda_item(s: Row, app: ApplicationView, who: Mapping[int, str], names: list[str],
                 now: datetime, tz: str) -> AgendaItem:
    earliest, due, deadline = s["earliest"], s["due"], s["deadline"]
    base = _action(s, who, names, tz)
    return AgendaItem(
        base.id, base.kind, base.application_id, base.interview_id, base.contact,
        base.channel, base.earliest, base.due, base.deadline, base.status, base.optional,
        base.rule, base.why, base.reason, app.company, app.position, deadline < now,
        due < now <= deadline, timing.label(earliest, due, deadline, now, tz))


def _interview(i: Row, tz: str) -> InterviewView:
    return InterviewView(
        i["id"], i["application_id"], local(i["start_at"], tz), local(i["end_at"], tz),
        i["timezone"], Format(i["format"]), i["round"], None, None, i["decision_date"], None,
        (), (), bool(i["cancelled"]))


def _touch(t: Row, tz: str) -> TouchView:
    return TouchView(
        t["id"], t["application_id"], TouchKind(t["kind"]), local(t["at"], tz), t["contact_id"],
        t["action_id"], CallOutcome(t["outcome"]) if t["outcome"] else None,
        t["decision_date"], None, maybe_local(t["callback_at"], tz), None)


# -- shared -----------------------------------------------------------------------------------
def _client(deps: Deps, client_id: int) -> Account:
    """The client, when the acting user is their coach: else NotFound, in the same words for
    a seeker, an admin or a coach of someone else."""
    missing = NotFound(f"no client with id {client_id}")
    if deps.hosting is None:
        raise missing
    try:
        return my_client(deps, client_id)[0]
    except NotFound:
        raise missing from None


def _records(deps: Deps, uow: UnitOfWork) -> CoachRecords:
    if deps.coaching is None:
        raise NotAllowed("the coach's pages are not available here")
    return deps.coaching(uow)


def _insights(deps: Deps, uow: UnitOfWork) -> Callable[[], InsightRecords]:
    """Insights' records of whoever the unit of work acts for at the time of the call."""
    factory = deps.insights
    if factory is None:
        raise NotAllowed("Insights are not available here")
    return lambda: factory(uow)


def _window(now: datetime, tz: str) -> tuple[date, date]:
    """Insights' default window: the 90 days up to today, in the client's calendar."""
    return stats.window(None, None, cal.local_date(now, tz))


def _midnight(day: date, tz: str) -> datetime:
    return cal.at(day, time(), tz)


def _weeks(start: date, end: date, tz: str) -> list[tuple[date, datetime, datetime]]:
    """Each ISO week of the window: its Monday, and the instants its part of the window
    starts and ends."""
    mondays = [start - timedelta(days=start.weekday())]
    while mondays[-1] + timedelta(days=7) <= end:
        mondays.append(mondays[-1] + timedelta(days=7))
    bounds = [_midnight(start, tz), *(_midnight(m, tz) for m in mondays[1:]),
              _midnight(end + timedelta(days=1), tz)]
    return [(m, bounds[n], bounds[n + 1]) for n, m in enumerate(mondays)]


def _week(monday: date, notes: NotesOnTime) -> WeekRate:
    year, number, _ = monday.isocalendar()
    return WeekRate(f"{year}-W{number:02d}", monday, notes.due, notes.on_time,
                    notes.on_time_rate)


def _notes(found: stats.ThankYou) -> NotesOnTime:
    return NotesOnTime(found.due, found.on_time, found.late, found.missed, found.on_time_rate)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _days_late(deadline: datetime, now: datetime, tz: str) -> int:
    """Calendar days from the deadline's day to today's, in the client's zone."""
    return (cal.local_date(now, tz) - cal.local_date(deadline, tz)).days
