"""Pages: a follow-up call — what to say, then what came of it (R5)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followup.domain.errors import FollowupError
from followup.entrypoints.web.deps import templates
from followup.entrypoints.web.pages.application import conversation
from followup.entrypoints.web.pages.fields import Services, done
from followup.services import calls, lookup
from followup.services.context import Deps

router = APIRouter()

def tel(phone: str | None) -> str | None:
    """A `tel:` link for a number as it was typed ("+353 1 555 0100"), or None."""
    digits = re.sub(r"[^0-9+*#]", "", phone or "")
    return f"tel:{digits}" if any(c.isdigit() for c in digits) else None


def _page(request: Request, deps: Deps, action_id: int, error: FollowupError | None = None,
          values: dict[str, str] | None = None) -> HTMLResponse:
    action = lookup.action(deps, action_id)
    script = calls.script(deps, action_id)
    return templates.TemplateResponse(request, "call.html", {
        "action": action, "app": action.application, "script": script,
        "tel": tel(script.phone), "error": str(error) if error else None,
        "values": values or {},
    }, status_code=error.http_status if error else 200)


@router.get("/actions/{action_id}/call", response_class=HTMLResponse)
def call_page(request: Request, action_id: int, deps: Services) -> HTMLResponse:
    return _page(request, deps, action_id)


@router.post("/actions/{action_id}/call", response_model=None)
async def log_call(request: Request, action_id: int, deps: Services) -> HTMLResponse | Response:
    """Logs the call on the action's application, then shows the application's new plan."""
    form = await request.form()
    application_id = lookup.action(deps, action_id).application_id
    try:
        calls.log_call(deps, application_id, conversation(form), step=action_id)
    except FollowupError as exc:
        typed = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrftoken"}
        return _page(request, deps, action_id, exc, typed)
    return done(f"/applications/{application_id}", "call")
