"""Mail benchmark: 4 `followup worker` processes on PostgreSQL against a local SMTP sink.

(a) 10,000 messages due at once drain at >= 500 messages/s; (b) 10,000 messages falling due
evenly over 60 s are each accepted within 2 s of falling due (p99). The sink (aiosmtpd in its
own process, tests/smtpsink.py) logs the moment it accepts each Message-ID; its own ceiling is
measured first, so that a slow figure is not the sink's. Run alone: `python benchmarks/mail.py`;
`python benchmarks/mail.py --profile` shows where one worker's time goes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import smtplib
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # tests.smtpsink
    sys.path.insert(0, str(ROOT))

from tests.smtpsink import Sink  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
FOLLOWUP = ROOT / ".venv" / "bin" / "followup"
PG_URL = os.environ.get("FOLLOWUP_BENCH_DATABASE_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
WORKERS = 4
MESSAGES = 10_000
SPREAD = 60.0
"""Seconds over which the messages of (b) fall due."""
DRAIN_TARGET = 500.0
LATENCY_TARGET = 2.0
CEILING_MESSAGES = 6_000
DEMO = 4_000
"""Demo applications whose planned email steps get notes in (a′) (about 600 steps)."""
Row = tuple[str, str, str, str]


def say(text: str) -> None:
    print(text, flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


@contextmanager
def schema() -> Iterator[str]:
    """A fresh PostgreSQL schema for the benchmark, dropped after; its database URL."""
    import psycopg

    plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    connection = psycopg.connect(plain, autocommit=True, connect_timeout=5)
    name = f"followup_bench_{uuid.uuid4().hex[:10]}"
    connection.execute(f"CREATE SCHEMA {name}")
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{name}"
    finally:
        connection.execute(f"DROP SCHEMA {name} CASCADE")
        connection.close()


def environment(home: Path, url: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items()
            if not k.startswith(("FOLLOWUP_", "PYTHONDONTWRITEBYTECODE"))}
    return kept | {"FOLLOWUP_HOME": str(home), "FOLLOWUP_DATABASE_URL": url, "NO_COLOR": "1",
                   "PYTHONUNBUFFERED": "1",
                   "PYTHONPYCACHEPREFIX": str(ROOT / "benchmarks" / ".work" / "pycache")}


def followup(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(FOLLOWUP), *args], env=env, check=True, stdout=subprocess.DEVNULL)


# -- the sink's ceiling: smtplib clients in processes of their own, one session each ---------

TEMPLATE = ("From: Siobhan <siobhan@example.com>\r\nTo: Jose <jose@acme.example>\r\n"
            "Subject: Thank you\r\nMessage-ID: <ceiling.{n}@followup.test>\r\n\r\n"
            + "Thank you for your time today. I enjoyed our conversation.\r\n" * 30)


def _blast(port: int, first: int, count: int) -> None:
    session = smtplib.SMTP("127.0.0.1", port)
    session.ehlo()
    for n in range(first, first + count):
        session.sendmail("siobhan@example.com", ["jose@acme.example"],
                         TEMPLATE.format(n=n).encode())
    session.quit()


def ceiling(sink: Sink, clients: int = WORKERS, total: int = CEILING_MESSAGES) -> float:
    """Messages/s the sink takes from `clients` bare smtplib clients (no database at all)."""
    context = multiprocessing.get_context("fork")
    each = total // clients
    start = time.perf_counter()
    processes = [context.Process(target=_blast, args=(sink.port, k * each, each))
                 for k in range(clients)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return each * clients / (time.perf_counter() - start)


# -- the outbox: rows as the sending service writes them --------------------------------------

_DEPS: dict[str, Any] = {}


def services(url: str, home: Path) -> Any:
    """The benchmark's own services on the bench schema (one engine, disposed at the end)."""
    if url not in _DEPS:
        os.environ.update({"FOLLOWUP_HOME": str(home), "FOLLOWUP_DATABASE_URL": url})
        from followup import bootstrap

        _DEPS[url] = bootstrap.build()
    return _DEPS[url]


