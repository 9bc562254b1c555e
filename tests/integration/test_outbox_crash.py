"""Crash injection: worker processes killed with SIGKILL at random moments (before, during and
after the claim, in the middle of an SMTP transaction, before the outcome is recorded), then a
fresh pass once the lease is over, then the reconciliation. No message is delivered twice and
none is lost: each ends `sent`, or `unknown` (only when its worker had begun to hand it over)
and then found (or not) among what the server took, and an `unknown` one is never sent again
by itself."""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import random
import signal
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from followup.domain.errors import NotAllowed
from followup.entrypoints import worker
from followup.services import outbox as service
from followup.services.context import Deps
from followup.services.ports import Outgoing
from tests.conftest import Cli
from tests.dovecot import SENT, Dovecot
from tests.dovecot import dovecot as dovecot  # the session's server, as a fixture here
from tests.integration.test_outbox_workers import (
    enqueue,
    notes_for_interviews,
    outbox_rows,
    point_at,
    services,
)
from tests.smtpsink import Sink

FORK = multiprocessing.get_context("fork")
"""Workers are forked from this process (everything already imported), so that 50 runs of
several workers fit in a minute; each is still a process of its own, with its own database
connections and SMTP sessions, and SIGKILL ends it without any clean-up."""


def work(env: dict[str, str], name: str, batch: int,
         lease: timedelta = service.LEASE) -> None:
    """A worker process's life: `followup worker --once` on the home in `env`."""
    os.environ.update(env)
    from followup import bootstrap

    worker.run_once(bootstrap.build(migrate=False), name, batch, lease=lease)


def shifted(deps: Deps, by: timedelta) -> Deps:
    """The services with a clock `by` ahead of the real one."""
    return dataclasses.replace(deps, clock=lambda: datetime.now(UTC) + by)


AFTER_LEASE = service.LEASE + timedelta(minutes=1)


@dataclass
class Tally:
    """What the runs went through, so that a test whose kills all missed would say so."""

    rows: int = 0
    kills: int = 0
    mid_data: int = 0
    """Kills between the end of a message's data and the server's reply."""
    sent_before_kill: int = 0
    sent_after: int = 0
    unknown_delivered: int = 0
    unknown_not_delivered: int = 0
    unknown_never_handed: int = 0
    """Rows `unknown` whose worker died before it began to hand them over (should be none:
    those go back to the queue)."""
    requeued: int = 0
    left_scheduled: int = 0
    phases: Counter[str] = field(default_factory=Counter)


def lifetime(cli: Cli, deps: Deps, sink: Sink, workers: int) -> float:
    """Seconds `workers` worker processes take, unharmed, over 20 messages on this machine as
    loaded as it is now: the kills of the runs fall over that span (every phase, whatever the
    load)."""
    ids = enqueue(deps, 20, datetime.now(UTC), tag="calibration.")
    processes = [FORK.Process(target=work, args=(cli.env, f"calibration.{k}", 10))
                 for k in range(workers)]
    start = time.monotonic()
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    took = time.monotonic() - start
    assert [sink.accepted()[m] for m in ids] == [1] * len(ids)
    return took


