"""The outbox and its worker against a real SMTP server, on SQLite and PostgreSQL: retries,
permanent failures, unknown deliveries that are never resent by themselves, cancellation,
dead workers, and the daily digest."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta

import pytest

from followup import bootstrap
from followup.domain.errors import InvalidInput, NotAllowed
from followup.domain.model import Contact
from followup.domain.notes.facts import Note
from followup.services import actions, digest, sending
from followup.services import outbox as service
from followup.services.context import Deps
from followup.services.ports import Outgoing
from followup.services.views import jsonable
from tests.conftest import Cli
from tests.fakes import FakeMailer
from tests.integration.test_mail_send import NOW, configure, thank_yous
from tests.mailserver import (  # noqa: F401 - the servers' fixtures
    MailServer,
    free_port,
    plain_session_server,
    smtp_server_fixture,
    start,
)

T0 = datetime.fromisoformat(NOW)


@pytest.fixture
def deps(user: Cli, monkeypatch: pytest.MonkeyPatch) -> Iterator[Deps]:
    """The services on the CLI's home and database."""
    for name, value in user.env.items():
        monkeypatch.setenv(name, value)
    yield bootstrap.build()


def at(deps: Deps, moment: datetime) -> Deps:
    return dataclasses.replace(deps, clock=lambda: moment)


def state(deps: Deps, outbox_id: int) -> dict[str, object]:
    return jsonable(service.show(deps, outbox_id))


def test_a_server_that_is_down_is_retried_with_backoff_then_sent_when_up(
        user: Cli, deps: Deps) -> None:
    action = thank_yous(user)[0]["id"]
    port = free_port()
    configure(user, MailServer("127.0.0.1", port, None, None, False))  # type: ignore[arg-type]

    first = jsonable(sending.send_note(at(deps, T0), action))
    early = service.deliver_due(at(deps, T0 + timedelta(seconds=30)), "w1")
    second = service.deliver_due(at(deps, T0 + timedelta(seconds=61)), "w1")
    after_second = state(deps, first["id"])
    server = start(port=port)
    try:
        waiting = service.deliver_due(at(deps, T0 + timedelta(minutes=3)), "w1")
        sent = service.deliver_due(at(deps, T0 + timedelta(minutes=3, seconds=2)), "w1")
    finally:
        server.stop()

    assert first["state"] == "scheduled" and first["attempts"] == 1
    assert "refused the connection" in first["error"]
    assert first["due_at"] == (T0 + timedelta(minutes=1)).isoformat()
    assert early["claimed"] == 0
    assert second["retry"] == 1 and after_second["attempts"] == 2
    assert after_second["due_at"] == (T0 + timedelta(seconds=61 + 120)).isoformat()
    assert waiting["claimed"] == 0 and sent["sent"] == 1
    assert len(server.handler.messages()) == 1
    assert state(deps, first["id"])["state"] == "sent"
    with deps.uow() as uow:
        assert str(uow.repo.action(action).status) == "done"


