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
    setup.server.append(setup.login, "INBOX", b"From: a@b.example\r\nSubject: Bare\r\n")
    deps = setup.deps()
    with deps.uow() as uow:
        stored = uow.repo.settings()
    with ImapInbox(imap_account(deps, stored)) as inbox:
        inbox.select("INBOX")
        fetched = inbox.fetch(0, None, 10)

    big, small, bare = fetched
    assert big.size is not None and big.size > BIG
    assert len(big.raw) <= LIMITS.header_bytes + LIMITS.body_bytes
    assert big.raw.startswith(b"From: ") and b"Anbei die Unterlagen." in big.raw
    assert small.size == len(small.raw) and b"Talk soon." in small.raw
    assert bare.raw.startswith(b"From: a@b.example\r\nSubject: Bare\r\n")


def test_skipped_messages_are_listed_by_mail_sync_the_outbox_page_and_the_api(
        setup: Setup) -> None:
    setup.deliver("Jobs", nested(2000))
    text = setup.cli("mail", "sync", FOLLOWUP_NOW=setup.now.isoformat())
    assert text.exit_code == 0, text.output
    assert "Skipped Jobs UID 1 (Deep, from deep@spam.example):" in text.stdout
    assert "MIME parts" in text.stdout and "Traceback" not in text.output
    page, api = outbox_page(setup)
    assert "Messages not read" in page and "Deep" in page and "deep@spam.example" in page
    assert [(m["folder"], m["uid"], m["subject"], m["from"]) for m in api] == [
        ("Jobs", 1, "Deep", "deep@spam.example")]
    assert "MIME parts" in api[0]["reason"]


def outbox_page(setup: Setup) -> tuple[str, list[dict[str, Any]]]:
    """The Outbox page's HTML and the API's skipped messages, from the app in process."""
    from fastapi.testclient import TestClient

    from followup.entrypoints.web.app import create_app

    with TestClient(create_app(setup.deps()), base_url="http://127.0.0.1:8000") as client:
        response: Any = client.get("/outbox")
        api: Any = client.get("/api/v1/mail/skipped")
    assert response.status_code == 200 and api.status_code == 200
    return str(response.text), list(api.json())


def test_any_error_while_reading_one_message_skips_only_that_one(setup: Setup) -> None:
    from followup.services import replies

    real = replies.parse

    def fussy(raw: bytes, received: Any = None) -> Any:
        if b"<odd@spam.example>" in raw:
            raise KeyError("content-type")
        return real(raw, received)

    setup.monkeypatch.setattr(replies, "parse", fussy)
    setup.deliver("INBOX", message("<odd@spam.example>", sender="Odd <odd@spam.example>"))
    setup.deliver("INBOX", message("<r@acme.example>", sender=WANG, to="siobhan@example.com"))

    result = setup.sync()

    assert [s["reason"] for s in result["skipped"]] == [
        "it cannot be read (KeyError: 'content-type')"]
    assert [r["from"] for r in result["replies"]] == ["wang.fang@acme.example"]


# -- the limits, without a server ------------------------------------------------------------