def dispose(url: str) -> None:
    deps = _DEPS.pop(url, None)
    if deps is not None:
        deps.uow().engine.dispose()


def enqueue(url: str, home: Path, due: list[datetime], tag: str,
            steps: list[tuple[int, str, str]] | None = None) -> list[str]:
    """Puts one message per due time in the outbox (one transaction, one INSERT of many rows,
    each message built by followup's message builder); their Message-IDs. With `steps`
    ((action id, contact name, address) each), each message is the note of that step."""
    from sqlalchemy import insert

    from followup.adapters.db import tables as t
    from followup.adapters.mail.message import build
    from followup.services.ports import Person

    deps = services(url, home)
    now = datetime.now(UTC)
    marker = "<MARKER@example.com>"
    body = ("Dear José,\n\nThank you for your time today. I enjoyed hearing about the data "
            "migration roadmap, and I would be glad to help with it.\n\nKind regards,\n"
            "Siobhán Ó Briain\n")
    composed = build(Person("Siobhán Ó Briain", "siobhan@example.com"),
                     [Person("José Núñez", "jose@acme.example")], "Thank you — José",
                     body, now, marker)
    with deps.uow() as uow:
        owner = uow.repo.user()
        assert owner is not None
    ids, rows = [], []
    for n, when in enumerate(due):
        message_id = f"<{tag}.{n}.{uuid.uuid4().hex[:8]}@example.com>"
        ids.append(message_id)
        action_id, text = None, composed.text.replace(marker, message_id)
        if steps:
            action_id, name, address = steps[n]
            text = build(Person("Siobhán Ó Briain", "siobhan@example.com"),
                         [Person(name, address)], "Thank you", body, now, message_id).text
        rows.append({"owner_id": owner.id, "action_id": action_id, "kind": "note",
                     "message_id": message_id, "sender": composed.sender,
                     "recipients": json.dumps(composed.recipients), "subject": composed.subject,
                     "message": text, "state": "scheduled",
                     "due_at": when, "attempts": 0, "created_at": now})
    with deps.uow() as uow:
        connection: Any = getattr(uow.outbox, "connection")  # noqa: B009 - SqlOutbox's
        connection.execute(insert(t.outbox), rows)
        uow.commit()
    return ids


class Workers:
    """`followup worker --id benchN` processes, running until stopped."""

    def __init__(self, env: dict[str, str], count: int = WORKERS) -> None:
        self.processes = [subprocess.Popen(
            [str(FOLLOWUP), "worker", "--id", f"bench{n}"], env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for n in range(count)]
        for process in self.processes:
            assert process.stdout is not None
            line = process.stdout.readline()
            if "delivering" not in line:
                raise RuntimeError(f"a worker did not start: {line}{process.stdout.read()}")

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()


def accepted_at(sink: Sink, ids: list[str], timeout: float) -> dict[str, float]:
    """Waits until the sink has taken every one of `ids`; when it took each."""
    wanted = set(ids)
    deadline = time.monotonic() + timeout
    while True:
        taken = {e.message_id: e.at for e in sink.entries()
                 if e.mark == "A" and e.message_id in wanted}
        if len(taken) == len(wanted) or time.monotonic() > deadline:
            return taken
        time.sleep(0.1)


def states(url: str) -> dict[str, int]:
    with services(url, Path()).uow() as uow:
        counts: dict[str, int] = uow.outbox.counts()
        return counts


def measure(home: Path | None = None) -> list[Row]:
    """The mail benchmark's rows (figure, measured, target, result)."""
    try:
        import psycopg

        psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"),
                        connect_timeout=5).close()
    except Exception as exc:
        return [("mail benchmark", f"PostgreSQL not available ({exc})", "", "skipped")]
    saved = {k: os.environ.get(k) for k in ("FOLLOWUP_HOME", "FOLLOWUP_DATABASE_URL")}
    work = Path(tempfile.mkdtemp(prefix="followup-mail-bench-"))
    try:
        with schema() as url:
            try:
                return _measure(work, url)
            finally:
                dispose(url)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(work, ignore_errors=True)


