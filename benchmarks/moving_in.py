"""Moving in from another tracker at size: a 10,000-job Huntr export and a 10,000-row
spreadsheet with interviews, previewed (a dry run) and imported into a home that already holds
the 10,000-application demo (a copy of it), in process, with the clock fixed.

Run from the repository root: `python benchmarks/moving_in.py [DEMO_HOME]`; `make bench` runs
it through `measure(home)`.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `tests` importable
    sys.path.insert(0, str(ROOT))

from tests.unit.test_moving_in import HUNTR_HEADER  # noqa: E402

NOW = "2026-11-25T12:00:00+00:00"
SIZE = 10_000
TARGET_S = 10.0
"""Importing 10,000 rows, checked, planned and written in one transaction."""
PREVIEW_TARGET_S = 5.0
"""A dry run of 10,000 rows: what the web page's preview costs."""
LISTS = ("Wishlist", "Applied", "Interview", "Offer", "Rejected")


def huntr_csv(size: int, seed: int = 1) -> bytes:
    """A Huntr export of `size` jobs, shaped as theirs (quoted commas, dashes, Z dates)."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 9)
    lines = [HUNTR_HEADER]
    for n in range(size):
        created = start + timedelta(hours=n * 7)
        moved = created + timedelta(days=rng.randint(1, 40))
        lines.append(
            f'{n:024x},{created:%Y-%m-%dT%H:%M:%S}.000Z,"Analyst, level {n % 5}",'
            f'"€{rng.randint(30, 90)},000",Dublin,https://jobs.example/{n},jobs.example,'
            f'"<p>Job {n}, with ""quotes""</p>",-,#1E88E5,{moved:%Y-%m-%dT%H:%M:%S}.000Z,'
            f"b1,Search,l{n % 5},{rng.choice(LISTS)},c{n},Company {n},,u1,Ann,Lee,"
            "ann@example.com")
    return ("\n".join(lines) + "\n").encode()


def sheet_csv(size: int, seed: int = 2) -> bytes:
    """A spreadsheet (semicolons, a BOM) of `size` applications, each with an interview in
    the year before the clock, a contact and notes."""
    rng = random.Random(seed)
    now = datetime.fromisoformat(NOW)
    lines = ["Firma;Stelle;Status;Gespräch;Kontakt;E-Mail;Notizen"]
    for n in range(size):
        at = now - timedelta(days=rng.randint(0, 365), hours=rng.randint(0, 8))
        lines.append(f"Café {n};Barista;{rng.choice(('Applied', 'Rejected', 'Interviewing'))};"
                     f"{at:%Y-%m-%d %H:%M};Siobhán Ó Briain;s{n}@cafe.example;\"Nett; gut\"")
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode()


MAP = {"company": "Firma", "position": "Stelle", "status": "Status",
       "interview_at": "Gespräch", "contact": "Kontakt", "contact_email": "E-Mail",
       "notes": "Notizen"}


def _home(demo: Path | None) -> Iterator[Path]:
    """A fresh home with a profile, or a copy of the demo home."""
    with tempfile.TemporaryDirectory(prefix="followup-moving-in-") as folder:
        home = Path(folder) / "home"
        if demo is not None:
            shutil.copytree(demo, home)
        yield home


def _timed(home: Path, data: bytes, source: str, dry_run: bool,
           mapping: dict[str, str] | None = None) -> tuple[float, int, int]:
    from followup import bootstrap
    from followup.services import moving_in, profile

    saved = dict(os.environ)
    os.environ.update(FOLLOWUP_HOME=str(home), FOLLOWUP_NOW=NOW)
    os.environ.pop("FOLLOWUP_DATABASE_URL", None)
    try:
        deps = bootstrap.build()
        with deps.reading() as uow:
            needs_profile = uow.repo.user() is None
        if needs_profile:
            profile.init(deps, "Siobhán Ó Briain", "s@example.com", "Europe/Dublin", "IE")
        started = time.perf_counter()
        result = moving_in.move_in(deps, data, source, mapping, dry_run=dry_run)
        return time.perf_counter() - started, result.applications, result.steps_skipped
    finally:
        os.environ.clear()
        os.environ.update(saved)


def measure(demo: Path | None) -> list[tuple[str, str, str, str]]:
    rows = []
    where = "the demo home (a copy)" if demo is not None else "a fresh home"
    for name, data, source, mapping in (("Huntr export", huntr_csv(SIZE), "huntr", None),
                                        ("spreadsheet", sheet_csv(SIZE), "csv", MAP)):
        for dry_run in (True, False):
            for home in _home(demo):
                took, made, skipped = _timed(home, data, source, dry_run, mapping)
            target = PREVIEW_TARGET_S if dry_run else TARGET_S
            what = "dry run of" if dry_run else "import of"
            rows.append((f"{what} a {SIZE:,}-row {name} ({len(data) / 2**20:.1f} MB) into "
                         f"{where}: {made:,} applications, {skipped:,} steps skipped",
                         f"{took:.2f} s", f"< {target:.0f} s",
                         "ok" if took < target else "MISSED"))
    return rows


if __name__ == "__main__":
    demo = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for figure, value, target, result in measure(demo):
        print(f"{figure}: {value} (target {target}) {result}")
