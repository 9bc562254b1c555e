"""Incoming mail: what a message is (a reply, an automatic reply, a bounce) from its text alone."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from enum import StrEnum
from html import unescape
from typing import Any

MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
DAEMONS = frozenset({"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"})
DAEMON_NAMES = ("mail delivery", "delivery status", "mail administrator")
AUTO_SUBJECTS = (
    "out of office", "out of the office", "automatic reply", "auto reply", "auto-reply",
    "autoreply", "auto:", "away from the office", "away from my desk", "on vacation",
    "on leave", "vacation reply", "abwesenheit", "automatische antwort", "absence",
    "réponse automatique", "respuesta automática", "fuera de la oficina",
    "risposta automatica", "fuori ufficio", "resposta automática", "automatisch antwoord",
    "afwezig", "autosvar", "frånvaro", "自动回复", "不在办公室",
)
"""Subjects of out-of-office replies (English, and the common ones of other languages)."""
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "ymail.com", "icloud.com", "me.com", "aol.com", "proton.me",
    "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "zoho.com",
    "yandex.com", "qq.com", "163.com", "eircom.net", "fastmail.com", "hey.com",
})
"""Domains anyone can have an address at: never taken for a company's domain."""
SNIPPET = 240


class Verdict(StrEnum):
    REPLY = "reply"
    AUTO = "auto"
    BOUNCE = "bounce"
    UNRELATED = "unrelated"


@dataclass(frozen=True)
class Incoming:
    """The facts of one message that decide what it is."""

    message_id: str | None
    thread: tuple[str, ...]
    """Message-IDs of In-Reply-To and References, normalised."""
    sender: str
    """The From address, lower-cased ("" when there is none)."""
    sender_name: str
    subject: str
    received: datetime | None
    automatic: bool
    """Marked as sent by a machine: Auto-Submitted, X-Autoreply, Precedence, an away subject."""
    report: bool
    """A delivery status notification (multipart/report; report-type=delivery-status) or a
    message from a mailer daemon."""
    failed: tuple[str, ...]
    """The recipients a delivery report says failed, lower-cased."""
    original_id: str | None
    """The Message-ID of the message a report is about, normalised."""
    mentioned: tuple[str, ...]
    """Addresses written in a report's text (a daemon's plain-text bounce names them there)."""
    snippet: str


@dataclass(frozen=True)
class Known:
    """What the user's records say about addresses and sent messages."""

    own: frozenset[str]
    """The user's own addresses: their copies are nobody's reply."""
    sent: Mapping[str, int]
    """Normalised Message-ID of a message sent -> its application."""
    contacts: Mapping[str, tuple[int, int]]
    """Lower-cased email of a contact -> (application, contact)."""
    domains: Mapping[str, int]
    """Company domain -> application; empty unless the user counts the company's domain."""


@dataclass(frozen=True)
class Finding:
    verdict: Verdict
    application_id: int | None = None
    contact_id: int | None = None
    address: str | None = None
    """The sender of a reply, or the address that bounced."""
    how: str = ""
    """Why: in the thread of a sent note, from a contact, from the company's domain."""


def norm_id(value: str) -> str:
    """A Message-ID compared without angle brackets, spaces or case."""
    found = MESSAGE_ID.search(value)
    return (found.group(1) if found else value).strip().lower()


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(".")


def company_domains(sources: Iterable[tuple[int, Iterable[str]]]) -> dict[str, int]:
    """Company domain -> application from (application, its contacts' emails and its URL's
    host); free-mail domains are left out, and a later application wins a shared domain."""
    found: dict[str, int] = {}
    for application_id, values in sources:
        for value in values:
            text = value.strip().lower()
            host = domain_of(text) if "@" in text else _host(text)
            if host and "." in host and host not in FREE_MAIL:
                found[host] = application_id
    return found


def _host(url: str) -> str:
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url).split("/")[0].split(":")[0]
    return host.removeprefix("www.").removeprefix("careers.").removeprefix("jobs.")


def _header(message: Message, name: str) -> str:
    """A header as text; a header the parser cannot make sense of counts as absent."""
    try:
        value = message.get(name)
    except Exception:  # a malformed header must not stop the sync
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def _ids(text: str) -> tuple[str, ...]:
    return tuple(m.lower() for m in MESSAGE_ID.findall(text))


def _text(message: Message) -> str:
    """The first plain-text part (else the first HTML part without its tags)."""
    plain = html = None
    for part in message.walk():
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        if part.get_content_disposition() == "attachment":
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        try:
            text = data.decode(part.get_content_charset() or "utf-8", "replace")
        except LookupError:  # a charset Python does not know
            text = data.decode("utf-8", "replace")
        if part.get_content_subtype() == "plain" and plain is None:
            plain = text
        elif part.get_content_subtype() == "html" and html is None:
            html = unescape(re.sub(r"(?s)<(script|style).*?</\1>|<[^>]+>", " ", text))
    return plain if plain is not None else html or ""


def snippet(body: str) -> str:
    """The first lines a person wrote: without the quoted message and the signature."""
    kept: list[str] = []
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith(">") or stripped in ("--", "-- "):
            break
        if re.match(r"^(On .{4,200} wrote:|Le .{4,200} a écrit ?:|Am .{4,200} schrieb .*:|"
                    r"-+ ?Original Message ?-+|From: )", stripped):
            break
        if stripped:
            kept.append(stripped)
    text = " ".join(" ".join(kept).split())
    return text if len(text) <= SNIPPET else text[:SNIPPET - 1].rstrip() + "…"


