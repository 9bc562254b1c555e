"""Pages: Today (overdue, still in time, to do today, coming up) and ticking a step off."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from followup.entrypoints.web.deps import is_htmx, see_other, services, step_title, templates
from followup.entrypoints.web.pages.fields import forget_done, safe_next
from followup.entrypoints.web.pages.outbox import said
from followup.services import actions, queries
from followup.services.context import Deps

router = APIRouter()

COMING_DAYS = 7
"""How far ahead 'Coming up' looks."""


TICKED = {"done": "Marked done.", "skipped": "Skipped; it will not be planned again."}
"""What Today says after a step was ticked off without JavaScript (?ticked=...)."""
SHOWN = 20
"""Steps listed per section before 'show all': a long list helps nobody start."""


@router.get("/", response_class=HTMLResponse)
def today_page(request: Request, deps: Annotated[Deps, Depends(services)],
               all: bool = False, ticked: str | None = None) -> Response:
    """Notes not delivered, news from the inbox, overdue steps, then the steps to do today;
    the coming week loads after (htmx) or on its own page (without JavaScript)."""
    today = queries.today_sections(deps, None if all else SHOWN)
    news = today.news
    page = templates.TemplateResponse(request, "today.html", {
        "now": today.now, "all": all, "shown": SHOWN, "ticked": TICKED.get(ticked or ""),
        "overdue": today.overdue, "past_target": today.past_target, "due": today.due,
        "coming_days": COMING_DAYS, "overdue_count": today.overdue_count,
        "past_target_count": today.past_target_count, "due_count": today.due_count,
        "replies": news.replies if news else (), "bounces": news.bounces if news else (),
        "undelivered": news.undelivered if news else (), "resent": said(request),
    })
    return forget_done(page)


@router.get("/coming", response_class=HTMLResponse)
def coming_page(request: Request, deps: Annotated[Deps, Depends(services)],
                all: bool = False) -> Response:
    """The steps of the coming week that are not yet today's."""
    week = queries.agenda(deps, COMING_DAYS)
    today = week.now.date()  # in the user's zone, as every time of a result
    coming = [a for a in week.actions if a.earliest.date() > today]
    template = "_coming.html" if is_htmx(request) else "coming.html"
    return templates.TemplateResponse(request, template, {
        "coming": coming, "coming_days": COMING_DAYS, "all": all, "shown": SHOWN,
        "now": week.now})


def _ticked(request: Request, message: str, back: str, how: str) -> Response:
    if is_htmx(request):
        return templates.TemplateResponse(request, "_ticked.html", {"message": message})
    return see_other(f"/?ticked={how}" if back == "/" else back)


@router.post("/actions/{action_id}/done")
def done(request: Request, action_id: int, deps: Annotated[Deps, Depends(services)],
         next: Annotated[str | None, Form()] = None) -> Response:
    """Marks a step done and goes back to where the button was."""
    result = actions.mark_done(deps, action_id)
    late = " (after its deadline; sent all the same)" if result.late else ""
    held = " The checker held its note back: check what you sent." if result.held_back else ""
    return _ticked(request, f"Done: {step_title(result)}{late}.{held}", safe_next(next), "done")


@router.post("/actions/{action_id}/skip")
def skip(request: Request, action_id: int, deps: Annotated[Deps, Depends(services)],
         reason: Annotated[str, Form()] = "",
         next: Annotated[str | None, Form()] = None) -> Response:
    """Skips a step, with the reason the user gave."""
    result = actions.skip(deps, action_id, reason)
    return _ticked(request, f"Skipped: {step_title(result)}.", safe_next(next), "skipped")
