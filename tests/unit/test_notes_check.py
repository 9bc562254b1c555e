"""The note checker: every rule fires on what it should and stays quiet on near misses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.domain.model import Kind
from followup.domain.notes.check import RULES, check
from followup.domain.notes.facts import NoteFacts, Recipient, Severity
from followup.domain.policy import Policy
from tests.unit.notes_corpus import IN_SCOPE, NOTES

TZ = ZoneInfo("America/New_York")
FACTS = NoteFacts(
    kind=Kind.THANK_YOU, sender="José Núñez", recipient=Recipient("Anna Smith", "Analytics Lead"),
    company="Acme Ltd", position="Data Analyst",
    topic="moving the weekly sales reporting from Excel to Looker",
    next_step="a take-home SQL exercise", forgotten=("my Tableau certification",),
    helpers=("Maria Gomez",), names=("Anna Smith", "David Park", "Maria Gomez", "José Núñez"),
    others=("David Park",), deadline=datetime(2026, 12, 2, 23, 59, 59, tzinfo=TZ),
)  # fmt: skip
GOOD = """\
Dear Ms. Smith,

Thank you for taking the time to meet with me on Tuesday. I especially enjoyed hearing how your
team is moving the weekly sales reporting from Excel to Looker, and how you plan to keep the
regional managers on board while the old workbook is retired.

I forgot to mention that I completed my Tableau certification last spring. Please also pass on
my thanks to Maria Gomez, who made me feel very welcome at reception.

I remain very interested in the Data Analyst position and look forward to the take-home SQL
exercise.

