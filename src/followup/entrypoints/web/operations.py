"""What an installation's operator reads: /healthz, /readyz, /metrics, and one log line per request.

- `GET /healthz`: 200 while the process answers (no database).
- `GET /readyz`: 200 when the database answers with the schema this code needs, else 503 and why.
- `GET /metrics`: Prometheus text: requests by method, route template and status, latency by
  route template, outbox rows by state and the worker's lag. Served to a loopback client that
  came through no proxy, or with `Authorization: Bearer <FOLLOWUP_METRICS_TOKEN>`; else 404.
  Several web processes (`followup serve --processes N`) share PROMETHEUS_MULTIPROC_DIR, so the
  counts are the installation's.

None of them needs a login or a profile, and none is in the OpenAPI schema. `install(app)`
adds them and the middlewares; call it last in `create_app`, so that they see every answer.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import time
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import unquote_plus

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware

from followup import bootstrap
from followup.entrypoints import logs
from followup.entrypoints.web.deps import services
from followup.entrypoints.web.security import ASGIApp, Message, Receive, Scope, Send
from followup.services import operations
from followup.services.context import Deps

PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
"""Paths a login must let through (probes and scrapers have no session)."""
METRICS_TOKEN = "FOLLOWUP_METRICS_TOKEN"
MULTIPROCESS = "PROMETHEUS_MULTIPROC_DIR"
NO_STORE = {"Cache-Control": "no-store"}
FORWARDED = (b"x-forwarded-for", b"forwarded", b"x-real-ip")
"""Headers a proxy adds: a loopback request that carries one came from elsewhere."""
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "<unmatched>"
"""The route label of a request no route took (a 404, or one refused before routing): one
label for all of them, so that scanners cannot make a series per path they try."""
ROUTE_KEY = "followup.route"

access_log = logging.getLogger("followup.access")
router = APIRouter(include_in_schema=False)

REQUESTS = Counter("followup_http_requests", "HTTP requests answered, by method, route template "
                   "and status.", ["method", "route", "status"])
LATENCY = Histogram("followup_http_request_duration_seconds", "Time to answer a request, by "
                    "route template.", ["route"])


@router.get("/healthz")
def healthz() -> JSONResponse:
    """The process answers (nothing else is asked: a restart would not mend the database)."""
    return JSONResponse({"status": "ok"}, headers=NO_STORE)


@router.get("/readyz")
def readyz(deps: Annotated[Deps, Depends(services)]) -> JSONResponse:
    """Ready when the database answers with the schema this code needs; else 503 and why."""
    ready = operations.readiness(deps, bootstrap.health_probe)
    body: dict[str, object] = {
        "status": "ready" if ready.ready else "not ready",
        "database": "ok" if ready.database else "unreachable",
        "schema": ready.revision, "expected_schema": ready.expected,
    }
    if ready.problem:
        body["problem"] = ready.problem + (
            "" if not ready.database else
            ": run `followup db upgrade`, or run the Followup that matches the schema")
    return JSONResponse(body, status_code=200 if ready.ready else 503, headers=NO_STORE)


@router.get("/metrics")
def metrics(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """Prometheus text for a loopback or token-bearing scraper; 404 for anyone else."""
    if not may_scrape(request.scope):
        raise HTTPException(404)  # the app's own "not found", as for a path that does not exist
    body = generate_latest(_registry()) + generate_latest(_outbox_registry(deps))
    return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8",
                    headers=NO_STORE)


def may_scrape(scope: Scope) -> bool:
    """A loopback client that came through no proxy, or the metrics token as a bearer."""
    token = os.environ.get(METRICS_TOKEN, "")
    headers = scope.get("headers") or ()
    if token:
        sent = next((bytes(v) for k, v in headers if k == b"authorization"), b"")
        scheme, _, given = sent.partition(b" ")
        if scheme.lower() == b"bearer" and secrets.compare_digest(given.strip(),
                                                                  token.encode()):
            return True
    client = scope.get("client")
    if not client or not _loopback(str(client[0])):
        return False
    return not any(k in FORWARDED for k, _ in headers)


def _loopback(host: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _registry() -> CollectorRegistry:
    """This process's metrics, or every web process's when they share a folder."""
    if not os.environ.get(MULTIPROCESS):
        return REGISTRY
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return registry


class _Outbox(Collector):
    """The outbox as it is now (asked of the database at each scrape, by whichever process
    answers it, so that several processes never add it up twice)."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily("followup_database_up", "1 when the database answered this "
                               "scrape's outbox query, else 0.")
        try:
            figures = operations.outbox_figures(self.deps, bootstrap.health_probe)
        except Exception:
            logging.getLogger("followup.operations").warning(
                "the outbox could not be counted", exc_info=True)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        rows = GaugeMetricFamily("followup_outbox_rows", "Outbox rows, every user's, by state.",
                                 labels=["state"])
        for state, count in sorted(figures.by_state.items()):
            rows.add_metric([state], count)
        yield rows
        yield GaugeMetricFamily("followup_worker_lag_seconds", "Seconds since the oldest due "
                                "`scheduled` outbox row was due (0 when none is waiting).",
                                value=figures.lag_seconds)


