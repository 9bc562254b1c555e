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
        keys = [_keys(c) for c in group]
        for n, first in enumerate(group):
            for m in range(n + 1, len(group)):
                alike = (Alike.EMAIL if keys[n][0] & keys[m][0]
                         else Alike.NAME if keys[n][1] == keys[m][1] else None)
                if alike is not None:
                    keep, other = sorted((first, group[m]), key=_worth)
                    found.append(Pair(keep, other, alike))
    return found


def _keys(contact: Contact) -> tuple[set[str], tuple[str, str]]:
    """What two records of one person share: an address, or a name at a company."""
    addresses = contact.emails or ([contact.email] if contact.email else [])
    return ({e.casefold() for e in addresses},
            (folded(contact.name), folded(contact.organisation or "")))


def _worth(contact: Contact) -> tuple[bool, int, int]:
    """Sorts the contact to keep first."""
    details = sum(bool(x) for x in (contact.title, contact.email, contact.phone,
                                    contact.website))
    return (not contact.confirmed, -details, contact.id or 0)