Best regards,
José Núñez
"""


def rules(body: str, facts: NoteFacts = FACTS, **kwargs: object) -> set[str]:
    return {f.rule for f in check(body, facts, **kwargs)}  # type: ignore[arg-type]


def findings(body: str, rule: str, facts: NoteFacts = FACTS, **kwargs: object) -> list[str]:
    """The text each finding of `rule` points at (its span), or '' when it has none."""
    return [body[f.start : f.end] if f.start is not None and f.end is not None else ""
            for f in check(body, facts, **kwargs) if f.rule == rule]  # type: ignore[arg-type]  # fmt: skip


def swap(old: str, new: str, body: str = GOOD) -> str:
    assert old in body, old
    return body.replace(old, new)


class FakeSpeller:
    """Knows every word but the ones it is told are misspelled."""

    def __init__(self, wrong: Iterable[str]) -> None:
        self.wrong = set(wrong)

    def unknown(self, words: Iterable[str]) -> set[str]:
        return set(words) & self.wrong


def test_a_good_thank_you_note_has_no_findings() -> None:
    assert check(GOOD, FACTS) == []


def test_the_rules_table_has_the_playbook_ids() -> None:
    assert list(RULES) == [
        "name_spelling", "greeting", "closing", "tone", "length", "spelling", "thanks", "skills",
        "interest", "next_step", "specific", "forgotten", "helpers", "similarity", "late",
    ]  # fmt: skip
    assert RULES["next_step"][0] == {Kind.THANK_YOU}
    assert Kind.INQUIRY in RULES["skills"][0] and Kind.WITHDRAWAL_NOTE not in RULES["skills"][0]


# --- name_spelling --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("wrong", "right"),
    [("Smyth", "Smith"), ("Smithe", "Smith"), ("Ann", "Anna"), ("Gomes", "Gomez")],
)
def test_a_name_close_to_a_recorded_one_is_a_misspelling(wrong: str, right: str) -> None:
    body = swap("Maria Gomez", f"Maria {wrong}") if wrong == "Gomes" else swap("Ms. Smith", wrong)
    assert findings(body, "name_spelling") == [wrong]
    [finding] = [f for f in check(body, FACTS) if f.rule == "name_spelling"]
    assert right in finding.message and finding.severity is Severity.ERROR


def test_the_message_says_which_name_on_the_card_was_meant() -> None:
    [finding] = [
        f for f in check(swap("Ms. Smith", "Ms. Smyth"), FACTS) if f.rule == "name_spelling"
    ]
    assert finding.message == "'Smyth' looks like a misspelling of Smith, the name on the card"


def test_a_dropped_accent_is_a_misspelling() -> None:
    facts = replace(FACTS, sender="Anna Lindqvist", recipient=Recipient("José Álvarez"),
                    names=("José Álvarez", "Maria Gomez"))  # fmt: skip
    body = swap("Ms. Smith", "Jose")
    assert findings(body, "name_spelling", facts) == ["Jose"]
    assert findings(swap("Ms. Smith", "José"), "name_spelling", facts) == []


@pytest.mark.parametrize(
    ("written", "flagged"),
    [("Siobhan", "Siobhan"), ("Shiobhan", "Shiobhan"), ("Ms. O'Brien", "O'Brien"),
     ("Ms. Ó Brian", "Brian")],
)  # fmt: skip
def test_irish_names_are_checked_against_the_card(written: str, flagged: str) -> None:
    facts = replace(FACTS, recipient=Recipient("Siobhán Ó Briain"), names=("Siobhán Ó Briain",))
    body = swap("Ms. Smith", written)
    assert findings(body, "name_spelling", facts) == [flagged]
    assert findings(swap("Ms. Smith", "Ms. Ó Briain"), "name_spelling", facts) == []
    assert findings(swap("Ms. Smith", "Siobhán"), "name_spelling", facts) == []


def test_a_hyphen_dropped_from_a_double_barrelled_name_is_a_misspelling() -> None:
    facts = replace(FACTS, recipient=Recipient("Gwen Pryce-Jones"), names=("Gwen Pryce-Jones",))
    assert findings(swap("Smith", "Pryce Jones"), "name_spelling", facts) == ["Pryce Jones"]
    assert findings(swap("Smith", "Pryce-Jones"), "name_spelling", facts) == []


def test_common_words_and_other_people_are_not_misspellings() -> None:
    body = swap("I especially", "With the project in mind, and after talking to David Park, I")
    body = swap("Please also", "And please also", body)
    assert findings(body, "name_spelling") == []


def test_a_word_opening_a_sentence_is_not_a_short_name_misspelled() -> None:
    facts = replace(FACTS, recipient=Recipient("Dana Lee"), names=("Dana Lee",), position="Analyst")
    body = swap("I remain very", "Data quality matters to me. I remain very")
    body = swap("Data Analyst position", "Analyst position", body)
    assert findings(swap("Ms. Smith", "Dana", body), "name_spelling", facts) == []
    assert findings(swap("Ms. Smith", "Dara", body), "name_spelling", facts) == ["Dara"]
    jean = replace(FACTS, recipient=Recipient("Jean Roy"), names=("Jean Roy",))
    assert findings(swap("Tuesday", "Tuesday 4 Jan", body), "name_spelling", jean) == []


def test_a_word_of_the_company_is_not_a_misspelled_name_even_as_a_possessive() -> None:
    facts = replace(FACTS, recipient=Recipient("Siobhán Ó Briain"), names=("Siobhán Ó Briain",),
                    company="St Brigid's Hospital")
    body = swap("I especially", "My morning at St Brigid's Hospital was a pleasure. I especially",
                swap("Ms. Smith", "Ms. Ó Briain"))
    assert findings(body, "name_spelling", facts) == []
    assert findings(swap("Ms. Ó Briain", "Ms. Ó Brain", body), "name_spelling", facts) == [
        "Brain"]


def test_the_senders_own_name_is_never_a_misspelling() -> None:
    assert findings(swap("José Núñez", "Jose Nunez"), "name_spelling") == []


def test_a_cjk_name_differing_in_one_character_is_a_misspelling() -> None:
    facts = replace(FACTS, recipient=Recipient("王芳"), names=("王芳", "Maria Gomez"))
    assert findings(swap("Ms. Smith", "王方"), "name_spelling", facts) == ["王方"]
    assert findings(swap("Ms. Smith", "王芳"), "name_spelling", facts) == []
    assert findings(swap("Ms. Smith", "李方"), "name_spelling", facts) == []  # another name
    assert findings(swap("Ms. Smith", "王先生"), "name_spelling", facts) == []  # Mr. Wang


# --- greeting -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "opening",
    ["Hey Anna,", "Yo Anna,", "Hiya Anna,", "To whom it may concern,", "Dear Sir or Madam,",
     "Hello,", "Dear Hiring Manager,", "Dear Mr. Park,"],
)  # fmt: skip
def test_a_greeting_that_is_casual_or_names_nobody_on_the_note_is_a_finding(opening: str) -> None:
    body = swap("Dear Ms. Smith,", opening)
    assert findings(body, "greeting") == [opening]


@pytest.mark.parametrize(
    "opening", ["Dear Anna,", "Hi Anna,", "Hello Ms. Smith,", "Good morning Ms. Smith,", "Anna,"]
)
def test_a_greeting_by_name_is_fine_and_hi_is_acceptable(opening: str) -> None:
    assert findings(swap("Dear Ms. Smith,", opening), "greeting") == []


def test_a_greeting_by_name_may_open_the_first_sentence() -> None:
    body = swap("Dear Ms. Smith,\n\nThank you", "Anna, thank you")
    assert findings(body, "greeting") == []
    assert findings(swap("Anna,", "Yesterday,", body), "greeting") == ["Yesterday,"]


def test_a_note_that_opens_without_a_greeting_has_a_finding_without_a_span() -> None:
    assert findings(swap("Dear Ms. Smith,\n\n", ""), "greeting") == [""]


@pytest.mark.parametrize("opening", ["Dear hiring team,", "Dear Acme team,", "Hello everyone,"])
def test_a_note_to_the_team_may_greet_the_team(opening: str) -> None:
    facts = replace(FACTS, recipient=None)
    assert findings(swap("Dear Ms. Smith,", opening), "greeting", facts) == []
    assert findings(swap("Dear Ms. Smith,", "To whom it may concern,"), "greeting", facts) != []


# --- closing --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "closing", ["Kind regards,", "Sincerely,", "Thank you,", "With thanks,", "Warm regards,",
                "Respectfully,", "Best wishes,", "Many thanks,", "Best,"],
)  # fmt: skip
def test_a_professional_closing_and_the_senders_name_pass(closing: str) -> None:
    assert findings(swap("Best regards,", closing), "closing") == []
    assert findings(swap("Best regards,\nJosé Núñez", f"{closing}\nJose"), "closing") == []


@pytest.mark.parametrize("closing", ["Cheers,", "Later,", "xoxo", "Thx,", "Love,"])
def test_a_casual_closing_is_a_finding_on_its_line(closing: str) -> None:
    assert findings(swap("Best regards,", closing), "closing") == [closing]


def test_a_closing_without_the_senders_name_is_a_finding() -> None:
    assert findings(swap("\nJosé Núñez\n", "\n"), "closing") == ["Best regards,"]
    assert findings(swap("Best regards,\n", ""), "closing") == [""]


# --- tone -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [("Thx so much, u were great.", ["Thx", "u"]), ("I'm gonna ace it lol.", ["gonna", "lol"]),
     ("It was great 😀 to meet you.", ["😀"]), ("It was great to meet you!!", ["!!"]),
     ("I am REALLY keen.", ["REALLY"]), ("Sorry for the late reply.", ["Sorry"]),
     ("I apologise for running over.", ["apologise"]), ("My apologies for the delay.",
     ["My apologies"])],
)  # fmt: skip
def test_slang_emoji_shouting_and_apologies_are_errors_with_spans(
    sentence: str, flagged: list[str]
) -> None:
    body = swap("I remain very", f"{sentence} I remain very")
    assert findings(body, "tone") == flagged
    assert {f.severity for f in check(body, FACTS) if f.rule == "tone"} == {Severity.ERROR}


def test_acronyms_the_company_and_regret_are_not_tone_problems() -> None:
    facts = replace(FACTS, company="NORTHWIND LOGISTICS")
    sentence = "The SQL, HTML and NASA examples, NORTHWIND's CEO and the API were great. "
    body = swap("I remain very", sentence + "I was sorry to hear about the outage. I remain very")
    assert findings(body, "tone", facts) == []


# --- length ---------------------------------------------------------------------------------------
def test_a_note_shorter_or_longer_than_the_policy_is_a_warning() -> None:
    short = "Dear Anna,\n\nThank you for your time today.\n\nBest regards,\nJosé Núñez"
    assert rules(short) >= {"length"}
    long_body = swap("exercise.\n", "exercise. " + "It was a really good day. " * 40 + "\n")
    assert "length" in rules(long_body)
    assert "length" not in rules(GOOD)
    assert "length" not in rules(short, policy=Policy(note_min_words=5))


# --- spelling -------------------------------------------------------------------------------------
def test_misspelled_words_are_found_with_spans_and_names_are_known() -> None:
    body = swap("especially", "especialy")
    speller = FakeSpeller({"especialy", "kowalski", "looker", "nunez"})
    assert findings(body, "spelling", speller=speller) == ["especialy"]
    assert "spelling" not in rules(body)  # no speller, no spelling rule


def test_the_real_spell_checker_knows_british_spellings_and_contractions() -> None:
    from spellchecker import SpellChecker

    body = swap("I forgot", "I couldn't recieve the organisation's colour programme. I forgot")
    assert findings(body, "spelling", speller=SpellChecker()) == ["recieve"]


def test_addresses_and_links_are_not_spell_checked() -> None:
    body = swap("exercise.\n", "exercise. My code is at github.com/jnunez/qwzx and jn@qwzx.io.\n")
    assert findings(body, "spelling", speller=FakeSpeller({"qwzx", "jnunez", "jn"})) == []


# --- thanks ---------------------------------------------------------------------------------------
def test_a_note_that_never_thanks_them_is_a_warning() -> None:
    body = swap("Thank you for taking the time to meet with me on Tuesday. ", "")
    body = swap("Please also pass on\nmy thanks to", "Please also mention me to", body)
    assert findings(body, "thanks") == [""]
    assert "thanks" in rules(swap("Best regards,", "Thank you,", body))  # a closing is not thanks
    assert "thanks" not in rules(swap("exercise.", "exercise. I am grateful for your time.", body))


def test_thanks_for_the_news_alone_is_not_thanks_for_their_time() -> None:
    facts = replace(FACTS, kind=Kind.THANK_AFTER_DECISION)
    news = "Dear Anna,\n\nThanks for letting me know. Keep me in mind.\n\nBest,\nJosé"
    assert "thanks" in rules(news, facts)
    time = swap("letting me know.", "letting me know, and for considering me.", news)
    assert "thanks" not in rules(time, facts)


# --- skills ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "pitch",
    ["With my five years of SQL experience, I would fit right in.",
     "I am confident my skills make me the right hire.",
     "My background in retail analytics is a good match.",
     "I'm a proven leader in analytics teams.",
     "I bring strong expertise in data modelling.",
     "I know my ability to deliver would help.",
     "I excel at stakeholder management.",
     "I am sure I could solve your Looker problems quickly."],
)  # fmt: skip
def test_selling_ones_own_skills_is_a_warning(pitch: str) -> None:
    body = swap("I remain very", f"{pitch} I remain very")
    [span] = findings(body, "skills")
    assert span and span in pitch


@pytest.mark.parametrize(
    "remark",
    ["I admired your experience leading the migration.",
     "My experience of your onboarding process was excellent.",
     "I have managed to read the report you sent.",
     "I liked hearing about the skills your team is building.",
     "I enjoyed learning about your team's expertise.",
     "Thank you for sharing your experience so openly."],
)  # fmt: skip
def test_talking_about_their_skills_is_not_a_pitch(remark: str) -> None:
    assert "skills" not in rules(swap("I remain very", f"{remark} I remain very"))


def test_the_recorded_forgotten_point_is_never_counted_as_a_pitch() -> None:
    body = swap("I completed my Tableau certification last spring",
                "my Tableau certification gives me the skills for the switch")  # fmt: skip
    assert "skills" not in rules(body)
    assert "skills" in rules(body, replace(FACTS, forgotten=()))


def test_the_skills_rule_can_be_switched_off() -> None:
    body = swap("I remain very", "I bring strong expertise in dbt. I remain very")
    assert "skills" in rules(body)
    assert "skills" not in rules(body, policy=Policy(note_rules_off="skills"))
    assert "skills" not in rules(body, policy=Policy(note_rules_off=" length , skills"))


# --- interest ------------------------------------------------------------------------------------
def test_a_note_that_never_reaffirms_interest_is_a_warning() -> None:
    body = swap("I remain very interested in the Data Analyst position and look forward to",
                "I will keep an eye out for")  # fmt: skip
    assert "interest" in rules(body)
    for phrase in (
        "I am excited about the opportunity.", "I am keen to join the team.",
        "I look forward to hearing from you.", "I'm still enthusiastic about the role.",
    ):  # fmt: skip
        assert "interest" not in rules(swap("I will keep", f"{phrase} I will keep", body))


def test_being_interested_in_their_news_is_not_interest_in_the_role() -> None:
    body = swap("I remain very interested in the Data Analyst position and look forward to",
                "I was interested to hear about your move; good luck with")  # fmt: skip
    assert "interest" in rules(body)
    assert "interest" not in rules(swap("about your move", "about the SQL test", body))


def test_not_being_interested_any_more_is_no_reaffirmed_interest() -> None:
    body = swap("I remain very interested in the Data Analyst position and look forward to",
                "I am no longer interested in the role, but will still do")  # fmt: skip
    assert "interest" in rules(body)


def test_after_a_rejection_interest_in_future_openings_counts() -> None:
    facts = replace(FACTS, kind=Kind.THANK_AFTER_DECISION)
    body = ("Dear Anna,\n\nThank you for considering me for the Data Analyst role and for your "
            "time "
            "over the last month. I enjoyed meeting the team and learning about the Looker work, "
            "and I learned a great deal from the case study you set.\n\n"
            "Please keep me in mind for future openings.\n\nKind regards,\nJosé Núñez")  # fmt: skip
    assert check(body, facts) == []
    assert "interest" in rules(swap("Please keep me in mind for future openings.", "", body), facts)


# --- next_step, specific --------------------------------------------------------------------------
def test_a_known_next_step_not_mentioned_is_a_warning() -> None:
    body = swap("look forward to the take-home SQL\nexercise", "hope to hear from you soon")
    assert "next_step" in rules(body)
    assert "next_step" not in rules(swap("soon", "soon about the SQL exercise", body))
    assert "next_step" not in rules(body, replace(FACTS, next_step=None))


def test_a_note_with_nothing_from_the_topic_is_a_warning() -> None:
    body = swap(
        "I especially enjoyed hearing how your\nteam is moving the weekly sales reporting from "
        "Excel to Looker, and how you plan to keep the\nregional managers on board while the old "
        "workbook is retired.", "I enjoyed learning about Acme Ltd and its culture."
    )  # fmt: skip
    assert "specific" in rules(body)
    assert "specific" not in rules(body, replace(FACTS, topic=None))
    assert "specific" not in rules(swap("its culture", "its Looker dashboards", body))


# --- forgotten, helpers: interview-wide ----------------------------------------------------------
NOTE_TO_DAVID = swap("Dear Ms. Smith,", "Dear David,")
BARE = swap(
    "I forgot to mention that I completed my Tableau certification last spring. Please also pass "
    "on\nmy thanks to Maria Gomez, who made me feel very welcome at reception.", "I enjoyed it."
)  # fmt: skip


def test_a_forgotten_point_and_a_helper_named_in_no_note_are_warnings() -> None:
    assert {"forgotten", "helpers"} <= rules(BARE)
    [message] = [f.message for f in check(BARE, FACTS) if f.rule == "helpers"]
    assert "Maria Gomez" in message


def test_a_sibling_note_that_clears_them_up_satisfies_the_interview() -> None:
    assert not {"forgotten", "helpers"} & rules(BARE, siblings=[NOTE_TO_DAVID])
    assert {"forgotten", "helpers"} <= rules(BARE, siblings=[BARE])


def test_a_note_that_does_not_carry_the_extras_leaves_them_to_its_siblings() -> None:
    facts = replace(FACTS, carries_extras=False)
    assert not {"forgotten", "helpers"} & rules(BARE, facts)
    assert {"forgotten", "helpers"} <= rules(BARE, facts, siblings=[BARE])


# --- similarity ----------------------------------------------------------------------------------
def test_a_near_copy_of_another_note_is_a_warning_naming_that_note() -> None:
    copy = swap("I especially enjoyed", "I really enjoyed", NOTE_TO_DAVID)
    [finding] = [f for f in check(GOOD, FACTS, siblings=[copy]) if f.rule == "similarity"]
    assert "#1" in finding.message and "Dear David," in finding.message
    assert finding.severity is Severity.WARNING


def test_two_different_notes_of_one_interview_are_not_near_copies() -> None:
    other = NOTES[2].text  # another writer's note to Anna at Acme
    assert "similarity" not in rules(GOOD, siblings=[other])
    assert "similarity" in rules(GOOD, siblings=[other], policy=Policy(note_similarity_percent=10))


# --- late --------------------------------------------------------------------------------------
def test_a_thank_you_sent_after_the_deadline_is_late() -> None:
    deadline = FACTS.deadline
    assert deadline is not None
    [message] = [f.message for f in check(GOOD, FACTS, now=deadline + timedelta(minutes=1))]
    assert message.startswith("Sent after the deadline of Wed 02 Dec 2026 23:59")
    assert check(GOOD, FACTS, now=deadline) == []
    assert check(GOOD, FACTS) == []


# --- kinds, severities ---------------------------------------------------------------------------
def test_rules_apply_only_to_their_kinds() -> None:
    bare = (
        "Dear Ms. Smith,\n\n" + "I am writing about the Data Analyst role. " * 6 + "\n\nBest,\nJosé"
    )
    assert rules(bare) >= {"thanks", "interest", "next_step", "specific", "forgotten", "helpers"}
    assert rules(bare, replace(FACTS, kind=Kind.INQUIRY)) == {"interest"}
    assert rules(bare, replace(FACTS, kind=Kind.WITHDRAWAL_NOTE)) == set()
    assert rules(bare, replace(FACTS, kind=Kind.THANK_HELPERS)) == {"thanks"}


def test_severities_come_from_the_policy() -> None:
    body = swap("Dear Ms. Smith,", "Hey Anna,", BARE)
    default = {f.rule: f.severity for f in check(body, FACTS)}
    assert default == {"greeting": Severity.ERROR, "forgotten": Severity.WARNING,
                       "helpers": Severity.WARNING}  # fmt: skip
    strict = Policy(note_errors="forgotten,helpers")
    assert {f.rule: f.severity for f in check(body, FACTS, strict)} == {
        "greeting": Severity.WARNING, "forgotten": Severity.ERROR, "helpers": Severity.ERROR,
    }  # fmt: skip


# --- the corpus ----------------------------------------------------------------------------------
def test_the_corpus_is_large_and_labels_only_rules_in_scope() -> None:
    assert len(NOTES) >= 100
    assert all(note.expected <= set(IN_SCOPE) for note in NOTES)
    assert len({note.facts.kind for note in NOTES}) == 6


def test_the_checker_reaches_the_target_precision_and_recall_on_the_corpus() -> None:
    from benchmarks.checker import precision_recall

    table = precision_recall()
    precision = sum(p for _, p, _, _ in table) / len(table)
    recall = sum(r for _, _, r, _ in table) / len(table)
    assert precision >= 0.85 and recall >= 0.85, table
