"""What the operations middlewares add to a request: microseconds per request, in process.

Two apps are called through ASGI directly (no socket, no server), 20,000 requests per round,
the variants taking turns, best of 7 rounds each: a bare ASGI app that answers a fixed body
(so that only the middlewares' own cost shows), and a FastAPI app with one JSON route. Each
bare, then wrapped as `operations.install` wraps the real app: the metrics alone (access log
disabled), and the metrics with the access log writing JSON lines to /dev/null (hosted mode).
Run: PYTHONPATH=src .venv/bin/python benchmarks/operations.py
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from typing import Any

from fastapi import FastAPI

from followup.entrypoints import logs
from followup.entrypoints.web import operations

ROUNDS, CALLS = 7, 20_000


def wrap(asgi: Any) -> Any:
    """`asgi` inside the three middlewares, in the order `operations.install` puts them."""
    return operations.AccessLog(operations.Metrics(operations._RouteSeen(asgi)))


async def plain(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": b'{"id":1}'})


def fastapi_app() -> Any:
    made = FastAPI()

    @made.get("/items/{item_id}")
    async def item(item_id: int) -> dict[str, int]:
        return {"id": item_id}

    return made


async def one_round(asgi: Any) -> float:
    """Seconds per request of one round."""
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        return None

    started = time.perf_counter()
    for number in range(CALLS):
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                 "method": "GET", "scheme": "http", "path": f"/items/{number % 500}",
                 "raw_path": b"", "root_path": "", "query_string": b"",
                 "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 5000),
                 "server": ("127.0.0.1", 8000), "state": {}}
        await asgi(scope, receive, send)
    return (time.perf_counter() - started) / CALLS


async def best_of(variants: dict[str, tuple[Any, bool]]) -> dict[str, float]:
    """The best round of each variant, the variants taking turns; (app, access log on)."""
    access = logging.getLogger("followup.access")
    best = dict.fromkeys(variants, float("inf"))
    for _ in range(ROUNDS):
        for name, (asgi, logged) in variants.items():
            access.disabled = not logged
            best[name] = min(best[name], await one_round(asgi))
    return best


def main() -> None:
    os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
    access = logging.getLogger("followup.access")
    handler = logging.FileHandler(os.devnull)
    handler.setFormatter(logs.JsonFormatter())
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    print(f"python {sys.version.split()[0]}, {CALLS} requests per round, best of {ROUNDS}")
    for title, base in (("bare ASGI app", plain), ("FastAPI route", fastapi_app())):
        found = asyncio.run(best_of({"bare": (base, False), "metrics": (wrap(base), False),
                                     "logged": (wrap(base), True)}))
        bare = found["bare"]
        print(f"{title}: {bare * 1e6:.1f} µs; + metrics and request id "
              f"+{(found['metrics'] - bare) * 1e6:.1f} µs; + JSON access log too "
              f"+{(found['logged'] - bare) * 1e6:.1f} µs")


if __name__ == "__main__":
    main()
