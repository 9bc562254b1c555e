"""Security for a local web app: Host check, cross-site refusal, CSRF tokens, response headers.

What a request must send (the contract every page, form, htmx call and API client follows):

- Every request: a `Host` that is a loopback name (localhost, 127.0.0.1, [::1], any port) or
  one configured with `followup serve --allow-host NAME` / FOLLOWUP_ALLOWED_HOSTS; else 400.
- Every unsafe request (POST, PUT, PATCH, DELETE), pages and API alike: no `Sec-Fetch-Site`
  other than `same-origin` or `none`, and no `Origin` other than the request's own
  scheme://host[:port]; else 403.
- An HTML form (any path outside /api/): the `csrftoken` cookie (set by any page that renders a
  form) and the same token as the form field `csrftoken`: put `{{ csrf_field(request) }}` inside
  every <form method="post">. htmx calls send it as the `x-csrftoken` header, which the layout
  sets for all of them with `hx-headers` on <body>. Without the cookie or with a wrong token: 403.
- A JSON API call (/api/...): `Content-Type: application/json`, or an `X-Requested-With`
  header when there is no body; no CSRF token. A cross-site HTML form can send neither.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
CSRF_COOKIE = "csrftoken"
CSRF_FIELD = "csrftoken"
CSRF_HEADER = "x-csrftoken"
SECRET_FILE = "web-secret"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]

_PORT = re.compile(r":\d+$")


def host_name(host: str) -> str:
    """The name of a Host header without its port, lower-cased ('[::1]:8000' -> '[::1]')."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return _PORT.sub("", host)


def allowed_hosts(extra: Iterable[str] = ()) -> frozenset[str]:
    """Loopback names, the names given, and those in FOLLOWUP_ALLOWED_HOSTS (comma-separated)."""
    configured = os.environ.get("FOLLOWUP_ALLOWED_HOSTS", "").split(",")
    return LOOPBACK | {host_name(n) for n in [*extra, *configured] if n.strip()}


def home_secret(home: str | Path) -> str:
    """The home's key for signing CSRF tokens, made on first use and readable by the user only
    (so that a restart does not invalidate the forms of open pages)."""
    path = Path(home) / SECRET_FILE
    try:
        return path.read_text().strip() or _new_secret(path)
    except FileNotFoundError:
        return _new_secret(path)


def _new_secret(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w") as out:
        out.write(secret)
    return secret


def csrf_token(request: Any) -> str:
    """The token a form or an htmx request must send back (sets the cookie if needed)."""
    make = request.scope.get("csrftoken")  # absent only outside the CSRF middleware
    token: str = make() if make else ""
    return token


def csrf_field(request: Any) -> Markup:
    """The hidden form field carrying the CSRF token: `{{ csrf_field(request) }}`."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(
        CSRF_FIELD, csrf_token(request))


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def _cookies(scope: Scope) -> str:
    return _header(scope, b"cookie") or ""


async def refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    """A short refusal: JSON for the API, a small HTML page otherwise."""
    if is_api(scope.get("path", "")):
        kind = "Forbidden" if status == 403 else "BadRequest"
        body = json.dumps({"error": {"type": kind, "message": message}}).encode()
        content_type = b"application/json"
    else:
        body = (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                f"<title>Refused — Followup</title></head><body><main><h1>Refused</h1>"
                f"<p>{escape(message)}</p><p><a href=\"/\">Back to Today</a></p></main>"
                f"</body></html>").encode()
        content_type = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type),
                            (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: the Host check, the cross-site checks and the security headers."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] = LOOPBACK) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = _header(scope, b"host") or ""
        if host_name(host) not in self.hosts:
            await refuse(scope, send, 400,
                         f"this server answers to localhost only, not to host {host!r}; "
                         "start it with --allow-host NAME to allow another name")
            return
        if scope["method"] in UNSAFE:
            problem = self.cross_site(scope, host)
            if problem:
                await refuse(scope, send, 403, problem)
                return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {bytes(k).lower() for k, _ in message.get("headers") or ()}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                message["headers"] = [*(message.get("headers") or ()), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)

    @staticmethod
    def cross_site(scope: Scope, host: str) -> str | None:
        """Why an unsafe request must be refused, or None."""
        site = _header(scope, b"sec-fetch-site")
        if site is not None and site.strip().lower() not in ("same-origin", "none"):
            return (f"a request from another site ({site}) cannot change your data; "
                    "use the form on this site")
        origin = _header(scope, b"origin")
        own = f"{scope.get('scheme', 'http')}://{host}".lower()
        if origin is not None and origin.strip().lower() != own:
            return (f"a request from {origin} cannot change your data here ({own}); "
                    "use the form on this site")
        path = scope.get("path", "")
        if is_api(path):
            content_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
            if content_type != "application/json" and _header(scope, b"x-requested-with") is None:
                return ("an API call that changes data must send Content-Type: application/json "
                        "(or an X-Requested-With header when it has no body)")
        elif f"{CSRF_COOKIE}=" not in _cookies(scope):
            # asgi-csrf lets a request without cookies through, which is what a cross-site
            # post looks like: a form of ours always comes with the cookie of its page.
            return "this form has expired or did not come from this site: reload the page"
        return None


async def csrf_failed(scope: Scope, send: Send, message_id: Any) -> None:
    """asgi-csrf's refusal, said in words a person can act on."""
    await refuse(scope, send, 403,
                 "this form has expired or did not come from this site: reload the page "
                 "and try again")


def csrf(app: ASGIApp, secret: str) -> ASGIApp:
    """asgi-csrf on the pages' forms; the API is guarded by its content type instead."""
    from asgi_csrf import asgi_csrf

    wrapped: ASGIApp = asgi_csrf(app, signing_secret=secret,
                                 skip_if_scope=lambda scope: is_api(scope.get("path", "")),
                                 send_csrf_failed=csrf_failed, always_set_cookie=True)
    return wrapped
