"""The worker's periodic tasks run only for the users whose settings ask for them (found in one
query), and never hold up delivery: they run on a thread of their own (SQLite and
PostgreSQL)."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from followup import bootstrap
from followup.domain.model import User
from followup.entrypoints import worker
from followup.services import periodic, profile
from followup.services.context import Deps
from followup.services.ports import Outgoing
from tests.integration.test_hosted_mail import KEY_1, add_user
from tests.mailserver import MailServer, start

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
PEOPLE = (User(None, "Siobhán Ó Briain", "siobhan@example.ie", "Europe/Dublin", "IE"),
          User(None, "佐藤花子", "hanako@example.jp", "Asia/Tokyo", "JP"),
          User(None, "Jürgen Groß", "juergen@example.de", "Europe/Berlin", "DE"),
          User(None, "Ana Lúcia", "ana@example.br", "America/Sao_Paulo", "BR"))


@pytest.fixture
def hosted(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Deps:
    monkeypatch.setenv("FOLLOWUP_MODE", "hosted")
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", KEY_1)
    monkeypatch.setenv("FOLLOWUP_ALLOW_PRIVATE_HOSTS", "1")  # the test server is on loopback
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    return dataclasses.replace(bootstrap.build(), clock=lambda: NOW)


def user_with(deps: Deps, person: User, **settings: str) -> int:
    uid = add_user(deps, person)
    for key, value in settings.items():
        profile.config_set(deps.acting(uid), key.replace("_", "."), value)
    return uid


def test_each_task_runs_only_for_the_users_whose_settings_ask_for_it(hosted: Deps) -> None:
    digest = user_with(hosted, PEOPLE[0], digest_enabled="yes", smtp_host="127.0.0.1")
    imap = user_with(hosted, PEOPLE[1], imap_host="127.0.0.1")
    unsendable = user_with(hosted, PEOPLE[2], digest_enabled="yes")  # no server for it
    off = user_with(hosted, PEOPLE[3], smtp_host="127.0.0.1", digest_enabled="no")
    ran: list[tuple[str, int | None]] = []

    def probe(name: str) -> worker.Task:
        return lambda deps: ran.append((name, deps.acting_user()))

    worker.run_once(hosted, "test", tasks=[("digest", probe("digest")), ("imap", probe("imap")),
                                           ("other", probe("other"))])

    everyone = sorted([digest, imap, unsendable, off])
    assert sorted(u for name, u in ran if name == "digest") == [digest]
    assert sorted(u for name, u in ran if name == "imap") == [imap]
    assert sorted(u or 0 for name, u in ran if name == "other") == everyone


def test_the_users_of_every_task_are_found_in_one_query(hosted: Deps) -> None:
    for n, person in enumerate(PEOPLE):
        user_with(hosted, person, **({"imap_host": "127.0.0.1"} if n % 2 else {}))
    with hosted.for_owners() as uow:
        engine = getattr(uow, "engine")  # noqa: B009 - SqlUnitOfWork's
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        chosen = periodic.users_for(hosted, ["digest", "imap"])
    finally:
        event.remove(engine, "before_cursor_execute", count)

    assert chosen["digest"] == [] and len(chosen["imap"]) == 2
    assert [s for s in statements if not s.startswith("BEGIN")] == [
        s for s in statements if "settings" in s]
    assert len([s for s in statements if "settings" in s]) == 1


def test_a_slow_pass_of_the_tasks_does_not_hold_up_delivery(hosted: Deps) -> None:
    server: MailServer = start()
    owner = user_with(hosted, PEOPLE[0], smtp_host=server.host, smtp_port=str(server.port),
                      smtp_security="none")
    release, started = threading.Event(), threading.Event()

    def slow(deps: Deps) -> None:  # a pass over many users, or an IMAP server that hangs
        started.set()
        release.wait(30)

    stop = threading.Event()
    thread = threading.Thread(target=worker.run_forever, args=(hosted, stop),
                              kwargs={"idle": 0.05, "tasks": [("slow", slow)]}, daemon=True)
    try:
        thread.start()
        assert started.wait(10)
        with hosted.for_owners() as uow:
            assert uow.outbox.add(Outgoing(
                None, owner, None, "note", "<note-1@example.com>", "siobhan@example.ie",
                ["hr@acme.example"], "Thank you", "Message-ID: <note-1@example.com>\r\n"
                "Subject: Thank you\r\n\r\nThank you\r\n", NOW, created_at=NOW))
            uow.commit()
        deadline = time.monotonic() + 10
        while not server.handler.messages() and time.monotonic() < deadline:
            time.sleep(0.02)

        assert not release.is_set() and len(server.handler.messages()) == 1
        with hosted.for_owners() as uow:
            assert [r.state for r in uow.outbox.listing(owner)] == ["sent"]
    finally:
        release.set()
        stop.set()
        thread.join(10)
        server.stop()
    assert not thread.is_alive()
    assert "followup-periodic" not in {t.name for t in threading.enumerate()}
