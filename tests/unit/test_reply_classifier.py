"""What an incoming message is: a reply, an automatic reply, a bounce or unrelated."""

from __future__ import annotations

from datetime import UTC, datetime

from followup.domain.incoming import (
    Incoming,
    Known,
    Verdict,
    classify,
    company_domains,
    norm_id,
    parse,
)

KNOWN = Known(
    own=frozenset({"siobhan@example.com"}),
    sent={"note-1@followup.example.com": 7},
    contacts={"jose@acme.example": (7, 70), "wang.fang@globex.example": (8, 80)},
    domains={},
)


def mail(headers: str, body: str = "Thanks, talk soon.\n") -> Incoming:
    return parse((headers.strip() + "\n\n" + body).replace("\n", "\r\n").encode("utf-8"))


def test_a_reply_in_the_thread_of_a_sent_note_counts_for_its_application() -> None:
    found = classify(mail("""
From: Someone Else <else@elsewhere.example>
Subject: Re: Thank you
Message-ID: <r1@elsewhere.example>
In-Reply-To: <NOTE-1@followup.example.com>
"""), KNOWN)
    assert (found.verdict, found.application_id, found.how) == (
        Verdict.REPLY, 7, "in the thread")


def test_references_alone_thread_a_reply() -> None:
    found = classify(mail("""
From: else@elsewhere.example
Subject: Re: Thank you
References: <x@y> <note-1@followup.example.com>
"""), KNOWN)
    assert found.verdict is Verdict.REPLY and found.application_id == 7


def test_a_contact_writing_without_threading_headers_counts() -> None:
    found = classify(mail("""
From: =?utf-8?q?Wang_Fang_=E7=8E=8B=E8=8A=B3?= <Wang.Fang@globex.example>
Subject: =?utf-8?q?N=C3=A4chste_Runde?=
"""), KNOWN)
    assert (found.verdict, found.application_id, found.contact_id) == (Verdict.REPLY, 8, 80)
    assert found.address == "wang.fang@globex.example"


def test_unicode_subjects_and_names_are_decoded() -> None:
    parsed = mail("""
From: =?utf-8?b?Sm9zw6kgR2FyY8OtYQ==?= <jose@acme.example>
Subject: =?utf-8?b?UmU6IEVudHJldmlzdGEgY29uIEpvc8OpIOKAlCDnjovoirM=?=
""", "¡Hola Siobhán! Nos vemos el lunes.\n\nOn Mon, 23 Nov 2026 Siobhán wrote:\n> Thanks\n")
    assert parsed.sender_name == "José García"
    assert parsed.subject == "Re: Entrevista con José — 王芳"
    assert parsed.snippet == "¡Hola Siobhán! Nos vemos el lunes."


def test_an_out_of_office_reply_does_not_count() -> None:
    for headers in (
        "From: jose@acme.example\nSubject: Re: Thank you\nAuto-Submitted: auto-replied",
        "From: jose@acme.example\nSubject: Out of Office: back on Monday",
        "From: jose@acme.example\nSubject: Réponse automatique : absent",
        "From: jose@acme.example\nSubject: Re: Thanks\nX-Autoreply: yes",
        "From: jose@acme.example\nSubject: Re: Thanks\nPrecedence: auto_reply",
    ):
        found = classify(mail(headers + "\nIn-Reply-To: <note-1@followup.example.com>"), KNOWN)
        assert found.verdict is Verdict.AUTO, headers
        assert found.application_id == 7


def test_auto_submitted_no_is_a_person_writing() -> None:
    found = classify(mail("From: jose@acme.example\nSubject: Hi\nAuto-Submitted: no"), KNOWN)
    assert found.verdict is Verdict.REPLY


DSN = """\
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: siobhan@example.com
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-1@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset=utf-8

I'm sorry to have to inform you that your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; Jose@acme.example
Original-Recipient: rfc822;jose@acme.example
Action: failed
Status: 5.1.1

--B
Content-Type: text/rfc822-headers

From: siobhan@example.com
Message-ID: <note-1@followup.example.com>
Subject: Thank you

--B--
"""


def test_a_delivery_report_is_a_bounce_of_the_failed_recipient() -> None:
    parsed = parse(DSN.replace("\n", "\r\n").encode())
    assert parsed.report and parsed.failed == ("jose@acme.example",)
    assert parsed.original_id == "note-1@followup.example.com"
    found = classify(parsed, KNOWN)
    assert (found.verdict, found.address, found.application_id, found.contact_id) == (
        Verdict.BOUNCE, "jose@acme.example", 7, 70)


