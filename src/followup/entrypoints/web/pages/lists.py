"""Pages: the list of applications with their next step, and the list of contacts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from followup.domain.model import AppStatus
from followup.entrypoints.web.deps import services, templates
from followup.services import contacts, queries
from followup.services.context import Deps

router = APIRouter()


@router.get("/applications", response_class=HTMLResponse)
def applications_page(request: Request, deps: Annotated[Deps, Depends(services)],
                      status: str | None = None) -> Response:
    """Every application, or those of one status, with its status and next step."""
    items = queries.applications(deps, status or None)
    return templates.TemplateResponse(request, "applications.html", {
        "applications": items, "status": status or "",
        "statuses": [s.value for s in AppStatus],
    })


@router.get("/contacts", response_class=HTMLResponse)
def contacts_page(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """Every person met or written to, with the application they belong to."""
    companies = {a["id"]: a for a in queries.applications(deps)}
    return templates.TemplateResponse(request, "contacts.html", {
        "contacts": contacts.list_contacts(deps), "applications": companies,
    })
