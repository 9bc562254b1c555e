"""The web benchmark: page latency measured in the server, API requests/s beside bare Starlette.

`measure(home)` serves `home` with uvicorn (one worker, 127.0.0.1, FOLLOWUP_NOW fixed), wrapping
the product's app in `Timed`, an ASGI timer that lives here, not in the product. The load
comes from benchmarks/loadgen.py in another process. Run alone:

    python benchmarks/web.py HOME              # the rows of the table
    python benchmarks/web.py HOME --profile /  # where the time of one page goes (cProfile)
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import json
import math
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import loadgen

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
NOW = "2026-11-25T12:00:00+00:00"  # run.NOW: the clock of every benchmark, the same agenda
TIMINGS = "/__bench__/timings"
# Two closed-loop connections keep the one worker always busy: each request may wait for the
# other's (so p50 >= about twice a request's own time); one connection is reported beside it.
PAGE_CONNECTIONS, PAGE_REQUESTS, PAGE_SECONDS = 2, 600, 15.0
API_CONNECTIONS, API_SECONDS = 4, 6.0
WARMUP, WARMUP_SECONDS = 30, 3.0  # requests, at most this long
P50_TARGET, P99_TARGET = 20.0, 60.0  # ms, server-side (issue 4)

Row = tuple[str, str, str, str]
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# -- in the server process --------------------------------------------------------------------
class Timed:
    """ASGI wrapper: the time from receiving each request to sending its last byte, per path,
    and the pauses of the garbage collector (which a p99 may be made of).

    `GET /__bench__/timings` answers what was recorded since the last call and clears it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.records: list[tuple[str, int, float, float]] = []
        self.pauses: list[float] = []
        self.collecting = 0.0
        gc.callbacks.append(self.collector)

    def collector(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.collecting = time.perf_counter()
        elif info.get("generation") == 2:
            self.pauses.append((time.perf_counter() - self.collecting) * 1000)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == TIMINGS:
            await self.report(send)
            return
        start, cpu = time.perf_counter(), time.process_time()
        status = 0

        async def timed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.records.append((scope["path"], status,
                                     (time.perf_counter() - start) * 1000,
                                     (time.process_time() - cpu) * 1000))

        await self.app(scope, receive, timed_send)

    async def report(self, send: Send) -> None:
        body = json.dumps({"requests": self.records, "gc2_pauses": self.pauses}).encode()
        self.records, self.pauses = [], []
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def product() -> Timed:
    """uvicorn factory: followup's app on FOLLOWUP_HOME, as `followup serve` builds it."""
    from followup import bootstrap
    from followup.entrypoints import worker
    from followup.entrypoints.web.app import create_app
    from followup.entrypoints.web.security import home_secret

    deps = bootstrap.build()  # with the outbox's worker on its thread, as serve runs by default
    return Timed(create_app(deps, secret=home_secret(bootstrap.home()),
                            background=[lambda: worker.running(deps)]))


def bare() -> Timed:
    """uvicorn factory: a bare Starlette app with one endpoint answering a small JSON."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def hello(request: Request) -> JSONResponse:
        return JSONResponse({"hello": "world", "items": [1, 2, 3]})

    return Timed(Starlette(routes=[Route("/hello", hello)]))


# -- in the benchmark's process ---------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Stay(urllib.request.HTTPRedirectHandler):
    """Redirects are answers too: a page that redirects (to set-up, say) is not the page."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_Stay)


def fetch(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     headers={"X-Requested-With": "bench"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextlib.contextmanager
def server(factory: str, home: Path) -> Iterator[int]:
    """uvicorn serving `factory` ('web:product') on a free loopback port, one worker; yields
    the port."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env |= {"FOLLOWUP_HOME": str(home), "FOLLOWUP_NOW": NOW}
    argv = [str(PYTHON), "-m", "uvicorn", factory, "--factory",
            "--app-dir", str(ROOT / "benchmarks"), "--host", "127.0.0.1", "--port", str(port),
            "--workers", "1", "--log-level", "warning", "--no-proxy-headers",
            "--no-server-header"]  # as `followup serve` runs it
    # The server's messages go to a file: a pipe nobody reads would stall it once full.
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=errors, text=True)
        try:
            deadline = time.monotonic() + 60
            while process.poll() is None:
                with contextlib.suppress(OSError):
                    if fetch(port, TIMINGS, timeout=5)[0] == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"uvicorn {factory} did not answer within 60 s")
                time.sleep(0.1)
            else:
                errors.seek(0)
                raise RuntimeError(f"uvicorn {factory} exited: {errors.read()[-600:]}")
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def load(port: int, paths: list[str], connections: int, requests: int | None = None,
         seconds: float | None = None) -> dict[str, Any]:
    """benchmarks/loadgen.py's figures for `paths` (in its own process)."""
    argv = [str(PYTHON), str(ROOT / "benchmarks" / "loadgen.py"), "--port", str(port),
            "--connections", str(connections)]
    argv += [arg for path in paths for arg in ("--path", path)]
    argv += ["--requests", str(requests)] if requests is not None else []
    argv += ["--seconds", str(seconds)] if seconds is not None else []
    done = subprocess.run(argv, check=True, capture_output=True, text=True)
    figures: dict[str, Any] = json.loads(done.stdout)
    if figures["error_count"]:
        raise RuntimeError(f"load on {paths} failed: {figures['errors']}")
    return figures


def timings(port: int) -> tuple[list[tuple[str, int, float, float]], list[float]]:
    """What the server recorded since the last call: each request's path, status, wall ms and
    the process's CPU ms meanwhile; the full garbage collections' pauses."""
    status, body = fetch(port, TIMINGS)
    assert status == 200, status
    got = json.loads(body)
    return [(p, code, wall, cpu) for p, code, wall, cpu in got["requests"]], got["gc2_pauses"]


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..100) of `values`."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def pick_application(home: Path) -> int:
    """The active application with the most interviews, then steps, then touches: the fullest
    page a user looks at."""
    with contextlib.closing(sqlite3.connect(f"file:{home / 'followup.db'}?mode=ro",
                                            uri=True)) as db:
        row = db.execute(
            "SELECT a.id FROM applications a WHERE a.status = 'active' ORDER BY "
            "(SELECT count(*) FROM interviews i WHERE i.application_id = a.id) DESC, "
            "(SELECT count(*) FROM actions x WHERE x.application_id = a.id) DESC, "
            "(SELECT count(*) FROM touches t WHERE t.application_id = a.id) DESC, a.id "
            "LIMIT 1").fetchone()
    if row is None:
        raise RuntimeError(f"no active application in {home}")
    return int(row[0])


def ms(value: float) -> str:
    return f"{value:.1f} ms"


def served(port: int, path: str, connections: int
           ) -> tuple[list[float], list[float], list[float]]:
    """Server-side wall ms and CPU ms of PAGE_REQUESTS GETs of `path` (at most PAGE_SECONDS)
    over `connections` closed-loop connections, and the full collections' pauses meanwhile."""
    timings(port)
    client = load(port, [path], connections, requests=PAGE_REQUESTS, seconds=PAGE_SECONDS)
    records, pauses = timings(port)
    ok = [(wall, cpu) for p, code, wall, cpu in records if p == path and code == 200]
    if len(ok) != client["requests"]:
        raise RuntimeError(f"{path}: {client['statuses']} answered, {len(ok)} were 200")
    return [wall for wall, _ in ok], [cpu for _, cpu in ok], pauses


def page_rows(port: int, name: str, path: str) -> list[Row]:
    """p50 and p99 of `path` measured in the server under PAGE_CONNECTIONS closed-loop clients,
    then with one connection: the time of a request alone, not sharing the server."""
    status, _ = fetch(port, path)
    if status != 200:
        return [(f"{name}: GET {path}", f"HTTP {status}", "200", "MISSED")]
    load(port, [path], PAGE_CONNECTIONS, requests=WARMUP, seconds=WARMUP_SECONDS)
    loaded, _, pauses = served(port, path, PAGE_CONNECTIONS)
    # Alone, the server process works on this request only: its CPU time is the request's cost,
    # which a busy machine does not inflate as it does the wall time.
    alone, cpu, _ = served(port, path, 1)
    p50, p99 = percentile(loaded, 50), percentile(loaded, 99)
    label = f"{name}: GET {path}, server-side"
    collected = (f"{len(pauses)}, longest {ms(max(pauses))}" if pauses else "none")
    return [
        (f"{label} p50, {PAGE_CONNECTIONS} connections ({len(loaded)} requests)", ms(p50),
         f"≤ {P50_TARGET:.0f} ms", "ok" if p50 <= P50_TARGET else "MISSED"),
        (f"{label} p99, {PAGE_CONNECTIONS} connections", ms(p99), f"≤ {P99_TARGET:.0f} ms",
         "ok" if p99 <= P99_TARGET else "MISSED"),
        (f"{name}: 1 connection ({len(alone)} requests): p50 / p99, and p50 of CPU time",
         f"{ms(percentile(alone, 50))} / {ms(percentile(alone, 99))}, "
         f"CPU {ms(percentile(cpu, 50))}", "", ""),
        (f"{name}: full garbage collections during the {PAGE_CONNECTIONS}-connection run",
         collected, "", ""),
    ]


def throughput(port: int, path: str) -> tuple[float, float]:
    """Requests/s on `path` and the client-side median ms, with API_CONNECTIONS connections for
    API_SECONDS after a warm-up: by wrk when installed (a Python client tops out first on a
    fast endpoint), else by loadgen.py."""
    status, body = fetch(port, path)
    if status != 200:
        raise RuntimeError(f"GET {path}: HTTP {status} {body[:200]!r}")
    load(port, [path], API_CONNECTIONS, requests=WARMUP, seconds=WARMUP_SECONDS)
    if loadgen.client_kind() == "wrk":
        rate, median = loadgen.wrk(port, path, API_CONNECTIONS, API_SECONDS)
        timings(port)
        return rate, median
    figures = load(port, [path], API_CONNECTIONS, seconds=API_SECONDS)
    timings(port)  # not kept: only the rate counts here
    if set(figures["statuses"]) != {"200"}:
        raise RuntimeError(f"GET {path} answered {figures['statuses']}")
    return figures["requests_per_s"], percentile(figures["latencies_ms"], 50)


def server_kind() -> str:
    """Which HTTP parser and event loop uvicorn picks in this virtualenv ('auto')."""
    parser = "httptools" if importlib.util.find_spec("httptools") else "h11"
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    return f"uvicorn, 1 worker, {parser}, {loop} loop"


def measure(home: Path) -> list[Row]:
    """The web benchmark's rows (figure, measured, target, result) on the demo home `home`."""
    application = pick_application(home)
    load1 = os.getloadavg()[0]
    rows: list[Row] = [("server; clients", f"{server_kind()}; pages loadgen.py, requests/s "
                        f"{loadgen.client_kind()}", "", ""),
                       ("machine load at start (1-minute average; more than the cores: "
                        "figures unreliable)", f"{load1:.2f} on {os.cpu_count()} cores", "",
                        "")]
    with server("web:product", home) as port:
        _, body = fetch(port, "/api/v1/today")
        steps = len(json.loads(body).get("actions", []))
        rows += page_rows(port, f"Today ({steps:,} steps)", "/")
        rows += page_rows(port, "Application page", f"/applications/{application}")
        api, api_p50 = throughput(port, "/api/v1/today")
        plan, _ = throughput(port, f"/api/v1/applications/{application}/plan")
    with server("web:bare", home) as port:
        hello, _ = throughput(port, "/hello")
    rows += [
        (f"GET /api/v1/today, requests/s ({loadgen.client_kind()}, {API_CONNECTIONS} connections, "
         f"{API_SECONDS:.0f} s)", f"{api:,.0f}", "", ""),
        ("GET /api/v1/today, client-side p50 under that load", ms(api_p50), "", ""),
        (f"GET /api/v1/applications/{application}/plan, requests/s", f"{plan:,.0f}", "", ""),
        ("bare Starlette JSON endpoint, requests/s (same server and client)", f"{hello:,.0f}",
         "", ""),
        ("/api/v1/today / bare Starlette (requests/s)", f"{api / hello:.3f}", "", ""),
        ("plan / bare Starlette (requests/s)", f"{plan / hello:.3f}", "", ""),
    ]
    return rows


def profile(home: Path, path: str, requests: int = 50) -> None:
    """Print where the time of `path` goes: cProfile over `requests` requests made in process,
    with the endpoints' thread pool run inline so that one profiler sees all of it."""
    import asyncio
    import cProfile
    import pstats

    import anyio.to_thread

    async def inline(func: Callable[..., Any], *args: Any, **_: Any) -> Any:
        return func(*args)

    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    os.environ |= {"FOLLOWUP_HOME": str(home), "FOLLOWUP_NOW": NOW}
    app = product()
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "headers": [(b"host", b"127.0.0.1")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}

    async def get() -> int:
        status = 0

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: Message) -> None:
            nonlocal status
            status = message.get("status", status)

        await app(dict(scope), receive, send)
        return status

    async def run() -> cProfile.Profile:
        for _ in range(5):
            got = await get()
            if got != 200:
                raise RuntimeError(f"GET {path}: HTTP {got}")
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            await get()
        profiler.disable()
        return profiler

    pstats.Stats(asyncio.run(run())).sort_stats("cumulative").print_stats(45)


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[1] == "--profile":
        profile(Path(argv[0]), argv[2])
        return 0
    for row in measure(Path(argv[0])):
        print("  ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
