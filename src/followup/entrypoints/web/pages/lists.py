"""Pages: the list of applications with their next step (the people list is `people`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from followup.domain.model import AppStatus
from followup.entrypoints.web.deps import services, templates
from followup.services import queries
from followup.services.context import Deps

router = APIRouter()

PAGE = 50
"""Rows per page: a page stays quick to load and to scan with thousands of records."""


def paged(items: list[Any], page: int) -> dict[str, Any]:
    """One page of `items` and where it sits among the others."""
    pages = max(1, -(-len(items) // PAGE))
    page = min(page, pages)
    return {"rows": items[(page - 1) * PAGE: page * PAGE], "page": page, "pages": pages,
            "total": len(items)}


@router.get("/applications", response_class=HTMLResponse)
def applications_page(request: Request, deps: Annotated[Deps, Depends(services)],
                      status: str | None = None,
                      page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Response:
    """Every application, or those of one status, with its status and next step."""
    items = queries.applications(deps, status or None)
    return templates.TemplateResponse(request, "applications.html", {
        **paged(items, page), "status": status or "",
        "statuses": [s.value for s in AppStatus],
    })

