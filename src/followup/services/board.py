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
        """The filters as typed in the page's address (blank is none): an unknown stage,
        status or order, or a search too long or with control characters, is refused."""
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
    """One page of the applications that match the filters, in their order, and the board's
    columns of the first cards of each stage; how many match, and how many there are."""

    filters: Filters
    cards: tuple[Card, ...] = field(metadata={"doc": "The page asked for."})
    columns: tuple[Column, ...] = field(metadata={"doc": "The board, when asked for."})
    matched: int = field(metadata={"doc": "Applications that match the filters."})
    total: int = field(metadata={"doc": "Applications recorded, whatever the filters."})
    page: int
    pages: int


@dataclass(frozen=True, slots=True)
class _Seen:
    """An application as filtering and sorting need it; a card is made only when shown."""

    overview: Overview
    steps: list[Row]
    stage: Stage
    overdue: bool
    last: datetime | None


def _open_steps(rows: list[Row], now: datetime) -> list[Row]:
    """An application's open steps from the agenda (in its order: by when they may start),
    without a checklist whose interview has started (no longer a step, as on Today)."""
    return [r for r in rows if not (r["kind"] == Kind.CHECKLIST and r["earliest"] <= now)]


def _seen(one: Overview, steps: list[Row], now: datetime) -> _Seen:
    """Its stage, whether a step is overdue, and its last activity: its latest contact,
    interview held or outcome; when there is none yet, when it was recorded (recording a past
    interview is not activity of that day)."""
    app = one.application
    steps = _open_steps(steps, now)
    moments = [m for m in (one.last_touch, one.last_held, app.status_at) if m is not None]
    return _Seen(one, steps, stage(app.status, one.latest_interview, now),
                 any(r["deadline"] < now for r in steps), max(moments, default=app.created_at))


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


def _card(seen: _Seen, now: datetime, tz: str) -> Card:
    app = seen.overview.application
    moves = () if app.status in CLOSED else tuple(m for m in MOVES if m is not app.status)
    return Card(app.id or 0, app.company, app.position, app.status, seen.stage,
                _next(seen.steps, now, tz), local(seen.last, tz) if seen.last else None,
                seen.overdue, moves)


def _sort_key(sort: Sort) -> Callable[[_Seen], tuple[object, ...]]:
    if sort is Sort.COMPANY:
        return lambda c: (fold(c.overview.application.company),
                          fold(c.overview.application.position), c.overview.application.id)
    if sort is Sort.LAST_ACTIVITY:
        return lambda c: (c.last is None, -c.last.timestamp() if c.last else 0.0,
                          c.overview.application.id)
    return lambda c: (not c.steps, c.steps[0]["earliest"].timestamp() if c.steps else 0.0,
                      c.overview.application.id)


def listing(deps: Deps, filters: Filters | None = None, *, page: int = 1,
            per_page: int | None = None, per_column: int = 0) -> Listing:
    """The applications that match `filters`, in its order: the cards of page `page` of
    `per_page` (all with None), and with `per_column` the board's first cards of each stage.
    Only the cards shown are made (a home of thousands is not shaped whole)."""
    filters = filters or Filters()
    with deps.reading() as uow:
        repo = uow.repo
        tz, now = user_of(repo).timezone, deps.clock()
        overview = repo.overview(now)
        steps: dict[int, list[Row]] = {}
        for row in repo.agenda(None):
            steps.setdefault(row["application_id"], []).append(row)
    found = []
    for one in overview:
        app = one.application
        if filters.status is not None and app.status is not filters.status:
            continue
        if filters.search and not matches(filters.search, app.company, app.position,
                                          one.people):
            continue
        seen = _seen(one, steps.get(app.id or 0, []), now)
        if filters.stage is not None and seen.stage is not filters.stage:
            continue
        if filters.overdue and not seen.overdue:
            continue
        found.append(seen)
    found.sort(key=_sort_key(filters.sort))
    size = per_page or max(1, len(found))
    pages = max(1, -(-len(found) // size))
    page = min(max(page, 1), pages)
    by_stage: dict[Stage, list[_Seen]] = {s: [] for s in STAGES}
    for seen in found:
        by_stage[seen.stage].append(seen)
    columns = tuple(Column(s, tuple(_card(c, now, tz) for c in cards[:per_column]),
                           len(cards)) for s, cards in by_stage.items()) if per_column else ()
    return Listing(filters, tuple(_card(c, now, tz) for c in found[(page - 1) * size:
                                                                 page * size]),
                   columns, len(found), len(overview), page, pages)
