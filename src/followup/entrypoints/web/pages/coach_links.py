"""Pages: a coach invites a client; a client ends the link to their coach (from Settings)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from followup.domain.errors import FollowupError, InvalidInput
from followup.entrypoints.web.deps import see_other, services, templates
from followup.services import coach_links
from followup.services.coach_access import me_as_coach
from followup.services.context import Deps

router = APIRouter()
Services = Annotated[Deps, Depends(services)]


def _page(request: Request, deps: Deps, status: int = 200, **extra: Any) -> Response:
    return templates.TemplateResponse(request, "coach_invite.html", {
        "coach": me_as_coach(deps), "values": {"email": "", "name": ""}, **extra},
        status_code=status)


@router.get("/coach/invite", response_class=HTMLResponse)
def invite_page(request: Request, deps: Services) -> Response:
    """The form that invites a new client."""
    return _page(request, deps)


@router.post("/coach/invite")
def invite(request: Request, deps: Services, email: Annotated[str, Form()] = "",
           name: Annotated[str, Form()] = "") -> Response:
    """Adds a client account coached by the coach; shows its invitation link once."""
    me_as_coach(deps)
    try:
        added = coach_links.invite_client(deps, email, name)
    except FollowupError as exc:
        if exc.http_status == 404:
            raise
        return _page(request, deps, exc.http_status, error=str(exc),
                     values={"email": email, "name": name})
    return _page(request, deps, added=added)


@router.post("/settings/coach/end")
def end_link(deps: Services, confirm: Annotated[str, Form()] = "") -> Response:
    """Ends the link to the coach (the box must be ticked): they no longer see anything."""
    if confirm != "yes":
        raise InvalidInput("tick the box to confirm that your coach should no longer see "
                           "your follow-up", field="confirm")
    coach_links.end_my_coach(deps)
    return see_other("/settings?saved=coach#coach")
