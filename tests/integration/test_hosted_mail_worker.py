"""One worker serves every user of a hosted installation: each user's notes go out through
their own SMTP server, each user's replies are noticed in their own mailbox (one IMAP session
per user per pass), and each digest goes out at the user's own hour in their own time zone;
two users, two aiosmtpd servers, two Dovecot mailboxes, SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from followup import bootstrap
from followup.domain.model import TouchKind, User
from followup.entrypoints import worker
from followup.services import digest, interviews, profile, sending
from followup.services.context import Deps
from followup.services.ports import ImapAccount, Inbox
from tests.dovecot import Dovecot
from tests.dovecot import dovecot as dovecot  # the session's IMAP server, as a fixture here
from tests.integration.test_hosted_mail import KEY_1, add_user
from tests.mailserver import MailServer, start

PEOPLE = (User(None, "Siobhán Ó Briain", "siobhan@example.ie", "Europe/Dublin", "IE"),
          User(None, "佐藤花子", "hanako@example.jp", "Asia/Tokyo", "JP"))
INTERVIEWERS = ("José Núñez <jose@acme.example>", "王芳 <wang.fang@kaisha.example>")


@dataclasses.dataclass
class Person:
    id: int
    deps: Deps
    smtp: MailServer
    login: str
    application_id: int
    thank_you: int


@dataclasses.dataclass
class Installation:
    deps: Deps
    now: list[datetime]
    people: list[Person]
    sessions: list[tuple[str, str]]
    """(IMAP login, phase) of every IMAP session opened."""
    phase: list[str]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@pytest.fixture
def installation(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
                 dovecot: Dovecot) -> Iterator[Installation]:
    monkeypatch.setenv("FOLLOWUP_MODE", "hosted")
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", KEY_1)
    monkeypatch.setenv("FOLLOWUP_ALLOW_PRIVATE_HOSTS", "1")  # the test servers are on loopback
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    now = [at("2026-11-23T12:00:00+00:00")]
    sessions: list[tuple[str, str]] = []
    phase = ["setup"]
    built = bootstrap.build()
    assert built.inbox is not None
    opened = built.inbox

    def counted(account: ImapAccount) -> Inbox:
        sessions.append((account.server.username or "", phase[0]))
        return opened(account)

    deps = dataclasses.replace(built, clock=lambda: now[0], inbox=counted)
    servers = [start(), start()]
    people = []
    try:
        for person, interviewer, smtp in zip(PEOPLE, INTERVIEWERS, servers, strict=True):
            uid = add_user(deps, person)
            mine = deps.acting(uid)
            login, password = dovecot.add_user()
            for key, value in {"smtp.host": smtp.host, "smtp.port": str(smtp.port),
                               "smtp.security": "none", "imap.host": dovecot.host,
                               "imap.port": str(dovecot.port), "imap.security": "none",
                               "imap.username": login, "digest.enabled": "yes",
                               "digest.hour": "08:00"}.items():
                profile.config_set(mine, key, value)
            bootstrap.keep_password(mine, "imap", password)
            name, email = interviewer.rstrip(">").split(" <")
            result = interviews.add_interview(mine, interviews.InterviewForm(
                company="Acme", position="Data Analyst", at="2026-11-23T10:00",
                interviewers=[interviews.PersonIn(name, email)]))
            (thank_you,) = [a.id for a in result.actions if a.kind == "thank_you"][:1]
            people.append(Person(uid, mine, smtp, login, result.application.id, thank_you))
        yield Installation(deps, now, people, sessions, phase)
    finally:
        for server in servers:
            server.stop()


def _digests(server: MailServer) -> list[str]:
    return [str(r.message["Subject"]) for r in server.handler.messages()
            if r.message["Auto-Submitted"] == "auto-generated"]


def test_each_digest_goes_out_at_the_users_own_hour_in_their_own_zone(
        installation: Installation) -> None:
    dublin, tokyo = installation.people
    tasks = [("digest", digest.enqueue_due)]

    def step(moment: str) -> tuple[list[str], list[str]]:
        installation.now[0] = at(moment)
        worker.run_once(installation.deps, "test", tasks=tasks)
        return _digests(dublin.smtp), _digests(tokyo.smtp)

    # 07:59 in Dublin is 16:59 in Tokyo: Tokyo's digest of the 24th, not Dublin's.
    dublin_got, tokyo_got = step("2026-11-24T07:59:00+00:00")
    assert dublin_got == [] and len(tokyo_got) == 1 and "Tue 24 Nov" in tokyo_got[0]
    # 08:00 in Dublin (UTC+0 in November): Dublin's; Tokyo has had today's already.
    dublin_got, tokyo_got = step("2026-11-24T08:00:00+00:00")
    assert len(dublin_got) == 1 and "Tue 24 Nov" in dublin_got[0] and len(tokyo_got) == 1
    # 07:59 of the 25th in Tokyo: nothing new anywhere; 08:00 there: Tokyo's of the 25th.
    assert step("2026-11-24T22:59:00+00:00") == (dublin_got, tokyo_got)
    dublin_got, tokyo_got = step("2026-11-24T23:00:00+00:00")
    assert len(dublin_got) == 1 and len(tokyo_got) == 2 and "Wed 25 Nov" in tokyo_got[1]
    for person in installation.people:  # each to its own user, through its own server
        assert {r.recipients[0] for r in person.smtp.handler.messages()} == {
            PEOPLE[installation.people.index(person)].email}


def _reply(person: Person, interviewer: str, subject: str) -> str:
    return (f"From: {interviewer}\r\nTo: {PEOPLE[0].email}\r\nSubject: Re: {subject}\r\n"
            f"Message-ID: <reply-{person.id}@acme.example>\r\n"
            "Date: Tue, 24 Nov 2026 11:00:00 +0000\r\n\r\n"
            "Thanks for your note. Could you come in again on Friday?\r\n")


def test_notes_go_through_each_users_server_and_replies_are_noticed_in_each_mailbox(
        installation: Installation, dovecot: Dovecot) -> None:
    installation.now[0] = at("2026-11-24T09:00:00+00:00")
    sent: dict[int, Any] = {}
    for person in installation.people:
        sent[person.id] = sending.send_note(person.deps, person.thank_you, deliver=False)
    for person, interviewer in zip(installation.people, INTERVIEWERS, strict=True):
        dovecot.append(person.login, "INBOX", _reply(person, interviewer, "Thank you"),
                       when=datetime(2026, 11, 24, 11, 0, tzinfo=UTC))
    installation.now[0] = at("2026-11-24T12:00:00+00:00")

    installation.phase[0] = "delivery"
    worker.run_once(installation.deps, "test", tasks=[])
    installation.phase[0] = "poll"
    worker.run_once(installation.deps, "test", tasks=[("imap", worker._imap)])

    for person in installation.people:
        (received,) = [r for r in person.smtp.handler.messages()
                       if r.message["Auto-Submitted"] is None]
        assert received.message["Message-ID"].strip() == sent[person.id].message_id
        with person.deps.uow() as uow:
            touches = uow.repo.state(person.application_id).touches
        assert [t.kind for t in touches if t.kind is TouchKind.REPLY] == [TouchKind.REPLY]
        copies = dovecot.messages(person.login, "Sent Items")
        assert [sent[person.id].message_id.encode() in c for c in copies] == [True]
    sessions = Counter(installation.sessions)
    logins = [person.login for person in installation.people]
    # One session per user files the Sent copies; one per user notices the replies.
    assert sessions == Counter({(login, phase): 1 for login in logins
                                for phase in ("delivery", "poll")})
