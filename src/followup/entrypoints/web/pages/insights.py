"""The Insights page: the numbers of the search over a window of dates, with their charts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from followup.entrypoints import insights
from followup.entrypoints.web import charts
from followup.entrypoints.web.deps import services, templates
from followup.services import stats
from followup.services.context import Deps

router = APIRouter()
DateText = Annotated[str | None, Query(max_length=40)]


@router.get("/insights", response_class=HTMLResponse)
def insights_page(request: Request, deps: Annotated[Deps, Depends(services)],
                  first: Annotated[DateText, Query(alias="from")] = None,
                  last: Annotated[DateText, Query(alias="to")] = None) -> Response:
    """Whether what the user does works: the funnel, notes on time, answers, decisions."""
    view = stats.stats(deps, first or None, last or None)
    return templates.TemplateResponse(request, "insights.html", {
        "view": view, "parts": {p.key: p for p in insights.parts(view)},
        "counted": stats.DEFINITIONS, "percent": insights.percent, "number": insights.number,
        "stage_names": insights.STAGE_NAMES,
        "funnel": charts.funnel(view), "thank_you": charts.thank_you(view),
        "weeks": charts.weeks(view),
    })
