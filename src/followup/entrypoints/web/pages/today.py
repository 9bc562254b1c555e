"""Pages: Today (overdue, due today, coming up) and ticking a step off: done or skipped."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from followup.entrypoints.web.deps import is_htmx, see_other, services, step_title, templates
from followup.services import actions, queries
from followup.services.context import Deps

router = APIRouter()

COMING_DAYS = 7
"""How far ahead 'Coming up' looks."""


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go back to; anything else (another site, '//host') is ignored."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


@router.get("/", response_class=HTMLResponse)
def today_page(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """Overdue steps, then the steps due today, then the coming week."""
    today = queries.today(deps)
    shown = {a["id"] for a in today["actions"]}
    coming = [a for a in queries.agenda(deps, COMING_DAYS)["actions"] if a["id"] not in shown]
    return templates.TemplateResponse(request, "today.html", {
        "now": today["now"],
        "overdue": [a for a in today["actions"] if a["overdue"]],
        "due": [a for a in today["actions"] if not a["overdue"]],
        "coming": coming,
        "coming_days": COMING_DAYS,
        "replies": today.get("replies", []),
        "bounces": today.get("bounces", []),
    })


def _ticked(request: Request, message: str, back: str) -> Response:
    if is_htmx(request):
        return templates.TemplateResponse(request, "_ticked.html", {"message": message})
    return see_other(back)


@router.post("/actions/{action_id}/done")
def done(request: Request, action_id: int, deps: Annotated[Deps, Depends(services)],
         next: Annotated[str | None, Form()] = None) -> Response:
    """Marks a step done and goes back to where the button was."""
    result = actions.mark_done(deps, action_id)
    late = " (after its deadline; sent all the same)" if result.get("late") else ""
    return _ticked(request, f"Done: {step_title(result)}{late}.", safe_next(next))


@router.post("/actions/{action_id}/skip")
def skip(request: Request, action_id: int, deps: Annotated[Deps, Depends(services)],
         reason: Annotated[str, Form()] = "",
         next: Annotated[str | None, Form()] = None) -> Response:
    """Skips a step, with the reason the user gave."""
    result = actions.skip(deps, action_id, reason)
    return _ticked(request, f"Skipped: {step_title(result)}.", safe_next(next))
