"""vCard files (2.1, 3.0 and 4.0, RFC 6350) read into people, and contacts written as 3.0."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import vobject

from followup.domain import limits
from followup.domain.cards import CardPerson, name_parts
from followup.domain.errors import InvalidInput
from followup.domain.model import Contact, Source

KEPT = frozenset({"BEGIN", "END", "VERSION", "N", "FN", "ORG", "TITLE", "EMAIL", "TEL", "URL"})
"""The properties read; every other one (photos, keys, addresses, X-...) is left out before
parsing, so that a large or broken photo never stops an import."""
LONGEST_LINE = 4 * limits.URL
"""The longest property line read (photos, which are longer, are left out before)."""
NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")
QUOTED_PRINTABLE = re.compile(r"^[^:]*;(?:ENCODING=)?QUOTED-PRINTABLE[;:]", re.IGNORECASE)


def read(data: bytes) -> list[CardPerson]:
    """Every person of a vCard file, in file order; a file that is not one is an error."""
    if len(data) > limits.CARD_FILE:
        raise InvalidInput(f"the vCard file is too large ({len(data):,} bytes; at most "
                           f"{limits.CARD_FILE:,})", field="file")
    text = _text(data)
    lines = list(_kept(_logical_lines(text)))
    if not any(line.upper().startswith("BEGIN:VCARD") for line in lines):
        raise InvalidInput("the file holds no vCard (no BEGIN:VCARD line)", field="file")
    people: list[CardPerson] = []
    try:
        for card in vobject.readComponents("\r\n".join(lines) + "\r\n",
                                           ignoreUnreadable=False):
            if card.name != "VCARD":
                continue
            people.append(_person(card, len(people) + 1))
    except InvalidInput:
        raise
    except Exception as exc:  # vobject raises many kinds: every one means a broken file
        raise InvalidInput(f"the vCard file is damaged ({_first_line(exc)})",
                           field="file") from None
    return people


def write(contacts: Iterable[Contact]) -> str:
    """The contacts as vCard 3.0, which Apple, Google and Outlook contacts import."""
    cards = []
    for contact in contacts:
        card = vobject.vCard()
        card.add("fn").value = contact.name
        family, given = name_parts(contact.name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if contact.organisation:
            card.add("org").value = [contact.organisation]
        if contact.title:
            card.add("title").value = contact.title
        for n, address in enumerate(contact.emails or ([contact.email] if contact.email else [])):
            line = card.add("email")
            line.value, line.type_param = address, "INTERNET"
            if n == 0:
                line.type_paramlist = ["INTERNET", "pref"]
        for n, number in enumerate(contact.phones or ([contact.phone] if contact.phone else [])):
            line = card.add("tel")
            line.value = number
            line.type_paramlist = ["voice", "pref"] if n == 0 else ["voice"]
        if contact.website:
            card.add("url").value = contact.website
        cards.append(card.serialize())
    return "".join(cards)


def _text(data: bytes) -> str:
    if b"\x00" in data:
        raise InvalidInput("the file is not a vCard (it holds binary data)", field="file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Outlook writes 2.1 files in the Windows code page; cp1252 maps nearly every byte.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InvalidInput("the file is not a vCard (its text is neither UTF-8 nor "
                               "Windows-1252)", field="file") from None


def _logical_lines(text: str) -> Iterator[str]:
    """The file's lines unfolded: a line that starts with a blank continues the one before
    (RFC 6350 3.2), and a quoted-printable line that ends with '=' goes on on the next
    (vCard 2.1's soft line breaks)."""
    current: str | None = None
    for raw in re.split(r"\r\n|\r|\n", text):
        if current is not None and raw[:1] in (" ", "\t"):
            current += raw[1:]
        elif (current is not None and current.endswith("=")
              and QUOTED_PRINTABLE.match(current)):
            current = current[:-1] + raw
        else:
            if current:
                yield current
            current = raw
    if current:
        yield current


def _kept(lines: Iterable[str]) -> Iterator[str]:
    """The lines of the properties read, each of a sensible length, with the cards one after
    the other (never one inside another) and no more of them than a file may hold."""
    depth = cards = 0
    for number, line in enumerate(lines, 1):
        match = NAME.match(line)
        if not match or match.group(1).upper() not in KEPT:
            continue
        if len(line) > LONGEST_LINE:
            raise InvalidInput(f"the vCard file is damaged (line {number} is longer than "
                               f"{LONGEST_LINE:,} characters)", field="file")
        word = line.upper()
        if word.startswith("BEGIN:"):
            depth, cards = depth + 1, cards + 1
            if depth > 1:
                raise InvalidInput(f"the vCard file is damaged (line {number} opens a card "
                                   "inside another)", field="file")
            if cards > limits.CARDS:
                raise InvalidInput(f"the file holds more than {limits.CARDS} people",
                                   field="file")
        elif word.startswith("END:"):
            depth -= 1
        yield line


def _person(card: Any, number: int) -> CardPerson:
    where = f"person {number} of the file"
    fn = _one(card, "fn")
    name_parts = _one(card, "n")
    name = str(fn).strip() if fn else _from_n(name_parts)
    if not name:
        raise InvalidInput(f"{where} has no name (neither FN nor N)", field="file")
    name = limits.text(name, f"the name of {where}", field="file")
    org = _one(card, "org")
    emails = [e.removeprefix("mailto:") for e in _all(card, "email")]
    numbers = [_number(t) for t in _all(card, "tel")]
    limits.details(emails, numbers, name, "file")
    organisation = (org[0] if isinstance(org, list) and org else org) or None
    return CardPerson(
        name=name, source=Source.VCARD,
        title=limits.optional_text(_one(card, "title"), f"the title of {name}",
                                   limits.SHORT, "file"),
        organisation=limits.optional_text(organisation, f"the organisation of {name}",
                                          limits.SHORT, "file"),
        emails=tuple(emails), phones=tuple(numbers),
        website=limits.optional_text(next((_unescaped(u) for u in _all(card, "url")), None),
                                     f"the website of {name}", limits.URL, "file", False),
    )


def _one(card: Any, name: str) -> Any:
    found = card.contents.get(name)
    return found[0].value if found else None


def _all(card: Any, name: str) -> list[str]:
    """A property's values, the preferred first (2.1's bare PREF, 3.0's TYPE=pref, 4.0's
    PREF=1), then in file order; empty ones left out."""
    lines = card.contents.get(name, [])
    ranked = sorted(enumerate(lines), key=lambda item: (_rank(item[1]), item[0]))
    return [str(line.value).strip() for _, line in ranked if str(line.value).strip()]


def _rank(line: Any) -> int:
    params = {k.upper(): [str(v).lower() for v in vs] for k, vs in line.params.items()}
    if "PREF" in params:
        try:
            return int(params["PREF"][0])
        except (ValueError, IndexError):
            return 1
    types = ",".join(params.get("TYPE", [])).split(",")
    singles = [s.lower() for s in getattr(line, "singletonparams", [])]
    return 1 if "pref" in types or "pref" in singles else 101


def _unescaped(value: str) -> str:
    """A URL as Apple and Google write it, with its colon escaped (`https\\://`)."""
    return re.sub(r"\\([\\,;:])", r"\1", value)


def _number(value: str) -> str:
    """A TEL value without 4.0's `tel:` scheme and its parameters (`;ext=102`)."""
    return value.removeprefix("tel:").split(";")[0]


def _from_n(parts: Any) -> str:
    if parts is None:
        return ""
    words = [parts.prefix, parts.given, parts.additional, parts.family, parts.suffix]
    flat = [" ".join(w) if isinstance(w, list) else str(w or "") for w in words]
    return " ".join(w.strip() for w in flat if w.strip())


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