def crash_run(cli: Cli, deps: Deps, sink: Sink, rng: random.Random, workers: int,
              tally: Tally, run: int, window: float) -> None:
    """One run: a batch of messages, `workers` worker processes each killed at a random
    moment within `window` seconds of their start, a pass after the lease, and the checks."""
    ids = set(enqueue(deps, rng.randint(10, 30), datetime.now(UTC), tag=f"r{run}."))
    names = [f"run{run}.w{k}" for k in range(workers)]
    processes = [FORK.Process(target=work, args=(cli.env, name, rng.choice((3, 5, 10, 30))))
                 for name in names]
    delays = [rng.uniform(0.0, window) for _ in processes]
    start = time.monotonic()
    for process in processes:
        process.start()
    killed: dict[str, float] = {}
    for delay, name, process in sorted(zip(delays, names, processes, strict=True)):
        time.sleep(max(0.0, start + delay - time.monotonic()))
        if process.is_alive():
            os.kill(process.pid or 0, signal.SIGKILL)
            killed[name] = time.time()
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode in (0, -signal.SIGKILL), process.exitcode
    tally.kills += len(killed)

    at_kill = {r.message_id: r for r in outbox_rows(deps) if r.message_id in ids}
    states = Counter(r.state for r in at_kill.values())
    tally.sent_before_kill += states["sent"]
    tally.left_scheduled += states["scheduled"]
    tally.phases[" + ".join(sorted(states))] += 1
    entries = [e for e in sink.entries() if e.message_id in ids]
    begun = {e.message_id: e.at for e in entries if e.mark == "B"}
    took = {e.message_id: e.at for e in entries if e.mark == "A"}
    tally.mid_data += sum(1 for m, r in at_kill.items() if r.claimed_by in killed
                          and begun.get(m, 1e18) <= killed[r.claimed_by] < took.get(m, 1e18))

    recovery = worker.run_once(shifted(deps, AFTER_LEASE), "recovery", 50)
    tally.requeued += recovery["requeued"]
    after = {r.message_id: r for r in outbox_rows(deps) if r.message_id in ids}
    sink.settle()
    accepted = sink.accepted()
    check(ids, after, accepted, f"run {run}: {recovery}")
    tally.rows += len(ids)
    tally.sent_after += sum(1 for r in after.values() if r.state == "sent")
    unknown = [m for m, r in after.items() if r.state == "unknown"]
    tally.unknown_delivered += sum(1 for m in unknown if accepted[m] == 1)
    tally.unknown_not_delivered += sum(1 for m in unknown if accepted[m] == 0)
    tally.unknown_never_handed += sum(1 for m in unknown if after[m].handed_at is None)

    # Much later, more passes: an `unknown` message is never sent again by itself.
    passes = [worker.run_once(shifted(deps, timedelta(days=days)), "later", 50)
              for days in (1, 3)]
    sink.settle()
    extra = sink.accepted() - accepted
    assert not extra, f"run {run}: a later pass ({passes}) sent again: " + repr(
        [(r.message_id, r.state, r.attempts, r.claimed_by, r.error) for r in outbox_rows(deps)
         if r.message_id in extra])
    assert {m: r.state for m, r in after.items()} == {
        r.message_id: r.state for r in outbox_rows(deps) if r.message_id in ids}


def check(ids: set[str], rows: dict[str, Outgoing], accepted: Counter[str], where: str) -> None:
    """None twice, none lost: `sent` means taken once; `unknown` means taken once or not at
    all (the reconciliation tells which); nothing else is left."""
    assert set(rows) == ids, where
    twice = {m: n for m, n in accepted.items() if m in ids and n > 1}
    assert not twice, f"{where}: delivered more than once: {twice}"
    states = {m: r.state for m, r in rows.items()}
    assert set(states.values()) <= {"sent", "unknown"}, f"{where}: {Counter(states.values())}"
    lost = [m for m, s in states.items() if s == "sent" and accepted[m] != 1]
    assert not lost, f"{where}: marked sent but never taken by the server: {lost}"


@pytest.fixture
def slow_sink(tmp_path: Path) -> Iterator[Sink]:
    """A sink that waits 5 to 20 ms between a message's data and its reply."""
    with Sink(tmp_path / "accepted.log", delay_ms=(5, 20), seed=7) as server:
        yield server


