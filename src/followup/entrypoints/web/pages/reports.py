"""Pages: the activity report as a download (`/reports/activity.csv`, `.pdf`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from followup import bootstrap
from followup.entrypoints.web.pages.fields import Services
from followup.services import reports

router = APIRouter()

From = Annotated[str | None, Query(alias="from", max_length=40)]
To = Annotated[str | None, Query(alias="to", max_length=40)]


def _download(deps: Services, start: str | None, end: str | None, form: str) -> Response:
    made = reports.activity_file(deps, start, end, form, bootstrap.render_activity)
    return Response(made.data, media_type=made.media_type, headers={
        "Cache-Control": "no-store",
        "Content-Disposition": f'attachment; filename="{made.name}"'})


@router.get("/reports/activity.csv", response_model=None)
def activity_csv(deps: Services, start: From = None, end: To = None) -> Response:
    """Every contact with an employer from `from` to `to` (by default the last seven days),
    as a CSV file for a spreadsheet."""
    return _download(deps, start, end, "csv")


@router.get("/reports/activity.pdf", response_model=None)
def activity_pdf(deps: Services, start: From = None, end: To = None) -> Response:
    """The same contacts as a dated table to print."""
    return _download(deps, start, end, "pdf")
