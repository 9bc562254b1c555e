"""Errors as a person or a program can act on them: JSON under /api/, a friendly page elsewhere."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from followup.domain.errors import FollowupError, InvalidInput, Remedy
from followup.entrypoints.web.deps import SetupNeeded, templates
from followup.entrypoints.web.security import (
    TOO_LARGE,
    ASGIApp,
    Message,
    Receive,
    Scope,
    Send,
    is_api,
)

log = logging.getLogger("followup.web")

NAMES = {400: "InvalidInput", 404: "NotFound", 405: "NotAllowed", 409: "NotAllowed",
         413: "TooLarge", 422: "InvalidInput"}


LINKS = {
    Remedy.INIT: ("/setup", "Set up your profile"),
    Remedy.SMTP: ("/settings#mail", "Set up mail"),
    Remedy.IMAP: ("/settings#mail", "Set up mail"),
    Remedy.RESEND: ("/outbox", "Open the outbox"),
    Remedy.CONTACT_EMAIL: ("/contacts", "Open the contacts"),
    Remedy.SPELLING: ("/contacts", "Open the contacts"),
    Remedy.FORCE: ("/actions/{record}/note", "Open the note"),
    Remedy.FIX_NOTE: ("/actions/{record}/note", "Open the note"),
    Remedy.DRAFT: ("/actions/{record}/note", "Open the note"),
    Remedy.LETTER: ("/actions/{record}/note", "Open the note"),
}
"""Where a page sends a person for each remedy code, and the words of the link."""

API_WORDS = {
    Remedy.INIT: "PUT /api/v1/profile creates it",
    Remedy.FORCE: "ask again with force set to do it anyway",
    Remedy.FIX_NOTE: "fix the note, or ask again with force set to go ahead anyway",
}
"""What the API adds to a message for a remedy a program can carry out itself."""


def remedy_link(exc: FollowupError) -> dict[str, str] | None:
    """The link (`href`, `text`) that carries out the error's remedy on the web, or None."""
    found = LINKS.get(exc.remedy) if exc.remedy else None
    if found is None or ("{record}" in found[0] and exc.record is None):
        return None
    return {"href": found[0].format(record=exc.record), "text": found[1]}


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query",
                                                                              "path", "form"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else
                     str(error.get("msg", "invalid")))
    return "; ".join(parts) or "the request is not valid"


def _validation_facts(exc: RequestValidationError) -> tuple[str | None, Remedy | None]:
    """The field of the body, query or path the first problem is about, when it names one,
    and `give` when that field is missing."""
    for error in exc.errors():
        where = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path",
                                                                   "form")]
        return (where[0] if where else None,
                Remedy.GIVE if error.get("type") == "missing" else None)
    return None, None


def error_response(request: Request, status: int, kind: str, message: str,
                   exc: FollowupError | None = None) -> Response:
    """The error in the form the caller reads: JSON (with its `field` and `remedy`), an htmx
    fragment, or a whole page (with a link that carries out the remedy)."""
    field = exc.field if exc else None
    remedy = str(exc.remedy) if exc and exc.remedy else None
    if is_api(request.url.path):
        words = API_WORDS.get(exc.remedy) if exc and exc.remedy else None
        return JSONResponse({"error": {
            "type": kind, "message": f"{message}; {words}" if words else message,
            "field": field, "remedy": remedy}}, status_code=status)
    link = remedy_link(exc) if exc else None
    if request.headers.get("hx-request"):
        # htmx shows it in the layout's message area, whatever the request targeted.
        return templates.TemplateResponse(
            request, "_flash.html", {"message": message, "error": True, "link": link},
            status_code=status, headers={"HX-Retarget": "#flash", "HX-Reswap": "innerHTML"})
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "kind": kind, "message": message,
                                "back": _back(request), "link": link}, status_code=status)


def _back(request: Request) -> str:
    """Where 'go back' leads: the page the request came from when it is ours, else Today."""
    referer = request.headers.get("referer", "")
    own = f"{request.url.scheme}://{request.url.netloc}/"
    return referer[len(own) - 1:] if referer.startswith(own) else "/"


async def followup_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FollowupError)
    # A fault of the environment (503: the database is down or damaged) says so; any other
    # error without a status of its own is the app's (500).
    status = exc.http_status if exc.http_status < 500 or exc.http_status == 503 else 500
    kind = type(exc).__name__ if status < 500 or status == 503 else "FollowupError"
    return error_response(request, status, kind, str(exc), exc)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    message, (field, remedy) = _validation_message(exc), _validation_facts(exc)
    return error_response(request, 422, InvalidInput.__name__, message,
                          InvalidInput(message, field=field, remedy=remedy))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    kind = NAMES.get(exc.status_code, "HTTPError")
    message = str(exc.detail) if exc.detail else "error"
    if exc.status_code == 404:
        message = "there is no such page" if message == "Not Found" else message
    if exc.status_code == 413:
        message = TOO_LARGE
    response = error_response(request, exc.status_code, kind, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def unexpected(request: Request, exc: Exception) -> Response:
    """A bug: logged with its traceback on the server, one plain sentence to the caller."""
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    message = (f"unexpected error ({type(exc).__name__}); the server's log has the details")
    return error_response(request, 500, "InternalError", message)


class CatchAll:
    """ASGI middleware: a bug becomes `unexpected`'s 500 inside the security middleware (so the
    page has its headers and its CSRF token), not Starlette's bare one outside it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            if started:  # too late for an error page: let the server close the connection
                raise
            response = await unexpected(Request(scope), exc)
            await response(scope, receive, send)


async def setup_needed(request: Request, exc: Exception) -> Response:
    return RedirectResponse("/setup", status_code=303)


def install(app: FastAPI) -> None:
    """Maps every error the app can meet to its response."""
    app.add_exception_handler(FollowupError, followup_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(SetupNeeded, setup_needed)
    app.add_exception_handler(OverflowError, overflow)


async def overflow(request: Request, exc: Exception) -> Response:
    return error_response(request, 422, InvalidInput.__name__,
                          "a date or number is out of range")

