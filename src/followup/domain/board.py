"""The board of applications: where each stands (an interview to come, waiting, an offer,
closed), and how a search finds one whatever the accents typed."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from enum import StrEnum

from followup.domain.kinds import AppStatus


class Stage(StrEnum):
    """A column of the board, in the order a search moves through them."""

    INTERVIEWING = "interviewing"
    """An interview is still to come."""
    WAITING = "waiting"
    """Every interview is held and nothing is decided yet."""
    OFFER = "offer"
    CLOSED = "closed"
    """Hired, rejected or withdrawn."""


STAGES = tuple(Stage)
CLOSED = frozenset({AppStatus.HIRED, AppStatus.REJECTED, AppStatus.WITHDRAWN})


def stage(status: AppStatus, latest_interview: datetime | None, now: datetime) -> Stage:
    """The application's stage at `now`: its outcome when there is one, else whether its
    latest interview that was not called off (`latest_interview`, its start) is still to come
    (one that has started is held)."""
    if status is AppStatus.OFFER:
        return Stage.OFFER
    if status in CLOSED:
        return Stage.CLOSED
    if latest_interview is not None and latest_interview > now:
        return Stage.INTERVIEWING
    return Stage.WAITING


def fold(text: str) -> str:
    """Lower case without accents, for searching and sorting: 'Siobhán Ó Briain' ->
    'siobhan o briain' (a search for "jose" finds José)."""
    from followup.domain.notes.lexicon import FOLD  # the checker's; `today` reads stages only

    text = unicodedata.normalize("NFKD", text.casefold().translate(FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


def matches(words: str, *texts: str | None) -> bool:
    """Whether every word of a search appears in one of `texts` (accents and case aside)."""
    haystack = " ".join(fold(t) for t in texts if t)
    return all(word in haystack for word in fold(words).split())
