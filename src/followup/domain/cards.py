"""A person as a card, a vCard or an email signature gives them, before anything is saved."""

from __future__ import annotations

from dataclasses import dataclass

from followup.domain.model import Source


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
