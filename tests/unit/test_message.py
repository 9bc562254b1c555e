"""Messages as they leave: RFC 5322, plain and HTML, unicode names intact, no header injection."""

from __future__ import annotations

import email
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage

import pytest

from followup.adapters.mail.message import as_html, build, new_message_id
from followup.domain.errors import InvalidInput
from followup.services.digest import digest_message_id
from followup.services.ports import Person

WHEN = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
ME = Person("Siobhán Ó Briain", "siobhan@example.ie")


def parsed(text: str) -> EmailMessage:
    message: EmailMessage = email.message_from_string(text, policy=policy.default)
    return message


def note(**changes: object) -> str:
    values: dict[str, object] = {
        "sender": ME, "to": [Person("José Núñez", "jose@acme.example")],
        "subject": "Thank you — Data Analyst", "body": "Dear José,\n\nThank you.\n\nSiobhán",
        "when": WHEN, "message_id": "<abc.1@example.ie>"}
    values.update(changes)
    return build(**values).text  # type: ignore[arg-type]


def test_unicode_display_names_survive_a_round_trip() -> None:
    text = note(to=[Person("王芳", "wang@acme.example"), Person("José, Jr.", "jose@acme.example")])

    message = parsed(text)

    assert text.isascii()
    assert message["From"].addresses[0].display_name == "Siobhán Ó Briain"
    assert [a.display_name for a in message["To"].addresses] == ["王芳", "José, Jr."]
    assert message["Subject"] == "Thank you — Data Analyst"


def test_the_message_has_a_plain_text_and_an_escaped_html_twin() -> None:
    message = parsed(note(body="Dear José,\n\n<script>alert(1)</script> & more\nline two"))

    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",))
    rich = message.get_body(("html",))
    assert plain is not None and rich is not None
    assert "<script>alert(1)</script>" in plain.get_content()
    html = rich.get_content()
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "&amp; more<br>" in html and "<p>Dear José,</p>" in html


def test_date_and_message_id_are_set_and_lines_end_with_crlf() -> None:
    text = note()

    message = parsed(text)

    assert message["Message-ID"] == "<abc.1@example.ie>"
    assert message["Date"].datetime == WHEN
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")


def test_a_blind_copy_goes_only_on_the_envelope() -> None:
    built = build(ME, [Person("José", "jose@acme.example")], "Hi", "Body", WHEN,
                  "<a@example.ie>", bcc=["siobhan@example.ie"])

    assert built.recipients == ["jose@acme.example", "siobhan@example.ie"]
    assert "siobhan@example.ie" not in (parsed(built.text)["To"] or "")
    assert "bcc" not in built.text.lower()


@pytest.mark.parametrize("changes", [
    {"subject": "Hello\r\nBcc: victim@example.org"},
    {"subject": "Hello\nX-Evil: 1"},
    {"to": [Person("José\r\nBcc: victim@example.org", "jose@acme.example")]},
    {"sender": Person("Siobhán\nBcc: x@example.org", "siobhan@example.ie")},
    {"to": [Person("José", "jose@acme.example\r\nBcc: victim@example.org")]},
    {"message_id": "<a@b>\r\nBcc: victim@example.org"},
])
def test_a_line_break_in_any_header_value_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidInput, match="line break"):
        note(**changes)


@pytest.mark.parametrize("address", ["jose", "jose@", "<jose@acme.example>", "a b@acme.example",
                                     "josé@acme.example"])
def test_an_address_that_is_not_one_is_refused(address: str) -> None:
    with pytest.raises(InvalidInput):
        note(to=[Person("José", address)])


def test_a_message_needs_a_recipient() -> None:
    with pytest.raises(InvalidInput, match="no recipient"):
        note(to=[])


def test_message_ids_are_unique_on_the_senders_domain() -> None:
    first, second = new_message_id("siobhan@Example.IE"), new_message_id("siobhan@example.ie")

    assert first != second
    assert first.startswith("<") and first.endswith("@example.ie>")


def test_the_digest_message_id_is_the_same_for_a_user_and_a_day() -> None:
    day = date(2026, 11, 25)

    same = digest_message_id(1, day, "me@example.ie") == digest_message_id(1, day, "me@example.ie")

    assert same
    assert digest_message_id(1, day, "me@example.ie") != digest_message_id(2, day, "me@example.ie")
    assert digest_message_id(1, day, "me@example.ie") != digest_message_id(
        1, date(2026, 11, 26), "me@example.ie")


def test_html_of_an_empty_paragraph_list_is_still_a_document() -> None:
    assert as_html("").startswith("<!DOCTYPE html>")
