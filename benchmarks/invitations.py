"""Calendar invitations (`make bench`, row 7): reading one, finding it in a message, refusing a
hostile file, and `followup interview import --yes` end to end.

Figures come from the invitations the tests use (tests/invitations/: Google Calendar,
Outlook/Exchange with a Windows zone, Teams); `measure` gives the rows run.py prints.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import time
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from followup.adapters.invitation import read
from followup.domain.errors import InvalidInput
from followup.domain.incoming import calendar_parts
from followup.domain.invitation import LARGEST

ROOT = Path(__file__).resolve().parent.parent
FILES = ROOT / "tests" / "invitations"
FOLLOWUP = ROOT / ".venv" / "bin" / "followup"
WORK = ROOT / "benchmarks" / ".work" / "invitations-home"
RUNS = 200
Row = tuple[str, str, str, str]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _ok(good: bool) -> str:
    return "ok" if good else "MISSED"


def _times(job: object, runs: int = RUNS) -> list[float]:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        job()  # type: ignore[operator]
        took.append(time.perf_counter() - start)
    return sorted(took)


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, int(len(values) * 0.95))]


def _message(calendar: bytes) -> bytes:
    """An Exchange-like invitation message: a large HTML body, then the calendar part."""
    message = MIMEMultipart("alternative")
    message["From"] = "Siobhán Ó Briain <siobhan.obriain@contoso.com>"
    message["Subject"] = "Interview – Data Analyst"
    message.attach(MIMEText("Please find the invitation attached.", "plain", "utf-8"))
    message.attach(MIMEText("<p>" + "Dear Ada, " * 10_000 + "</p>", "html", "utf-8"))
    message.attach(MIMEText(calendar.decode(), "calendar", "utf-8"))
    return message.as_bytes()


def measure(_home: Path | None) -> list[Row]:
    rows: list[Row] = []
    for name in ("google", "outlook", "teams"):
        data = (FILES / f"{name}.ics").read_bytes()
        read(data)  # icalendar imported and warm
        took = _times(lambda data=data: read(data))
        median, p95 = statistics.median(took), _p95(took)
        rows.append((f"read a {name} invitation (median / p95 of {RUNS})",
                     f"{_ms(median)} / {_ms(p95)}", "median < 10 ms", _ok(median < 0.010)))
    raw = _message((FILES / "outlook.ics").read_bytes())
    took = _times(lambda: calendar_parts(raw), 50)
    rows.append((f"find the invitation in a {len(raw) // 1024} KB message (median of 50)",
                 _ms(statistics.median(took)), "< 50 ms", _ok(statistics.median(took) < 0.05)))

    hostile = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:" + b"x\r\n " * (LARGEST // 4) \
        + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    hostile = hostile[:LARGEST]

    def refuse() -> None:
        with contextlib.suppress(InvalidInput):
            read(hostile)

    took = _times(refuse, 5)
    rows.append(("refuse a 1 MB folded title (worst of 5)", _ms(took[-1]), "< 1 s",
                 _ok(took[-1] < 1)))

    shutil.rmtree(WORK, ignore_errors=True)
    # As run.py's commands: bytecode cached, as in a user's installation.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FOLLOWUP_", "PYTHONDONTWRITEBYTECODE"))}
    env |= {"FOLLOWUP_HOME": str(WORK), "FOLLOWUP_NOW": "2026-12-04T09:00:00+00:00",
            "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": str(WORK.parent / "pycache")}
    subprocess.run([str(FOLLOWUP), "init", "--name", "Ada Candidate", "--email",
                    "ada@example.org", "--timezone", "Europe/Dublin"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    def run(*args: str) -> float:
        start = time.perf_counter()
        subprocess.run([str(FOLLOWUP), "interview", "import", *args], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        return time.perf_counter() - start

    run(str(FILES / "google.ics"))  # warm: bytecode written, the schema migrated
    first = run(str(FILES / "teams.ics"), "--yes")
    rows.append(("followup interview import --yes (Teams invitation, records it)", _ms(first),
                 "< 1 s", _ok(first < 1)))
    # A version already recorded changes nothing: the whole path but the writes.
    again = statistics.median(run(str(FILES / "teams.ics"), "--yes") for _ in range(5))
    rows.append(("followup interview import of a version on record (median of 5)",
                 _ms(again), "< 1 s", _ok(again < 1)))
    return rows
