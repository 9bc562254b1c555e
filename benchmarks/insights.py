"""The Insights benchmark: the /insights page and `followup stats` on the 10,000-application demo.

`measure(home)` builds the web app in this process on `home` (FOLLOWUP_NOW fixed) and times
each request from the ASGI call to the last byte of the answer (TestClient, no network): the
page over its default window (the 90 days up to today) and over a whole year, and the JSON
twin (wall time, and the CPU time of this process, which a loaded machine does not inflate);
then `followup stats` as a user runs it (a new process each time). Run alone:

    python benchmarks/insights.py HOME
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLLOWUP = ROOT / ".venv" / "bin" / "followup"
NOW = "2026-11-25T12:00:00+00:00"  # run.NOW: the clock of every benchmark
RUNS, WARMUP = 15, 2
CLI_RUNS = 5
TARGET_MS = 300.0  # the page, server-side (issue 13)
YEAR = "/insights?from=2025-11-26&to=2026-11-25"

Row = tuple[str, str, str, str]


def _median_ms(call: Callable[[], None], runs: int = RUNS, warmup: int = WARMUP
               ) -> tuple[float, float]:
    """The median wall and CPU (this process's) milliseconds of `call`."""
    for _ in range(warmup):
        call()
    wall, cpu = [], []
    for _ in range(runs):
        start, used = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def measure(home: Path) -> list[Row]:
    os.environ.update({"FOLLOWUP_HOME": str(home), "FOLLOWUP_NOW": NOW})
    from fastapi.testclient import TestClient

    from followup import bootstrap
    from followup.entrypoints.web.app import create_app

    rows: list[Row] = []
    with TestClient(create_app(bootstrap.build()), base_url="http://127.0.0.1:8000") as client:
        applications = client.get("/api/v1/stats", headers={"x-requested-with": "fetch"}
                                  ).json()["funnel"]["applications"]
        for figure, path, target in (
                (f"/insights, 90 days ({applications:,} applications)", "/insights", True),
                ("/insights, a whole year", YEAR, True),
                ("GET /api/v1/stats, 90 days", "/api/v1/stats", False)):
            def get(path: str = path) -> None:
                answer = client.get(path, headers={"x-requested-with": "fetch"})
                answer.raise_for_status()
            took, cpu = _median_ms(get)
            rows.append((figure + f", median of {RUNS}", f"{took:.0f} ms (CPU {cpu:.0f} ms)",
                         f"≤ {TARGET_MS:.0f} ms" if target else "",
                         ("ok" if took <= TARGET_MS else "MISSED") if target else ""))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def cli() -> None:
        subprocess.run([str(FOLLOWUP), "stats"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
    took, _ = _median_ms(cli, runs=CLI_RUNS, warmup=1)
    rows.append((f"followup stats (a new process), median of {CLI_RUNS}", f"{took:.0f} ms",
                 "", ""))
    return rows


if __name__ == "__main__":
    for row in measure(Path(sys.argv[1])):
        print("  ".join(row))
