"""Builds the RFC 5322 messages Followup sends: plain text and HTML, unicode names intact."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from followup.domain.errors import InvalidInput
from followup.services.ports import Composed, Person

FORBIDDEN = ("\r", "\n", "\x00")
"""Characters no header value may hold: a line break would start a header of its own."""


def _clean(value: str, what: str) -> str:
    if any(c in value for c in FORBIDDEN):
        raise InvalidInput(f"{what} must not contain a line break: {value!r}")
    return value


def _address(person: Person, what: str) -> Address:
    address = _clean(person.address.strip(), f"the {what} address")
    name = _clean((person.name or "").strip(), f"the {what} name")
    if not address.isascii():
        raise InvalidInput(f"the {what} address {address!r} has characters outside ASCII, "
                           "which most mail servers refuse")
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or any(c in address for c in " <>,;\"()"):
        raise InvalidInput(f"{address!r} is not an email address")
    try:
        return Address(display_name=name, username=local, domain=domain)
    except (ValueError, IndexError) as exc:
        raise InvalidInput(f"{address!r} is not an email address ({exc})") from None


def domain_of(address: str) -> str:
    """The domain part of an address (where its Message-IDs are made)."""
    return address.rpartition("@")[2].strip().lower() or "localhost"


def new_message_id(sender: str) -> str:
    """A fresh, globally unique Message-ID on the sender's domain."""
    return make_msgid("followup", domain=domain_of(sender))


def as_html(body: str) -> str:
    """The plain text as HTML: escaped, paragraphs at blank lines, line breaks kept."""
    paragraphs = [p for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    inner = "\n".join("<p>" + "<br>\n".join(html.escape(line) for line in p.split("\n"))
                      + "</p>" for p in paragraphs)
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n'
            f'<body style="font-family: sans-serif">\n{inner}\n</body></html>\n')


def build(sender: Person, to: Sequence[Person], subject: str, body: str, when: datetime,
          message_id: str, bcc: Sequence[str] = (),
          headers: Mapping[str, str] | None = None) -> Composed:
    """The message `sender` sends `to`, dated `when`; `bcc` only on the envelope."""
    if not to:
        raise InvalidInput("the message has no recipient with an email address")
    if when.tzinfo is None:
        raise ValueError("a message's date needs a time zone")
    _clean(message_id, "the Message-ID")
    if not (message_id.startswith("<") and message_id.endswith(">") and "@" in message_id):
        raise InvalidInput(f"{message_id!r} is not a Message-ID")
    message = EmailMessage(policy=policy.SMTP)
    author = _address(sender, "sender's")
    people = [_address(p, "recipient's") for p in to]
    message["From"] = author
    message["To"] = people
    message["Subject"] = _clean(subject.strip(), "the subject")
    message["Date"] = format_datetime(when)
    message["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        message[_clean(name, "a header name")] = _clean(value, f"the {name} header")
    text = body.replace("\r\n", "\n")
    message.set_content(text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(as_html(text), subtype="html", charset="utf-8",
                            cte="quoted-printable")
    envelope = [p.addr_spec for p in people]
    for extra in bcc:
        copy = _address(Person(None, extra), "blind copy").addr_spec
        if copy not in envelope:
            envelope.append(copy)
    return Composed(message_id, author.addr_spec, envelope, subject.strip(),
                    message.as_bytes().decode("ascii"))