def test_a_temporary_refusal_is_retried_and_then_sent(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    smtp_server.handler.mode = "temp"

    first = jsonable(sending.send_note(at(deps, T0), action))
    smtp_server.handler.mode = "ok"
    later = service.deliver_due(at(deps, T0 + timedelta(minutes=2)), "w1")

    assert first["state"] == "scheduled" and "451 4.3.0 Mailbox busy" in first["error"]
    assert later["sent"] == 1 and len(smtp_server.handler.messages()) == 1


def test_a_connection_dropped_after_the_data_is_unknown_and_never_resent_by_itself(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    smtp_server.handler.mode = "drop"

    first = jsonable(sending.send_note(at(deps, T0), action))
    smtp_server.handler.mode = "ok"
    passes = [service.deliver_due(at(deps, T0 + timedelta(hours=h)), "w1") for h in (1, 5, 48)]
    worker = user("worker", "--once", FOLLOWUP_NOW="2026-11-30T12:00:00+00:00")
    again = user("note", "send", str(action), FOLLOWUP_NOW=NOW)

    assert first["state"] == "unknown" and "after the whole message" in first["error"]
    assert all(p["claimed"] == 0 for p in passes) and "nothing due" in worker.stdout
    assert again.exit_code == 5 and f"outbox resend {first['id']}" in again.stderr
    assert len(smtp_server.handler.messages()) == 1
    with deps.uow() as uow:
        assert str(uow.repo.action(action).status) == "planned"

    resent = user("outbox", "resend", str(first["id"]), FOLLOWUP_NOW=NOW)
    delivered = user("worker", "--once", FOLLOWUP_NOW=NOW)
    twice = user("outbox", "resend", str(first["id"]), FOLLOWUP_NOW=NOW)

    received = smtp_server.handler.messages()
    assert resent.exit_code == 0 and "1 sent" in delivered.stdout
    assert [r.message["Message-ID"] for r in received] == [first["message_id"]] * 2
    assert state(deps, first["id"])["state"] == "sent"
    assert twice.exit_code == 5 and "is sent" in twice.stderr


def test_a_step_cancelled_before_its_time_cancels_its_message(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)

    scheduled = jsonable(sending.send_note(at(deps, T0), action, at="2026-11-24T18:00"))
    actions.skip(at(deps, T0 + timedelta(hours=1)), action, "I called instead")
    result = service.deliver_due(at(deps, T0 + timedelta(hours=7)), "w1")

    assert scheduled["state"] == "scheduled"
    assert result["cancelled"] == 1 and result["sent"] == 0
    assert state(deps, scheduled["id"])["state"] == "cancelled"
    assert smtp_server.handler.messages() == []


def test_a_message_a_dead_worker_began_to_hand_over_becomes_unknown_after_the_lease(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    queued = jsonable(sending.send_note(at(deps, T0), action, deliver=False))
    with deps.uow() as uow:
        claimed, _ = uow.outbox.claim("a worker that dies", T0, 10, lease=service.LEASE)
        # ... just as it begins to hand the message over
        assert uow.outbox.handed(claimed[0].id or 0, claimed[0].claim_token or "", T0)
        uow.commit()

    within = service.deliver_due(at(deps, T0 + timedelta(minutes=5)), "w2")
    still = state(deps, queued["id"])["state"]
    after = service.deliver_due(at(deps, T0 + service.LEASE + timedelta(seconds=1)), "w2")
    later = service.deliver_due(at(deps, T0 + timedelta(days=1)), "w2")

    assert [c.id for c in claimed] == [queued["id"]]
    assert within["claimed"] == 0 and still == "sending"
    assert after["expired"] == 1 and after["claimed"] == 0 and later["claimed"] == 0
    final = state(deps, queued["id"])
    assert final["state"] == "unknown" and "not sent again" in str(final["error"])
    assert smtp_server.handler.messages() == []


def test_a_header_injection_is_refused_and_nothing_is_queued(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    with deps.uow() as uow:
        uow.repo.save_note(Note(action, "Thank you\r\nBcc: victim@example.org",
                                "Dear José Núñez,\n\nThank you.\n\nSiobhán Ó Briain", edited=True,
                                updated_at=T0))
        uow.commit()

    with pytest.raises(InvalidInput, match="line break"):
        sending.send_note(at(deps, T0), action, force=True)

    assert jsonable(service.listing(deps)) == []
    assert smtp_server.handler.messages() == []


def _many(deps: Deps, count: int) -> None:
    with deps.uow() as uow:
        owner = uow.repo.user()
        assert owner is not None and owner.id is not None
        for n in range(count):
            uow.outbox.add(Outgoing(None, owner.id, None, "digest", f"<m{n}@example.com>",
                                    "siobhan@example.com", ["me@example.com"], f"n{n}",
                                    f"Subject: n{n}\r\n\r\nbody\r\n", T0, created_at=T0))
        uow.commit()


def test_one_smtp_session_carries_many_messages(user: Cli, deps: Deps) -> None:
    user("config", "set", "smtp.host", "127.0.0.1")
    _many(deps, 30)
    fake = FakeMailer()

    counts = service.deliver_due(dataclasses.replace(at(deps, T0), mailer=fake), "w1", batch=50)

    assert counts["sent"] == 30 and len(fake.sent) == 30
    assert fake.opened == 1


def test_transient_failures_give_up_after_the_last_attempt(user: Cli, deps: Deps) -> None:
    user("config", "set", "smtp.host", "127.0.0.1")
    _many(deps, 1)
    fake = FakeMailer(script=["transient"] * service.MAX_ATTEMPTS)
    moment = T0
    for _ in range(service.MAX_ATTEMPTS):
        service.deliver_due(dataclasses.replace(at(deps, moment), mailer=fake), "w1")
        moment += service.LAST_RETRY + timedelta(seconds=1)

    (row,) = jsonable(service.listing(deps))
    assert row["state"] == "failed" and row["attempts"] == service.MAX_ATTEMPTS
    assert "gave up after" in row["error"] and fake.sent == []


def test_two_workers_claim_disjoint_rows(user: Cli, deps: Deps, database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has one worker: its claim takes the database's write lock")
    _many(deps, 10)

    with deps.uow() as first, deps.uow() as second:
        mine, _ = first.outbox.claim("w1", T0, 6, lease=service.LEASE)
        theirs, _ = second.outbox.claim("w2", T0, 6, lease=service.LEASE)
        first.commit()
        second.commit()

    assert len(mine) == 6 and len(theirs) == 4
    assert not {m.id for m in mine} & {t.id for t in theirs}


def test_the_digest_goes_at_most_once_a_day_after_its_hour(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    thank_yous(user)
    configure(user, smtp_server)
    user("config", "set", "digest.enabled", "yes")
    user("config", "set", "digest.hour", "08:00")
    morning = datetime.fromisoformat("2026-11-25T07:59:00+00:00")  # Dublin is UTC in winter

    before = jsonable(digest.enqueue_due(at(deps, morning)))
    first = jsonable(digest.enqueue_due(at(deps, morning + timedelta(minutes=2))))
    second = jsonable(digest.enqueue_due(at(deps, morning + timedelta(hours=3))))
    workers = [user("worker", "--once", FOLLOWUP_NOW=moment)
               for moment in ("2026-11-25T08:05:00+00:00", "2026-11-25T12:00:00+00:00")]
    tomorrow = jsonable(digest.enqueue_due(at(deps, morning + timedelta(days=1, minutes=2))))

    received = smtp_server.handler.messages()
    assert before is None and first is not None and second is None
    assert all(w.exit_code == 0 for w in workers)
    assert len(received) == 1 and received[0].recipients == ["siobhan@example.com"]
    message = received[0].message
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"] == first["message_id"]
    body = message.get_body(("plain",))
    assert body is not None and "Thank-you note to José Núñez" in body.get_content()
    assert tomorrow is not None and tomorrow["message_id"] != first["message_id"]


def test_resend_is_only_for_unknown_or_failed_messages(user: Cli, deps: Deps) -> None:
    _many(deps, 1)
    (row,) = jsonable(service.listing(deps))

    with pytest.raises(NotAllowed, match="is scheduled"):
        service.resend(deps, row["id"])
    cancelled = jsonable(service.cancel(deps, row["id"]))
    missing = user("outbox", "resend", "999")

    assert cancelled["state"] == "cancelled"
    assert missing.exit_code == 3 and "no message with id 999" in missing.stderr


def test_an_unconfirmed_name_is_asked_about_and_the_answer_is_kept(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    first, second = (a["id"] for a in thank_yous(user))
    configure(user, smtp_server)
    asked: list[str] = []

    def no(contact: Contact) -> bool:
        asked.append(contact.name)
        return False

    with pytest.raises(NotAllowed, match="not sent"):
        sending.send_note(at(deps, T0), first, confirm_spelling=no)
    result = jsonable(sending.send_note(at(deps, T0), second, confirm_spelling=lambda c: True))

    contacts = {c["name"]: c for c in user.json("contact", "list")}
    assert asked == ["José Núñez"] and result["warnings"] == []
    assert contacts["王芳"]["confirmed"] is True and contacts["José Núñez"]["confirmed"] is False
    assert [r["action_id"] for r in jsonable(service.listing(deps))] == [second]
    assert len(smtp_server.handler.messages()) == 1


def test_the_worker_thread_delivers_due_messages_and_stops_when_told(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    from followup.entrypoints import worker

    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    queued = jsonable(sending.send_note(deps, action, deliver=False))

    with worker.running(deps, idle=0.05, tasks=()) as thread:
        deadline = time.monotonic() + 10
        while state(deps, queued["id"])["state"] != "sent" and time.monotonic() < deadline:
            time.sleep(0.05)

    assert not thread.is_alive()
    assert state(deps, queued["id"])["state"] == "sent"
    assert len(smtp_server.handler.messages()) == 1


def test_a_connection_lost_before_the_data_is_retried_not_unknown(
        user: Cli, deps: Deps, smtp_server: MailServer) -> None:
    action = thank_yous(user)[0]["id"]
    configure(user, smtp_server)
    smtp_server.handler.mode = "hang up early"

    first = jsonable(sending.send_note(at(deps, T0), action))
    smtp_server.handler.mode = "ok"
    later = service.deliver_due(at(deps, T0 + timedelta(minutes=2)), "w1")

    assert first["state"] == "scheduled" and "before the message was" in first["error"]
    assert later["sent"] == 1 and len(smtp_server.handler.messages()) == 1


def test_a_late_worker_does_not_send_rows_another_worker_took_back(
        user: Cli, deps: Deps) -> None:
    user("config", "set", "smtp.host", "127.0.0.1")
    _many(deps, 3)
    clock = [T0]
    lease = timedelta(seconds=10)
    other = FakeMailer()

    class Slow(FakeMailer):
        def send(self, sender: str, recipients: Sequence[str], message: bytes,
                 before_data: Callable[[], None] | None = None) -> str | None:
            clock[0] += timedelta(seconds=11)  # the server takes its time: the lease runs out
            result = super().send(sender, recipients, message, before_data)
            if len(self.sent) == 1:  # meanwhile another worker takes the rows for dead ones
                passed = service.deliver_due(dataclasses.replace(
                    at(deps, clock[0]), mailer=other), "other", 10, lease=lease)
                assert (passed["expired"], passed["requeued"], passed["sent"]) == (1, 2, 2)
            return result

    slow = Slow()
    counts = service.deliver_due(dataclasses.replace(deps, clock=lambda: clock[0],
                                                     mailer=slow), "slow", 10, lease=lease)
    rows = sorted(jsonable(service.listing(deps)), key=lambda r: r["id"])
    messages = [m for _, _, m in slow.sent + other.sent]

    # The row it was handing over was `unknown` to the other worker, then sent by this one;
    # the two it had not begun went back to the queue and the other worker sent them.
    assert counts["sent"] == 1 and counts["lost"] == 2 and len(slow.sent) == 1
    assert [r["state"] for r in rows] == ["sent", "sent", "sent"]
    assert len(messages) == len(set(messages)) == 3


def test_a_dead_workers_rows_go_back_to_the_queue_unless_it_began_to_hand_them_over(
        user: Cli, deps: Deps) -> None:
    user("config", "set", "smtp.host", "127.0.0.1")
    _many(deps, 3)
    lease = timedelta(minutes=10)
    with deps.uow() as uow:  # a worker claims three rows, starts on the first, and dies
        claimed, _ = uow.outbox.claim("doomed", T0, 10, lease=lease)
        assert uow.outbox.handed(claimed[0].id or 0, claimed[0].claim_token or "", T0)
        assert not uow.outbox.handed(claimed[1].id or 0, "another claim's token", T0)
        uow.commit()

    early = service.deliver_due(dataclasses.replace(at(deps, T0 + lease / 2),
                                                    mailer=FakeMailer()), "early", 10)
    fake = FakeMailer()
    later = service.deliver_due(dataclasses.replace(at(deps, T0 + lease * 2), mailer=fake),
                                "later", 10)
    rows = sorted(jsonable(service.listing(deps)), key=lambda r: r["id"])

    assert early["claimed"] == 0  # the lease still holds: nothing is taken from a live worker
    assert (later["expired"], later["requeued"], later["sent"]) == (1, 2, 2)
    assert [r["state"] for r in rows] == ["unknown", "sent", "sent"]
    assert len(fake.sent) == 2
