"""The board benchmark: the Applications page (list, board, a search) and the activity report
on the 10,000-application demo home, timed in process (median of RUNS after a warm-up).

`measure(home)` runs this file in a child process on `home` (FOLLOWUP_NOW fixed) and returns
its rows. Run alone:

    python benchmarks/board.py HOME
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
NOW = "2026-11-25T12:00:00+00:00"  # run.NOW: the clock of every benchmark
RUNS = 9
PAGES = {
    "page /applications (list, first 50)": "/applications",
    "page /applications?view=board": "/applications?view=board",
    "page: search 'jose', sorted by company": "/applications?q=jose&sort=company",
    "page: overdue only": "/applications?overdue=1",
}
PAGE_TARGET = 0.5
"""Seconds: a page of thousands of applications still answers within half a second."""


def median(action: Callable[[], Any]) -> float:
    action()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def child() -> list[tuple[str, str, str, str]]:
    """The rows, measured in this process on FOLLOWUP_HOME."""
    from fastapi.testclient import TestClient

    from followup import bootstrap
    from followup.entrypoints.web.app import create_app
    from followup.services import reports

    deps = bootstrap.build(migrate=False)
    rows = []
    with TestClient(create_app(deps), base_url="http://127.0.0.1:8000") as client:
        for figure, path in PAGES.items():
            seconds = median(lambda path=path: client.get(path).raise_for_status())
            rows.append((figure, f"{seconds * 1000:.0f} ms", f"< {PAGE_TARGET * 1000:.0f} ms",
                         "ok" if seconds < PAGE_TARGET else "MISSED"))
    for figure, start, end, form in (("report: a week as CSV", "2026-11-19", "2026-11-25", "csv"),
                                     ("report: a month as CSV", "2026-11-01", "2026-11-30", "csv"),
                                     ("report: a week as PDF", "2026-11-19", "2026-11-25", "pdf")):
        def report(start: str = start, end: str = end, form: str = form) -> int:
            return reports.activity_file(deps, start, end, form, bootstrap.render_activity).rows

        seconds = median(report)
        rows.append((f"{figure} ({report():,} rows)", f"{seconds * 1000:.0f} ms", "", ""))
    return rows


def measure(home: Path) -> list[tuple[str, str, str, str]]:
    env = {**os.environ, "FOLLOWUP_HOME": str(home), "FOLLOWUP_NOW": NOW}
    env.pop("FOLLOWUP_DATABASE_URL", None)
    done = subprocess.run([str(PYTHON), __file__, str(home)], env=env, capture_output=True,
                          text=True, check=True, timeout=1800)
    return [tuple(row) for row in json.loads(done.stdout)]  # type: ignore[misc]


if __name__ == "__main__":
    os.environ["FOLLOWUP_HOME"] = sys.argv[1]
    os.environ.setdefault("FOLLOWUP_NOW", NOW)
    print(json.dumps(child()))