def _automatic(message: Message, subject: str) -> bool:
    submitted = _header(message, "Auto-Submitted").split(";")[0].strip().lower()
    if submitted and submitted != "no":
        return True
    if any(_header(message, h) for h in ("X-Autoreply", "X-Autorespond", "X-Autogenerated",
                                          "X-Auto-Reply", "List-Id", "List-Unsubscribe")):
        return True
    if _header(message, "Precedence").lower() in ("auto_reply", "bulk", "junk", "list"):
        return True
    lowered = subject.lower()
    return any(word in lowered for word in AUTO_SUBJECTS)


def _report(message: Message) -> tuple[bool, tuple[str, ...], str | None, tuple[str, ...]]:
    """(is a delivery failure report, failed recipients, original Message-ID, addresses in
    the text) of a DSN (RFC 3464) or a mailer daemon's plain bounce."""
    failed: list[str] = []
    original: str | None = None
    is_dsn = (message.get_content_type() == "multipart/report"
              and str(message.get_param("report-type", "")).lower() == "delivery-status")
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            failed += _failed_recipients(part)
        elif kind in ("message/rfc822", "message/rfc822-headers", "text/rfc822-headers"):
            original = original or _original_id(part)
    failed += [a.lower() for a in ADDRESS.findall(_header(message, "X-Failed-Recipients"))]
    mentioned = tuple(dict.fromkeys(a.lower() for a in ADDRESS.findall(_text(message))))
    return is_dsn, tuple(dict.fromkeys(failed)), original, mentioned


def _failed_recipients(part: Message) -> list[str]:
    """Final-Recipient (else Original-Recipient) of every block whose Action is failed."""
    blocks: Any = part.get_payload()
    found = []
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, Message):
            continue
        action = _header(block, "Action").lower()
        recipient = _header(block, "Final-Recipient") or _header(block, "Original-Recipient")
        address = recipient.partition(";")[2].strip() or recipient.strip()
        if action.startswith("failed") and address:
            found.append(address.strip("<>").lower())
    return found


def _original_id(part: Message) -> str | None:
    payload: Any = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], Message):
        inner = _header(payload[0], "Message-ID")
    else:
        text = payload if isinstance(payload, str) else ""
        found = re.search(r"(?im)^message-id:\s*(<[^>]+>)", text)
        inner = found.group(1) if found else ""
    return norm_id(inner) if inner else None


def _date(message: Message) -> datetime | None:
    try:
        value = parsedate_to_datetime(_header(message, "Date"))
    except (TypeError, ValueError, IndexError):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def parse(raw: bytes, received: datetime | None = None) -> Incoming:
    """The facts of a raw RFC 5322 message; `received` (the server's arrival time) is
    preferred to the Date header, which the sender writes."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    name, sender = parseaddr(_header(message, "From"))
    if not sender:
        pairs = getaddresses([_header(message, "Sender")])
        name, sender = pairs[0] if pairs else ("", "")
    subject = _header(message, "Subject")
    is_dsn, failed, original, mentioned = _report(message)
    local = sender.partition("@")[0].lower()
    daemon = local in DAEMONS or any(d in name.lower() for d in DAEMON_NAMES)
    own_id = _header(message, "Message-ID")
    # A daemon's warning that it is still trying names the recipient too, but nothing failed.
    delay = any(w in subject.lower() for w in ("delay", "warning", "still trying"))
    return Incoming(
        message_id=norm_id(own_id) if own_id else None,
        thread=tuple(dict.fromkeys(
            _ids(_header(message, "In-Reply-To")) + _ids(_header(message, "References")))),
        sender=sender.strip().lower(), sender_name=name.strip(), subject=subject,
        received=received or _date(message),
        automatic=_automatic(message, subject), report=is_dsn or daemon, failed=failed,
        original_id=original, mentioned=mentioned if daemon and not is_dsn and not delay else (),
        snippet="" if is_dsn else snippet(_text(message)),
    )


def classify(mail: Incoming, known: Known) -> Finding:
    """Whether a message is the employer answering (R10), a machine's reply, a bounce or
    nothing to do with any application."""
    if mail.sender and mail.sender in known.own and not mail.report:
        return Finding(Verdict.UNRELATED)
    if mail.report:
        return _bounce(mail, known)
    application_id, contact_id, how = _match(mail, known)
    if mail.automatic:
        return Finding(Verdict.AUTO, application_id, contact_id, mail.sender or None, how)
    if application_id is None:
        return Finding(Verdict.UNRELATED)
    return Finding(Verdict.REPLY, application_id, contact_id, mail.sender or None, how)


def _match(mail: Incoming, known: Known) -> tuple[int | None, int | None, str]:
    contact = known.contacts.get(mail.sender)
    for message_id in mail.thread:
        if message_id in known.sent:
            application_id = known.sent[message_id]
            same = contact is not None and contact[0] == application_id
            return application_id, contact[1] if same and contact else None, "in the thread"
    if contact is not None:
        return contact[0], contact[1], "from a contact"
    domain = domain_of(mail.sender) if mail.sender else ""
    if domain in known.domains:
        return known.domains[domain], None, "from the company's domain"
    return None, None, ""


def _bounce(mail: Incoming, known: Known) -> Finding:
    """A failure report names the address that bounced; a delay or success report, or a
    daemon's note naming nobody we wrote to, is only an automatic message."""
    candidates = mail.failed or tuple(a for a in mail.mentioned
                                      if a in known.contacts and a not in known.own)
    if not candidates:
        return Finding(Verdict.AUTO)
    address = candidates[0]
    application_id = known.sent.get(mail.original_id or "")
    contact = known.contacts.get(address)
    if application_id is None and contact is not None:
        application_id = contact[0]
    contact_id = contact[1] if contact is not None and contact[0] == application_id else None
    return Finding(Verdict.BOUNCE, application_id, contact_id, address, "a delivery failure")