def _measure(work: Path, url: str) -> list[Row]:
    home = work / "home"
    env = environment(home, url)
    rows: list[Row] = [("machine load at start (1-minute average)",
                        f"{os.getloadavg()[0]:.2f}", "", "")]
    followup(env, "init", "--name", "Siobhán Ó Briain", "--email", "siobhan@example.com",
             "--timezone", "Europe/Dublin", "--country", "IE")
    with Sink(work / "sink.log", python=str(PYTHON)) as sink:
        for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(sink.port)),
                           ("smtp.security", "none")):
            followup(env, "config", "set", key, value)
        top = ceiling(sink)
        say(f"  SMTP sink alone: {top:,.0f} messages/s")
        rows.append((f"SMTP sink's own ceiling ({WORKERS} bare smtplib clients)",
                     f"{top:,.0f} msg/s", "", ""))
        built = time.perf_counter()
        followup(env, "demo", "--size", str(DEMO))
        say(f"  followup demo --size {DEMO:,}: {time.perf_counter() - built:.1f} s")
        workers = Workers(env)
        try:
            rows += _drain(sink, url, home)
            rows += _steps(sink, url, home)
            rows += _spread(sink, url, home)
        finally:
            workers.stop()
    return rows


def _drain(sink: Sink, url: str, home: Path) -> list[Row]:
    """(a): all due at once; the rate from the commit to the last acceptance."""
    built = time.perf_counter()
    ids = enqueue(url, home, [datetime.now(UTC)] * MESSAGES, "drain")
    committed = time.time()
    say(f"  (a) {MESSAGES:,} messages enqueued in {time.perf_counter() - built:.1f} s")
    taken = accepted_at(sink, ids, timeout=120)
    last = max(taken.values()) if taken else committed
    rate = len(taken) / (last - committed) if taken else 0.0
    settled = time.time()
    while states(url).get("sending") and time.time() - settled < 30:
        time.sleep(0.1)
    counts = states(url)
    say(f"  (a) {len(taken):,} taken in {last - committed:.2f} s: {rate:,.0f}/s; rows {counts}")
    return [
        (f"(a) {MESSAGES:,} due at once: drained, messages/s ({WORKERS} workers)",
         f"{rate:,.0f}", f"≥ {DRAIN_TARGET:.0f}",
         "ok" if rate >= DRAIN_TARGET and len(taken) == MESSAGES else "MISSED"),
        ("(a) time to drain, first commit to last acceptance", f"{last - committed:.2f} s",
         "", ""),
        ("(a) outbox after the drain", ", ".join(f"{n:,} {s}" for s, n in
                                                 sorted(counts.items())), "", ""),
    ]


def planned_notes(url: str) -> list[tuple[int, str, str]]:
    """The demo's planned email steps to a contact with an address."""
    from sqlalchemy import select

    from followup.adapters.db import tables as t

    a, c = t.actions, t.contacts
    with services(url, Path()).uow() as uow:
        connection: Any = getattr(uow.outbox, "connection")  # noqa: B009 - SqlOutbox's
        found = connection.execute(
            select(a.c.id, c.c.name, c.c.email).select_from(a.join(c, a.c.contact_id == c.c.id))
            .where(a.c.status == "planned", a.c.channel == "email", c.c.email.is_not(None))
            .order_by(a.c.id))
        return [(int(i), str(n), str(e)) for i, n, e in found]


def _steps(sink: Sink, url: str, home: Path) -> list[Row]:
    """(a′): notes of real steps, due at once: each sent one completes its step and re-plans
    its application in the worker's transaction."""
    steps = planned_notes(url)
    ids = enqueue(url, home, [datetime.now(UTC)] * len(steps), "steps", steps)
    committed = time.time()
    taken = accepted_at(sink, ids, timeout=120)
    last = max(taken.values()) if taken else committed
    rate = len(taken) / (last - committed) if taken else 0.0
    settled = time.time()
    while states(url).get("sending") and time.time() - settled < 30:
        time.sleep(0.1)
    done_at = time.time()
    counts = states(url)
    say(f"  (a′) {len(taken):,} step notes taken in {last - committed:.2f} s: {rate:,.0f}/s; "
        f"all recorded after {done_at - committed:.2f} s; rows {counts}")
    return [
        (f"(a′) {len(steps):,} notes of planned steps due at once (each completes its step "
         "and re-plans)", f"{rate:,.0f} msg/s", f"≥ {DRAIN_TARGET:.0f}",
         "ok" if rate >= DRAIN_TARGET and len(taken) == len(steps) else "MISSED"),
        ("(a′) outbox after (with (a)'s rows)", ", ".join(
            f"{n:,} {s}" for s, n in sorted(counts.items())), "", ""),
    ]