def test_a_delay_report_is_not_a_bounce() -> None:
    delayed = DSN.replace("Action: failed", "Action: delayed").replace("5.1.1", "4.4.1")
    found = classify(parse(delayed.encode()), KNOWN)
    assert found.verdict is Verdict.AUTO


def test_a_plain_bounce_from_a_mailer_daemon_names_the_contact_it_mentions() -> None:
    found = classify(mail(
        "From: postmaster@globex.example\nSubject: Delivery failure",
        "Your message to wang.fang@globex.example could not be delivered.\n"
        "siobhan@example.com\n"), KNOWN)
    assert (found.verdict, found.address, found.application_id) == (
        Verdict.BOUNCE, "wang.fang@globex.example", 8)


def test_the_failed_recipients_header_names_the_bounced_address() -> None:
    found = classify(mail(
        "From: Mail Delivery Subsystem <mailer-daemon@mx.example>\nSubject: Failure\n"
        "X-Failed-Recipients: nobody@acme.example"), KNOWN)
    assert (found.verdict, found.address) == (Verdict.BOUNCE, "nobody@acme.example")


def test_unrelated_mail_and_the_users_own_copies_do_not_count() -> None:
    assert classify(mail("From: news@shop.example\nSubject: Sale"), KNOWN).verdict \
        is Verdict.UNRELATED
    own = mail("From: Siobhán <siobhan@example.com>\nSubject: Thank you\n"
               "In-Reply-To: <note-1@followup.example.com>")
    assert classify(own, KNOWN).verdict is Verdict.UNRELATED


def test_a_newsletter_from_a_contact_is_automatic() -> None:
    found = classify(mail("From: jose@acme.example\nSubject: Our news\n"
                          "List-Unsubscribe: <mailto:u@acme.example>"), KNOWN)
    assert found.verdict is Verdict.AUTO


def test_the_company_domain_counts_only_when_known() -> None:
    someone = mail("From: hr@acme.example\nSubject: Your interview")
    assert classify(someone, KNOWN).verdict is Verdict.UNRELATED
    allowed = Known(KNOWN.own, KNOWN.sent, KNOWN.contacts, {"acme.example": 7})
    found = classify(someone, allowed)
    assert (found.verdict, found.application_id, found.how) == (
        Verdict.REPLY, 7, "from the company's domain")


def test_company_domains_leave_out_free_mail_and_read_the_url() -> None:
    domains = company_domains([
        (1, ["jose@acme.example", "friend@gmail.com", "https://www.acme.example/jobs/1"]),
        (2, ["https://careers.globex.example:443/x"]),
    ])
    assert domains == {"acme.example": 1, "globex.example": 2}


def test_the_arrival_time_is_preferred_to_the_date_header() -> None:
    raw = b"From: a@b.example\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nx\r\n"
    arrived = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert parse(raw).received == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert parse(raw, arrived).received == arrived


def test_malformed_headers_do_not_stop_the_parser() -> None:
    parsed = parse(b"From: <<<@@@\r\nSubject: =?bogus?q?x?=\r\nDate: yesterday\r\n"
                   b"Content-Type: text/plain; charset=no-such-charset\r\n\r\n\xff\xfe hello\r\n")
    assert parsed.received is None
    assert "hello" in parsed.snippet
    assert classify(parsed, KNOWN).verdict is Verdict.UNRELATED


def test_message_ids_compare_without_brackets_or_case() -> None:
    assert norm_id(" <AbC@Example.COM> ") == norm_id("abc@example.com") == "abc@example.com"


def test_the_snippet_stops_at_the_quote_and_the_signature() -> None:
    parsed = mail("From: jose@acme.example", "Great to meet you.\n\nWe will decide by Friday."
                  "\n-- \nJosé\nACME\n")
    assert parsed.snippet == "Great to meet you. We will decide by Friday."


def test_a_report_with_the_whole_original_message_attached_names_it() -> None:
    attached = DSN.replace("Content-Type: text/rfc822-headers", "Content-Type: message/rfc822")
    parsed = parse(attached.replace("\n", "\r\n").encode())
    assert parsed.original_id == "note-1@followup.example.com"
    assert classify(parsed, KNOWN).application_id == 7
