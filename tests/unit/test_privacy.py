"""A coach reads a client's people by their initials only."""

from followup.domain.privacy import initials, masked


def test_initials_keep_accents_and_read_cjk_names_by_their_family_name() -> None:
    assert initials("Ana López") == "A. L."
    assert initials("Siobhán Ó Briain") == "S. Ó. B."
    assert initials("Mary-Jane Watson") == "M. J. W."
    assert initials("王芳") == "王."
    assert initials("  ") == "?"


def test_masked_hides_whole_names_and_their_parts_but_not_other_words() -> None:
    text = "A short note to Ana López the same day; Ana was kind. Analysis stays. 王芳说."
    shown = masked(text, ["Ana López", "王芳"])
    assert shown == "A short note to A. L. the same day; A. was kind. Analysis stays. 王.说."
    assert "López" not in shown and "王芳" not in shown
    assert masked("Nothing to hide", []) == "Nothing to hide"
