"""The contact a card's QR code carries: a vCard (2.1, 3.0, 4.0) or a MECARD. What a code
says is exact, so its fields are read with full confidence."""

from __future__ import annotations

import re

from followup.domain.card_text import CardFields, Origin, Reading, find_emails, find_phones


def _exact(value: str) -> Reading | None:
    value = " ".join(value.split())
    return Reading(value, 1.0, Origin.QR) if value else None


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\,;:nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split(value: str, sep: str) -> list[str]:
    """`value` split at `sep` not escaped with a backslash."""
    return [_unescape(p) for p in re.split(rf"(?<!\\){re.escape(sep)}", value)]


def _vcard(text: str, region: str | None) -> CardFields:
    lines = re.sub(r"\r?\n[ \t]", "", text).splitlines()
    values: dict[str, list[str]] = {}
    for line in lines:
        head, sep, value = line.partition(":")
        if not sep:
            continue
        name = head.split(";")[0].split(".")[-1].upper()
        values.setdefault(name, []).append(value.strip())
    name = _unescape(values.get("FN", [""])[0])
    if not name.strip() and values.get("N"):
        parts = [*_split(values["N"][0], ";"), "", "", ""]
        name = " ".join(p for p in (parts[3], parts[1], parts[2], parts[0]) if p.strip())
    org = _split(values.get("ORG", [""])[0], ";")[0]
    address = ""
    if values.get("ADR"):
        address = ", ".join(p.strip() for p in _split(values["ADR"][0], ";") if p.strip())
    emails = tuple(Reading(e, 1.0, Origin.QR)
                   for v in values.get("EMAIL", []) for e in find_emails(_unescape(v)))
    phones = tuple(Reading(p, 1.0, Origin.QR)
                   for v in values.get("TEL", [])
                   for p in find_phones(_unescape(v).removeprefix("tel:"), region))
    return CardFields(_exact(name), _exact(_unescape(values.get("TITLE", [""])[0])),
                      _exact(org), emails, phones,
                      _exact(_unescape(values.get("URL", [""])[0])), _exact(address))


def _mecard(text: str, region: str | None) -> CardFields:
    body = text.strip()[len("MECARD:"):]
    values: dict[str, list[str]] = {}
    for part in _split(body, ";"):
        key, sep, value = part.partition(":")
        if sep:
            values.setdefault(key.strip().upper(), []).append(value)
    name = values.get("N", [""])[0]
    if "," in name:
        last, first = name.split(",", 1)
        name = f"{first.strip()} {last.strip()}"
    emails = tuple(Reading(e, 1.0, Origin.QR)
                   for v in values.get("EMAIL", []) for e in find_emails(v))
    phones = tuple(Reading(p, 1.0, Origin.QR)
                   for v in values.get("TEL", []) for p in find_phones(v, region))
    return CardFields(_exact(name), _exact(values.get("TITLE", [""])[0]),
                      _exact(values.get("ORG", [""])[0]), emails, phones,
                      _exact(values.get("URL", [""])[0]), _exact(values.get("ADR", [""])[0]))


def read_code(text: str, region: str | None = None) -> CardFields | None:
    """The contact in a QR code's text, or None when it holds no vCard or MECARD."""
    stripped = text.strip()
    if stripped.upper().startswith("BEGIN:VCARD"):
        return _vcard(stripped, region)
    if stripped.upper().startswith("MECARD:"):
        return _mecard(stripped, region)
    return None
