"""Pages of hosted mode's door: log in (and its second factor), log out, forgot password, and
the one-time links that set a password (an invitation, a reset)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from followup.domain.accounts import LinkPurpose
from followup.domain.errors import InvalidInput, NotFound, NotSignedIn, TooManyAttempts
from followup.entrypoints.web.auth import (
    SESSION_COOKIE,
    cleared_cookie,
    local_path,
    session_cookie,
)
from followup.entrypoints.web.deps import services, templates
from followup.services import sessions
from followup.services.accounts import hosting
from followup.services.context import Deps

router = APIRouter()
Services = Annotated[Deps, Depends(services)]


def _page(request: Request, view: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, "login.html", {"view": view, **context},
                                      status_code=status)


def _signed_in(request: Request, deps: Deps, login: sessions.Login, target: str) -> Response:
    """Sets the new login's cookie and goes on: to the second factor while it is due."""
    if login.pending:  # the target's own query must survive inside this one
        target = f"/login/code?next={quote(target, safe='/')}"
    response = RedirectResponse(target, status_code=303)
    lifetime = int(hosting(deps).session_max.total_seconds())
    response.headers.append("set-cookie", session_cookie(
        login.token, request.url.scheme == "https", lifetime))
    return response


@router.get("/login")
def login_page(request: Request, deps: Services, next: str | None = None) -> Response:
    hosting(deps)
    return _page(request, "login", next=local_path(next))


@router.post("/login")
def login(request: Request, deps: Services, email: Annotated[str, Form()] = "",
          password: Annotated[str, Form()] = "",
          next: Annotated[str, Form()] = "/") -> Response:
    target = local_path(next)
    address = request.client.host if request.client else None
    try:
        found = sessions.login(deps, email, password, address,
                               request.headers.get("user-agent"))
    except TooManyAttempts as exc:
        return _limited(request, "login", exc, next=target, email=email)
    except NotSignedIn as exc:
        return _page(request, "login", 401, next=target, email=email, error=str(exc))
    return _signed_in(request, deps, found, target)


def _limited(request: Request, view: str, exc: TooManyAttempts, **context: Any) -> Response:
    """The form again with 429 and Retry-After: even the right password waits now."""
    response = _page(request, view, 429, error=str(exc), **context)
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


@router.get("/login/code")
def code_page(request: Request, deps: Services, next: str | None = None) -> Response:
    hosting(deps)
    return _page(request, "code", next=local_path(next))


@router.post("/login/code")
def code(request: Request, deps: Services, code: Annotated[str, Form()] = "",
         next: Annotated[str, Form()] = "/") -> Response:
    target = local_path(next)
    token = request.cookies.get(SESSION_COOKIE, "")
    try:
        sessions.second_factor(deps, token, code)
    except TooManyAttempts as exc:
        return _limited(request, "code", exc, next=target)
    except NotSignedIn as exc:
        return _page(request, "code", 401, next=target, error=str(exc))
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(request: Request, deps: Services) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        sessions.logout(deps, token)
    response = RedirectResponse("/login", status_code=303)
    response.headers.append("set-cookie", cleared_cookie(request.url.scheme == "https"))
    return response


@router.get("/forgot")
def forgot_page(request: Request, deps: Services) -> Response:
    hosting(deps)
    return _page(request, "forgot")


@router.post("/forgot")
def forgot(request: Request, deps: Services, email: Annotated[str, Form()] = "") -> Response:
    sessions.request_reset(deps, email)
    return _page(request, "forgot", sent=True)


def _link_page(request: Request, deps: Services, purpose: LinkPurpose, token: str) -> Response:
    valid = sessions.link_valid(deps, purpose, token)
    return _page(request, purpose.value, 200 if valid else 404, token=token, expired=not valid)


def _use_link(request: Request, deps: Deps, purpose: LinkPurpose, token: str, password: str,
              again: str) -> Response:
    try:
        if password != again:
            raise InvalidInput("the two passwords differ; type the same one twice",
                               field="password")
        found = sessions.use_link(deps, purpose, token, password)
    except InvalidInput as exc:
        return _page(request, purpose.value, 422, token=token, error=str(exc))
    except NotFound:
        return _page(request, purpose.value, 404, token=token, expired=True)
    return _signed_in(request, deps, found, "/")


@router.get("/reset/{token}")
def reset_page(request: Request, deps: Services, token: str) -> Response:
    return _link_page(request, deps, LinkPurpose.RESET, token)


@router.post("/reset/{token}")
def reset(request: Request, deps: Services, token: str,
          password: Annotated[str, Form()] = "", again: Annotated[str, Form()] = "") -> Response:
    return _use_link(request, deps, LinkPurpose.RESET, token, password, again)


@router.get("/invitation/{token}")
def invitation_page(request: Request, deps: Services, token: str) -> Response:
    return _link_page(request, deps, LinkPurpose.INVITE, token)


@router.post("/invitation/{token}")
def invitation(request: Request, deps: Services, token: str,
               password: Annotated[str, Form()] = "",
               again: Annotated[str, Form()] = "") -> Response:
    return _use_link(request, deps, LinkPurpose.INVITE, token, password, again)
