"""The block under an email read as a person: name, title, company, phone, email, website.

An email's signature follows habits rather than a format: it comes after a sign-off ("Kind
regards,") or the "-- " line, above any quoted reply or legal notice; the name comes first,
then the title and the company (on one line with "|" or "at", or on two), then numbers with
their labels, addresses and links. What cannot be placed is left out, never guessed into a
field; the user reviews the result before anything is saved."""

from __future__ import annotations

import re
import unicodedata

from followup.domain.cards import PARTICLES, CardPerson
from followup.domain.errors import InvalidInput
from followup.domain.model import Source

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
PHONE_LABEL = re.compile(r"^[^\W\d_]{1,12}\.?\s*[:.：]?\s*(?=[+(\d])")
"""A short word before a number: T:, Tel., Mobile, Direct, 电话:..."""
FAX = re.compile(r"^(?:f|fax|telefax)\b", re.IGNORECASE)
LABEL = re.compile(r"^(?:e|e-mail|email|mail|w|web|website|site|url)\s*[:.]\s*", re.IGNORECASE)
PHONE = re.compile(r"^\+?[\d\s().\-/]{7,}(?:\s*(?:ext\.?|x|#)\s*\d{1,6})?$", re.IGNORECASE)
SEPARATORS = re.compile(r"\s+[|•·—–]\s+|\s*\|\s*|\s{3,}")
SIGN_OFFS = re.compile(
    r"^(?:(?:kind|best|warm|warmest|many|with best)?\s*(?:regards|wishes|thanks)|thank you|"
    r"thanks(?: again)?|cheers|sincerely|yours(?: sincerely| truly)?|best|all the best|"
    r"speak soon|talk soon|ta|cordialement|saludos|mit freundlichen grüßen|"
    r"groeten|saluti)\b[\s,.!]*$|^(?:谢谢|此致|敬礼|祝好|よろしくお願いします)[\s,，。!！]*$",
    re.IGNORECASE)
REPLY = re.compile(r"^(?:on .{4,200} wrote:|-{2,}\s*original message\s*-{2,}|_{5,}|"
                   r"from:\s.+|le .{4,200} a écrit\s?:|am .{4,200} schrieb .+:)$", re.IGNORECASE)
NOTICE = re.compile(r"^(?:this (?:e-?mail|message)|confidential|disclaimer|sent from my|"
                    r"please consider|the information (?:in|contained)|registered (?:in|office))",
                    re.IGNORECASE)
HEADER = re.compile(r"^(?:from|sent|to|cc|subject|date)\s*:", re.IGNORECASE)
FROM = re.compile(r"^from:\s*\"?([^\"<>]+?)\"?\s*<([^<>\s]+@[^<>\s]+)>\s*$", re.IGNORECASE)
COMPANY = re.compile(
    r"\b(?:ltd|limited|inc|incorporated|llc|llp|plc|gmbh|ag|sa|s\.a|sarl|bv|b\.v|nv|oy|ab|"
    r"as|aps|spa|s\.p\.a|srl|pty|co|corp|corporation|company|group|holdings|partners|"
    r"technologies|labs|studio|university|college|bank|agency|consulting)\b\.?",
    re.IGNORECASE)
TITLE = re.compile(
    r"\b(?:manager|director|head|lead|leader|chief|officer|president|vp|vice|partner|"
    r"recruiter|recruitment|recruiting|talent|acquisition|hr|human resources|people|"
    r"engineer|engineering|developer|architect|analyst|scientist|designer|consultant|"
    r"specialist|coordinator|co-ordinator|administrator|assistant|associate|advisor|"
    r"adviser|executive|founder|co-founder|owner|principal|senior|junior|staff|intern|"
    r"ceo|cto|cfo|coo|cio|cmo|professor|lecturer|editor|counsel|accountant|sales|"
    r"marketing|product|operations|team|receptionist|secretary)\b", re.IGNORECASE)
LONGEST_NAME = 60
LINES = 12
"""A signature is a few lines; a longer block is a message's body."""


