"""Security for a local web app: Host check, cross-site refusal, CSRF tokens, response headers.

What a request must send (the contract every page, form, htmx call and API client follows):

- Every request: a `Host` that is a loopback name (localhost, 127.0.0.1, [::1], any port) or
  one configured with `followup serve --allow-host NAME` / FOLLOWUP_ALLOWED_HOSTS; else 400.
- Every unsafe request (POST, PUT, PATCH, DELETE), pages and API alike: no `Sec-Fetch-Site`
  other than `same-origin` or `none`, and no `Origin` other than the request's own
  scheme://host[:port]; else 403.
- An HTML form (any path outside /api/): the `csrftoken` cookie (set by any page that renders a
  form) and the same token as the form field `csrftoken`: put `{{ csrf_field(request) }}` first
  inside every <form method="post"> (in a multipart form it must come before any file). htmx
  calls send it as the `x-csrftoken` header, which the layout sets for all of them with
  `hx-headers` on <body>. Without the cookie or with a wrong token: 403. A form body is
  urlencoded or multipart; one that is malformed or cut off: 400.
- Every request: a body of at most MAX_BODY bytes (413 beyond).
- A JSON API call (/api/...): `Content-Type: application/json`, or an `X-Requested-With`
  header when there is no body; no CSRF token. A cross-site HTML form can send neither.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any

from itsdangerous import BadData, URLSafeSerializer
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException

from followup.entrypoints.web.form_body import FormBody, MalformedForm

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
CSRF_NAMESPACE = "csrftoken"
"""The signature's salt: asgi-csrf's, so that tokens it signed stay valid."""
SECRET_FILE = "web-secret"
MAX_BODY = 64 * 1024 * 1024
"""The largest request body: room for a 50 MB import file and the form around it."""
TOO_LARGE = f"the request is larger than the {MAX_BODY // 2**20} MB this app takes"
MAX_FIELDS, MAX_FILES = 1000, 20
"""What a form may hold, on every form route however it reads the form (400 beyond); a field
that is not a file holds at most 1 MB (Starlette's parsers)."""

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]

_PORT = re.compile(r":\d+$")
log = logging.getLogger("followup.web")
KINDS = {403: "Forbidden", 413: "TooLarge", 500: "InternalError"}
"""The API's error type of a refusal, by status (else BadRequest)."""


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


def _declared_size(scope: Scope) -> int:
    """The request's Content-Length, 0 when it has none or a malformed one."""
    length = (_header(scope, b"content-length") or "").strip()
    return int(length) if length.isascii() and length.isdigit() and len(length) < 30 else 0


def is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def _cookies(scope: Scope) -> str:
    return _header(scope, b"cookie") or ""


