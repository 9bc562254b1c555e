"""Benchmark 12: the card set of render.py read by each OCR engine, as `followup contact scan`
reads it (the photo opened, the card found and straightened, QR code, OCR, fields parsed).
Per field, the share of cards read exactly (the phone after normalisation to E.164); the time
per card with the engine's models already loaded (median, p95).

    .venv/bin/python benchmarks/cards/bench.py [ENGINE...]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE.parent / ".work" / "cards"
ENGINES = ("both", "rapidocr", "tesseract")
CHOSEN = "both"
FIELDS = ("email", "name", "phone", "title", "organisation")
TARGETS = {"email": 0.95, "name": 0.90, "phone": 0.90}
SECONDS = 2.0
REGION = "IE"

Row = tuple[str, str, str, str]


def card_set() -> list[dict[str, str]]:
    """The rendered cards (made once, then kept in benchmarks/.work/cards)."""
    sys.path.insert(0, str(HERE))
    import render

    truth = WORK / "truth.json"
    source = (HERE / "render.py").stat().st_mtime
    if not truth.exists() or truth.stat().st_mtime < source:
        render.write(WORK)
    return list(json.loads(truth.read_text(encoding="utf-8")))


def read_all(engine: str, truths: list[dict[str, str]]
             ) -> tuple[dict[str, float], list[float], list[float], list[str]]:
    """Each field's exact-match rate, each card's wall and CPU time, and what was misread."""
    from followup.adapters.cards import CardScanner
    from followup.services.card_photos import card_fields

    scanner = CardScanner(choice=engine)
    photos = [(WORK / t["file"]).read_bytes() for t in truths]
    scanner.read(photos[0])  # load the models first
    right = dict.fromkeys(FIELDS, 0)
    times, cpu, misses = [], [], []
    for truth, photo in zip(truths, photos, strict=True):
        start, used = time.perf_counter(), _cpu()
        found = card_fields(scanner.read(photo), REGION)
        times.append(time.perf_counter() - start)
        cpu.append(_cpu() - used)
        got = {"name": found.name.value if found.name else None,
               "title": found.title.value if found.title else None,
               "organisation": found.organisation.value if found.organisation else None,
               "email": found.emails[0].value if found.emails else None,
               "phone": found.phones[0].value if found.phones else None}
        for field in FIELDS:
            if got[field] == truth[field]:
                right[field] += 1
            else:
                misses.append(f"{truth['file']} {field}: {got[field]!r} for {truth[field]!r}")
    return {f: right[f] / len(truths) for f in FIELDS}, times, cpu, misses


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (Tesseract's)."""
    spent = os.times()
    return spent.user + spent.system + spent.children_user + spent.children_system


def measure(home: Path | None = None, engines: tuple[str, ...] = ENGINES) -> list[Row]:
    """Benchmark 12's rows (figure, measured, target, result)."""
    from followup.adapters.cards.engines import RapidOcr, Tesseract

    truths = card_set()
    rows: list[Row] = [("cards rendered (fonts, layouts, accented and Chinese names)",
                        str(len(truths)), ">= 40", "ok" if len(truths) >= 40 else "MISSED"),
                       ("machine load at start (1-minute average)",
                        f"{os.getloadavg()[0]:.2f}", "", "")]
    installed = {"both": RapidOcr.available() and Tesseract.available(),
                 "rapidocr": RapidOcr.available(), "tesseract": Tesseract.available()}
    for engine in engines:
        label = engine + (" (chosen)" if engine == CHOSEN else "")
        if not installed[engine]:
            rows.append((f"{label}", "not installed", "", "skipped"))
            continue
        rates, times, cpu, misses = read_all(engine, truths)
        for field in FIELDS:
            target = TARGETS.get(field)
            rows.append((f"{label}: {field} exact", f"{rates[field]:.0%}",
                         f">= {target:.0%}" if target else "",
                         ("ok" if rates[field] >= target else "MISSED") if target else ""))
        median = statistics.median(times)
        p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
        rows.append((f"{label}: time per card, median", f"{median:.2f} s", f"<= {SECONDS} s",
                     "ok" if median <= SECONDS else "MISSED"))
        rows.append((f"{label}: time per card, p95", f"{p95:.2f} s", f"<= {SECONDS} s",
                     "ok" if p95 <= SECONDS else "MISSED"))
        rows.append((f"{label}: CPU time per card, median (all threads and processes)",
                     f"{statistics.median(cpu):.2f} s", "", ""))
        (WORK / f"misses-{engine}.txt").write_text("\n".join(misses) + "\n", encoding="utf-8")
    return rows


if __name__ == "__main__":
    for row in measure(None, tuple(sys.argv[1:]) or ENGINES):
        print("  ".join(row))
