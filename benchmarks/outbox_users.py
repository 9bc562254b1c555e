"""The outbox of a hosted installation: 1,000 users, each with a note due at once, delivered by 4
`followup worker` processes on PostgreSQL to a local SMTP sink (aiosmtpd, accepting at once).

Each user has a profile, their SMTP settings (the sink) and one application planned by the
playbook, whose thank-you note (to the interviewer) sits in the outbox as the sending service
leaves it. The clock runs from the commit of the 1,000 rows to the moment the
database records the last step done: every message accepted by the sink, each step marked done
and its application re-planned in the worker's transaction. Exactly once is checked as well:
each Message-ID accepted once, every row `sent`, every step `done`. Run alone:

    python benchmarks/outbox_users.py            # the rows of the table
    python benchmarks/outbox_users.py --profile  # one worker in this process, under cProfile
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import mail
from mail import PYTHON, ROOT, Sink

USERS = 1_000
TARGET = 500.0
"""Messages/s, end to end (issue 10)."""
IDLE = 0.5
"""Seconds without CPU time in which a worker is taken to be waiting for work."""
Row = tuple[str, str, str, str]


def environment(home: Path, url: str) -> dict[str, str]:
    """mail.py's environment, running this checkout's code."""
    return mail.environment(home, url) | {"PYTHONPATH": str(ROOT / "src")}


def build(url: str, home: Path, port: int, users: int = USERS) -> list[tuple[int, int, str]]:
    """`users` users with the sink as their SMTP server and one application each, whose
    interview ended three hours ago, planned by the playbook (in memory, written at once as
    `followup demo` writes); the thank-you of each goes to the outbox (`release` commits it).
    (owner, the thank-you's action id, its Message-ID) of each note."""
    from sqlalchemy import select

    from followup.adapters.db import tables as t
    from followup.adapters.mail.message import build as compose
    from followup.domain.model import (
        Application,
        ApplicationState,
        Contact,
        Interview,
        Participant,
        User,
    )
    from followup.domain.playbook import plan
    from followup.services.context import holidays_around, policy_of
    from followup.services.ports import Person

    deps = mail.services(url, home)
    now = datetime.now(UTC)
    start = now - timedelta(hours=4)
    with deps.for_owners() as uow:
        repo = uow.repo
        for n in range(users):
            user = repo.add_user(User(None, f"Candidate {n}", f"candidate{n}@example.com",
                                      "Europe/Dublin", "IE"))
            for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(port)),
                               ("smtp.security", "none"), ("digest.enabled", "false")):
                repo.set_setting(key, value)
            if n == 0:
                policy, holidays = policy_of(repo), holidays_around(deps, user, now)
            state = ApplicationState(
                Application(1, f"Company {n}", "Data Analyst", created_at=start),
                [Interview(1, 1, start, start + timedelta(minutes=45), "Europe/Dublin",
                           participants=[Participant(1, "the data migration roadmap")])],
                [Contact(1, 1, "José Núñez", email=f"jose@company{n}.example")], [], [])
            result = plan(state, now, policy, holidays)
            state.actions = result.actions
            for number, action in enumerate(state.actions, 1):
                action.id = number
            repo.add_states([state])
        uow.commit()
    a, c = t.actions, t.contacts
    body = ("Dear José,\n\nThank you for your time today. I enjoyed hearing about the data "
            "migration roadmap, and I would be glad to help with it.\n\nKind regards,\n")
    notes = []
    with deps.for_owners() as uow:
        connection: Any = getattr(uow.outbox, "connection")  # noqa: B009 - SqlOutbox's
        steps = connection.execute(
            select(a.c.owner_id, a.c.id, c.c.name, c.c.email)
            .select_from(a.join(c, a.c.contact_id == c.c.id))
            .where(a.c.status == "planned", a.c.kind == "thank_you", a.c.channel == "email")
            .order_by(a.c.owner_id, a.c.id)).all()
    for owner, action_id, name, address in steps:
        message_id = f"<users.{owner}.{uuid.uuid4().hex[:8]}@example.com>"
        sender = Person(f"Candidate {owner}", f"candidate{owner}@example.com")
        composed = compose(sender, [Person(name, address)], "Thank you", body, now, message_id)
        notes.append((owner, action_id, message_id))
        queued.append({"owner_id": owner, "action_id": action_id, "kind": "note",
                       "message_id": message_id, "sender": composed.sender,
                       "recipients": json.dumps(composed.recipients),
                       "subject": composed.subject, "message": composed.text,
                       "state": "scheduled", "due_at": now, "attempts": 0, "created_at": now})
    if len({owner for owner, _, _ in notes}) != users:
        raise RuntimeError(f"{len(notes)} thank-yous planned for {users} users")
    return notes


