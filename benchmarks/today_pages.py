"""The API's Today in pages beside the full list: requests/s on the 10,000-application demo home.

`measure(home)` serves `home` as benchmarks/web.py does (uvicorn, one worker, the product's app
with its outbox thread, FOLLOWUP_NOW fixed) and loads, in turn, `GET /api/v1/today` (every open
step, about 900), its first page of 50 (`?limit=50`) and a page from the middle of the list
(`?limit=50&cursor=…`, the keyset query that follows a cursor). Run alone:

    python benchmarks/today_pages.py HOME
"""

from __future__ import annotations

import json
import sys
import urllib.parse
from pathlib import Path

import web

Row = tuple[str, str, str, str]
LIMIT = 50
TODAY = "/api/v1/today"


def _middle(port: int) -> tuple[str, int]:
    """The path of a page from the middle of Today, and how many pages there are."""
    cursors, path = [], f"{TODAY}?limit={LIMIT}"
    while True:
        status, body = web.fetch(port, path)
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status} {body[:200]!r}")
        following = json.loads(body)["next_cursor"]
        if following is None:
            break
        cursors.append(following)
        path = f"{TODAY}?limit={LIMIT}&cursor={urllib.parse.quote(following)}"
    if not cursors:
        raise RuntimeError("Today fits on one page: nothing to page through")
    middle = cursors[len(cursors) // 2]
    return f"{TODAY}?limit={LIMIT}&cursor={urllib.parse.quote(middle)}", len(cursors) + 1


def measure(home: Path) -> list[Row]:
    """The rows (figure, measured, target, result) on the demo home `home`."""
    with web.server("web:product", home) as port:
        _, body = web.fetch(port, TODAY)
        steps = len(json.loads(body)["actions"])
        middle, pages = _middle(port)
        full, full_p50 = web.throughput(port, TODAY)
        first, first_p50 = web.throughput(port, f"{TODAY}?limit={LIMIT}")
        later, later_p50 = web.throughput(port, middle)
    how = f"{web.loadgen.client_kind()}, {web.API_CONNECTIONS} connections"
    return [
        (f"GET {TODAY}, all {steps:,} steps: requests/s ({how}); client p50",
         f"{full:,.0f}; {web.ms(full_p50)}", "", ""),
        (f"GET {TODAY}?limit={LIMIT}, the first of {pages} pages: requests/s; client p50",
         f"{first:,.0f}; {web.ms(first_p50)}", "", ""),
        (f"GET {TODAY}?limit={LIMIT}&cursor=… (page {pages // 2 + 1}): requests/s; client p50",
         f"{later:,.0f}; {web.ms(later_p50)}", "", ""),
        (f"a page of {LIMIT} / the full list (requests/s)", f"{first / full:.1f}×", "", ""),
    ]


if __name__ == "__main__":
    for figure, value, target, result in measure(Path(sys.argv[1])):
        print(f"{figure:<90} {value:>16} {target} {result}")
