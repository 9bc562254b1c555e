"""Incoming mail: what a message is (a reply, an automatic reply, a bounce) from its text alone."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.parser import BytesHeaderParser
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
LINE = 1000
"""The part of a line (or a word) read for a snippet or an address."""
LONGEST_ID = 998
"""The longest Message-ID kept as it is (a header line's limit); longer ones are hashed."""
LONGEST_ADDRESS = 320
"""The longest address that can be one (RFC 5321 allows 64 + 1 + 255)."""
THREAD_IDS = 30
"""Message-IDs of a thread looked up per message: In-Reply-To and the last of References."""
PART = re.compile(rb"(?im)^content-type[ \t]*:")
"""The start of a MIME part's Content-Type header (and of the message's own)."""
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters, which no subject or name needs (and PostgreSQL refuses NUL)."""


@dataclass(frozen=True)
class Limits:
    """How much of a message is read: enough to tell a reply, never enough to hurt."""

    header_bytes: int = 256 * 1024
    """A header larger than this is not read: the message is skipped."""
    body_bytes: int = 256 * 1024
    """Only the body's start is read (its first text part, a report's status)."""
    parts: int = 200
    """MIME parts (counted by their Content-Type lines) above this: skipped."""
    depth: int = 30
    """MIME parts nested deeper than this: skipped."""


LIMITS = Limits()
HEADER_VALUE = 2048
"""The part of a header's value read; longer values are cut to this."""


