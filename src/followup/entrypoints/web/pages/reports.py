"""Pages: the activity report as a download (`/reports/activity.csv`, `.pdf`)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from followup import bootstrap
from followup.entrypoints.web.pages.fields import Services
from followup.services import reports

router = APIRouter()


@router.get("/reports/activity.{form}", response_model=None)
def activity(deps: Services, form: Literal["csv", "pdf"],
             start: Annotated[str | None, Query(alias="from", max_length=40)] = None,
             end: Annotated[str | None, Query(alias="to", max_length=40)] = None) -> Response:
    """Every contact with an employer from `from` to `to` (by default the last seven days),
    as a file to keep: CSV for a spreadsheet, PDF to print."""
    made = reports.activity_file(deps, start, end, form, bootstrap.render_activity)
    return Response(made.data, media_type=made.media_type, headers={
        "Cache-Control": "no-store",
        "Content-Disposition": f'attachment; filename="{made.name}"'})