def _outbox_registry(deps: Deps) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Outbox(deps))
    return registry


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers") or ():
        if key == name:
            return bytes(value)
    return None


_SAFE_ID = re.compile(rb"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


def new_request_id(scope: Scope) -> str:
    """The client's X-Request-ID when it is a short safe token, else a new one."""
    sent = _header(scope, b"x-request-id")
    if sent is not None and _SAFE_ID.fullmatch(sent):
        return sent.decode("ascii")
    return secrets.token_hex(8)


SECRET_NAMES = ("token", "password", "passwd", "secret", "key")
SECRET_EXACT = frozenset({"next", "code", "csrftoken"})


def redacted_query(query: bytes) -> str | None:
    """The query string with the value of every secret-looking name (token, password, next,
    ...) replaced, so that a log never holds one; None when there is no query."""
    if not query:
        return None
    parts = []
    for part in query.decode("latin-1").split("&"):
        name, eq, _value = part.partition("=")
        plain = unquote_plus(name).strip().lower()
        if eq and (plain in SECRET_EXACT or any(s in plain for s in SECRET_NAMES)):
            part = f"{name}=[redacted]"
        parts.append(part)
    return "&".join(parts)[:500]


class AccessLog:
    """ASGI middleware: gives each request an id (X-Request-ID, also in the answer and in every
    log line written while it is served) and logs one line when it is answered. The line holds
    the method, the path, the query with its secrets redacted, the status, the time taken and
    the user (`request.state.user_id`, set by the login layer): never a body, a cookie or an
    Authorization header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = new_request_id(scope)
        header = (b"x-request-id", rid.encode("ascii"))
        state = scope.setdefault("state", {})  # shared with every copy of the scope below
        state["request_id"] = rid
        token = logs.request_id.set(rid)
        status = 500  # what the server answers when the app fails before it answers
        started = time.perf_counter()

        async def with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*(h for h in message.get("headers") or ()
                                        if bytes(h[0]).lower() != b"x-request-id"), header]
            await send(message)

        try:
            await self.app(scope, receive, with_id)
        finally:
            logs.request_id.reset(token)
            if access_log.isEnabledFor(logging.INFO):
                self._log(scope, state, rid, status, time.perf_counter() - started)

    @staticmethod
    def _log(scope: Scope, state: Any, rid: str, status: int, seconds: float) -> None:
        method, path = scope["method"], scope.get("path", "")[:500]
        user = state.get("user_id") if isinstance(state, dict) else None
        client = scope.get("client")
        access_log.info("%s %s %s", method, path, status, extra={
            "request_id": rid, "user_id": user, "method": method, "path": path,
            "query": redacted_query(scope.get("query_string") or b""), "status": status,
            "duration_ms": round(seconds * 1000, 3), "client": client[0] if client else None})


class Metrics:
    """ASGI middleware: counts each request by method, route template and status, and times it
    by route template. The template is found by `_RouteSeen`, innermost, after routing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.children: dict[tuple[str, str, int], Any] = {}
        self.timers: dict[str, Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seen = scope[ROUTE_KEY] = [UNMATCHED, scope.get("root_path") or ""]
        status = 500
        started = time.perf_counter()

        async def noting(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noting)
        finally:
            self._count(scope["method"], seen[0], status, time.perf_counter() - started)

    def _count(self, method: str, route: str, status: int, seconds: float) -> None:
        method = method if method in METHODS else "OTHER"
        key = (method, route, status)
        counter = self.children.get(key)
        if counter is None:  # labels() takes a lock and builds a tuple: once per series
            counter = self.children[key] = REQUESTS.labels(method, route, str(status))
        counter.inc()
        timer = self.timers.get(route)
        if timer is None:
            timer = self.timers[route] = LATENCY.labels(route)
        timer.observe(seconds)


class _RouteSeen:
    """ASGI middleware, innermost: tells `Metrics` the template of the route that answered
    (the scope it sees is a copy, made by a middleware in between, that the router fills)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            seen = scope.get(ROUTE_KEY)
            if seen is not None:
                route = getattr(scope.get("route"), "path", None)
                mount = scope.get("root_path") or ""  # longer than outside: a Mount took it
                seen[0] = route or (f"{mount}/{{path}}" if mount != seen[1] else UNMATCHED)


def install(app: FastAPI) -> None:
    """Adds the routes and the middlewares: the access log outermost, then the metrics, so
    that both see every answer, a refusal of the security layer too."""
    app.include_router(router)
    app.user_middleware.append(Middleware(_RouteSeen))  # the last in the list runs innermost
    app.add_middleware(Metrics)
    app.add_middleware(AccessLog)
