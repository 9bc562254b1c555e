"""The JSON API's Insights: the numbers of the Insights page and of `followup stats --json`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services
from followup.services import stats
from followup.services.context import Deps
from followup.services.stats import StatsView

router = APIRouter(tags=["insights"], responses=s.ERRORS)
Services = Annotated[Deps, Depends(services)]
DateText = Annotated[str | None, Query(max_length=40, description="An ISO date, 2026-11-30.")]


@router.get("/stats", response_model=s.shape(StatsView))
def insights(deps: Services, first: Annotated[DateText, Query(alias="from")] = None,
             last: Annotated[DateText, Query(alias="to")] = None) -> JSONResponse:
    """Insights over a window of dates (default: the 90 days up to today): the funnel,
    thank-you notes on time, answers to follow-ups, days to decision, decision dates kept,
    stale applications and activity by week; each part's description says how it is counted."""
    return s.out(stats.stats(deps, first or None, last or None))
