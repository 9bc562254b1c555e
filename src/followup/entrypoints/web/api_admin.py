"""The JSON twin of the operator's report (admins only; 404 for anyone else)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services
from followup.services import admin
from followup.services.context import Deps

router = APIRouter(prefix="/api/v1/admin", tags=["admin"], responses=s.ERRORS)


@router.get("/summary", response_model=s.shape(admin.AdminSummary))
def summary(deps: Annotated[Deps, Depends(services)]) -> JSONResponse:
    """Installation-wide counts: users, active users, notes sent, the on-time rate."""
    return s.out(admin.summary(deps))