def parse(raw: str | bytes) -> Any:
    from followup.domain.incoming import parse as parse_message

    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return parse_message(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def refused(raw: str | bytes) -> str:
    """Why parsing refuses the message (fails the test when it does not)."""
    from followup.domain.incoming import Unreadable

    try:
        parse(raw)
    except Unreadable as exc:
        return str(exc)
    raise AssertionError("the message was read")


def siblings(count: int) -> str:
    """A message of `count` attachments side by side."""
    parts = "".join(f"--b\nContent-Type: text/plain\n\npart {n}\n" for n in range(count))
    return ("From: a@b.example\nSubject: Many\nContent-Type: multipart/mixed; boundary=b\n\n"
            + parts + "--b--\n")


def test_parts_nested_too_deep_or_too_many_are_refused_in_plain_words() -> None:
    assert parse(nested(25)).subject == "Deep"
    assert refused(nested(40)) == "its MIME parts are nested more than 30 deep"
    assert refused(nested(2000)) == "it has more than 200 MIME parts"
    assert parse(siblings(150)).subject == "Many"
    assert refused(siblings(250)) == "it has more than 200 MIME parts"


def test_a_header_larger_than_the_limit_is_refused_and_a_long_line_within_it_is_read() -> None:
    line = message("<l@x.example>", sender=JOSE, extra="X-Long: " + "y" * 100_000)
    assert parse(line).sender == "jose@acme.example"
    assert refused(message("<l@x.example>", extra="X-Long: " + "y" * 300_000)) == (
        "its header is larger than 256 KB")


def test_only_the_start_of_a_big_body_is_read() -> None:
    from followup.domain.incoming import Limits
    from followup.domain.incoming import parse as parse_message

    started = cpu()
    mail = parse(big_reply(BIG))
    assert cpu() - started < 1
    assert mail.snippet.startswith("Anbei die Unterlagen. xxx") and len(mail.snippet) == 240
    small = parse_message(big_reply(100), limits=Limits(body_bytes=10))
    assert small.snippet.startswith("Anbei") and "Unterlagen" not in small.snippet


HOSTILE_VALUES = {
    "From": ["(" * 200_000, '"a' * 100_000, "=?utf-8?q?a?= " * 15_000 + "<a@b.example>",
             "<" * 200_000, "a@b.example, " * 15_000],
    "Subject": ["=?utf-8?q?a?= " * 15_000, "a\n b" * 50_000],
    "Content-Type": ["text/plain; " + "a=b; " * 40_000],
    "References": ["<" * 200_000],
    "Auto-Submitted": ["(" * 200_000],
    "Date": ["1 " * 100_000],
}
"""Header values on which the standard parser takes quadratic time or worse."""


def test_hostile_header_values_are_read_in_little_time() -> None:
    started = cpu()
    for name, values in HOSTILE_VALUES.items():
        for value in values:
            parse(f"To: siobhan@example.com\n{name}: {value}\n\nHello.\n")
    assert cpu() - started < 3


def test_hostile_bodies_are_read_in_linear_time() -> None:
    daemon = "From: MAILER-DAEMON@mx.example\nSubject: failure\n\n" + "x" * 250_000 + "@\n"
    page = ("From: a@b.example\nSubject: Page\nContent-Type: text/html\n\n"
            + "<script" * 30_000 + "<<" * 20_000)
    quotes = "From: a@b.example\nSubject: Am\n\n" + ("Am " + "x" * 5_000 + "\n") * 40
    started = cpu()
    assert parse(daemon).mentioned == ()
    assert parse(page).snippet == ""
    assert parse(quotes).snippet.startswith("Am xxx")
    assert cpu() - started < 2


def test_text_that_cannot_be_stored_or_shown_is_cleaned_or_left_out() -> None:
    mail = parse(raw_message("<" + "m" * 3000 + "@x>", "=?utf-8?q?N=00ul=1b[2J?= <"
                             + "l" * 400 + "@x.example>", "=?utf-8?q?nul=00here=1b]0;t=07?="))
    assert (mail.subject, mail.sender_name, mail.sender) == ("nulhere]0;t", "Nul[2J", "")
    assert mail.message_id is not None and mail.message_id.startswith("sha256:")
    assert len(mail.message_id) < 100
    chain = " ".join(f"<{n}@x>" for n in range(100))
    threaded = parse(message("<t@x>", extra=f"In-Reply-To: <parent@x>\nReferences: {chain}"))
    assert threaded.thread[:3] == ("parent@x", "99@x", "98@x") and len(threaded.thread) == 30


def test_a_bounce_is_told_from_its_start_when_the_original_it_returns_is_big() -> None:
    from tests.integration.test_imap import DSN

    huge = DSN.format(note=NOTE_ID).replace(
        "--B--", "--B\nContent-Type: message/rfc822\n\nSubject: Thank you\n\n"
        + "z" * 1_000_000 + "\n--B--")
    mail = parse(huge)
    assert mail.report and mail.failed == ("jose@acme.example",)
    assert mail.original_id == NOTE_ID.strip("<>")


def test_what_parsing_raised_is_said_in_plain_words() -> None:
    from followup.domain.incoming import unreadable

    assert unreadable(RecursionError("maximum recursion depth exceeded")) == (
        "its MIME parts are nested too deeply to read")
    assert unreadable(MemoryError()) == "it is too large to read"
    assert unreadable(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad")) == (
        "its text cannot be decoded")
    assert unreadable(ValueError("bad\x1b[2J")) == "it cannot be read (ValueError: bad[2J)"
