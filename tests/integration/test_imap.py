"""Replies, bounces and the Sent folder over IMAP, against a real Dovecot on 127.0.0.1."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import redirect_stdout
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.conftest import Cli
from tests.dovecot import SENT, Dovecot, free_port
from tests.dovecot import dovecot as dovecot  # the session's server, as a fixture here

JOSE = "José Núñez <jose@acme.example>"
WANG = "王芳 <wang.fang@acme.example>"
NOTE_ID = "<thanks-1.7f3a@followup.test>"


@dataclass
class Setup:
    """A user with an interview at Acme two days ago, an IMAP mailbox, and a thank-you sent."""

    cli: Cli
    server: Dovecot
    login: str
    now: datetime
    application_id: int
    actions: list[dict[str, Any]]
    monkeypatch: pytest.MonkeyPatch

    def run(self, *args: str) -> Any:
        return self.cli.json(*args, FOLLOWUP_NOW=self.now.isoformat())

    def sync(self) -> Any:
        return self.run("mail", "sync")

    def plan(self) -> Any:
        return self.run("plan", str(self.application_id))

    def deliver(self, folder: str, raw: str, ago: timedelta = timedelta(hours=1)) -> None:
        self.server.append(self.login, folder, raw, when=self.now - ago)

    def deps(self) -> Any:
        for key, value in {**self.cli.env, "FOLLOWUP_NOW": self.now.isoformat()}.items():
            self.monkeypatch.setenv(key, value)
        from followup import bootstrap

        return bootstrap.build()

    def outbox(self, message_id: str, state: str, action_id: int | None) -> int:
        """A row of the outbox, as the sender leaves it."""
        from followup.services.ports import Outgoing

        deps = self.deps()
        with deps.uow() as uow:
            owner = uow.repo.user()
            item = Outgoing(None, owner.id, action_id, "note", message_id,
                            "siobhan@example.com", ["jose@acme.example"], "Thank you",
                            message(message_id), self.now - timedelta(hours=2), state=state,
                            claimed_at=self.now - timedelta(hours=2),
                            created_at=self.now - timedelta(hours=3))
            assert uow.outbox.add(item)
            uow.commit()
        return item.id or 0

    def thank_you(self, name: str) -> dict[str, Any]:
        return next(a for a in self.actions
                    if a["kind"] == "thank_you" and a["contact"]["name"] == name)


def message(message_id: str, sender: str = "Siobhán Ó Briain <siobhan@example.com>",
            to: str = JOSE, subject: str = "Thank you", extra: str = "",
            body: str = "Thank you for your time today.") -> str:
    from email.header import Header
    from email.utils import formataddr, parseaddr

    def encoded(person: str) -> str:
        name, address = parseaddr(person)
        return formataddr((str(Header(name, "utf-8")), address)) if name else address

    return (f"From: {encoded(sender)}\nTo: {encoded(to)}\n"
            f"Subject: {Header(subject, 'utf-8').encode()}\n"
            f"Message-ID: {message_id}\nDate: Tue, 24 Nov 2026 10:00:00 +0000\n"
            f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
            f"Content-Transfer-Encoding: 8bit\n{extra}\n{body}\n")


@pytest.fixture
def setup(user: Cli, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    login, secret = dovecot.add_user()
    dovecot.create(login, "Jobs")
    # The server's certificate comes from the test CA; Python trusts it through SSL_CERT_FILE.
    monkeypatch.setenv("SSL_CERT_FILE", dovecot.ca_file)
    user.env.update({"FOLLOWUP_IMAP_PASSWORD": secret, "FOLLOWUP_NO_KEYRING": "1",
                     "SSL_CERT_FILE": dovecot.ca_file})
    for key, value in (("imap.host", "127.0.0.1"), ("imap.port", str(dovecot.port)),
                       ("imap.security", "starttls"), ("imap.username", login),
                       ("imap.folders", "INBOX, Jobs")):
        result = user("config", "set", key, value)
        assert result.exit_code == 0, result.output
    now = datetime.now(UTC).replace(microsecond=0)
    start = (now - timedelta(days=2)).replace(hour=10, minute=0)
    doc = user.json("interview", "add", "--company", "Acme", "--position", "Data Analyst",
                    "--at", start.isoformat(), "--interviewer", JOSE, "--interviewer", WANG,
                    FOLLOWUP_NOW=now.isoformat())
    yield Setup(user, dovecot, login, now, doc["application"]["id"], doc["actions"],
                monkeypatch)


def open_steps(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["kind"]: a for a in plan["actions"] if a["status"] == "planned"}


def test_a_threaded_reply_stops_the_chasing_and_shows_on_today(setup: Setup) -> None:
    note = setup.thank_you("José Núñez")
    setup.outbox(NOTE_ID, "sent", note["id"])
    before = open_steps(setup.plan())["inquiry"]
    assert before["rule"] == "R3"
    setup.deliver("INBOX", message(
        "<r1@ats.example>", sender="Recruiting Team <no-reply@ats.example>",
        to="siobhan@example.com", subject="Re: Thank you — Entrevista con José",
        extra=f"In-Reply-To: {NOTE_ID}\nReferences: {NOTE_ID}",
        body="Dear Siobhán,\n\nThank you! We will be in touch next week.\n\n"
             "On Tue, Siobhán wrote:\n> Thank you for your time"))

    result = setup.sync()

    assert [(r["application_id"], r["how"]) for r in result["replies"]] == [
        (setup.application_id, "in the thread")]
    plan = setup.plan()
    assert [t["kind"] for t in plan["touches"]].count("reply") == 1
    inquiry = open_steps(plan)["inquiry"]
    assert inquiry["rule"] == "R10" and inquiry["earliest"] > before["earliest"]
    today = setup.run("today")
    assert [(r["subject"], r["snippet"], r["company"]) for r in today["replies"]] == [
        ("Re: Thank you — Entrevista con José",
         "Dear Siobhán, Thank you! We will be in touch next week.", "Acme")]
    assert today["bounces"] == []
    shown = setup.cli("today", FOLLOWUP_NOW=setup.now.isoformat()).output
    assert "Replies" in shown and "Re: Thank you — Entrevista con José" in shown


def test_a_reply_counts_like_hearing_back_by_phone(setup: Setup) -> None:
    setup.deliver("INBOX", message("<r2@acme.example>", sender=WANG, to="siobhan@example.com",
                                   subject="Nächste Runde", body="Können Sie Montag?"))
    setup.sync()
    by_mail = [(a["kind"], a["status"], a["rule"], a["earliest"])
               for a in setup.plan()["actions"]]
    other = setup.cli.json("interview", "add", "--company", "Globex", "--position", "Analyst",
                           "--at", (setup.now - timedelta(days=2)).replace(
                               hour=10, minute=0).isoformat(),
                           "--interviewer", JOSE, "--interviewer", WANG,
                           FOLLOWUP_NOW=(setup.now - timedelta(hours=1)).isoformat())
    by_phone = setup.cli.json("heard", str(other["application"]["id"]),
                              FOLLOWUP_NOW=(setup.now - timedelta(hours=1)).isoformat())
    assert by_mail == [(a["kind"], a["status"], a["rule"], a["earliest"])
                       for a in by_phone["actions"]]


def test_a_contact_writing_without_threading_headers_counts(setup: Setup) -> None:
    setup.deliver("Jobs", message("<r3@acme.example>", sender=WANG, to="siobhan@example.com",
                                  subject="下一轮面试", body="王芳: 下周一可以吗？"))
    result = setup.sync()
    assert [(r["contact"]["name"], r["from"], r["how"]) for r in result["replies"]] == [
        ("王芳", "wang.fang@acme.example", "from a contact")]
    touches = setup.plan()["touches"]
    assert [(t["kind"], t["contact_id"]) for t in touches] == [
        ("reply", result["replies"][0]["contact"]["id"])]
    assert setup.run("today")["replies"][0]["contact"]["name"] == "王芳"


DSN = """\
From: Mail Delivery System <MAILER-DAEMON@mx.acme.example>
To: siobhan@example.com
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-9@mx.acme.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.acme.example

