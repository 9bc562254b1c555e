"""Where a coach's comment sits in a shared note: found by the words it quotes or by offsets,
and found again after the client edits the note."""

from __future__ import annotations

import pytest

from followup.domain.errors import InvalidInput
from followup.domain.review import Span, anchor, relocate

BODY = "Dear Ana,\n\nThank you. Thank you for the tour.\n\nJosé"


def test_quoted_words_are_found_nearest_the_start_given() -> None:
    assert anchor(BODY, "Thank you") == Span(11, 20, "Thank you")
    assert anchor(BODY, "Thank you", start=20) == Span(22, 31, "Thank you")
    assert anchor(BODY, "  the tour  ") == Span(36, 44, "the tour")


def test_offsets_give_the_span_and_its_words() -> None:
    assert anchor(BODY, None, 0, 4) == Span(0, 4, "Dear")
    assert anchor(BODY) is None and anchor(BODY, "   ") is None


@pytest.mark.parametrize(("quote", "start", "end"), [
    ("a tour", None, None), (None, 4, None), (None, 5, 5), (None, 0, 999), (None, 9, 11)])
def test_a_span_that_is_not_in_the_note_is_refused(quote: str | None, start: int | None,
                                                   end: int | None) -> None:
    with pytest.raises(InvalidInput):
        anchor(BODY, quote, start, end)


def test_a_comment_follows_its_words_and_is_unplaced_once_they_are_gone() -> None:
    span = Span(36, 44, "the tour")
    assert relocate(BODY, span) == span
    assert relocate("Hello!\n\n" + BODY, span) == Span(44, 52, "the tour")
    assert relocate(BODY.replace("the tour", "the visit"), span) is None
