"""Contacts that look like the same person, offered for merging: the same email address, or
the same name at the same company (case, spacing and accents aside, so that a card read
without accents still meets the name typed with them)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from followup.domain.model import Contact


class Alike(StrEnum):
    EMAIL = "email"
    """They share an email address."""
    NAME = "name"
    """The same name at the same company."""


@dataclass(frozen=True, slots=True)
class Pair:
    """Two records of one person: `keep` is the one to keep (its spelling confirmed, then the
    fuller, then the older), `other` the one to merge into it."""

    keep: Contact
    other: Contact
    alike: Alike


def folded(text: str) -> str:
    """Lower case, single spaces, no accents: 'José  Núñez' -> 'jose nunez'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def pairs(contacts: list[Contact]) -> list[Pair]:
    """Each pair of contacts of one application that look like the same person, once."""
    by_application: dict[int | None, list[Contact]] = {}
    for contact in contacts:
        by_application.setdefault(contact.application_id, []).append(contact)
    found: list[Pair] = []
    for group in by_application.values():
        for n, first in enumerate(group):
            for second in group[n + 1:]:
                alike = _alike(first, second)
                if alike is not None:
                    keep, other = sorted((first, second), key=_worth)
                    found.append(Pair(keep, other, alike))
    return found


def _alike(a: Contact, b: Contact) -> Alike | None:
    mine = {e.casefold() for e in (a.emails or ([a.email] if a.email else []))}
    if any(e.casefold() in mine for e in (b.emails or ([b.email] if b.email else []))):
        return Alike.EMAIL
    if folded(a.name) == folded(b.name) and folded(a.organisation or "") == folded(
            b.organisation or ""):
        return Alike.NAME
    return None


def _worth(contact: Contact) -> tuple[bool, int, int]:
    """Sorts the contact to keep first."""
    details = sum(bool(x) for x in (contact.title, contact.email, contact.phone,
                                    contact.website))
    return (not contact.confirmed, -details, contact.id or 0)
