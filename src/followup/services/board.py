"""The applications at a glance: a list a user searches, filters and sorts, and a board with
one column per stage where each card shows the next step and the outcomes it may record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from followup.domain import limits, timing, wording
from followup.domain.board import CLOSED, STAGES, Stage, fold, matches, stage
from followup.domain.errors import InvalidInput
from followup.domain.model import AppStatus, Channel, Kind
from followup.services.context import Deps, user_of
from followup.services.ports import Overview, Row
from followup.services.views import local


class Sort(StrEnum):
    """How the list is ordered."""

    NEXT_STEP = "next_step"
    """The soonest next step first; applications with nothing planned last."""
    LAST_ACTIVITY = "last_activity"
    """The most recent activity first."""
    COMPANY = "company"
    """By company, then position, accents and case aside."""


SORTS = tuple(s.value for s in Sort)
MOVES = (AppStatus.OFFER, AppStatus.HIRED, AppStatus.REJECTED, AppStatus.WITHDRAWN)
"""The outcomes a card may record, in the order of the application page's outcome form."""


@dataclass(frozen=True, slots=True)
class Filters:
    """What the user asked to see: words to search for, a stage or a status, only the
    applications with an overdue step, and the order."""

    search: str | None = None
    stage: Stage | None = None
    status: AppStatus | None = None
    overdue: bool = False
    sort: Sort = Sort.NEXT_STEP

    @classmethod
    def parse(cls, search: str | None = None, stage: str | None = None,
              status: str | None = None, overdue: bool = False,
              sort: str | None = None) -> Filters:
        """The filters as typed in a query string or on the command line (blank is none)."""
        return cls(
            search=limits.optional_text(search, "the search", limits.SHORT, "q", lines=False),
            stage=_choice(Stage, stage, "stage"),
            status=_choice(AppStatus, status, "status"),
            overdue=overdue,
            sort=_choice(Sort, sort, "sort") or Sort.NEXT_STEP)


E = TypeVar("E", bound=StrEnum)


def _choice(enum: type[E], value: str | None, name: str) -> E | None:
    if value is None or not value.strip():
        return None
    try:
        return enum(value.strip())
    except ValueError:
        known = ", ".join(e.value for e in enum)
        raise InvalidInput(f"unknown {name} {value.strip()!r}; use one of {known}",
                           field=name) from None


@dataclass(frozen=True, slots=True)
class NextStep:
    """The first open step of an application: what it is and by when."""

    id: int
    kind: Kind
    channel: Channel
    title: str = field(metadata={"doc": "The step in words, with the person it is for."})
    earliest: datetime
    due: datetime
    deadline: datetime
    overdue: bool = field(metadata={"doc": "Its deadline has passed."})
    when: str = field(metadata={"doc": "Where it stands, in words."})


@dataclass(frozen=True, slots=True)
class Card:
    """One application on the board or in the list."""

    id: int
    company: str
    position: str
    status: AppStatus
    stage: Stage
    next_step: NextStep | None
    last_activity: datetime | None = field(metadata={
        "doc": "The latest interview held, contact made or received, or outcome recorded "
               "(else when the application was recorded)."})
    overdue: bool = field(metadata={"doc": "An open step of the application is overdue."})
    moves: tuple[AppStatus, ...] = field(metadata={
        "doc": "The outcomes that may be recorded from here (the card's buttons)."})


@dataclass(frozen=True, slots=True)
class Column:
    """A stage of the board: its first cards and how many there are."""

    stage: Stage
    cards: tuple[Card, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Listing:
    """The applications that match the filters, sorted, and how many there are in all."""

    filters: Filters
    cards: tuple[Card, ...]
    total: int = field(metadata={"doc": "Applications recorded, whatever the filters."})

    def columns(self, shown: int) -> tuple[Column, ...]:
        """The board: one column per stage with its first `shown` cards in the list's order."""
        by_stage: dict[Stage, list[Card]] = {s: [] for s in STAGES}
        for card in self.cards:
            by_stage[card.stage].append(card)
        return tuple(Column(s, tuple(cards[:shown]), len(cards))
                     for s, cards in by_stage.items())


def _open_steps(rows: list[Row], now: datetime) -> list[Row]:
    """An application's open steps from the agenda (in its order: by when they may start),
    without a checklist whose interview has started (no longer a step, as on Today)."""
    return [r for r in rows if not (r["kind"] == Kind.CHECKLIST and r["earliest"] <= now)]


def _next(rows: list[Row], now: datetime, tz: str) -> NextStep | None:
    if not rows:
        return None
    first = rows[0]
    kind, channel = Kind(first["kind"]), Channel(first["channel"])
    return NextStep(
        first["id"], kind, channel, wording.step_to(kind, channel, first["contact_name"]),
        local(first["earliest"], tz), local(first["due"], tz), local(first["deadline"], tz),
        first["deadline"] < now,
        timing.label(first["earliest"], first["due"], first["deadline"], now, tz))


def card(seen: Overview, steps: list[Row], now: datetime, tz: str) -> Card:
    """An application as the board shows it at `now`, times in the user's zone `tz`: `steps`
    are its open steps from the agenda. Its last activity is its latest contact, interview
    held or outcome; when there is none yet, when it was recorded (recording a past
    interview is not activity of that day)."""
    app = seen.application
    steps = _open_steps(steps, now)
    moments = [m for m in (seen.last_touch, seen.last_held, app.status_at) if m is not None]
    last = max(moments, default=app.created_at)
    moves = () if app.status in CLOSED else tuple(m for m in MOVES if m is not app.status)
    return Card(app.id or 0, app.company, app.position, app.status,
                stage(app.status, seen.latest_interview, now), _next(steps, now, tz),
                local(last, tz) if last else None, any(r["deadline"] < now for r in steps),
                moves)


def _sort_key(sort: Sort) -> Callable[[Card], tuple[object, ...]]:
    if sort is Sort.COMPANY:
        return lambda c: (fold(c.company), fold(c.position), c.id)
    if sort is Sort.LAST_ACTIVITY:
        return lambda c: (c.last_activity is None,
                          -c.last_activity.timestamp() if c.last_activity else 0.0, c.id)
    return lambda c: (c.next_step is None,
                      c.next_step.earliest.timestamp() if c.next_step else 0.0, c.id)


def listing(deps: Deps, filters: Filters | None = None) -> Listing:
    """The applications that match `filters`, in its order."""
    filters = filters or Filters()
    with deps.reading() as uow:
        repo = uow.repo
        tz, now = user_of(repo).timezone, deps.clock()
        seen = repo.overview(now)
        steps: dict[int, list[Row]] = {}
        for row in repo.agenda(None):
            steps.setdefault(row["application_id"], []).append(row)
    found = []
    for one in seen:
        app = one.application
        if filters.status is not None and app.status is not filters.status:
            continue
        if filters.search and not matches(filters.search, app.company, app.position,
                                          one.people):
            continue
        shown = card(one, steps.get(app.id or 0, []), now, tz)
        if filters.stage is not None and shown.stage is not filters.stage:
            continue
        if filters.overdue and not shown.overdue:
            continue
        found.append(shown)
    found.sort(key=_sort_key(filters.sort))
    return Listing(filters, tuple(found), len(seen))
