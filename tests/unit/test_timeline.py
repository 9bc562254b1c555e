"""The timeline's text: lines that fit beside the axis, with every name whole."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.entrypoints.web.timeline import LINE_WIDTH, TITLE_SIZE, Event, _em, wrap

WORDS = st.text(alphabet="aeimwzAMWÓñ王芳-.", min_size=1, max_size=40)
TEXTS = st.lists(WORDS, max_size=12).map(" ".join)


def width(line: str, size: float) -> float:
    return sum(_em(c) for c in line.rstrip()) * size


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.sampled_from([12.0, TITLE_SIZE, 20.0]))
def test_wrapped_lines_fit_and_joined_give_the_text_back(text: str, size: float) -> None:
    lines = wrap(text, size)

    assert "".join(lines) == " ".join(text.split())
    assert all(width(line, size) <= LINE_WIDTH or len(line.rstrip()) == 1 for line in lines)
    assert all(line.strip() for line in lines) or lines == [""]


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=6).map(" ".join))
def test_a_title_on_several_lines_starts_the_persons_name_on_a_line_of_its_own(
        name: str) -> None:
    title = f"Thank-you note to {name}"
    lines = Event(datetime(2026, 12, 1), "note", "planned", title, "planned", name).title_lines

    assert "".join(lines) == title
    assert len(lines) == 1 or any("".join(lines[k:]) == name for k in range(1, len(lines)))


def test_long_names_are_never_cut_short() -> None:
    for name in ("Siobhán Ó Briain-Featherstonehaugh", "Maximiliano Alejandro Núñez de la Fuente",
                 "王芳" * 20):
        event = Event(datetime(2026, 12, 1), "call", "planned", f"Call-back to {name}", "", name)

        assert event.title_lines[0] == "Call-back to "
        assert "".join(event.title_lines[1:]) == name