class _Bounded(email.policy.EmailPolicy):
    """The standard policy, except that a header's value is cut before it is parsed: the
    standard parser takes quadratic time (or worse) on some hostile values."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if len(value) > HEADER_VALUE:
            # References ends with the nearest messages of the thread: those are kept.
            value = value[-HEADER_VALUE:] if name.lower() == "references" \
                else value[:HEADER_VALUE]
        return super().header_fetch_parse(name, value)


BOUNDED = _Bounded()


class Unreadable(ValueError):
    """A message past a limit or that the parser cannot take; says why in plain words."""


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
    return tuple(m.lower() for m in MESSAGE_ID.findall(text) if len(m) <= LONGEST_ID)


def _plain(text: str) -> str:
    """Text without control characters (a hostile subject can hold NUL or ESC)."""
    return CONTROL.sub("", text)


def _key(message_id: str) -> str:
    """A Message-ID as stored: normalised, and hashed when too long to be a real one."""
    value = norm_id(message_id)
    if len(value) <= LONGEST_ID:
        return value
    return "sha256:" + hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()


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
            html = _visible(text)
    return plain if plain is not None else html or ""


def snippet(body: str) -> str:
    """The first lines a person wrote: without the quoted message and the signature."""
    kept: list[str] = []
    length = 0
    for line in body.splitlines():
        # The start of a line is enough to tell a quote's header, and to fill the snippet.
        stripped = line.strip()[:LINE]
        if stripped.startswith(">") or stripped in ("--", "-- "):
            break
        if re.match(r"^(On .{4,200} wrote:|Le .{4,200} a écrit ?:|Am .{4,200} schrieb .*:|"
                    r"-+ ?Original Message ?-+|From: )", stripped):
            break
        if stripped:
            kept.append(" ".join(stripped.split()))
            length += len(kept[-1]) + 1
        if length > SNIPPET:
            break
    text = " ".join(kept)
    return text if len(text) <= SNIPPET else text[:SNIPPET - 1].rstrip() + "…"


def _visible(html: str) -> str:
    """The text of HTML: without its tags, scripts and styles (in one pass: a regex would
    take quadratic time on a hostile page)."""
    lowered, kept, at = html.lower(), [], 0
    while (start := lowered.find("<", at)) >= 0:
        kept.append(html[at:start])
        tag = next((t for t in ("script", "style") if lowered.startswith(t, start + 1)), None)
        close = lowered.find(f"</{tag}", start) if tag else start
        end = lowered.find(">", close) if close >= 0 else -1
        if end < 0:
            return unescape("".join(kept))
        kept.append(" ")
        at = end + 1
    return unescape("".join(kept) + html[at:])


def _addresses(text: str) -> tuple[str, ...]:
    """The addresses written in a text, lower-cased, once each; a word too long to be one is
    passed over (the pattern would take quadratic time on it)."""
    return tuple(dict.fromkeys(
        a.lower() for word in text.split() if "@" in word and len(word) <= LINE
        for a in ADDRESS.findall(word) if len(a) <= LONGEST_ADDRESS))


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


def _report(message: Message, daemon: bool
            ) -> tuple[bool, tuple[str, ...], str | None, tuple[str, ...]]:
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
    failed = [a for a in failed if len(a) <= LONGEST_ADDRESS]
    # Only a daemon's text is searched for addresses: nobody else's names a bounce.
    mentioned = _addresses(_text(message)) if daemon and not is_dsn else ()
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
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def parse(raw: bytes, received: datetime | None = None, limits: Limits = LIMITS) -> Incoming:
    """The facts of a raw RFC 5322 message, read within `limits` (Unreadable past them);
    `received` (the server's arrival time) is preferred to the Date header, which the sender
    writes."""
    message = _message(raw, limits)
    name, sender = parseaddr(_header(message, "From"))
    if not sender:
        pairs = getaddresses([_header(message, "Sender")])
        name, sender = pairs[0] if pairs else ("", "")
    sender = _plain(sender).strip().lower()
    if len(sender) > LONGEST_ADDRESS:  # nobody's address: it cannot match a contact
        sender = ""
    subject = _plain(_header(message, "Subject"))
    local = sender.partition("@")[0]
    daemon = local in DAEMONS or any(d in name.lower() for d in DAEMON_NAMES)
    is_dsn, failed, original, mentioned = _report(message, daemon)
    own_id = _header(message, "Message-ID")
    # A daemon's warning that it is still trying names the recipient too, but nothing failed.
    delay = any(w in subject.lower() for w in ("delay", "warning", "still trying"))
    # In-Reply-To names the parent; References ends with the nearest ancestors.
    thread = _ids(_header(message, "In-Reply-To")) + _ids(_header(message, "References"))[::-1]
    return Incoming(
        message_id=_key(own_id) if own_id else None,
        thread=tuple(dict.fromkeys(thread))[:THREAD_IDS],
        sender=sender, sender_name=_plain(name).strip()[:LONGEST_ADDRESS], subject=subject,
        received=received or _date(message),
        automatic=_automatic(message, subject), report=is_dsn or daemon, failed=failed,
        original_id=original, mentioned=mentioned if daemon and not is_dsn and not delay else (),
        snippet="" if is_dsn else _plain(snippet(_text(message))),
    )


def _message(raw: bytes, limits: Limits) -> Message:
    """The message parsed: its whole header and the start of its body; Unreadable when the
    header is too large or the parts too many or too deep."""
    end = _header_end(raw, limits.header_bytes)
    if end is None:
        raise Unreadable(f"its header is larger than {limits.header_bytes // 1024} KB")
    kept = raw[:end + limits.body_bytes]
    # Counted before parsing: the parser recurses once per level of nesting.
    if len(PART.findall(kept)) > limits.parts:
        raise Unreadable(f"it has more than {limits.parts} MIME parts")
    message = email.message_from_bytes(kept, policy=BOUNDED)
    if _depth(message) > limits.depth:
        raise Unreadable(f"its MIME parts are nested more than {limits.depth} deep")
    return message


def _header_end(raw: bytes, most: int) -> int | None:
    """Where the header ends (its blank line), or None when it is longer than `most`."""
    window = raw[:most + 4]
    ends = [i for i in (window.find(b"\n\n"), window.find(b"\r\n\r\n")) if i >= 0]
    end = min(ends) if ends else len(raw)
    return end if end <= most else None


def _depth(message: Message) -> int:
    """How deep the MIME parts nest (1: a single part), counted without recursion."""
    deepest, stack = 0, [(message, 1)]
    while stack:
        part, level = stack.pop()
        deepest = max(deepest, level)
        payload: Any = part.get_payload()
        if isinstance(payload, list):
            stack += [(p, level + 1) for p in payload if isinstance(p, Message)]
    return deepest


def glance(raw: bytes, limits: Limits = LIMITS) -> tuple[str, str]:
    """(subject, sender) of a message that cannot be read, from its header alone; empty
    when even that cannot be read."""
    try:
        header = BytesHeaderParser(policy=BOUNDED).parsebytes(raw[:limits.header_bytes])
        sender = _plain(parseaddr(_header(header, "From"))[1]).strip().lower()
        return _plain(_header(header, "Subject")), sender[:LONGEST_ADDRESS]
    except Exception:  # nothing more to tell about it
        return "", ""


def unreadable(error: BaseException) -> str:
    """Why a message could not be read, in plain words, from what parsing it raised."""
    if isinstance(error, Unreadable):
        return str(error)
    if isinstance(error, RecursionError):
        return "its MIME parts are nested too deeply to read"
    if isinstance(error, MemoryError):
        return "it is too large to read"
    if isinstance(error, UnicodeError):
        return "its text cannot be decoded"
    words = " ".join(_plain(str(error)).split())[:200]
    return f"it cannot be read ({type(error).__name__}{': ' + words if words else ''})"


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


CALENDARS = 3
"""Calendar files read from one message (an invitation and its copy as an attachment)."""


def calendar_parts(raw: bytes, limits: Limits = LIMITS) -> tuple[bytes, ...]:
    """The calendar files a message carries (text/calendar parts, .ics attachments), as UTF-8,
    each once; none when the message has none or cannot be read within `limits`."""
    start = raw[:limits.header_bytes + limits.body_bytes].lower()
    if not any(m in start for m in (b"text/calendar", b"application/ics", b".ics")):
        return ()
    try:
        message = _message(raw, limits)
        found: list[bytes] = []
        for part in message.walk():
            if part.is_multipart():
                continue
            kind, name = part.get_content_type(), (part.get_filename() or "").lower()
            if kind not in ("text/calendar", "application/ics") and not name.endswith(".ics"):
                continue
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            charset = (part.get_content_charset() or "utf-8").lower()
            if charset not in ("utf-8", "utf8", "us-ascii"):
                data = data.decode(charset, "replace").encode()
            if data and data not in found:
                found.append(data)
            if len(found) >= CALENDARS:
                break
    except Exception:  # a message the parser cannot take carries no invitation we can read
        return ()
    return tuple(found)
