"""A coach's comment on a shared note: the span of the text it is about, found by the words it
quotes or by offsets, and found again after the client edits the note."""

from __future__ import annotations

from dataclasses import dataclass

from followup.domain import limits
from followup.domain.errors import InvalidInput

MAX_COMMENT = limits.LONG
"""Characters a comment may have."""
MAX_QUOTE = 1000
"""Characters of the note a comment may quote (a span, not the whole note)."""


@dataclass(frozen=True)
class Span:
    """The text [start, end) of a note's body, which read `quote`."""

    start: int
    end: int
    quote: str


def anchor(body: str, quote: str | None = None, start: int | None = None,
           end: int | None = None) -> Span | None:
    """The span a comment is about: the words it quotes (the occurrence nearest `start` when
    the note has them more than once), else `start`-`end`; None for the whole note."""
    if quote is not None and quote.strip():
        wanted = quote.strip()
        if len(wanted) > MAX_QUOTE:
            raise InvalidInput(f"quote at most {MAX_QUOTE} characters of the note; a comment "
                               "on the whole note quotes nothing", field="quote")
        found = _nearest(body, wanted, start or 0)
        if found is None:
            raise InvalidInput("the note does not have those words; copy them from the note as "
                               "it is now", field="quote")
        return Span(found, found + len(wanted), wanted)
    if start is None and end is None:
        return None
    if start is None or end is None or not 0 <= start < end <= len(body):
        raise InvalidInput(f"give both ends of the span, from 0 to {len(body)}, the start "
                           "before the end", field="start")
    if end - start > MAX_QUOTE:
        raise InvalidInput(f"a span has at most {MAX_QUOTE} characters", field="end")
    if not body[start:end].strip():
        raise InvalidInput("that span holds only blanks", field="start")
    return Span(start, end, body[start:end])


def relocate(body: str, span: Span) -> Span | None:
    """Where the quoted words are in the note now: where they were, else their occurrence
    nearest to it; None when the client changed them away."""
    if body[span.start:span.end] == span.quote:
        return span
    found = _nearest(body, span.quote, span.start)
    return Span(found, found + len(span.quote), span.quote) if found is not None else None


def _nearest(body: str, words: str, near: int) -> int | None:
    """The start of the occurrence of `words` in `body` nearest to offset `near`."""
    if not words:
        return None
    starts = []
    at = body.find(words)
    while at >= 0:
        starts.append(at)
        at = body.find(words, at + 1)
    return min(starts, key=lambda s: (abs(s - near), s)) if starts else None