def tally_says(tally: Tally) -> str:
    return (f"{tally.rows} messages, {tally.kills} kills ({tally.mid_data} mid-data); "
            f"{tally.sent_before_kill} sent before the kills, {tally.sent_after} sent in all, "
            f"{tally.unknown_delivered} unknown but delivered, {tally.unknown_not_delivered} "
            f"unknown and never delivered ({tally.unknown_never_handed} never handed over), "
            f"{tally.requeued} back to the queue, {tally.left_scheduled} left scheduled for the "
            f"next pass; states right after the kills: {dict(tally.phases)}")


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_three_workers_killed_at_random_fifty_times_never_send_twice_nor_lose_a_message(
        user: Cli, slow_sink: Sink, monkeypatch: pytest.MonkeyPatch) -> None:
    deps = services(user, monkeypatch)
    point_at(user, slow_sink.port)
    rng, tally = random.Random(20261125), Tally()
    window = 1.3 * lifetime(user, deps, slow_sink, 3)

    for run in range(50):
        crash_run(user, deps, slow_sink, rng, 3, tally, run, window)

    print(f"kills within {window:.2f} s of the start; " + tally_says(tally))
    # The kills landed in every phase (or the test would prove little).
    assert tally.mid_data >= 3, tally_says(tally)
    # Only messages cut off while being handed over are `unknown`; the others went again.
    assert tally.unknown_delivered >= 3 and tally.requeued >= 3, tally_says(tally)
    assert tally.unknown_never_handed == 0, tally_says(tally)
    assert tally.sent_before_kill >= 1 and tally.left_scheduled >= 1, tally_says(tally)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_two_workers_killed_at_random_on_sqlite_never_send_twice_nor_lose_a_message(
        user: Cli, slow_sink: Sink, monkeypatch: pytest.MonkeyPatch) -> None:
    deps = services(user, monkeypatch)
    point_at(user, slow_sink.port)
    rng, tally = random.Random(7), Tally()
    window = 1.3 * lifetime(user, deps, slow_sink, 2)

    for run in range(12):
        crash_run(user, deps, slow_sink, rng, 2, tally, run, window)

    print(f"kills within {window:.2f} s of the start; " + tally_says(tally))
    assert tally.unknown_delivered + tally.unknown_not_delivered + tally.requeued >= 1, \
        tally_says(tally)
    assert tally.unknown_never_handed == 0, tally_says(tally)