def parse_signature(text: str) -> CardPerson:
    """The person a signature names; an error when no name can be found in it."""
    lines = [_unquoted(line) for line in text.splitlines()]
    first = _body(lines)
    sender = next((m for m in map(FROM.match, lines[:first]) if m), None)  # not a quoted one
    block = _block(lines, first)
    emails: list[str] = []
    phones: list[str] = []
    website: str | None = None
    words: list[str] = []
    for piece in (p for line in block for p in _pieces(line)):
        found = EMAIL.findall(piece)
        if found:
            emails.extend(e for e in found if e not in emails)
            continue
        bare = LABEL.sub("", piece)
        if URL.match(bare):
            website = website or bare
        elif PHONE_LABEL.match(piece) or PHONE.match(piece):
            number = PHONE_LABEL.sub("", piece).strip()
            if PHONE.match(number) and not FAX.match(piece):
                phones.append(number)
        elif not any(ch.isdigit() for ch in piece):  # an address is left out
            words.append(piece)
    name, title, company = _who(words, sender.group(1).strip() if sender else None)
    if name is None:
        raise InvalidInput("no name found in the signature; paste the lines under the email, "
                           "starting with the person's name", field="text")
    if not emails and sender:
        emails.append(sender.group(2))
    return CardPerson(name, Source.EMAIL, title, company, tuple(emails), tuple(phones), website)


def _unquoted(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ")
    return re.sub(r"^(?:\s*>)+", "", line).strip()


def _body(lines: list[str]) -> int:
    """Where the message starts: a pasted message may start with its headers."""
    return next((n for n, line in enumerate(lines) if line and not HEADER.match(line)),
                len(lines))


def _block(lines: list[str], first: int) -> list[str]:
    """The signature's lines: after the last "-- " line or sign-off, before a quoted reply or
    a legal notice; without either, the last lines of the text."""
    end = next((n for n in range(first + 1, len(lines)) if REPLY.match(lines[n])), len(lines))
    start = first
    for n in range(first, end):
        if lines[n] in ("--", "-- ") or SIGN_OFFS.match(lines[n]):
            start = n + 1
    block = []
    for line in lines[start:end]:
        if NOTICE.match(line) or len(line) > 120:
            break
        if line:
            block.append(line)
    if start == first:  # no sign-off: the last paragraph or so
        block = block[-LINES:]
    return block[:LINES]


def _pieces(line: str) -> list[str]:
    return [p.strip(" ,;") for p in SEPARATORS.split(line) if p.strip(" ,;")]


def _who(words: list[str], sender: str | None) -> tuple[str | None, str | None, str | None]:
    """The name, the title and the company among the lines of words, in their usual order."""
    name = None
    rest = list(words)
    for n, piece in enumerate(rest):
        first, sep, after = piece.partition(", ")
        if _is_name(first) and (not sep or TITLE.search(after) or COMPANY.search(after)):
            name = first
            rest = ([after] if sep else []) + rest[n + 1:]
            break
    if name is None and sender and _is_name(sender):
        name = sender
    title = company = None
    expanded: list[str] = []
    for piece in rest:
        for joint in (" at ", ", "):
            head, sep, tail = piece.partition(joint)
            if sep and TITLE.search(head) and not TITLE.search(tail):
                expanded.extend([head, tail])
                break
        else:
            expanded.append(piece)
    for piece in expanded:
        if company is None and COMPANY.search(piece) and not TITLE.search(piece):
            company = piece
        elif title is None and TITLE.search(piece):
            title = piece
    leftovers = [p for p in expanded if p not in (title, company)]
    if title is None and leftovers:
        title = leftovers.pop(0)
    if company is None and leftovers:
        company = leftovers.pop(0)
    return name, title, company


def _is_name(text: str) -> bool:
    """Looks like a person's name: a few words of letters (any script), no sign-off."""
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > LONGEST_NAME or SIGN_OFFS.match(text):
        return False
    if TITLE.search(text) or COMPANY.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or any(not (c.isalpha() or c in " .'’-") for c in text):
        return False
    if all(ord(c) < 0x250 for c in letters):  # Latin script: names are capitalised
        return all(w[0].isupper() or w.lower() in PARTICLES for w in words if w[0].isalpha())
    return True

