"""Pages: the outbox — every message, what became of it, Resend and Cancel; and the incoming
messages that looking for replies could not read."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followup.domain.errors import FollowupError, NotFound
from followup.entrypoints.web.deps import templates
from followup.entrypoints.web.pages.fields import (
    Services,
    done,
    forget_done,
    safe_next,
    text,
    what_was_done,
)
from followup.services import outbox, replies
from followup.services.context import Deps

router = APIRouter()

DONE = {
    "resent-sent": "Sent again, with the same Message-ID: the mail server accepted it.",
    "resent-unknown": "Sent again, but once more we could not tell whether it went out: "
                      "check your Sent folder before trying again.",
    "resent-failed": "Sent again, and it failed again: see the server's words below.",
    "resent-scheduled": "It will be tried again shortly.",
    "cancelled": "Cancelled: the message will not be sent.",
}
"""What a page says after a Resend or Cancel button (the `done` cookie of fields.py)."""


def said(request: Request) -> str | None:
    """The words for what the last outbox button did, if it led here."""
    return DONE.get(what_was_done(request) or "")


def _page(request: Request, deps: Deps, error: FollowupError | None = None) -> HTMLResponse:
    page = templates.TemplateResponse(request, "outbox.html", {
        "rows": outbox.listing(deps), "skipped": replies.skipped(deps), "done": said(request),
        "error": str(error) if error else None,
    }, status_code=error.http_status if error else 200)
    forget_done(page)
    return page


@router.get("/outbox", response_class=HTMLResponse)
def outbox_page(request: Request, deps: Services) -> HTMLResponse:
    """Every message, newest first: to whom, its subject, its state and the server's words."""
    return _page(request, deps)


@router.post("/outbox/{outbox_id}/resend", response_model=None)
async def resend(request: Request, outbox_id: int, deps: Services) -> HTMLResponse | Response:
    """One click: a message whose delivery is unknown or failed goes again, now, with the
    same Message-ID."""
    form = await request.form()
    try:
        result = outbox.resend_now(deps, outbox_id)
    except FollowupError as exc:
        if isinstance(exc, NotFound):
            raise
        return _page(request, deps, exc)
    return done(safe_next(text(form, "next"), "/outbox"), f"resent-{result.state}")


@router.post("/outbox/{outbox_id}/cancel", response_model=None)
async def cancel(request: Request, outbox_id: int, deps: Services) -> HTMLResponse | Response:
    """Withdraws a scheduled message before it goes out."""
    form = await request.form()
    try:
        outbox.cancel(deps, outbox_id)
    except FollowupError as exc:
        if isinstance(exc, NotFound):
            raise
        return _page(request, deps, exc)
    return done(safe_next(text(form, "next"), "/outbox"), "cancelled")