Final-Recipient: rfc822; jose@acme.example
Action: failed
Status: 5.1.1

--B
Content-Type: text/rfc822-headers

Message-ID: {note}
Subject: Thank you

--B--
"""


def test_automatic_replies_bounces_and_unrelated_mail_do_not_count(setup: Setup) -> None:
    setup.outbox(NOTE_ID, "sent", setup.thank_you("José Núñez")["id"])
    setup.deliver("INBOX", message("<ooo@acme.example>", sender=JOSE, to="siobhan@example.com",
                                   subject="Abwesenheitsnotiz: Out of Office",
                                   extra=f"Auto-Submitted: auto-replied\nIn-Reply-To: {NOTE_ID}",
                                   body="I am away until Monday."))
    setup.deliver("INBOX", DSN.format(note=NOTE_ID))
    setup.deliver("INBOX", message("<news@shop.example>", sender="Shop <news@shop.example>",
                                   to="siobhan@example.com", subject="Black Friday"))
    before = open_steps(setup.plan())

    result = setup.sync()

    assert result["replies"] == []
    assert (result["automatic"], result["unrelated"]) == (1, 1)
    assert [(b["address"], b["application_id"], b["company"]) for b in result["bounces"]] == [
        ("jose@acme.example", setup.application_id, "Acme")]
    plan = setup.plan()
    assert plan["touches"] == []
    assert open_steps(plan) == before
    today = setup.run("today")
    assert today["replies"] == []
    assert [b["address"] for b in today["bounces"]] == ["jose@acme.example"]
    shown = setup.cli("today", FOLLOWUP_NOW=setup.now.isoformat()).output
    assert "Replies" not in shown and "Bounced" in shown and "jose@acme.example" in shown
    from followup.services.replies import bounced

    assert bounced(setup.deps(), ["Jose@Acme.example", "wang.fang@acme.example"]) == {
        "jose@acme.example"}


def test_running_the_sync_again_changes_nothing(setup: Setup) -> None:
    setup.deliver("INBOX", message("<r4@acme.example>", sender=JOSE, to="siobhan@example.com",
                                   subject="Re: Thanks"))
    first = setup.sync()
    plan = setup.plan()
    again = setup.sync()
    assert len(first["replies"]) == 1
    assert again["replies"] == [] and again["bounces"] == []
    assert [f["new"] for f in again["folders"]] == [0, 0]
    assert setup.plan() == plan
    assert len(setup.run("today")["replies"]) == 1


def test_a_folder_renumbered_by_the_server_does_not_count_a_message_twice(setup: Setup) -> None:
    raw = message("<r5@acme.example>", sender=JOSE, to="siobhan@example.com",
                  subject="Re: Thanks", body="Talk soon.")
    # Some mailers write no Message-ID: such a message is known again by its bytes.
    bare = message("", sender=WANG, to="siobhan@example.com", subject="Hello").replace(
        "Message-ID: \n", "")
    for each in (raw, bare):
        setup.deliver("Jobs", each)
    old = setup.server.uidvalidity(setup.login, "Jobs")
    assert len(setup.sync()["replies"]) == 2
    setup.server.recreate(setup.login, "Jobs")
    for each in (raw, bare):
        setup.deliver("Jobs", each)
    assert setup.server.uidvalidity(setup.login, "Jobs") != old

    result = setup.sync()

    assert result["replies"] == [] and result["again"] == 2
    assert [t["kind"] for t in setup.plan()["touches"]] == ["reply", "reply"]
    assert len(setup.run("today")["replies"]) == 2


def test_the_company_domain_counts_only_when_the_user_allows_it(setup: Setup) -> None:
    raw = message("<r6@acme.example>", sender="HR <people@acme.example>",
                  to="siobhan@example.com", subject="Your interview")
    setup.deliver("INBOX", raw)
    assert setup.sync()["unrelated"] == 1
    assert setup.cli("config", "set", "imap.company_domain", "yes").exit_code == 0
    setup.deliver("INBOX", raw.replace("<r6@", "<r7@"))
    result = setup.sync()
    assert [r["how"] for r in result["replies"]] == ["from the company's domain"]


def test_reconciling_marks_a_message_found_in_sent_and_leaves_the_others(setup: Setup) -> None:
    jose, wang = setup.thank_you("José Núñez"), setup.thank_you("王芳")
    found = setup.outbox("<found-1@followup.test>", "unknown", jose["id"])
    lost = setup.outbox("<lost-1@followup.test>", "unknown", wang["id"])
    # The Sent folder is found by its \Sent flag: it is called "Sent Items" here.
    setup.deliver(SENT, message("<found-1@followup.test>"))
    setup.deliver(SENT, message("<other@followup.test>"))

    result = setup.run("mail", "reconcile")

    assert result["folder"] == SENT
    assert [r["id"] for r in result["sent"]] == [found]
    assert [r["id"] for r in result["unknown"]] == [lost]
    states = {r["id"]: r["state"] for r in setup.run("outbox")}
    assert (states[found], states[lost]) == ("sent", "unknown")
    steps = {a["id"]: a["status"] for a in setup.plan()["actions"]}
    assert (steps[jose["id"]], steps[wang["id"]]) == ("done", "planned")
    assert setup.run("mail", "reconcile")["unknown"] == [{**result["unknown"][0]}]


def test_a_sent_copy_goes_to_the_flagged_sent_folder_once(setup: Setup) -> None:
    from followup.services.reconcile import record_sent_copy

    raw = message("<copy-1@followup.test>", subject="Merci — José").replace("\n", "\r\n")
    deps = setup.deps()
    assert record_sent_copy(deps, raw.encode()) is True
    assert record_sent_copy(deps, raw.encode()) is False  # already there (providers file one)
    copies = setup.server.messages(setup.login, SENT)
    assert len(copies) == 1 and b"<copy-1@followup.test>" in copies[0]


def test_the_fast_today_and_the_service_today_list_the_same_mail(setup: Setup) -> None:
    if not setup.cli.env["FOLLOWUP_DATABASE_URL"].startswith("sqlite"):
        pytest.skip("the fast path reads only a SQLite home")
    setup.outbox(NOTE_ID, "sent", setup.thank_you("José Núñez")["id"])
    setup.deliver("INBOX", message("<r8@acme.example>", sender=JOSE, to="siobhan@example.com",
                                   subject="Re: Thank you"))
    setup.deliver("INBOX", DSN.format(note=NOTE_ID))
    setup.sync()
    from followup.entrypoints import fast

    setup.deps()
    out = io.StringIO()
    with redirect_stdout(out):
        assert fast._answer(0, True)
    fast_today = json.loads(out.getvalue())
    assert fast_today == setup.run("today")
    assert len(fast_today["replies"]) == len(fast_today["bounces"]) == 1


@pytest.mark.parametrize("security", ["ssl", "none"])
def test_ssl_and_plain_connections_read_the_same_mailbox(setup: Setup, security: str) -> None:
    port = setup.server.ssl_port if security == "ssl" else setup.server.port
    for key, value in (("imap.security", security), ("imap.port", str(port))):
        assert setup.cli("config", "set", key, value).exit_code == 0
    setup.deliver("INBOX", message("<r9@acme.example>", sender=JOSE, to="siobhan@example.com"))
    assert len(setup.sync()["replies"]) == 1


def test_a_wrong_password_or_a_server_that_is_down_is_said_plainly(setup: Setup) -> None:
    refused = setup.cli("mail", "sync", FOLLOWUP_IMAP_PASSWORD="wrong")
    assert refused.exit_code != 0
    assert "refused the login of" in refused.stderr and "Traceback" not in refused.output
    assert setup.cli("config", "set", "imap.port", str(free_port())).exit_code == 0
    down = setup.cli("mail", "sync")
    assert down.exit_code != 0 and "refused the connection" in down.stderr


def test_an_untrusted_certificate_is_refused(setup: Setup) -> None:
    result = setup.cli("mail", "sync", SSL_CERT_FILE="/nonexistent.pem")
    assert result.exit_code != 0 and "not trusted" in result.stderr


def test_sync_without_an_imap_server_says_how_to_set_one(user: Cli) -> None:
    result = user("mail", "sync")
    assert result.exit_code == 5
    assert "no IMAP server is set" in result.stderr and "imap.host" in result.stderr


def test_mail_test_names_the_sent_folder_it_found(setup: Setup) -> None:
    result = setup.cli("mail", "test", "--json")
    imap = next(r for r in json.loads(result.stdout) if r["service"] == "IMAP")
    assert imap["ok"] and f"Sent folder: {SENT}" in imap["message"]


def test_the_sync_in_plain_words_names_the_reply_and_the_bounce(setup: Setup) -> None:
    setup.outbox(NOTE_ID, "sent", setup.thank_you("José Núñez")["id"])
    setup.deliver("INBOX", message("<r10@acme.example>", sender=JOSE, to="siobhan@example.com",
                                   subject="Re: Gracias", body="¡Hasta pronto!"))
    setup.deliver("INBOX", DSN.format(note=NOTE_ID))
    result = setup.cli("mail", "sync", FOLLOWUP_NOW=setup.now.isoformat())
    assert result.exit_code == 0, result.output
    assert "Reply from José Núñez about Acme (from a contact): Re: Gracias" in result.stdout
    assert "¡Hasta pronto!" in result.stdout
    assert "BOUNCED: jose@acme.example (Acme)" in result.stdout


def test_the_workers_pass_syncs_and_reconciles_and_never_raises(setup: Setup) -> None:
    from followup.services.reconcile import poll

    jose = setup.thank_you("José Núñez")
    setup.outbox("<found-2@followup.test>", "unknown", jose["id"])
    setup.deliver(SENT, message("<found-2@followup.test>"))
    setup.deliver("INBOX", message("<r11@acme.example>", sender=WANG, to="siobhan@example.com"))
    result = poll(setup.deps())
    assert result.sync and len(result.sync.replies) == 1
    assert result.reconcile and len(result.reconcile.sent) == 1
    assert setup.cli("config", "set", "imap.port", str(free_port())).exit_code == 0
    assert "refused the connection" in (poll(setup.deps()).error or "")
    assert setup.cli("config", "set", "imap.host", "").exit_code == 0
    assert "no IMAP server is set" in (poll(setup.deps()).skipped or "")
