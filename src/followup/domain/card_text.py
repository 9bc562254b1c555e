"""Reading a business card: the lines an OCR engine saw (and any QR code) become a person's
name, title, organisation, emails, phones, website and address, each with how sure we are
and where it came from. Pure: the engines live in the adapters."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import phonenumbers


class Origin(StrEnum):
    """Where a field was read: a QR code on the card (exact) or the printed text (OCR)."""

    QR = "qr"
    OCR = "ocr"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of printed text as an engine read it: its words, the engine's confidence
    (0 to 1) and the height of its letters and its top edge in pixels of the card; `others`,
    how another engine read the same line, where it read it otherwise."""

    text: str
    confidence: float = 1.0
    height: float = 0.0
    top: float = 0.0
    others: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """A field's value, how sure the reading is (0 to 1) and where it came from."""

    value: str
    confidence: float
    source: Origin


@dataclass(frozen=True, slots=True)
class CardFields:
    """What a card says about its owner; phones in E.164."""

    name: Reading | None = None
    title: Reading | None = None
    organisation: Reading | None = None
    emails: tuple[Reading, ...] = ()
    phones: tuple[Reading, ...] = ()
    website: Reading | None = None
    address: Reading | None = None


_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_SPACED_AT = re.compile(r"\s*(?:@|\(at\)|\[at\])\s*")
_SPACED_DOT = re.compile(r"(?<=[A-Za-z0-9])\s*\.\s*(?=[A-Za-z0-9])")
_WEB = re.compile(r"(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                  r"\.(?:com|org|net|io|co|ie|uk|de|fr|es|it|nl|eu|dev|ai|app|tech|jp|cn|in|pl|"
                  r"pt|se|no|dk|fi|ch|at|be|ca|us|au|nz|br|mx|info|biz)(?:\.[a-z]{2})?(?:/\S*)?",
                  re.IGNORECASE)
_PHONE_LABEL = re.compile(
    r"^\s*(?:tel(?:ephone|efon)?|phone|ph|mob(?:ile)?|cell|direct|office|fax|t|m|p|d|o)"
    r"\s*[.:]?\s*(?=[+(\d])", re.IGNORECASE)
_PHONE_CHARS = re.compile(r"\+?[\d(][\d ()./-]{5,}\d")
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})

