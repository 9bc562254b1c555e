"""Page: the operator's report, installation-wide counts (admins only; 404 for anyone else)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from followup.entrypoints.web.deps import services, templates
from followup.services import admin
from followup.services.context import Deps

router = APIRouter()


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """Users, active users, notes sent and the on-time rate of the whole installation."""
    return templates.TemplateResponse(request, "admin.html", {"summary": admin.summary(deps)})
