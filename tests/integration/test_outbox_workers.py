"""Four `followup worker` processes on one PostgreSQL outbox deliver 2,000 due messages to a
real SMTP server (aiosmtpd in its own process), each exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from followup import bootstrap
from followup.services import sending
from followup.services.context import Deps
from followup.services.ports import Outgoing, Person
from followup.services.views import jsonable
from tests.conftest import Cli
from tests.smtpsink import Sink

ROOT = Path(__file__).resolve().parents[2]
BODY = ("Dear José,\n\nThank you for your time today. I enjoyed hearing about the data "
        "migration roadmap.\n\nKind regards,\nSiobhán Ó Briain\n")
SENDER = Person("Siobhán Ó Briain", "siobhan@example.com")


def services(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Deps:
    """The services on the CLI's home and database (real clock)."""
    for name, value in cli.env.items():
        monkeypatch.setenv(name, value)
    return bootstrap.build()


def point_at(cli: Cli, port: int) -> None:
    """The user's SMTP settings: the sink on 127.0.0.1, no TLS."""
    for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(port)),
                       ("smtp.security", "none")):
        result = cli("config", "set", key, value)
        assert result.exit_code == 0, result.output + result.stderr


def enqueue(deps: Deps, count: int, due: datetime, tag: str = "") -> list[str]:
    """`count` messages put in the outbox as the sending service writes them (built by the
    same message builder, one transaction); their Message-IDs."""
    now = datetime.now(UTC)
    ids = []
    assert deps.messages is not None
    with deps.uow() as uow:
        owner = uow.repo.user()
        assert owner is not None and owner.id is not None
        for n in range(count):
            message_id = deps.messages.new_message_id(SENDER.address)
            composed = deps.messages.build(
                SENDER, [Person("José Núñez", f"jose.{tag}{n}@acme.example")],
                f"Thank you — {tag}{n}", BODY, now, message_id)
            item = Outgoing(None, owner.id, None, "note", message_id, composed.sender,
                            composed.recipients, composed.subject, composed.text, due,
                            created_at=now)
            assert uow.outbox.add(item)
            ids.append(message_id)
        uow.commit()
    return ids


def notes_for_interviews(cli: Cli, deps: Deps, interviews: int) -> list[int]:
    """Thank-you notes of `interviews` interviews (two interviewers each) put in the outbox by
    `note send` (not delivered yet); their action ids."""
    now = datetime.now(UTC).replace(microsecond=0)
    held = (now - timedelta(days=1)).replace(hour=10, minute=0)
    actions = []
    for n in range(interviews):
        doc = cli.json("interview", "add", "--company", f"Acme {n}", "--position", "Analyst",
                       "--at", held.isoformat(),
                       "--interviewer", f"José Núñez <jose{n}@acme{n}.example>",
                       "--interviewer", f"王芳 <wang{n}@acme{n}.example>",
                       FOLLOWUP_NOW=now.isoformat())
        actions += [a["id"] for a in doc["actions"] if a["kind"] == "thank_you"]
    for action in actions:
        queued = jsonable(sending.send_note(deps, action, force=True, deliver=False))
        # Queued, and perhaps already taken by a worker started before (never failed).
        assert queued["state"] in ("scheduled", "sending", "sent"), queued
    return actions


def outbox_rows(deps: Deps) -> list[Outgoing]:
    with deps.uow() as uow:
        owner = uow.repo.user()
        assert owner is not None and owner.id is not None
        return uow.outbox.listing(owner.id, 1_000_000)