queued: list[dict[str, Any]] = []
"""The outbox rows `build` made, committed by `release` (so that the clock starts there)."""


def release(url: str) -> float:
    """Commits the notes, all due now; the moment of the commit."""
    from sqlalchemy import insert

    from followup.adapters.db import tables as t

    with mail.services(url, Path()).for_owners() as uow:
        connection: Any = getattr(uow.outbox, "connection")  # noqa: B009 - SqlOutbox's
        connection.execute(insert(t.outbox), queued)
        uow.commit()
    queued.clear()
    return time.time()


def done_steps(url: str, action_ids: list[int]) -> int:
    from sqlalchemy import func, select

    from followup.adapters.db import tables as t

    with mail.services(url, Path()).for_owners() as uow:
        connection: Any = getattr(uow.outbox, "connection")  # noqa: B009 - SqlOutbox's
        return int(connection.execute(
            select(func.count()).where(t.actions.c.id.in_(action_ids),
                                       t.actions.c.status == "done")).scalar_one())


def _bare(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same users' messages again, under new Message-IDs and of no step."""
    return [{**row, "action_id": None,
             "message_id": row["message_id"].replace("<users.", "<bare."),
             "message": row["message"].replace("<users.", "<bare.")} for row in rows]


def states(url: str) -> dict[str, int]:
    """The outbox's rows by state (read acting for nobody, as a worker reads)."""
    with mail.services(url, Path()).for_owners() as uow:
        counts: dict[str, int] = uow.outbox.counts()
        return counts


def dispose(url: str) -> None:
    deps = mail._DEPS.pop(url, None)
    if deps is not None:
        deps.for_owners().engine.dispose()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(workers: mail.Workers, timeout: float = 120.0) -> float:
    """Waits until no worker uses the CPU (their first pass of periodic tasks, over every user,
    is over); how long that took."""
    start = time.monotonic()
    pids = [p.pid for p in workers.processes]
    before = sum(cpu_seconds(pid) for pid in pids)
    while time.monotonic() - start < timeout:
        time.sleep(IDLE)
        now = sum(cpu_seconds(pid) for pid in pids)
        if now - before < 0.02:
            return time.monotonic() - start - IDLE
        before = now
    raise RuntimeError(f"the workers were still busy after {timeout:.0f} s")


def measure(home: Path | None = None) -> list[Row]:
    """The rows (figure, measured, target, result)."""
    try:
        import psycopg

        psycopg.connect(mail.PG_URL.replace("postgresql+psycopg://", "postgresql://"),
                        connect_timeout=5).close()
    except Exception as exc:
        return [("outbox, many users", f"PostgreSQL not available ({exc})", "", "skipped")]
    saved = {k: os.environ.get(k) for k in ("FOLLOWUP_HOME", "FOLLOWUP_DATABASE_URL")}
    work = Path(tempfile.mkdtemp(prefix="followup-users-bench-"))
    try:
        with mail.schema() as url:
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
                        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", "", "")]
    with Sink(work / "sink.log", python=str(PYTHON)) as sink:
        started = time.perf_counter()
        notes = build(url, home, sink.port)
        bare = _bare(queued)
        built = time.perf_counter() - started
        mail.say(f"  {USERS:,} users, an interview and a note each: built in {built:.1f} s")
        workers = mail.Workers(env)
        try:
            idle = wait_idle(workers)
            mail.say(f"  {mail.WORKERS} workers ready ({idle:.1f} s of periodic tasks first)")
            committed = release(url)
            ids = [message_id for _, _, message_id in notes]
            taken = mail.accepted_at(sink, ids, timeout=180)
            accepted = max(taken.values()) if taken else committed
            steps = [action for _, action, _ in notes]
            deadline = time.time() + 60
            while (done := done_steps(url, steps)) < len(steps) and time.time() < deadline:
                time.sleep(0.02)
            recorded = time.time()
            queued.extend(bare)
            again = release(url)
            bare_taken = mail.accepted_at(sink, [r["message_id"] for r in bare], timeout=180)
            bare_rate = len(bare_taken) / (max(bare_taken.values()) - again)
        finally:
            workers.stop()
        counts = states(url)
        twice = sum(1 for n in sink.accepted().values() if n > 1)
    rate = len(taken) / (recorded - committed)
    sink_rate = len(taken) / (accepted - committed)
    complete = (len(taken) == USERS and done == USERS and counts == {"sent": 2 * USERS}
                and not twice and len(bare_taken) == USERS)
    mail.say(f"  {len(taken):,} accepted in {accepted - committed:.2f} s, {done:,} steps done "
             f"after {recorded - committed:.2f} s: {rate:,.0f}/s; rows {counts}")
    return [
        *rows,
        (f"build: {USERS:,} users, an interview and a note each", f"{built:.1f} s",
         "", ""),
        (f"first pass of the periodic tasks over {USERS:,} users (before the clock starts)",
         f"{idle:.1f} s", "", ""),
        (f"{USERS:,} users' notes due at once, {mail.WORKERS} workers: messages/s, commit to "
         "the last step done and re-planned", f"{rate:,.0f}", f"≥ {TARGET:.0f}",
         "ok" if rate >= TARGET and complete else "MISSED"),
        ("the same, commit to the sink's last acceptance", f"{sink_rate:,.0f}", "", ""),
        (f"{USERS:,} users' messages of no step (nothing to complete), messages/s",
         f"{bare_rate:,.0f}", "", ""),
        ("time, commit to the last step done", f"{recorded - committed:.2f} s", "", ""),
        ("exactly once: accepted / accepted twice / steps done / outbox rows",
         f"{len(taken):,} / {twice} / {done:,} / "
         + ", ".join(f"{n:,} {s}" for s, n in sorted(counts.items())),
         f"{USERS:,} / 0 / {USERS:,} / {2 * USERS:,} sent", "ok" if complete else "MISSED"),
    ]


def profile(users: int = USERS) -> None:
    """Where one worker's time goes over the 1,000 notes (in this process, under cProfile)."""
    import cProfile
    import pstats

    from followup.entrypoints import worker

    work = Path(tempfile.mkdtemp(prefix="followup-users-profile-"))
    try:
        with mail.schema() as url, Sink(work / "sink.log", python=str(PYTHON)) as sink:
            home = work / "home"
            build(url, home, sink.port, users)
            release(url)
            profiler = cProfile.Profile()
            start = time.perf_counter()
            profiler.enable()
            counts = worker.run_once(mail.services(url, home), "profile", 100, tasks=[])
            profiler.disable()
            mail.say(f"{counts['sent']:,} sent in {time.perf_counter() - start:.2f} s by one "
                     "worker")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(
                r"followup/(services|adapters|domain)", 40)
            dispose(url)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--profile"]:
        profile()
        sys.exit(0)
    for figure, value, target, result in measure():
        print(f"{figure:<100} {value:>24} {target:>10} {result}")