def _vocabulary(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLE_WORDS = _vocabulary("""
manager director engineer recruiter head lead officer vp president partner specialist consultant
analyst developer designer coordinator chief ceo cto cfo coo cmo cio associate senior junior
founder cofounder co-founder architect scientist executive administrator assistant advisor
adviser intern principal staff talent acquisition hr people counsel attorney editor producer
professor lecturer researcher owner representative agent supervisor superintendent technician
nurse doctor programme program project product marketing sales recruiting recruitment
operations accountant controller treasurer secretary chair chairman chairwoman fellow
manager. dir. eng. sr. jr. directeur directrice ingénieur ingeniero gerente geschäftsführer
leiter leiterin responsable
""")
_ORG_WORDS = _vocabulary("""
ltd ltd. limited inc inc. incorporated llc llp plc gmbh ag sa s.a. sas sarl srl spa s.p.a. bv
b.v. nv oy ab as a/s kk corp corp. corporation company co. group holdings technologies
technology tech labs lab systems solutions software bank university college institute
consulting partners studio studios foundation agency associates industries international
ventures capital media networks services trust council hospital school
""")
_LEGAL_FORMS = _vocabulary("""
ltd ltd. limited inc inc. incorporated llc llp plc gmbh ag sa s.a. sas sarl srl spa s.p.a. bv
b.v. nv oy ab a/s kk corp corp. corporation
""")
_STREET_WORDS = _vocabulary("""
street st st. road rd rd. avenue ave ave. lane ln boulevard blvd drive dr. way square sq
quay place pl. court ct floor suite building unit park terrace strasse straße str. platz weg
rue avenida calle via viale piazza plaza allee gasse ring parkway hwy highway po box
""")
_POSTCODE = re.compile(r"\b(?:\d{4,6}|[A-Z]\d{2}\s?[A-Z0-9]{4}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
                       r"|\d{5}(?:-\d{4})?)\b")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_NAME_PART = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:['’.\-][^\W\d_]*)*\.?$")
_PARTICLES = _vocabulary("de da del della di van von der den le la du dos das y bin al")


UNACCENTED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                            "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})
"""Letters that Unicode does not split into a base letter and an accent, as an address
writes them ("Bjørnstad" -> bjornstad)."""


def fold(text: str) -> str:
    """Lower case without accents or anything but letters and digits ("Ó Briain" -> "obriain")."""
    bare = unicodedata.normalize("NFKD", text.translate(UNACCENTED))
    return "".join(c for c in bare if c.isalnum() and not unicodedata.combining(c)).casefold()


def _words(text: str) -> list[str]:
    return [w.strip(",;:|·•()").casefold() for w in text.split()]


def find_emails(text: str) -> list[str]:
    """The addresses a line holds, repaired where OCR spaced them out ("ann @ x . ie")."""
    squeezed = _SPACED_DOT.sub(".", _SPACED_AT.sub("@", text))
    return [m.group(0).strip(".").lower() for m in _EMAIL.finditer(squeezed)]


def find_phones(text: str, region: str | None) -> list[str]:
    """The phone numbers a line holds, in E.164 (a number without a country code is taken to
    be in `region`, the user's country)."""
    body = _PHONE_LABEL.sub("", text)
    found: list[str] = []
    for chunk in re.split(r"\s*(?:\||/\s(?=\+)|,|;|\b[A-Za-z]{1,6}[.:]\s*)\s*", body):
        candidate = chunk.translate(_DIGIT_LOOKALIKES) if re.search(r"\d{3}", chunk) else chunk
        for match in _PHONE_CHARS.finditer(candidate):
            number = _phone(match.group(0), region)
            if number and number not in found:
                found.append(number)
    return found


def _phone(text: str, region: str | None) -> str | None:
    digits = re.sub(r"\D", "", text)
    if len(digits) < 7 or len(digits) > 15:
        return None
    for guess in (text, "+" + digits) if not text.startswith("+") else (text,):
        try:
            number = phonenumbers.parse(guess, (region or "").upper() or None)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def national(e164: str) -> str:
    """A stored number as people in its country write it ("+35312345678" -> "01 234 5678")."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _website(text: str) -> str | None:
    if "@" in text:
        return None
    match = _WEB.search(text.replace(" ", "") if "www" in text.lower() else text)
    if match is None:
        return None
    site = match.group(0).rstrip("/.,").lower()
    if not (site.startswith(("http", "www.")) or len(text.split()) == 1):
        return None
    return site


def _is_title(text: str) -> bool:
    return any(w in _TITLE_WORDS for w in _words(text))


def _is_org(text: str) -> bool:
    """Words of a company's name: a legal form ("Ltd", "GmbH") says so outright; a word such
    as "Software" only when no job word is there ("Lumen Software", not "Software Engineer")."""
    words = _words(text)
    if any(w in _LEGAL_FORMS for w in words):
        return True
    return any(w in _ORG_WORDS for w in words) and not _is_title(text)


def _is_address(text: str) -> bool:
    words = _words(text)
    if any(w in _STREET_WORDS for w in words):
        return any(c.isdigit() for c in text) or len(words) >= 3
    return bool(_POSTCODE.search(text)) and len(words) >= 2 and not text.lstrip().startswith("+")


def _name_shape(text: str) -> bool:
    """Two to five words of letters (a particle such as "van" allowed), or two to four CJK
    characters: the shape of a person's name."""
    clean = text.strip()
    if _CJK.search(clean):
        return bool(re.fullmatch(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{2,4}",
                                 clean.replace(" ", "")))
    parts = clean.split()
    if not 2 <= len(parts) <= 5 or (clean.isupper() and len(clean) > 30):
        return False
    capitals = [p for p in parts if p.casefold() not in _PARTICLES]
    return (all(_NAME_PART.match(p) for p in parts)
            and all(p[0].isupper() for p in capitals) and len(capitals) >= 2)


def _matches_email(name: str, emails: Sequence[str]) -> bool:
    """Whether an address's local part is made from the name ("siobhan.obriain", "sobriain",
    "seun.adeyemi" for Oluwaseun Adeyemi) and its domain is not ("Kestrel Analytics" is not
    a person at kestrel.ai)."""
    parts = [fold(p) for p in name.split() if fold(p)]
    if len(parts) < 2:
        return False
    first, last, whole = parts[0], parts[-1], "".join(parts)
    for address in emails:
        local, _, domain = address.partition("@")
        local, company = fold(local), fold(domain.split(".")[0])
        if company and (company in whole or whole in company):
            continue
        if (len(last) >= 2 and last in local) or (len(first) >= 3 and first in local) \
                or local in (first[0] + last, first + last[0], whole):
            return True
    return False


def _org_from_domain(lines: Sequence[Line], emails: Sequence[str]) -> Line | None:
    """A line whose letters are the email's domain ("Acme Widgets" for acmewidgets.ie)."""
    domains = {fold(a.split("@")[1].split(".")[0]) for a in emails if "@" in a}
    for line in lines:
        folded = fold(line.text)
        if folded and any(len(d) >= 3 and (d in folded or folded in d) for d in domains):
            return line
    return None


_SLIPS = (("m", "rn"), ("rn", "m"), ("1", "l"), ("0", "o"), ("vv", "w"))
"""Letters OCR takes for others in an address ("rn" read as "m" above all)."""


def _mended(address: str, name: str) -> list[str]:
    """The address with one OCR slip undone where that spells a part of the name that the
    address as read does not ("bjomstad" for Bjørnstad: "bjornstad")."""
    local, at, domain = address.partition("@")
    parts = [fold(p) for p in name.split() if len(fold(p)) >= 3]
    missing = [p for p in parts if p not in fold(local)]
    mended = []
    for seen, meant in _SLIPS:
        start = local.find(seen)
        while start >= 0:
            fixed = local[:start] + meant + local[start + len(seen):]
            if any(p in fold(fixed) for p in missing):
                mended.append(fixed + at + domain)
            start = local.find(seen, start + 1)
    return mended


def _likelier(email: Reading, others: Sequence[str], name: str) -> Reading:
    """Of the ways the engines read an address, and of those with one OCR slip undone, the
    one most like the person's name; the one read when none is more like it."""
    def likeness(address: str) -> float:
        local = fold(address.split("@")[0])
        return difflib.SequenceMatcher(None, local, fold(name), autojunk=False).ratio()

    candidates = [*others, *_mended(email.value, name)]
    best = max(candidates, key=likeness, default=None)
    if best is None or likeness(best) <= likeness(email.value):
        return email
    return replace(email, value=best, confidence=round(email.confidence * 0.8, 2))


def _reading(line: Line, factor: float, value: str | None = None) -> Reading:
    return Reading(value if value is not None else line.text.strip(),
                   round(max(0.0, min(1.0, line.confidence * factor)), 2), Origin.OCR)


def read_lines(lines: Iterable[Line], region: str | None = None) -> CardFields:
    """The fields of a card from its printed lines: emails, phones and the website by their
    shape; the address by its street words or postcode; the title by its job words; the
    organisation by its legal form or the email's domain; the name by its shape, the email it
    matches and the size of its letters."""
    rest: list[Line] = []
    emails: list[Reading] = []
    phones: list[Reading] = []
    website: Reading | None = None
    address: list[Line] = []
    misread: dict[str, list[str]] = {}
    for line in lines:
        text = " ".join(line.text.split())
        if not text:
            continue
        line = replace(line, text=text)
        found = find_emails(text)
        for address_text in found:
            if address_text not in [e.value for e in emails]:
                emails.append(_reading(line, 1.0, address_text))
                misread[address_text] = [e for other in line.others
                                         for e in find_emails(other) if e != address_text]
        site = _website(text) if not found else None
        if site and website is None:
            website = _reading(line, 0.9, site)
        numbers = find_phones(text, region) if not found and not site else []
        for number in numbers:
            if number not in [p.value for p in phones]:
                phones.append(_reading(line, 0.95, number))
        if found or site or numbers:
            continue
        if _is_address(text):
            address.append(line)
        else:
            rest.append(line)
    addresses = [e.value for e in emails]
    names = [ln for ln in rest if _name_shape(ln.text) and not _is_title(ln.text)
             and not _is_org(ln.text)]
    tallest = max((ln.height for ln in rest), default=0.0) or 1.0

    def score(line: Line) -> float:
        return (2.0 if _matches_email(line.text, addresses) else 0.0) + line.height / tallest \
            - 0.01 * rest.index(line)

    name_line = max(names, key=score, default=None)
    name = None
    if name_line is not None:
        sure = 1.0 if _matches_email(name_line.text, addresses) else 0.8
        name = _reading(name_line, sure)
        emails = [_likelier(e, misread.get(e.value, []), name_line.text) for e in emails]
    others = [ln for ln in rest if ln is not name_line]
    org_line = next((ln for ln in others if _is_org(ln.text)), None) \
        or _org_from_domain(others, addresses)
    title_line = next((ln for ln in others if ln is not org_line and _is_title(ln.text)), None)
    if org_line is None:
        unsure = [ln for ln in others if ln is not title_line and not _name_shape(ln.text)]
        org_line = max(unsure, key=lambda ln: ln.height, default=None)
        org = _reading(org_line, 0.5) if org_line else None
    else:
        org = _reading(org_line, 0.9)
    place = None
    if address:
        sure = min(ln.confidence for ln in address)
        place = Reading(", ".join(ln.text for ln in address), round(sure * 0.8, 2), Origin.OCR)
    return CardFields(name, _reading(title_line, 0.85) if title_line else None, org,
                      tuple(emails), tuple(phones), website, place)


def merged(exact: CardFields, printed: CardFields) -> CardFields:
    """The QR code's fields, with the printed text filling in what the code lacks."""
    def pick(a: Reading | None, b: Reading | None) -> Reading | None:
        return a if a is not None else b

    def union(a: tuple[Reading, ...], b: tuple[Reading, ...]) -> tuple[Reading, ...]:
        seen = {r.value for r in a}
        return a + tuple(r for r in b if r.value not in seen)

    return CardFields(pick(exact.name, printed.name), pick(exact.title, printed.title),
                      pick(exact.organisation, printed.organisation),
                      union(exact.emails, printed.emails), union(exact.phones, printed.phones),
                      pick(exact.website, printed.website), pick(exact.address, printed.address))
