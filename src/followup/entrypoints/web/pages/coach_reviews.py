"""Pages: the coach's review of the notes their clients share: the list, and one note with the
checker's findings, the coach's comments (on a span or the whole note) and "looks good"."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followup.domain.errors import FollowupError, InvalidInput, NotFound
from followup.domain.limits import LONG
from followup.entrypoints.web.deps import templates
from followup.entrypoints.web.pages.fields import (
    Services,
    done,
    forget_done,
    optional,
    text,
    what_was_done,
)
from followup.entrypoints.web.pages.notes import _findings_view, comment_pieces
from followup.services import reviews
from followup.services.context import Deps
from followup.services.note_views import CheckView

router = APIRouter()

SAID = {"commented": "Your comment is on the note; your client sees it in their editor.",
        "looks-good": "Marked “looks good”.", "not-yet": "“Looks good” taken back."}


def _list(request: Request, deps: Deps) -> HTMLResponse:
    return templates.TemplateResponse(request, "coach_reviews.html",
                                      {"reviews": reviews.coach_reviews(deps)})


@router.get("/coach/reviews", response_class=HTMLResponse)
def review_list(request: Request, deps: Services) -> HTMLResponse:
    """The notes the coach's clients share with them now."""
    return _list(request, deps)


def _page(request: Request, deps: Deps, share_id: int, *, error: FollowupError | None = None,
          typed: dict[str, str] | None = None, said: str | None = None) -> HTMLResponse:
    found = reviews.coach_review(deps, share_id)
    checked = _findings_view(found.body, CheckView(found.ok, found.findings), 0)
    checked["action_id"] = None  # the coach reads the fixes; only the client makes them
    return templates.TemplateResponse(request, "coach_review.html", {
        "found": found, "item": found.review, "view": checked,
        "pieces": comment_pieces(found.body, found.comments),
        "error": str(error) if error else None, "where": error.field if error else None,
        "typed": typed or {}, "said": said,
    }, status_code=error.http_status if error else 200)


@router.get("/coach/reviews/{share_id}", response_class=HTMLResponse)
def review(request: Request, share_id: int, deps: Services) -> HTMLResponse:
    page = _page(request, deps, share_id, said=SAID.get(what_was_done(request) or ""))
    return forget_done(page)


def _offset(value: str, name: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > LONG:
        raise InvalidInput(f"the {name} of the span is a number of characters from the note's "
                           "start", field=name)
    return int(value)


@router.post("/coach/reviews/{share_id}/comments", response_model=None)
async def add_comment(request: Request, share_id: int, deps: Services
                      ) -> HTMLResponse | Response:
    """Adds a comment: on the words given in `quote` (or the span `start`-`end`), or with
    neither on the whole note."""
    form = await request.form()
    typed = {k: text(form, k) for k in ("body", "quote", "start", "end")}
    try:
        reviews.comment(deps, share_id, typed["body"], optional(form, "quote"),
                        _offset(typed["start"], "start"), _offset(typed["end"], "end"))
    except FollowupError as exc:
        if isinstance(exc, NotFound):
            raise
        return _page(request, deps, share_id, error=exc, typed=typed)
    return done(f"/coach/reviews/{share_id}#comments", "commented")


@router.post("/coach/reviews/{share_id}/verdict")
async def set_verdict(request: Request, share_id: int, deps: Services) -> Response:
    """"Looks good" (or, with looks_good=no, takes it back)."""
    form = await request.form()
    good = text(form, "looks_good") != "no"
    reviews.verdict(deps, share_id, good)
    return done(f"/coach/reviews/{share_id}", "looks-good" if good else "not-yet")
