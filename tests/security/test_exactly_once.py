"""A note goes out once, whatever the concurrency: senders racing as processes and as HTTP
requests, a worker whose short lease meets another's long send, resends racing each other; on
SQLite and PostgreSQL, counted at a real SMTP server by Message-ID and by recipient."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from followup import bootstrap
from followup.domain.errors import NotAllowed
from followup.entrypoints import worker
from followup.services import outbox as service
from followup.services import sending
from followup.services.actions import locked_action
from followup.services.context import Deps
from followup.services.ports import Outgoing
from followup.services.views import jsonable
from tests.conftest import Cli
from tests.integration.test_mail_send import NOW, configure, thank_yous
from tests.mailserver import (  # noqa: F401 - the servers' fixtures
    MailServer,
    free_port,
    plain_session_server,
    smtp_server_fixture,
)

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime.fromisoformat(NOW)
SENDERS = 5
RACER = """
import sys
from followup.entrypoints.cli import cli
import followup.entrypoints.cli.notes, followup.services.sending, followup.bootstrap
from followup.services.views import jsonable
print("ready", flush=True)
sys.stdin.readline()
cli(sys.argv[1:])
"""
"""A `followup` process that loads everything, says so, and runs its command on a go."""


@pytest.fixture
def deps(user: Cli, monkeypatch: pytest.MonkeyPatch) -> Iterator[Deps]:
    """The services on the CLI's home and database, at the suite's clock."""
    for name, value in {**user.env, "FOLLOWUP_NOW": NOW}.items():
        monkeypatch.setenv(name, value)
    yield bootstrap.build()


def at(deps: Deps, moment: datetime) -> Deps:
    return dataclasses.replace(deps, clock=lambda: moment)


def delivered(server: MailServer) -> tuple[Counter[str], Counter[str]]:
    """What the server took: how many times each Message-ID, and each recipient."""
    received = server.handler.messages()
    return (Counter(str(r.message["Message-ID"]) for r in received),
            Counter(address for r in received for address in r.recipients))


def race(user: Cli, *args: str) -> list[subprocess.CompletedProcess[str]]:
    """Runs `followup ARGS` in SENDERS processes let go at the same moment."""
    env = {**os.environ, **user.env, "FOLLOWUP_NOW": NOW, "NO_COLOR": "1"}
    processes = [subprocess.Popen([sys.executable, "-c", RACER, *args], cwd=ROOT, env=env,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
                 for _ in range(SENDERS)]
    for process in processes:
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    done = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def test_senders_racing_as_processes_deliver_one_message_and_the_others_are_told_why(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)

    results = race(user, "note", "send", str(action), "--force")
    after = worker.run_once(deps, "after", tasks=())

    codes = sorted(r.returncode for r in results)
    assert codes == [0] + [5] * (SENDERS - 1), [(r.returncode, r.stderr) for r in results]
    for loser in (r for r in results if r.returncode == 5):
        line = loser.stderr.strip()
        assert "already" in line and "\n" not in line and "unexpected" not in line, line
    assert after["sent"] == 0
    ids, recipients = delivered(smtp_server)
    assert len(ids) == 1 and set(ids.values()) == {1}
    assert recipients == Counter({"jose@acme.example": 1})


def test_drafts_racing_a_send_keep_one_note_and_never_fail(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action = str(thank_yous(user)[0]["id"])  # no note kept for it yet: every racer writes one
    configure(user, smtp_server)

    # Each writer deletes and inserts the step's note: two in step would break its unique key.
    drafts = race(user, "note", "draft", action)
    subjects = race(user, "note", "edit", action, "--subject", "Thank you")

    for result in drafts + subjects:
        assert result.returncode == 0, result.stderr
    assert user.json("note", "show", action)["subject"] == "Thank you"


@pytest.fixture
def live(deps: Deps) -> Iterator[str]:
    """The web app served by uvicorn on 127.0.0.1 (no worker: the test delivers)."""
    import uvicorn

    from followup.entrypoints.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(deps), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_senders_racing_as_http_requests_deliver_one_message_and_the_others_get_409(
        user: Cli, deps: Deps, smtp_server: MailServer, live: str) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    start = threading.Barrier(SENDERS)
    answers: list[httpx.Response] = []

    def post() -> None:
        with httpx.Client(base_url=live, timeout=60) as client:
            start.wait()
            answers.append(client.post(f"/api/v1/actions/{action}/note/send",
                                       json={"force": True}))

    threads = [threading.Thread(target=post) for _ in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    after = worker.run_once(deps, "after", tasks=())

    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] + [409] * (SENDERS - 1), [a.text for a in answers]
    for loser in (a for a in answers if a.status_code == 409):
        assert "already" in loser.json()["error"]["message"]
    assert after["sent"] == 0
    ids, recipients = delivered(smtp_server)
    assert len(ids) == 1 and set(ids.values()) == {1}
    assert recipients == Counter({"jose@acme.example": 1})


def claim(deps: Deps, name: str, when: datetime, lease: timedelta,
          handing: bool = False) -> list[Outgoing]:
    """Rows claimed by worker `name`; `handing`: it has begun to hand them to the server."""
    with deps.uow() as uow:
        claimed, _ = uow.outbox.claim(name, when, 10, lease=lease)
        for item in claimed if handing else ():
            assert uow.outbox.handed(item.id or 0, item.claim_token or "", when)
        uow.commit()
    return claimed


def test_a_worker_with_a_short_lease_leaves_alone_a_message_another_worker_still_sends(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    queued = jsonable(sending.send_note(at(deps, T0), action, force=True, deliver=False))
    claim(deps, "A", T0, timedelta(minutes=30), handing=True)

    soon = (T0 + timedelta(seconds=3)).isoformat()
    short = user("worker", "--once", "--lease", "2", FOLLOWUP_NOW=soon)
    during = jsonable(service.show(deps, queued["id"]))["state"]
    later = (T0 + timedelta(minutes=30, seconds=1)).isoformat()
    past = user("worker", "--once", "--lease", "2", FOLLOWUP_NOW=later)
    final = jsonable(service.show(deps, queued["id"]))

    assert short.exit_code == 0 and "expired" not in short.stdout
    assert during == "sending"
    assert past.exit_code == 0 and "1 expired" in past.stdout
    assert final["state"] == "unknown"
    assert smtp_server.handler.messages() == []


def test_a_worker_renews_only_the_messages_of_its_own_claim_not_those_of_its_namesake(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    queued = jsonable(sending.send_note(at(deps, T0), action, force=True, deliver=False))
    mine = claim(deps, "w", T0, timedelta(seconds=60), handing=True)
    with deps.uow() as uow:
        other = uow.outbox.renew([queued["id"]], "not the claim of this row",
                                 T0 + timedelta(minutes=10))
        own = uow.outbox.renew([queued["id"]], mine[0].claim_token or "",
                               T0 + timedelta(seconds=90))
        uow.commit()

    assert other == set() and own == {queued["id"]}
    assert service.deliver_due(at(deps, T0 + timedelta(seconds=80)), "w")["expired"] == 0
    assert service.deliver_due(at(deps, T0 + timedelta(seconds=91)), "w")["expired"] == 1


def test_a_resend_of_a_message_still_sending_is_refused_by_the_cli_the_api_and_the_page(
        user: Cli, deps: Deps, smtp_server: MailServer, live: str) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    queued = jsonable(sending.send_note(at(deps, T0), action, force=True, deliver=False))
    claim(deps, "A", T0, timedelta(minutes=10))

    refused = user("outbox", "resend", str(queued["id"]), FOLLOWUP_NOW=NOW)
    with httpx.Client(base_url=live, timeout=30) as client:
        api = client.post(f"/api/v1/outbox/{queued['id']}/resend",
                          headers={"x-requested-with": "test"})
        client.get("/static/app.css")  # the CSRF cookie
        page = client.post(f"/outbox/{queued['id']}/resend",
                           data={"csrftoken": client.cookies["csrftoken"]})

    assert refused.exit_code == 5 and "is sending" in refused.stderr
    assert api.status_code == 409 and "is sending" in api.json()["error"]["message"]
    assert page.status_code == 409 and "is sending" in page.text
    assert jsonable(service.show(deps, queued["id"]))["state"] == "sending"
    assert smtp_server.handler.messages() == []


def unknown_note(user: Cli, deps: Deps, smtp_server: MailServer) -> tuple[int, int]:
    """A note whose delivery is unknown: its action and outbox ids."""
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    queued = jsonable(sending.send_note(at(deps, T0), action, force=True, deliver=False))
    claim(deps, "A dead worker", T0, timedelta(seconds=10), handing=True)
    assert service.deliver_due(at(deps, T0 + timedelta(seconds=11)), "w")["expired"] == 1
    return action, queued["id"]


def test_a_second_resend_racing_the_first_is_refused_and_one_message_goes(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action, outbox_id = unknown_note(user, deps, smtp_server)
    later = at(deps, T0 + timedelta(minutes=1))
    outcome: list[object] = []

    def second() -> None:
        try:
            outcome.append(jsonable(service.resend(later, outbox_id)))
        except NotAllowed as exc:
            outcome.append(exc)

    with deps.uow() as uow:  # the first resend, caught in the middle of its transaction
        locked_action(uow.repo, action)
        assert uow.outbox.reschedule(outbox_id, T0 + timedelta(minutes=1))
        racer = threading.Thread(target=second)
        racer.start()
        racer.join(timeout=0.5)
        uow.commit()
    racer.join(timeout=30)
    sent = service.deliver_due(at(deps, T0 + timedelta(minutes=2)), "w")
    again = service.deliver_due(at(deps, T0 + timedelta(minutes=3)), "w")

    assert len(outcome) == 1 and isinstance(outcome[0], NotAllowed), outcome
    assert "is scheduled" in str(outcome[0])
    assert sent["sent"] == 1 and again["claimed"] == 0
    ids, recipients = delivered(smtp_server)
    assert len(ids) == 1 and recipients == Counter({"jose@acme.example": 1})


def test_a_second_active_message_for_one_step_is_refused_by_the_database_itself(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    _, outbox_id = unknown_note(user, deps, smtp_server)
    with deps.uow() as uow:
        first = uow.outbox.get(uow.repo.user().id or 0, outbox_id)  # type: ignore[union-attr]
    copy = dataclasses.replace(first, id=None, message_id="<copy@example.com>",
                               state="scheduled")

    with pytest.raises(NotAllowed, match="already"), deps.uow() as uow:
        uow.outbox.add(copy)
    with deps.uow() as uow:
        uow.outbox.finish(outbox_id, "failed", T0, "refused")
        assert uow.outbox.add(copy)
        uow.commit()
    with pytest.raises(NotAllowed, match="already scheduled"):
        jsonable(service.resend(deps, outbox_id))  # the failed one, while its copy is on its way


def test_a_slow_workers_failure_does_not_undo_the_claim_of_the_worker_resending_it(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    _, outbox_id = unknown_note(user, deps, smtp_server)  # its worker, slow, not dead
    with deps.uow() as uow:
        slow = uow.outbox.get(uow.repo.user().id or 0, outbox_id)  # type: ignore[union-attr]
    assert slow.claim_token is not None
    resend_at = T0 + timedelta(minutes=1)
    service.resend(at(deps, resend_at), outbox_id)
    claim(deps, "B", resend_at, timedelta(minutes=10))  # sending it again, as asked

    with deps.uow() as uow:  # the slow worker's attempt ends: the server said "try later"
        uow.outbox.retry(outbox_id, T0 + timedelta(hours=1), "451 busy",
                         claim=slow.claim_token)
        uow.outbox.finish(outbox_id, "failed", resend_at, "554 no", claim=slow.claim_token)
        uow.commit()
    during = jsonable(service.show(deps, outbox_id))["state"]
    with deps.uow() as uow:  # the resend went through
        uow.outbox.sent([outbox_id], resend_at)
        uow.commit()
    later = service.deliver_due(at(deps, T0 + timedelta(hours=2)), "w")

    assert during == "sending"
    assert jsonable(service.show(deps, outbox_id))["state"] == "sent" and later["claimed"] == 0
