"""The checker's suggested fixes, and the wordings of other writers it must read right."""

from __future__ import annotations

from dataclasses import replace

import pytest

from followup.domain.notes.check import check
from followup.domain.notes.facts import Finding, Fix, Recipient
from tests.unit.test_notes_check import FACTS, GOOD, findings, rules, swap


def fix_of(body: str, rule: str) -> Fix:
    [finding] = [f for f in check(body, FACTS) if f.rule == rule]
    assert finding.fix is not None, finding
    return finding.fix


def applied(body: str, rule: str) -> str:
    return fix_of(body, rule).apply(body)


def test_a_casual_closing_is_replaced_by_kind_regards() -> None:
    body = swap("Best regards,", "Cheers,")

    assert applied(body, "closing") == swap("Best regards,", "Kind regards,")
    assert "closing" not in rules(applied(body, "closing"))


def test_a_casual_closing_on_the_name_s_line_keeps_the_name() -> None:
    body = swap("Best regards,\nJosé Núñez", "Cheers, José Núñez")

    assert applied(body, "closing").endswith("Kind regards,\nJosé Núñez\n")
    assert "closing" not in rules(applied(body, "closing"))


def test_a_missing_closing_is_added_above_the_signature_or_at_the_end() -> None:
    signed = swap("Best regards,\n", "")
    unsigned = swap("Best regards,\nJosé Núñez\n", "")

    assert "closing" not in rules(applied(signed, "closing"))
    assert applied(unsigned, "closing").rstrip().endswith("exercise.\n\nKind regards,\nJosé Núñez")
    assert "closing" not in rules(applied(unsigned, "closing"))


def test_repeated_exclamation_marks_become_one_full_stop() -> None:
    body = swap("exercise.\n", "exercise!!!\n")

    fix = fix_of(body, "tone")
    assert body[fix.start : fix.end] == "!!!" and fix.text == "."
    assert fix.apply(body) == GOOD


def test_text_speak_is_written_out_and_an_emoji_removed() -> None:
    slang = swap("Thank you for", "Thx for")
    emoji = swap("exercise.", "exercise. 🙂")

    assert applied(slang, "tone").startswith("Dear Ms. Smith,\n\nThanks for")
    assert applied(emoji, "tone") == GOOD


def test_an_apology_has_no_fix() -> None:
    body = swap("I forgot to mention", "Sorry, I forgot to mention")

    [finding] = [f for f in check(body, FACTS) if f.rule == "tone"]
    assert finding.fix is None


def test_a_misspelled_name_is_replaced_by_the_card_s_spelling() -> None:
    body = swap("Maria Gomez", "Maria Gomes")

    assert applied(body, "name_spelling") == GOOD


@pytest.mark.parametrize("greeting", ["Hey Anna,", "To whom it may concern,", "Dear team,"])
def test_a_greeting_that_does_not_name_them_becomes_dear_and_their_name(greeting: str) -> None:
    body = swap("Dear Ms. Smith,", greeting)

    assert applied(body, "greeting").startswith("Dear Anna Smith,\n\nThank you")
    assert "greeting" not in rules(applied(body, "greeting"))


def test_a_note_without_a_greeting_gets_one() -> None:
    body = swap("Dear Ms. Smith,\n\n", "")

    assert applied(body, "greeting").startswith("Dear Anna Smith,\n\nThank you")


def test_a_finding_without_an_obvious_fix_has_none() -> None:
    body = swap("I forgot to mention", "I know how to build this. I forgot to mention")
    found: list[Finding] = [f for f in check(body, FACTS) if f.rule == "skills"]
    assert found and found[0].fix is None


