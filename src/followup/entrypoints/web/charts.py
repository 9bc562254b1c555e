"""The Insights page's charts laid out for small SVG templates (_charts.html): bars placed in a
viewBox WIDTH units wide, which the page scales to the screen. Each chart has a table twin on
the page with the same numbers, for screen readers and for reading exact values."""

from __future__ import annotations

from dataclasses import dataclass

from followup.services.stats import StatsView, Week

WIDTH = 360
LABEL = 128
"""Room for a bar's label on its left."""
BAR = 22
ROW = 32
COLUMNS_HEIGHT = 150
"""The tallest weekly column."""
SERIES = ("notes", "calls", "interviews")


@dataclass(frozen=True)
class Bar:
    """A horizontal bar: its label, its value and its place."""

    label: str
    value: int
    y: int
    width: float
    kind: str = ""


@dataclass(frozen=True)
class Segment:
    """A part of a stacked bar or column."""

    kind: str
    value: int
    start: float
    size: float


@dataclass(frozen=True)
class Column:
    """One week: its segments stacked from the bottom, its label and its total."""

    week: Week
    x: float
    width: float
    segments: tuple[Segment, ...]
    total: int


@dataclass(frozen=True)
class Bars:
    """Horizontal bars with their labels on the left."""

    bars: tuple[Bar, ...]
    width: int
    height: int
    label: int
    bar: int


@dataclass(frozen=True)
class Stacked:
    """One bar cut into segments."""

    segments: tuple[Segment, ...]
    width: int
    height: int
    bar: int


@dataclass(frozen=True)
class Columns:
    """Stacked columns over a base line, a date under every `every`-th."""

    columns: tuple[Column, ...]
    width: int
    height: int
    base: int
    most: int
    every: int


def _scale(value: int, most: int, room: float) -> float:
    return round(room * value / most, 1) if most else 0.0


def funnel(view: StatsView) -> Bars:
    """The stages as bars, each as long as the applications that got that far."""
    f = view.funnel
    values = (("Applications", f.applications), ("Interviewed", f.interviewed),
              ("Later rounds", f.later_rounds), ("Offers", f.offers), ("Hired", f.hired))
    room = WIDTH - LABEL - 48
    most = max(v for _, v in values)
    bars = tuple(Bar(label, value, 8 + n * ROW, _scale(value, most, room), "reached")
                 for n, (label, value) in enumerate(values))
    return Bars(bars, WIDTH, 8 + len(bars) * ROW, LABEL, BAR)


def thank_you(view: StatsView) -> Stacked:
    """One bar of the notes due: on time, late and missed, side by side."""
    t = view.thank_you
    room = WIDTH - 2
    start, segments = 1.0, []
    for kind, value in (("on_time", t.on_time), ("late", t.late), ("missed", t.missed)):
        size = _scale(value, t.due, room)
        segments.append(Segment(kind, value, start, size))
        start += size
    return Stacked(tuple(segments), WIDTH, BAR + 2, BAR)


def weeks(view: StatsView) -> Columns:
    """A column per week: notes, calls and interviews stacked."""
    most = max((w.notes + w.calls + w.interviews for w in view.weeks), default=0)
    step = WIDTH / max(len(view.weeks), 1)
    width = max(step * 0.7, 1.0)
    top = 6
    columns = []
    for n, week in enumerate(view.weeks):
        base = float(top + COLUMNS_HEIGHT)
        segments = []
        for kind in SERIES:
            size = _scale(getattr(week, kind), most, COLUMNS_HEIGHT)
            base -= size
            segments.append(Segment(kind, getattr(week, kind), base, size))
        columns.append(Column(week, round(n * step + (step - width) / 2, 1), round(width, 1),
                              tuple(segments), week.notes + week.calls + week.interviews))
    every = max(1, -(-len(columns) // 6))  # at most about six dates under the columns
    return Columns(tuple(columns), WIDTH, top + COLUMNS_HEIGHT + 22, top + COLUMNS_HEIGHT,
                   most, every)
