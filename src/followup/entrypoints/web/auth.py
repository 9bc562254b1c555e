"""Hosted mode's door: who a request acts for (a session cookie or an access token), and the
cookie itself. Every path needs a login but the few that lead to one (`PUBLIC`)."""

from __future__ import annotations

import json
from urllib.parse import quote

from anyio import to_thread
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from followup.domain.errors import FollowupError
from followup.entrypoints.web.errors import followup_error
from followup.entrypoints.web.security import is_api
from followup.services import sessions
from followup.services.context import Deps

SESSION_COOKIE = "followup_session"

PUBLIC_PATHS = frozenset({"/login", "/login/code", "/logout", "/forgot", "/healthz",
                          "/readyz", "/metrics", "/manifest.webmanifest", "/favicon.ico",
                          "/calendar.ics", "/api/v1/openapi.json", "/api/v1/docs"})
PUBLIC_PREFIXES = ("/static/", "/fonts/", "/reset/", "/invitation/")


def public(path: str) -> bool:
    """Whether a path is served without a login (the way in, and what a login page loads)."""
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def cookie_value(scope: Scope, name: str) -> str | None:
    for key, value in scope.get("headers") or ():
        if key == b"cookie":
            for part in bytes(value).decode("latin-1").split(";"):
                found, _, text = part.strip().partition("=")
                if found == name:
                    return text
    return None


def _bearer(scope: Scope) -> str | None:
    for key, value in scope.get("headers") or ():
        if key == b"authorization":
            kind, _, given = bytes(value).decode("latin-1").partition(" ")
            return given.strip() if kind.lower() == "bearer" else None
    return None


def identify(deps: Deps, scope: Scope) -> sessions.SignedIn | None:
    """The user a request signs in as: its access token, else its session cookie."""
    bearer = _bearer(scope)
    if bearer is not None:
        return sessions.token_user(deps, bearer)
    cookie = cookie_value(scope, SESSION_COOKIE)
    return sessions.session_user(deps, cookie) if cookie else None


def local_path(target: str | None, default: str = "/") -> str:
    """`target` when it is a path of this site (never another site's address), else default."""
    if (not target or not target.startswith("/") or target.startswith("//")
            or "\\" in target or any(ord(c) < 32 for c in target)):
        return default
    return target


def session_cookie(token: str, secure: bool, max_age: int) -> str:
    """The Set-Cookie value of a login: HttpOnly, SameSite=Lax, Secure over HTTPS."""
    flags = "; Secure" if secure else ""
    return (f"{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; "
            f"SameSite=Lax{flags}")


def cleared_cookie(secure: bool) -> str:
    flags = "; Secure" if secure else ""
    return f"{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{flags}"


class SignIn:
    """ASGI middleware of hosted mode: puts the signed-in user in `request.state.user_id` (and
    their role in `request.state.role`);
    without one, a page redirects to /login?next=… and the API answers 401."""

    def __init__(self, app: ASGIApp, deps: Deps) -> None:
        self.app = app
        self.deps = deps

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        try:
            user = await to_thread.run_sync(identify, self.deps, scope)
        except FollowupError as exc:  # the database is down: said as every page says it
            response = await followup_error(Request(scope), exc)
            await response(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        state["user_id"], state["role"] = (user.user_id, user.role) if user else (None, None)
        if user is None and not public(path):
            await (self._unauthorized(send) if is_api(path) else self._to_login(scope, send))
            return
        await self.app(scope, receive, send)

    @staticmethod
    async def _unauthorized(send: Send) -> None:
        body = json.dumps({"error": {
            "type": "NotSignedIn", "field": None, "remedy": None,
            "message": "sign in first, or send Authorization: Bearer TOKEN (a personal "
                       "access token from Settings or `followup token create`)"}}).encode()
        await send({"type": "http.response.start", "status": 401, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"www-authenticate", b'Bearer realm="followup"')]})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    async def _to_login(scope: Scope, send: Send) -> None:
        query = scope.get("query_string", b"").decode("latin-1")
        target = scope.get("path", "/") + (f"?{query}" if query else "")
        location = "/login" if target == "/" else f"/login?next={quote(target, safe='/')}"
        await send({"type": "http.response.start", "status": 303, "headers": [
            (b"location", location.encode("latin-1")), (b"content-length", b"0"),
            (b"cache-control", b"no-store")]})
        await send({"type": "http.response.body", "body": b""})