# --- wordings of other writers --------------------------------------------------------------------
@pytest.mark.parametrize("closing", [
    "All the best,\nJosé Núñez", "With gratitude,\nJosé Núñez",
    "Have a lovely weekend,\nJosé Núñez",
    "Best, José Núñez", "Thank you again for your time.\nJosé Núñez",
    "I hope the rest of your week goes well.\nJosé Núñez", "All best wishes,\nJosé",
])  # fmt: skip
def test_closings_people_really_write_are_professional(closing: str) -> None:
    assert "closing" not in rules(swap("Best regards,\nJosé Núñez", closing))


@pytest.mark.parametrize("ending", [
    "José Núñez",  # a signature after the last paragraph, no closing
    "Bye for now,\nJosé", "Talk soon,\nJosé",
])  # fmt: skip
def test_a_signature_alone_or_a_casual_sign_off_is_no_professional_closing(ending: str) -> None:
    assert "closing" in rules(swap("Best regards,\nJosé Núñez", ending))


@pytest.mark.parametrize("said", [
    "I'd love to be part of the analytics team.", "This is the role I want.",
    "I'm eager to contribute to the Looker migration.", "Acme remains my first choice.",
    "I'd jump at the chance to join Acme.", "Please keep my details on file.",
    "It sounds like exactly the work I want to be doing.", "I'd love to help build that team.",
])  # fmt: skip
def test_interest_said_without_the_word_interest(said: str) -> None:
    body = swap("I remain very interested in the Data Analyst position and look forward to the "
                "take-home SQL\nexercise.", f"{said} The take-home SQL exercise is next.")
    assert "interest" not in rules(body)


@pytest.mark.parametrize("pitch", [
    "Having shipped three such systems, I could take this on.",
    "I'm confident I'd hit the ground running.",
    "I bring a calm head and ten years of reporting.",
    "I'm the right person for this job.",
    "I'm a quick learner, so I'd slot straight in.",
    "My five years writing dashboards mean I can start at once.",
    "I doubled the team's output at my last job.",
    "I'm sure I'd add value quickly.",
    "Ten years of reporting have taught me to find any error.",
])  # fmt: skip
def test_skills_pitched_without_the_usual_nouns(pitch: str) -> None:
    assert "skills" in rules(swap("I forgot to mention", f"{pitch} I forgot to mention"))


@pytest.mark.parametrize("innocent", [
    "Your experience with Looker was a great help to the team.",
    "I'll bring the signed forms on Monday.",
    "It was good to hear about the skills your team has built.",
])  # fmt: skip
def test_talk_of_their_skills_or_errands_is_no_pitch(innocent: str) -> None:
    assert "skills" not in rules(swap("I forgot to mention", f"{innocent} I forgot to mention"))


@pytest.mark.parametrize(("on_card", "written"), [
    ("Geoff Palmer", "Jeff"), ("Aileen Doherty", "Eileen"), ("Anne Porter", "Ann"),
    ("Jon Ellery", "John"), ("Stephen Doyle", "Steven"), ("Sarah Nguyen", "Sara"),
    ("Muhammad Rahman", "Mohammed"), ("Katherine Mills", "Catherine"), ("Sean Byrne", "Shaun"),
    ("Rebekah Stone", "Rebecca"), ("José Núñez", "Mr. Nunez"),
])  # fmt: skip
def test_sound_alikes_and_variants_of_a_name_are_misspellings(on_card: str, written: str) -> None:
    facts = replace(FACTS, sender="Anna Lindqvist", recipient=Recipient(on_card), names=(on_card,))
    body = swap("Ms. Smith", written)

    assert findings(body, "name_spelling", facts) == [written.removeprefix("Mr. ")]
    assert "greeting" not in rules(body, facts)  # the name is there, misspelled: one finding


def test_an_initial_or_the_honorific_and_surname_is_not_a_misspelling() -> None:
    facts = replace(FACTS, recipient=Recipient("José Núñez"), names=("José Núñez",),
                    sender="Anna Lindqvist")
    assert findings(swap("Ms. Smith", "J. Núñez"), "name_spelling", facts) == []
    assert findings(swap("Ms. Smith", "Mr. Núñez"), "name_spelling", facts) == []
