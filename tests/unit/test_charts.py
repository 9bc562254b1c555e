"""Insights' charts: bars in proportion to their numbers, inside the drawing, nothing for zero."""

from __future__ import annotations

from datetime import date, timedelta

from followup.entrypoints.web import charts
from followup.services.stats import (
    DaysToDecision,
    DecisionDateKept,
    Funnel,
    Lateness,
    PerApplication,
    Response,
    Stale,
    StatsView,
    ThankYou,
    Week,
)


def view(on_time: int = 6, late: int = 3, missed: int = 1,
         weeks: tuple[tuple[int, int, int], ...] = ((2, 1, 1), (4, 0, 0), (0, 0, 0))
         ) -> StatsView:
    monday = date(2026, 11, 2)
    return StatsView(
        monday, monday + timedelta(days=7 * len(weeks) - 1),
        Funnel(10, 5, 2, 1, 0, 3, 1, ()),
        ThankYou(on_time + late + missed, on_time, late, missed, None,
                 Lateness(0, 0, 0, None)),
        Response(0, 0, None, 0), DaysToDecision(0, None, None, None),
        DecisionDateKept(0, 0, None), Stale(10, 0, 0.0), PerApplication(10, 0, 0.0),
        tuple(Week(f"2026-W{45 + n}", monday + timedelta(days=7 * n), *counts)
              for n, counts in enumerate(weeks)))


def test_funnel_bars_are_in_proportion_to_the_applications() -> None:
    bars = charts.funnel(view()).bars
    widths = {b.label: b.width for b in bars}
    assert widths["Applications"] == charts.WIDTH - charts.LABEL - 48
    assert widths["Interviewed"] == widths["Applications"] / 2
    assert widths["Hired"] == 0


def test_the_thank_you_bar_fills_the_drawing_in_order() -> None:
    segments = charts.thank_you(view()).segments
    kinds = [s.kind for s in segments]
    assert kinds == ["on_time", "late", "missed"]
    last = segments[-1]
    assert abs(last.start + last.size - (charts.WIDTH - 1)) < 0.5
    assert segments[0].size == 2 * segments[1].size


def test_nothing_due_draws_nothing() -> None:
    segments = charts.thank_you(view(0, 0, 0)).segments
    assert all(s.size == 0 for s in segments)


def test_week_columns_stack_up_to_the_busiest_week() -> None:
    drawn = charts.weeks(view())
    columns = drawn.columns
    busiest = columns[1]
    assert sum(s.size for s in busiest.segments) == charts.COLUMNS_HEIGHT
    assert busiest.segments[0].start + busiest.segments[0].size == drawn.base
    assert all(s.size == 0 for s in columns[2].segments)
    assert all(c.x + c.width <= charts.WIDTH for c in columns)
