"""Hostile mail cannot stop reply detection: messages too deep, too big or malformed are
skipped one by one (or read within limits), and the next reply is still noticed. Against a
real Dovecot on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

import resource
import time
from typing import Any

from tests.dovecot import dovecot as dovecot  # the session's server, as a fixture here
from tests.integration.test_imap import JOSE, NOTE_ID, WANG, Setup, message
from tests.integration.test_imap import setup as setup  # the user with a mailbox

BIG = 20 * 1024 * 1024
"""The size of the big message: as large as many providers let an attachment be."""


def nested(depth: int) -> str:
    """A small message whose MIME parts are nested `depth` levels deep."""
    opening = "".join(f'Content-Type: multipart/mixed; boundary="b{n}"\n\n--b{n}\n'
                      for n in range(depth))
    closing = "".join(f"--b{n}--\n" for n in reversed(range(depth)))
    return ("From: Deep <deep@spam.example>\nTo: siobhan@example.com\nSubject: Deep\n"
            "Message-ID: <deep@spam.example>\nMIME-Version: 1.0\n"
            + opening + "Content-Type: text/plain\n\nhello\n" + closing)


def big_reply(size: int) -> bytes:
    """A contact's reply of `size` bytes: one long line of text with no address in it, the
    worst case for the patterns that look for addresses and quoted text."""
    head = message("<big@acme.example>", sender=WANG, to="siobhan@example.com",
                   subject="Unterlagen", body="")
    return head.encode("utf-8") + b"Anbei die Unterlagen. " + b"x" * size + b"\n"


def raw_message(message_id: str, sender: str, subject: str) -> str:
    """A message with its From and Subject exactly as given, encoded words and all."""
    return (f"From: {sender}\nTo: siobhan@example.com\nSubject: {subject}\n"
            f"Message-ID: {message_id}\nDate: Tue, 24 Nov 2026 10:00:00 +0000\n\nHello.\n")


def malformed_headers() -> list[str]:
    """Messages whose headers are broken in the ways seen in the wild and worse."""
    bogus = raw_message("<bogus@spam.example>", "=?bogus-8?b?!!!?= <b@spam.example>",
                        "=?bogus-8?b?!!!?= =?utf-8?b?broken \x00end")
    controls = raw_message("<nul@spam.example>", "=?utf-8?q?N=00ul?= <n@spam.example>",
                           "=?utf-8?q?nul=00here=1b]0;pwned=07?=")
    long_line = message(
        "<" + "m" * 3000 + "@spam.example>", sender="Long <" + "l" * 600 + "@spam.example>",
        to="siobhan@example.com", subject="Long", extra="X-Long: " + "y" * 100_000)
    references = " ".join(f"<{n}@x>" for n in range(40_000))
    many_ids = message("<refs@spam.example>", sender="Refs <refs@spam.example>",
                       to="siobhan@example.com", subject="Refs",
                       extra=f"References: {references}")
    return [bogus, controls, long_line, many_ids]


def reply() -> str:
    """The interviewer's real reply, in the thread of the thank-you note."""
    return message("<reply@acme.example>", sender=JOSE, to="siobhan@example.com",
                   subject="Re: Thank you", extra=f"In-Reply-To: {NOTE_ID}",
                   body="Thank you, Siobhán! Talk soon.")


def cpu() -> float:
    """CPU seconds of this process so far (the in-process CLI's parsing included)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def test_hostile_messages_are_skipped_and_the_next_reply_is_still_noticed(
        setup: Setup) -> None:
    setup.outbox(NOTE_ID, "sent", setup.thank_you("José Núñez")["id"])
    setup.deliver("INBOX", nested(2000))
    for each in malformed_headers():
        setup.deliver("INBOX", each)
    setup.deliver("INBOX", reply())

    first = setup.sync()

    assert [(r["from"], r["how"]) for r in first["replies"]] == [
        ("jose@acme.example", "in the thread")]
    skipped = {s["uid"]: (s["folder"], s["subject"], s["reason"]) for s in first["skipped"]}
    assert skipped == {1: ("INBOX", "Deep", "it has more than 200 MIME parts"),
                       5: ("INBOX", "Refs", "its header is larger than 256 KB")}
    assert (first["unrelated"], first["folders"][0]["new"]) == (3, 6)
    plan = setup.plan()
    assert [t["kind"] for t in plan["touches"]] == ["reply"]
    again = setup.sync()
    assert again["replies"] == [] and again["skipped"] == []
    assert [f["new"] for f in again["folders"]] == [0, 0]
    assert setup.plan() == plan


def test_a_twenty_megabyte_reply_is_read_from_its_start_in_little_time(setup: Setup) -> None:
    setup.server.append(setup.login, "INBOX", big_reply(BIG))
    started, clock = cpu(), time.monotonic()

    result = setup.sync()

    spent, waited = cpu() - started, time.monotonic() - clock
    assert [(r["from"], r["snippet"][:21]) for r in result["replies"]] == [
        ("wang.fang@acme.example", "Anbei die Unterlagen.")]
    assert spent < 5 and waited < 20, (spent, waited)


def test_only_the_start_of_a_big_message_is_fetched(setup: Setup) -> None:
    from followup.adapters.mail.imap import ImapInbox
    from followup.domain.incoming import LIMITS
    from followup.services.replies import imap_account

    setup.server.append(setup.login, "INBOX", big_reply(BIG))
    setup.deliver("INBOX", reply())
    deps = setup.deps()
    with deps.uow() as uow:
        stored = uow.repo.settings()
    with ImapInbox(imap_account(deps, stored)) as inbox:
        inbox.select("INBOX")
        fetched = inbox.fetch(0, None, 10)

    big, small = fetched
    assert big.size is not None and big.size > BIG
    assert len(big.raw) <= LIMITS.header_bytes + LIMITS.body_bytes
    assert big.raw.startswith(b"From: ") and b"Anbei die Unterlagen." in big.raw
    assert small.size == len(small.raw) and b"Talk soon." in small.raw


def test_skipped_messages_are_listed_by_mail_sync_and_on_the_outbox_page(
        setup: Setup) -> None:
    setup.deliver("Jobs", nested(2000))
    text = setup.cli("mail", "sync", FOLLOWUP_NOW=setup.now.isoformat())
    assert text.exit_code == 0, text.output
    assert "Skipped Jobs UID 1 (Deep, from deep@spam.example):" in text.stdout
    assert "MIME parts" in text.stdout and "Traceback" not in text.output
    page = outbox_page(setup)
    assert "Messages not read" in page and "Deep" in page and "deep@spam.example" in page


def outbox_page(setup: Setup) -> str:
    """The Outbox page's HTML, from the app in process."""
    from fastapi.testclient import TestClient

    from followup.entrypoints.web.app import create_app

    with TestClient(create_app(setup.deps()), base_url="http://127.0.0.1:8000") as client:
        response: Any = client.get("/outbox")
    assert response.status_code == 200
    return str(response.text)