async def refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    """A short refusal: JSON for the API, a small HTML page otherwise."""
    if is_api(scope.get("path", "")):
        kind = KINDS.get(status, "BadRequest")
        body = json.dumps({"error": {"type": kind, "message": message}}).encode()
        content_type = b"application/json"
    else:
        title = "Refused" if status < 500 else "Something went wrong"
        body = (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                f"<title>{title} — Followup</title></head><body><main><h1>{title}</h1>"
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
        if _declared_size(scope) > MAX_BODY:  # said before any of it is read, in our words
            await refuse(scope, send, 413, TOO_LARGE)
            return
        if scope["method"] in UNSAFE:
            problem = self.cross_site(scope, host)
            if problem:
                await refuse(scope, send, 403, problem)
                return

        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {bytes(k).lower() for k, _ in message.get("headers") or ()}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                message["headers"] = [*(message.get("headers") or ()), *extra]
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception as exc:
            if started:  # too late for an error page: let the server close the connection
                raise
            # A bug below the app's own error pages: still a plain answer with the headers.
            log.exception("unexpected error on %s %s", scope["method"], scope.get("path"))
            await refuse(scope, send, 500, f"unexpected error ({type(exc).__name__}); "
                                           "the server's log has the details")

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
            # A cross-site post to a local app carries no cookie, and a form of ours always
            # comes with the cookie of its page: say so before reading any of the body.
            return "this form has expired or did not come from this site: reload the page"
        return None


async def csrf_failed(scope: Scope, send: Send) -> None:
    """A form without its page's token, said in words a person can act on."""
    await refuse(scope, send, 403,
                 "this form has expired or did not come from this site: reload the page "
                 "and try again")


def _cookie(scope: Scope, name: str) -> str | None:
    for part in _cookies(scope).split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _same(sent: str | None, token: str) -> bool:
    # compare_digest refuses str with non-ASCII characters: compare the bytes as received.
    return sent is not None and secrets.compare_digest(sent.encode("latin-1", "replace"),
                                                       token.encode())


class Csrf:
    """ASGI middleware: gives each browser a signed token (the `csrftoken` cookie, and
    `scope["csrftoken"]()` for the forms) and refuses an unsafe form post (outside /api/) that
    does not send it back, as the x-csrftoken header or as the form's `csrftoken` field before
    any file. A form body, urlencoded or multipart, is read as it streams (nothing is kept but
    the token) and one that is malformed or cut off is refused with 400.

    The tokens are asgi-csrf's (same signature, same cookie, so open pages stay valid); the
    check is ours: asgi-csrf 0.11 parses multipart with a keyword (FileClass) that the installed
    python-multipart no longer takes (a 500 on every multipart post), splits the boundary out
    by hand, and compares a non-ASCII header with compare_digest (a TypeError, another 500)."""

    def __init__(self, app: ASGIApp, secret: str) -> None:
        self.app = app
        self.signer = URLSafeSerializer(secret, salt=CSRF_NAMESPACE)

    def _valid(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            self.signer.loads(cookie)
        except BadData:
            return None
        return cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        kept = self._valid(_cookie(scope, CSRF_COOKIE))
        token = kept or self.signer.dumps(secrets.token_urlsafe(12))
        shown = False

        def page_token() -> str:
            nonlocal shown
            shown = True
            return token

        async def with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or ())
                if shown:  # the page holds this browser's token: no cache may share it
                    headers.append((b"vary", b"Cookie"))
                if kept is None:
                    headers.append((b"set-cookie", f"{CSRF_COOKIE}={token}; Path=/; "
                                    "SameSite=Lax".encode()))
                message = {**message, "headers": headers}
            await send(message)

        scope = {**scope, "csrftoken": page_token}
        if scope["method"] not in UNSAFE or is_api(scope.get("path", "")):
            await self.app(scope, receive, with_cookie)
            return
        await self.check_form(scope, receive, with_cookie, token)

    async def check_form(self, scope: Scope, receive: Receive, send: Send, token: str) -> None:
        """Passes the form post on if it sends `token`; else refuses it (403, or 400/413)."""
        read: list[Message] = []
        try:
            body = FormBody(_header(scope, b"content-type") or "", CSRF_FIELD, MAX_FIELDS,
                            MAX_FILES)
            sent = _header(scope, CSRF_HEADER.encode())
            if not _same(sent, token):
                read = await _read_token(body, receive)
                sent = body.token
        except MalformedForm as exc:
            await refuse(scope, send, 400, str(exc))
            return
        except HTTPException as exc:  # the body is larger than MAX_BODY
            await refuse(scope, send, exc.status_code, TOO_LARGE)
            return
        if body.file_first and sent is None:
            await refuse(scope, send, 403, "the form sends a file before its csrftoken field; "
                                           "the token must come first")
            return
        if not _same(sent, token):
            await csrf_failed(scope, send)
            return
        await self.app(scope, _replay(read, receive, body), send)


TOKEN_WINDOW = 1024 * 1024
"""How much of a form is read to find its token (which comes before any file)."""


async def _read_token(body: FormBody, receive: Receive) -> list[Message]:
    """The messages read until the form's token, a file, TOKEN_WINDOW bytes or the end."""
    read: list[Message] = []
    size = 0
    while body.token is None and not body.file_first and size <= TOKEN_WINDOW:
        message = await receive()
        read.append(message)
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        body.feed(chunk, message.get("more_body", False))
        if not message.get("more_body", False):
            break
    return read


def _replay(read: list[Message], receive: Receive, body: FormBody) -> Receive:
    """`receive` for the app: what was read first, then the rest, still checked as it comes."""
    async def replay() -> Message:
        if read:
            return read.pop(0)
        message = await receive()
        if message["type"] == "http.request":
            try:
                body.feed(message.get("body", b""), message.get("more_body", False))
            except MalformedForm as exc:  # the app's parser stops here: a 400 page
                raise HTTPException(400, str(exc)) from None
        return message

    return replay