class Workers:
    """`followup worker --id NAME` processes (long-running), started and stopped together."""

    def __init__(self, cli: Cli, names: list[str], batch: int = 50) -> None:
        env = {**os.environ, **cli.env, "PYTHONUNBUFFERED": "1"}
        self.processes = [subprocess.Popen(
            [str(Path(sys.executable).parent / "followup"), "worker", "--id", name,
             "--batch", str(batch)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for name in names]
        for name, process in zip(names, self.processes, strict=True):
            assert process.stdout is not None
            line = process.stdout.readline()
            assert line.startswith(f"Worker {name} delivering"), line + process.stdout.read()

    def stop(self) -> list[str]:
        """Stops them (SIGTERM, as Ctrl-C would) and returns what each printed."""
        outputs = []
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                out, _ = process.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                out, _ = process.communicate()
            outputs.append(out)
        return outputs


def wait_until_settled(deps: Deps, timeout: float) -> dict[str, int]:
    """Polls the outbox until nothing is scheduled or sending; the rows by state."""
    deadline = time.monotonic() + timeout
    while True:
        with deps.uow() as uow:
            counts = uow.outbox.counts()
        if not counts.get("scheduled") and not counts.get("sending"):
            return counts
        if time.monotonic() > deadline:
            return counts
        time.sleep(0.2)


@pytest.fixture
def sink(tmp_path: Path) -> Iterator[Sink]:
    with Sink(tmp_path / "accepted.log") as server:
        yield server


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_four_worker_processes_deliver_two_thousand_due_messages_each_exactly_once(
        user: Cli, sink: Sink, monkeypatch: pytest.MonkeyPatch) -> None:
    deps = services(user, monkeypatch)
    point_at(user, sink.port)
    names = ["w1", "w2", "w3", "w4"]
    workers = Workers(user, names)
    try:
        # Notes of real steps, queued by `note send` (the workers may start on them at once),
        # then the rest due at once in one transaction, for all four to fight over.
        actions = notes_for_interviews(user, deps, 10)
        ids = enqueue(deps, 2000 - len(actions), datetime.now(UTC))
        counts = wait_until_settled(deps, timeout=150)
    finally:
        outputs = workers.stop()

    rows = outbox_rows(deps)
    accepted = sink.accepted()
    assert counts == {"sent": 2000}, (counts, outputs)
    assert len(rows) == 2000 and {r.state for r in rows} == {"sent"}
    assert set(ids) <= {r.message_id for r in rows}
    assert sum(accepted.values()) == 2000, [m for m, n in accepted.items() if n > 1][:10]
    assert set(accepted) == {r.message_id for r in rows}
    assert max(accepted.values()) == 1
    assert all(r.attempts == 1 for r in rows)
    # Every worker took a share: the claims really ran side by side.
    shares = {name: sum(r.claimed_by == name for r in rows) for name in names}
    assert all(shares.values()), shares
    with deps.uow() as uow:
        assert {str(uow.repo.action(a).status) for a in actions} == {"done"}
    assert all("Worker stopped." in out for out in outputs), outputs


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_four_workers_started_together_send_the_daily_digest_once(
        user: Cli, sink: Sink) -> None:
    point_at(user, sink.port)
    for key, value in (("digest.enabled", "yes"), ("digest.hour", "00:00")):
        assert user("config", "set", key, value).exit_code == 0
    user.json("interview", "add", "--company", "Acme", "--position", "Analyst",
              "--at", (datetime.now(UTC) - timedelta(days=1)).replace(
                  hour=10, minute=0, microsecond=0).isoformat(),
              "--interviewer", "José Núñez <jose@acme.example>")
    env = {**os.environ, **user.env}
    command = [str(Path(sys.executable).parent / "followup"), "worker", "--once"]

    rounds = []
    for _ in range(2):  # the second round finds today's digest already sent
        processes = [subprocess.Popen([*command, "--id", f"d{n}"], cwd=ROOT, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      text=True) for n in range(4)]
        rounds.append([p.communicate(timeout=120)[0] for p in processes])

    accepted = sink.accepted()
    assert len(accepted) == 1 and list(accepted.values()) == [1], (accepted, rounds)
    (digest,) = accepted
    assert digest.startswith("<digest.")
    assert sum("1 sent" in out for out in rounds[0]) == 1, rounds
    assert all("nothing due" in out for out in rounds[1]), rounds