def _spread(sink: Sink, url: str, home: Path) -> list[Row]:
    """(b): due evenly over SPREAD seconds; each acceptance minus its due time."""
    start = datetime.now(UTC) + timedelta(seconds=4)  # the enqueue itself takes a moment
    due = [start + timedelta(seconds=SPREAD * n / MESSAGES) for n in range(MESSAGES)]
    ids = enqueue(url, home, due, "spread")
    say(f"  (b) {MESSAGES:,} messages falling due over {SPREAD:.0f} s from {start:%H:%M:%S}")
    taken = accepted_at(sink, ids, timeout=SPREAD + 60)
    lags = [taken[m] - d.timestamp() for m, d in zip(ids, due, strict=True) if m in taken]
    missing = MESSAGES - len(lags)
    p50, p99 = (percentile(lags, 50), percentile(lags, 99)) if lags else (0.0, 0.0)
    worst = max(lags) if lags else 0.0
    say(f"  (b) lag p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {worst * 1000:.0f} ms"
        f", mean {statistics.fmean(lags) * 1000 if lags else 0:.0f} ms, {missing} missing")
    early = sum(1 for lag in lags if lag < 0)
    return [
        (f"(b) {MESSAGES:,} due over {SPREAD:.0f} s: acceptance − due, p99",
         f"{p99:.3f} s", f"≤ {LATENCY_TARGET:.0f} s",
         "ok" if p99 <= LATENCY_TARGET and not missing and not early else "MISSED"),
        ("(b) acceptance − due, p50 / max", f"{p50:.3f} s / {worst:.3f} s", "", ""),
        ("(b) taken before falling due / never taken", f"{early} / {missing}", "0 / 0", ""),
    ]


def profile(size: int = 3_000, bare: int = 1_000) -> None:
    """Where a worker's time goes: one worker in this process, under cProfile, over the notes
    of the planned steps of `size` demo applications and `bare` messages without a step."""
    import cProfile
    import pstats

    from followup.entrypoints import worker

    work = Path(tempfile.mkdtemp(prefix="followup-mail-profile-"))
    try:
        with schema() as url, Sink(work / "sink.log", python=str(PYTHON)) as sink:
            home = work / "home"
            env = environment(home, url)
            followup(env, "demo", "--size", str(size))
            for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(sink.port)),
                               ("smtp.security", "none")):
                followup(env, "config", "set", key, value)
            steps = planned_notes_at(url, home)
            enqueue(url, home, [datetime.now(UTC)] * len(steps), "steps", steps)
            enqueue(url, home, [datetime.now(UTC)] * bare, "bare")
            profiler = cProfile.Profile()
            start = time.perf_counter()
            profiler.enable()
            counts = worker.run_once(services(url, home), "profile", 100)
            profiler.disable()
            say(f"{counts['sent']:,} sent ({len(steps):,} notes of steps, {bare:,} bare) in "
                f"{time.perf_counter() - start:.2f} s by one worker")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(
                r"followup/(services|adapters)", 30)
            dispose(url)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def planned_notes_at(url: str, home: Path) -> list[tuple[int, str, str]]:
    services(url, home)
    return planned_notes(url)


if __name__ == "__main__":
    if sys.argv[1:] == ["--profile"]:
        profile()
        sys.exit(0)
    for figure, value, target, result in measure():
        print(f"{figure:<62} {value:>16} {target:>8} {result}")
