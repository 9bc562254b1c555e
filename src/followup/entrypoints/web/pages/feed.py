"""Pages: the calendar feed a calendar app subscribes to (`/calendar.ics?token=...`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from followup import bootstrap
from followup.entrypoints.web.deps import services
from followup.services import feed
from followup.services.context import Deps

router = APIRouter()


@router.get("/calendar.ics", include_in_schema=False)
def calendar_feed(deps: Annotated[Deps, Depends(services)], token: str | None = None
                  ) -> Response:
    """Every planned step and decision date as iCalendar; a wrong token finds nothing (404)."""
    data = feed.calendar(deps, token, bootstrap.render_calendar)
    return Response(data, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "no-store",
                             "Content-Disposition": 'inline; filename="followup.ics"'})
