"""A person as a card, a vCard or an email signature gives them, before anything is saved."""

from __future__ import annotations

from dataclasses import dataclass

from followup.domain.model import Source

PARTICLES = frozenset({"de", "del", "della", "di", "da", "van", "von", "der", "den", "la", "le",
                       "du", "dos", "das", "bin", "ibn", "al", "y", "ten", "ter", "ó", "ní",
                       "nic", "mac", "mc", "o'"})
"""Small words that belong to the family name that follows them (Siobhán Ó Briain)."""


def name_parts(name: str) -> tuple[str, str]:
    """A full name's family and given names, as a vCard's N holds them: the last word and
    the small words before it (Ó Briain, van der Berg) are the family name; a name written
    without spaces (王芳) is held whole as the family name."""
    words = name.split()
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].casefold() in PARTICLES:
        cut -= 1
    if cut <= 0:
        return name.strip(), ""
    return " ".join(words[cut:]), " ".join(words[:cut])


@dataclass(frozen=True, slots=True)
class CardPerson:
    """The details one source gives about one person, spelled exactly as there: the name as
    written (a vCard's FN), and every address and number in the order the source prefers."""

    name: str
    source: Source
    title: str | None = None
    organisation: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    """Numbers as the source writes them; they are read in the user's country when saved."""
    website: str | None = None
