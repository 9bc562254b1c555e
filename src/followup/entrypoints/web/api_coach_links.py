"""The JSON twin of a client's link to their coach, and of a coach inviting a client."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import Field, StringConstraints

from followup.domain import limits
from followup.entrypoints.web import api_models as m
from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services
from followup.services import accounts, coach_links
from followup.services.context import Deps

router = APIRouter(prefix="/api/v1", tags=["coaching"], responses=s.ERRORS)
Services = Annotated[Deps, Depends(services)]


class InviteIn(m.Body):
    email: Annotated[str, StringConstraints(min_length=3, max_length=limits.SHORT),
                     Field(examples=["client@example.org"])]
    name: Annotated[str, StringConstraints(min_length=1, max_length=limits.SHORT),
                    Field(examples=["Jordan Doe"])]


@router.get("/account/coach", response_model=s.shape(coach_links.MyCoach) | None)
def my_coach(deps: Services) -> JSONResponse:
    """The signed-in user's coach, or null."""
    return s.out(coach_links.my_coach(deps))


@router.delete("/account/coach", response_model=s.shape(coach_links.Unlinked))
def end_my_coach(deps: Services) -> JSONResponse:
    """Ends the link to the coach: they no longer see your follow-up or your shared notes."""
    return s.out(coach_links.end_my_coach(deps))


@router.post("/coach/invitations", response_model=s.shape(accounts.AddedUser),
             status_code=201)
def invite(deps: Services, body: InviteIn) -> JSONResponse:
    """Adds a client account coached by you, with its invitation link (shown once; emailed
    when the installation has a relay)."""
    return s.out(coach_links.invite_client(deps, body.email, body.name), 201)