def test_a_message_cut_off_mid_transaction_is_reconciled_through_the_sent_folder(
        user: Cli, dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    login, secret = dovecot.add_user()
    monkeypatch.setenv("SSL_CERT_FILE", dovecot.ca_file)
    user.env.update({"FOLLOWUP_IMAP_PASSWORD": secret, "FOLLOWUP_NO_KEYRING": "1",
                     "SSL_CERT_FILE": dovecot.ca_file})
    for key, value in (("imap.host", "127.0.0.1"), ("imap.port", str(dovecot.port)),
                       ("imap.security", "starttls"), ("imap.username", login)):
        assert user("config", "set", key, value).exit_code == 0
    deps = services(user, monkeypatch)
    with Sink(tmp_path / "accepted.log", delay_ms=(400, 400)) as sink:
        point_at(user, sink.port)
        actions = notes_for_interviews(user, deps, 2)
        rows = {r.action_id: r for r in outbox_rows(deps)}

        process = FORK.Process(target=work, args=(user.env, "doomed", 10))
        process.start()
        deadline = time.monotonic() + 20
        while not sink.entries() and time.monotonic() < deadline:
            time.sleep(0.002)
        os.kill(process.pid or 0, signal.SIGKILL)  # its first message's data is at the server
        process.join()
        while not sink.accepted() and time.monotonic() < deadline:
            time.sleep(0.01)  # the server takes it all the same
        time.sleep(0.2)
        accepted = sink.accepted()
        assert len(accepted) == 1 and process.exitcode == -signal.SIGKILL
        (cut,) = [r for r in rows.values() if r.message_id in accepted]
        # The provider files what it sent in the Sent folder (as most do).
        dovecot.append(login, SENT, cut.message)

        later = (datetime.now(UTC) + AFTER_LEASE).isoformat()
        passed = worker.run_once(shifted(deps, AFTER_LEASE), "recovery", 10)
        reconciled = user.json("mail", "reconcile", FOLLOWUP_NOW=later)
        again = [worker.run_once(shifted(deps, timedelta(days=d)), "later", 10) for d in (1, 2)]
        states = {r.action_id: r.state for r in outbox_rows(deps)}
        steps = {a: str(uow_status) for a, uow_status in statuses(deps, actions).items()}

        # The message cut off mid-data may have arrived: `unknown`, then found in Sent. The
        # three the worker had not begun to hand over went back to the queue and out, once.
        others = [r for r in rows.values() if r is not cut]
        assert (passed["expired"], passed["requeued"], passed["sent"]) == (1, 3, 3), passed
        assert [r["id"] for r in reconciled["sent"]] == [cut.id], reconciled
        assert reconciled["unknown"] == []
        assert all(a["claimed"] == 0 for a in again)
        assert states == {a: "sent" for a in actions}
        assert steps == {a: "done" for a in actions}
        assert sink.accepted() == Counter({r.message_id: 1 for r in [cut, *others]})


def statuses(deps: Deps, actions: list[int]) -> dict[int, object]:
    with deps.uow() as uow:
        return {a: uow.repo.action(a).status for a in actions}


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_slow_worker_does_not_send_a_message_after_its_lease_ran_out(
        user: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that is alive but slow (a server taking a second per message) must not
    go on sending rows that another worker has meanwhile declared `unknown`: the user may
    have resent one of them, and it would then arrive twice."""
    deps = services(user, monkeypatch)
    lease = timedelta(seconds=1)
    with Sink(tmp_path / "accepted.log", delay_ms=(1000, 1000)) as sink:
        point_at(user, sink.port)
        first, _second, third = enqueue(deps, 3, datetime.now(UTC))
        slow = FORK.Process(target=work, args=(user.env, "slow", 10, lease))
        slow.start()
        deadline = time.monotonic() + 20
        while not sink.entries() and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(1.3)  # the slow worker is on its second message; its lease has run out
        expired = service.deliver_due(deps, "other", 10, lease=lease)
        rows = {r.message_id: r for r in outbox_rows(deps)}
        # The user, told the third message's fate is unknown, sends it again.
        with contextlib.suppress(NotAllowed):  # (unless the row was never taken back)
            service.resend(deps, rows[third].id or 0)
        again = service.deliver_due(deps, "other", 10, lease=lease)
        slow.join(timeout=30)
        time.sleep(0.2)
        accepted = sink.accepted()

    assert accepted[first] == 1, (expired, again)
    assert accepted[third] <= 1, f"the third message was delivered {accepted[third]} times"
    assert max(accepted.values()) == 1, accepted


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_slow_worker_does_not_start_a_message_its_lease_may_end_during(
        user: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same, at the edge: a message handed over while the lease runs out. The worker
    asks whether the row is still its own (yes: 1.5 s into a 2 s lease), then spends 1.5 s
    on it; meanwhile the lease ends, the row is declared unknown and the user resends it."""
    deps = services(user, monkeypatch)
    lease = timedelta(seconds=2)
    with Sink(tmp_path / "accepted.log", delay_ms=(1500, 1500)) as sink:
        point_at(user, sink.port)
        first, second, _third = enqueue(deps, 3, datetime.now(UTC))
        slow = FORK.Process(target=work, args=(user.env, "slow", 10, lease))
        slow.start()
        deadline = time.monotonic() + 20
        while not sink.entries() and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(2.3)  # the second message is being handed over; the lease has run out
        expired = service.deliver_due(deps, "other", 10, lease=lease)
        rows = {r.message_id: r for r in outbox_rows(deps)}
        with contextlib.suppress(NotAllowed):  # the user sends it again
            service.resend(deps, rows[second].id or 0)
        again = service.deliver_due(deps, "other", 10, lease=lease)
        slow.join(timeout=30)
        time.sleep(0.2)
        accepted = sink.accepted()

    assert accepted[first] == 1, (expired, again)
    assert accepted[second] <= 1, f"the second message was delivered {accepted[second]} times"
    assert max(accepted.values()) == 1, accepted


def test_a_slow_worker_whose_rows_nobody_took_back_sends_them_all(
        user: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past a quarter of its lease a worker asks the database whether each row is still its
    own: the answer must be yes when nobody took it back (SQLite and PostgreSQL alike)."""
    deps = services(user, monkeypatch)
    lease = timedelta(seconds=4)
    with Sink(tmp_path / "accepted.log", delay_ms=(600, 600)) as sink:
        point_at(user, sink.port)
        ids = enqueue(deps, 3, datetime.now(UTC))
        slow = FORK.Process(target=work, args=(user.env, "slow", 10, lease))
        slow.start()
        slow.join(timeout=30)
        accepted = sink.accepted()

    assert slow.exitcode == 0
    assert accepted == Counter(dict.fromkeys(ids, 1))
    assert {r.message_id: r.state for r in outbox_rows(deps)} == dict.fromkeys(ids, "sent")
