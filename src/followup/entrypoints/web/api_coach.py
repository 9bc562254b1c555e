"""The JSON twin of the coach's pages (hosted mode): a coach's clients, and one client. Anyone
but a coach, and a coach asking for someone else's client, gets 404."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services
from followup.services import coaching
from followup.services.coaching import ClientSummary, ClientView
from followup.services.context import Deps

router = APIRouter(prefix="/api/v1/coach", tags=["coach"], responses=s.ERRORS)
Services = Annotated[Deps, Depends(services)]
ClientId = Annotated[int, Path(description="A client's account id.", examples=[2])]
Sort = Annotated[str, Query(max_length=20, description=(
    "The order: " + ", ".join(coaching.SORTS) + " (needs attention first, then the oldest "
    "overdue)."))]


@router.get("/clients", response_model=s.many(ClientSummary))
def client_list(deps: Services, sort: Sort = "attention") -> JSONResponse:
    """Your clients and how each follows up: applications, interviews of the last 30 days,
    thank-you notes on time, overdue steps, last activity, outcomes, and who needs attention
    and why. Only for a coach; people the clients met appear by their initials only."""
    return s.out(coaching.clients(deps, sort))


@router.get("/clients/{client_id}", response_model=s.shape(ClientView))
def client_show(deps: Services, client_id: ClientId) -> JSONResponse:
    """One of your clients: the numbers of the list, each application with its stage, next
    step, numbers and plan, and the on-time rate of thank-you notes by week."""
    return s.out(coaching.client(deps, client_id))
