"""The English dictionary that ships with pyspellchecker, loaded once when a note is checked."""

from __future__ import annotations

from functools import cache

from followup.domain.notes.facts import Speller


@cache
def english() -> Speller:
    from spellchecker import SpellChecker

    speller: Speller = SpellChecker(language="en", distance=1)
    return speller
