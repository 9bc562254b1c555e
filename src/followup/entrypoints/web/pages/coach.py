"""The coach's pages (hosted mode): their clients in one sortable table, with who needs
attention and why, and one client's applications, plans and notes on time by week. A seeker,
an admin, and a coach asking for someone else's client get 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from followup.entrypoints.insights import percent
from followup.entrypoints.web import timeline
from followup.entrypoints.web.deps import step_title, templates, when
from followup.entrypoints.web.pages.fields import Services
from followup.services import coaching
from followup.services.coaching import ClientView, WeekRate

router = APIRouter()

COLUMNS = (("name", "Client"), ("attention", "Needs attention"),
           ("active", "Active applications"), ("interviews", "Interviews, 30 days"),
           ("on_time", "Thank-you notes on time"), ("overdue", "Overdue steps"),
           ("last_activity", "Last activity"))
"""The list's columns, each with the order its header link sorts by."""
WIDTH, HEIGHT, TOP = 360, 120, 8




@router.get("/coach", response_class=HTMLResponse)
def client_list(request: Request, deps: Services,
                sort: Annotated[str, Query(max_length=20)] = "attention") -> Response:
    """Your clients: who needs help and why, and how each follows up."""
    found = coaching.clients(deps, sort)
    return templates.TemplateResponse(request, "coach.html", {
        "clients": found, "sort": sort, "columns": COLUMNS, "percent": percent,
        "when": when, "attention": sum(1 for c in found if c.needs_attention)})


@router.get("/coach/clients/{client_id}", response_class=HTMLResponse)
def client_page(request: Request, deps: Services, client_id: int) -> Response:
    """One client: their numbers, applications with next steps and plans, notes on time."""
    view = coaching.client(deps, client_id)
    return templates.TemplateResponse(request, "coach_client.html", {
        "view": view, "c": view.client, "percent": percent, "when": when,
        "step_title": step_title, "chart": rate_chart(view),
        "timelines": {a.id: timeline.layout(a.plan) for a in view.applications}})


@dataclass(frozen=True)
class RateColumn:
    """One week's column: as tall as its on-time rate; a week with no note due has none."""

    week: WeekRate
    x: float
    width: float
    y: float
    height: float


@dataclass(frozen=True)
class RateChart:
    columns: tuple[RateColumn, ...]
    width: int
    height: int
    base: int
    top: int
    every: int


def rate_chart(view: ClientView) -> RateChart:
    """The on-time rate by week as columns over a 0–100 % scale (its table twin is on the
    page)."""
    step = WIDTH / max(len(view.weeks), 1)
    width = max(step * 0.7, 1.0)
    columns = []
    for n, week in enumerate(view.weeks):
        tall = round(HEIGHT * (week.on_time_rate or 0.0), 1)
        columns.append(RateColumn(week, round(n * step + (step - width) / 2, 1),
                                  round(width, 1), TOP + HEIGHT - tall, tall))
    every = max(1, -(-len(columns) // 6))  # about six dates under the columns at most
    return RateChart(tuple(columns), WIDTH, TOP + HEIGHT + 22, TOP + HEIGHT, TOP, every)
