"""The note composer: each kind and part of a draft, its tone, its variety, and its properties."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from followup.domain.model import Kind
from followup.domain.notes.compose import compose, interview_day_text, to_html
from followup.domain.notes.facts import NOTE_KINDS, Draft, NoteFacts, Recipient, Tone
from followup.domain.policy import Policy

JOSE, SENDER, MARY = "José Núñez", "Alex Morgan", "Mary Lee"
POLICY = Policy()
PITCH = re.compile(
    r"\bmy (experience|skills?|abilit(y|ies)|background|expertise|strengths?)\b"
    r"|\bI am confident\b|\bI bring\b|\b(great|perfect|strong) fit\b",
    re.IGNORECASE,
)
SLANG = re.compile(
    r"\b(hey|hi|gonna|wanna|thx|lol|awesome|cool|super|btw|u|ur|cheers|guys)\b", re.IGNORECASE
)
APOLOGY = re.compile(r"\b(sorry|apolog\w*|regret\w*|excuse)\b", re.IGNORECASE)
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
CLOSINGS = (
    "Best regards,",
    "Kind regards,",
    "With thanks,",
    "Sincerely,",
    "Yours sincerely,",
    "Regards,",
    "With best regards,",
    "Warm regards,",
    "Warm wishes,",
    "All the best,",
    "Best wishes,",
    "Many thanks,",
    "Warmest regards,",
)
OTHER_KINDS = (
    Kind.THANK_AFTER_DECISION,
    Kind.WITHDRAWAL_NOTE,
    Kind.LAST_NOTE,
    Kind.THANK_HELPERS,
    Kind.INQUIRY,
)


def facts(**overrides: Any) -> NoteFacts:
    """A thank-you to José Núñez for a Data Analyst interview at Acme Ltd, with a topic and a
    next step, no extras to carry."""
    fields: dict[str, Any] = {
        "kind": Kind.THANK_YOU,
        "sender": SENDER,
        "recipient": Recipient(JOSE),
        "company": "Acme Ltd",
        "position": "Data Analyst",
        "interview_day": date(2026, 11, 24),
        "topic": "the data platform migration",
        "next_step": "a second interview with the team",
        "names": (JOSE, SENDER),
    }
    return NoteFacts(**(fields | overrides))


def content(body: str) -> str:
    """The body without its greeting (first line) and signature (closing and sender)."""
    lines = body.split("\n")
    return "\n".join(lines[1:-2])


def words(text: str) -> int:
    return len(text.split())


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?])\s+", text) if s.strip()]


def without_names(body: str, names: list[str]) -> str:
    """The body with every name (and every first name) taken out."""
    parts = {part for name in names for part in (name, name.split()[0])}
    for part in sorted(parts, key=len, reverse=True):
        body = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", " ", body)
    return body


def similarity(a: Draft, b: Draft, names: list[str], shared: Sequence[str] = ()) -> float:
    """How alike two drafts read, leaving out the names and the recorded facts both must say
    (`shared`: the company, the position, the next step)."""
    def rest(body: str) -> str:
        for fact in sorted(shared, key=len, reverse=True):
            body = body.replace(fact, " ")
        return without_names(body, names)

    return fuzz.token_set_ratio(rest(a.body), rest(b.body))


# --- thank-you notes, part by part ---------------------------------------------------------------


def test_a_formal_thank_you_greets_the_recipient_by_the_exact_name_on_record() -> None:
    for name in (JOSE, "Siobhán Ó Briain", "王芳", "Liam O'Connor", "Dr Jane Smith"):
        draft = compose(facts(recipient=Recipient(name), names=(name, SENDER)))
        assert draft.body.startswith(f"Dear {name},\n")


def test_a_warm_thank_you_says_hello_to_a_given_name_that_clearly_comes_first() -> None:
    for name, greeted in (
        (JOSE, "José"),
        ("Anna-Lena Schmidt", "Anna-Lena"),
        ("Siobhán Ó Briain", "Siobhán"),
        ("Zoë Martin", "Zoë"),
    ):
        draft = compose(facts(recipient=Recipient(name)), Tone.WARM)
        assert draft.body.startswith(f"Hello {greeted},\n")


@pytest.mark.parametrize(
    "name",
    [
        "王芳",
        "Madonna",
        "Dr Jane Smith",
        "Smith, John",
        "NGUYEN Van An",
        "van der Berg",
        "J. Smith",
    ],
)
def test_a_warm_greeting_keeps_the_full_name_when_the_given_name_is_in_doubt(name: str) -> None:
    assert compose(facts(recipient=Recipient(name)), Tone.WARM).body.startswith(f"Hello {name},")


def test_a_note_to_nobody_in_particular_greets_the_company_team() -> None:
    assert compose(facts(recipient=None)).body.startswith("Dear Acme Ltd team,\n")
    assert compose(facts(recipient=None), Tone.WARM).body.startswith("Hello Acme Ltd team,\n")


def test_a_thank_you_names_the_position_and_company_and_thanks_them_for_their_time() -> None:
    for name in (JOSE, MARY, "王芳", "Kwame Mensah", "Grace Kim"):
        for tone in Tone:
            opening = sentences(content(compose(facts(recipient=Recipient(name)), tone).body))[0]
            assert "Data Analyst" in opening and "Acme Ltd" in opening
            assert re.search(r"\bthank", opening, re.IGNORECASE) and "time" in opening


def test_a_thank_you_refers_to_the_topic_of_that_interviewer_in_several_ways() -> None:
    topic = "how the team runs code reviews"
    referring = {
        next(
            s
            for s in sentences(
                compose(facts(recipient=Recipient(name), names=(name,), topic=topic)).body
            )
            if topic in s
        ).replace(topic, "{topic}")
        for name in (f"Person {n}" for n in range(40))
    }
    assert len(referring) >= 5


def test_a_thank_you_without_a_topic_is_general_and_claims_nothing_about_the_talk() -> None:
    draft = compose(facts(topic=None))
    assert "{" not in draft.body and 40 <= words(content(draft.body)) <= 200
    assert not re.search(r"\byour (account|description|insight|overview)|you (shared|described)"
                         r"|our (conversation|discussion|talk) (about|of|on)", draft.body)


def test_a_known_next_step_is_reiterated_and_an_unknown_one_is_not_invented() -> None:
    assert "a second interview with the team" in compose(facts()).body
    assert "next step" not in compose(facts(next_step=None)).body


def test_each_forgotten_point_is_cleared_up_as_given_in_the_carrying_note_only() -> None:
    points = ("I hold a current first-aid certificate", "I speak fluent Portuguese.")
    carrying = compose(facts(forgotten=points, carries_extras=True)).body
    other = compose(facts(forgotten=points, carries_extras=False)).body
    said = next(s for s in sentences(carrying) if points[0] in s)
    assert "I speak fluent Portuguese" in said  # both points, in one sentence of their own
    assert not PITCH.search(said.split(":")[0])
    assert not any(p.rstrip(".") in other for p in points)


def test_a_single_forgotten_point_gets_a_sentence_of_its_own() -> None:
    body = compose(facts(forgotten=("I hold a current first-aid certificate",))).body
    assert any(s.endswith(": I hold a current first-aid certificate.") for s in sentences(body))


def test_helpers_are_named_in_the_carrying_note_only() -> None:
    helpers = (MARY, "王芳")
    carrying = compose(facts(helpers=helpers, names=(JOSE, MARY, "王芳", SENDER))).body
    other = compose(facts(helpers=helpers, carries_extras=False)).body
    assert f"{MARY} and 王芳" in carrying
    assert MARY not in other and "王芳" not in other


def test_a_coordinator_note_names_every_other_interviewer() -> None:
    panel = tuple(f"Interviewer {n} Smith" for n in range(8))
    body = compose(facts(recipient=Recipient("Pat Coordinator"), others=panel, topic=None)).body
    assert all(name in body for name in panel)
    assert words(content(body)) <= 200


def test_every_draft_ends_with_a_professional_closing_and_the_sender() -> None:
    for kind, tone, name in itertools.product(NOTE_KINDS, Tone, (JOSE, MARY, "王芳")):
        lines = compose(facts(kind=kind, recipient=Recipient(name)), tone).body.split("\n")
        assert lines[-2] in CLOSINGS and lines[-1] == SENDER and lines[-3] == ""


@pytest.mark.parametrize("kind", sorted(NOTE_KINDS))
@pytest.mark.parametrize("tone", list(Tone))
def test_every_kind_stays_between_40_and_200_words_bare_or_full(kind: Kind, tone: Tone) -> None:
    bare = facts(kind=kind, topic=None, next_step=None, interview_day=None)
    full = facts(
        kind=kind,
        forgotten=("I hold a current first-aid certificate",) * 3,
        helpers=(MARY, "Anna-Lena Schmidt", "王芳"),
        others=("Zoë Martin", "Grace Kim"),
    )
    for note in (bare, full):
        for name in (f"Person {n}" for n in range(30)):
            body = compose(replace(note, recipient=Recipient(name)), tone).body
            assert 40 <= words(content(body)) <= 200, body


def test_many_helpers_and_forgotten_points_are_joined_compactly_under_200_words() -> None:
    helpers = tuple(f"Helper {n} Jones" for n in range(6))
    points = tuple(f"I completed course number {n} in data engineering last year" for n in range(6))
    panel = tuple(f"Interviewer {n} Smith" for n in range(8))
    for tone in Tone:
        body = compose(facts(helpers=helpers, forgotten=points, others=panel), tone).body
        assert words(content(body)) <= 200
        assert all(h in body for h in (*helpers, *points, *panel))


def test_warm_and_formal_drafts_differ() -> None:
    formal, warm = compose(facts(), Tone.FORMAL), compose(facts(), Tone.WARM)
    assert formal.body != warm.body
    assert warm.body.startswith("Hello José,") and formal.body.startswith("Dear José Núñez,")


def test_the_same_facts_always_give_the_same_draft() -> None:
    assert compose(facts()) == compose(facts())
    assert compose(facts(), Tone.WARM) == compose(facts(), Tone.WARM)


def test_the_draft_does_not_depend_on_the_hash_seed_of_the_process() -> None:
    script = (
        "from followup.domain.notes.compose import compose; "
        "from tests.unit.test_notes_compose import facts; print(compose(facts()).body)"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": "."},
            timeout=60,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert outputs == {compose(facts()).body + "\n"}


def test_phrasings_vary_from_one_recipient_to_the_next() -> None:
    bodies = [compose(facts(recipient=Recipient(f"Person {n}"), names=())).body for n in range(40)]
    for part in range(4):
        assert len({sentences(content(b))[part] for b in bodies}) >= 5
    assert len({b.split("\n")[-2] for b in bodies}) >= 5


def test_thank_yous_to_the_interviewers_of_one_interview_are_not_near_copies() -> None:
    panel = [
        "José Núñez",
        "Siobhán Ó Briain",
        "王芳",
        "Zoë Martin",
        "Liam O'Connor",
        "Anna-Lena Schmidt",
        "Kwame Mensah",
        "Grace Kim",
    ]
    names = [*panel, SENDER, MARY]
    for tone in Tone:
        drafts = [
            compose(
                facts(
                    recipient=Recipient(n),
                    names=tuple(names),
                    helpers=(MARY,),
                    forgotten=("I hold a current first-aid certificate",),
                    carries_extras=n == panel[0],
                ),
                tone,
            )
            for n in panel
        ]
        for a, b in itertools.combinations(drafts, 2):
            assert similarity(a, b, names) < 80, (a.body, b.body)


def test_no_draft_pitches_skills_or_uses_slang_exclamations_apologies_or_emoji() -> None:
    for kind, tone, n in itertools.product(NOTE_KINDS, Tone, range(60)):
        body = compose(
            facts(
                kind=kind,
                recipient=Recipient(f"Person {n}"),
                helpers=(MARY,),
                forgotten=("I speak Portuguese",),
            ),
            tone,
        ).body
        for pattern in (PITCH, SLANG, APOLOGY, EMOJI):
            assert not pattern.search(body), (pattern.pattern, body)
        assert "!" not in body and "{" not in body


def test_every_word_the_composer_writes_is_a_dictionary_word() -> None:
    spellchecker = pytest.importorskip("spellchecker")
    speller = spellchecker.SpellChecker()
    known = {"Acme", "Ltd", "Data", "Analyst", SENDER, JOSE, MARY}
    unknown: set[str] = set()
    for kind, tone, n in itertools.product(NOTE_KINDS, Tone, range(80)):
        body = compose(
            facts(
                kind=kind,
                recipient=Recipient(f"Person {n}"),
                helpers=(MARY,),
                forgotten=("I speak Portuguese",),
                others=("Grace Kim",),
            ),
            tone,
        ).body
        for known_text in (
            *known,
            f"Person {n}",
            "Grace Kim",
            "I speak Portuguese",
            "the data platform migration",
            "a second interview with the team",
        ):
            body = body.replace(known_text, " ")
        unknown |= speller.unknown(re.findall(r"[A-Za-z]+(?:'[a-z]+)?", body))
    assert unknown == set()


def test_a_note_that_runs_long_shortens_its_own_sentences_but_keeps_every_fact() -> None:
    points = tuple(f"I completed course number {n} in data engineering last year" for n in range(6))
    long = compose(facts(forgotten=points, helpers=(MARY,))).body
    assert words(content(long)) <= 200
    assert all(
        p in long
        for p in (
            *points,
            MARY,
            "the data platform migration",
            "a second interview with the team",
            "Data Analyst",
            "Acme Ltd",
        )
    )
    assert "interest" in long and "Thank you" in long


def test_a_panel_of_nine_still_gets_notes_that_differ_from_one_another() -> None:
    panel = [
        f"{first} {last}"
        for first, last in zip(
            ("Ana", "Ben", "Cleo", "Dev", "Eun", "Femi", "Gus", "Hana", "Ivo"),
            ("Ruiz", "Stone", "Tran", "Udall", "Vance", "Wells", "Xu", "Young", "Zed"),
            strict=True,
        )
    ]
    for tone in Tone:
        drafts = [
            compose(facts(recipient=Recipient(n), names=(*panel, SENDER), topic=None), tone)
            for n in panel
        ]
        assert len({sentences(content(d.body))[0] for d in drafts}) == len(panel)
        for a, b in itertools.combinations(drafts, 2):
            assert similarity(a, b, panel) < 80, (a.body, b.body)


# --- the other kinds ----------------------------------------------------------------------------


def test_a_thank_after_decision_thanks_asks_to_be_kept_in_mind_and_stays_gracious() -> None:
    for n, tone in itertools.product(range(20), Tone):
        body = compose(
            facts(kind=Kind.THANK_AFTER_DECISION, recipient=Recipient(f"Person {n}")), tone
        ).body
        text = content(body).lower()
        assert "thank" in text and "consider" in text
        assert re.search(r"keep me in mind|kept in mind|in the future|future (opening|role)s", text)
        assert "interest" in text and "acme ltd" in text
        assert not re.search(r"\bwhy\b|disappoint|unfortunate|unfair", text)


def test_a_withdrawal_note_thanks_withdraws_and_keeps_the_door_open() -> None:
    for n, tone in itertools.product(range(20), Tone):
        text = content(
            compose(facts(kind=Kind.WITHDRAWAL_NOTE, recipient=Recipient(f"Person {n}")), tone).body
        ).lower()
        assert "thank" in text and ("withdraw" in text or "step back" in text)
        assert re.search(r"in touch|paths cross|keep in contact|meet again", text)


def test_a_last_note_checks_once_more_says_it_is_the_last_and_keeps_the_door_open() -> None:
    for n, tone in itertools.product(range(20), Tone):
        body = compose(facts(kind=Kind.LAST_NOTE, recipient=Recipient(f"Person {n}")), tone).body
        text = content(body).lower()
        assert re.search(r"last|final", text) and "data analyst" in text
        assert re.search(r"will not keep writing|last note|not plan to write|leave it there", text)
        assert re.search(r"hear(ing)? from you", text)
        assert words(content(body)) <= 80


def test_a_thank_helpers_note_names_the_other_helpers_but_not_the_recipient() -> None:
    helpers = (MARY, "王芳")
    to_mary = compose(facts(kind=Kind.THANK_HELPERS, recipient=Recipient(MARY), helpers=helpers))
    to_jose = compose(facts(kind=Kind.THANK_HELPERS, helpers=helpers))
    assert "王芳" in content(to_mary.body) and MARY not in content(to_mary.body)
    assert f"{MARY} and 王芳" in to_jose.body and "help" in to_jose.body


def test_an_inquiry_reaffirms_interest_asks_where_things_stand_and_names_the_day() -> None:
    for n, tone in itertools.product(range(20), Tone):
        text = content(
            compose(facts(kind=Kind.INQUIRY, recipient=Recipient(f"Person {n}")), tone).body
        )
        assert "on Tuesday 24 November" in text and "interest" in text
        assert re.search(r"\?|update|where things stand|how the process", text)
    undated = compose(facts(kind=Kind.INQUIRY, interview_day=None)).body
    assert " on ." not in undated and "  " not in undated


def test_subjects_are_short_and_name_the_position() -> None:
    assert compose(facts()).subject == "Thank you — Data Analyst interview"
    assert compose(facts(kind=Kind.INQUIRY)).subject == "Following up on the Data Analyst position"
    for kind in NOTE_KINDS:
        subject = compose(facts(kind=kind)).subject
        assert "Data Analyst" in subject and words(subject) <= 8


@pytest.mark.parametrize("kind", sorted(set(Kind) - NOTE_KINDS))
def test_a_kind_that_is_not_a_note_is_refused(kind: Kind) -> None:
    with pytest.raises(ValueError, match=str(kind)):
        compose(facts(kind=kind))


def test_interview_days_are_written_in_english_whatever_the_locale() -> None:
    assert interview_day_text(date(2026, 11, 24)) == "Tuesday 24 November"
    assert interview_day_text(date(2027, 1, 3)) == "Sunday 3 January"


def test_html_escapes_each_paragraph_and_keeps_line_breaks() -> None:
    body = "Dear A & B <team>,\n\nLine one\nline two\r\n\r\n\n\nBest regards,\nAlex"
    assert to_html(body) == (
        "<p>Dear A &amp; B &lt;team&gt;,</p>\n<p>Line one<br>\nline two</p>\n"
        "<p>Best regards,<br>\nAlex</p>"
    )
    assert to_html(compose(facts()).body).count("<p>") == 4  # greeting, two paragraphs, closing


# --- properties over random interviews -----------------------------------------------------------

KNOWN_NAMES = [
    "José Núñez",
    "Siobhán Ó Briain",
    "王芳",
    "Zoë Martin",
    "Liam O'Connor",
    "Anna-Lena Schmidt",
    "Kwame Mensah",
    "Priya Raman",
    "Mateusz Wójcik",
    "Fatima Al-Sayed",
    "Chloé Dubois",
    "Grace Kim",
    "Ingrid Johansson",
    "Amara Okafor",
]
SYLLABLES = [
    "ka",
    "lo",
    "mir",
    "sen",
    "dra",
    "vel",
    "tor",
    "an",
    "is",
    "ber",
    "ru",
    "nel",
    "fa",
    "gri",
    "dun",
    "ol",
    "mar",
    "tes",
]
TOPICS = [
    "the data platform migration",
    "how the team runs code reviews",
    "the new clinic opening",
    "their move to a four-day week",
    "on-call and incident reviews",
    "mentoring junior staff",
    "the customer onboarding redesign",
    "the Berlin expansion",
    "reducing errors at the night-shift handover",
]
STEPS = [
    "a second interview with the team",
    "a short take-home exercise",
    "references",
    "a call with the hiring manager",
    "a panel interview with the Director of Nursing",
]
FORGOTTEN = [
    "I hold a current first-aid certificate",
    "I speak fluent Portuguese",
    "I am available to start in January",
    "my portfolio link was missing from my CV",
    "I volunteer as a school governor",
]
COMPANIES = [
    "Acme Ltd",
    "Brightwave Health",
    "Café Müller",
    "Zhongshan Tech",
    "Ólafsson Fisheries",
    "Kestrel Software",
]
POSITIONS = [
    "Data Analyst",
    "Nurse Manager",
    "Site Reliability Engineer",
    "UX Designer",
    "Customer Success Manager",
]

_part = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map(
    lambda s: "".join(s).capitalize()
)
NAMES = st.one_of(st.sampled_from(KNOWN_NAMES), st.builds(lambda g, f: f"{g} {f}", _part, _part))


@dataclass(frozen=True)
class Interview:
    company: str
    position: str
    sender: str
    interviewers: list[str]
    topics: list[str | None]
    helpers: list[str]
    coordinator: str | None
    next_step: str | None
    forgotten: list[str]
    others_on_every_note: bool
    tone: Tone

    @property
    def names(self) -> list[str]:
        people = [*self.interviewers, *self.helpers, self.sender]
        return people + ([self.coordinator] if self.coordinator else [])

    @property
    def shared(self) -> list[str]:
        """What every thank-you of the interview says the same way: it is on record once."""
        return [self.company, self.position, *([self.next_step] if self.next_step else [])]

    def facts(self, kind: Kind, recipient: str, **overrides: Any) -> NoteFacts:
        others = [n for n in self.interviewers if n != recipient]
        return (
            NoteFacts(
                kind=kind,
                sender=self.sender,
                recipient=Recipient(recipient),
                company=self.company,
                position=self.position,
                interview_day=date(2026, 11, 24),
                next_step=self.next_step,
                forgotten=tuple(self.forgotten),
                helpers=tuple(self.helpers),
                names=tuple(self.names),
                others=tuple(others) if self.others_on_every_note else (),
            )
            if not overrides
            else replace(self.facts(kind, recipient), **overrides)
        )

    def thank_yous(self) -> list[tuple[NoteFacts, Draft]]:
        """Every thank-you of the interview: one per interviewer, the first carrying the extras,
        and one to the coordinator that names everyone when the panel is over seven."""
        pairs = zip(self.interviewers, self.topics, strict=True)
        notes = [
            self.facts(Kind.THANK_YOU, name, topic=topic, carries_extras=n == 0)
            for n, (name, topic) in enumerate(pairs)
        ]
        if self.coordinator:
            notes.append(
                self.facts(
                    Kind.THANK_YOU,
                    self.coordinator,
                    carries_extras=False,
                    others=tuple(self.interviewers),
                )
            )
        return [(f, compose(f, self.tone)) for f in notes]


@st.composite
def interviews(draw: st.DrawFn) -> Interview:
    count = draw(st.integers(1, 8))
    helpers = draw(st.integers(0, 3))
    people = draw(
        st.lists(NAMES, min_size=count + helpers + 2, max_size=count + helpers + 2, unique=True)
    )
    return Interview(
        company=draw(st.sampled_from(COMPANIES)),
        position=draw(st.sampled_from(POSITIONS)),
        sender=people[0],
        interviewers=people[1 : count + 1],
        topics=draw(st.lists(st.none() | st.sampled_from(TOPICS), min_size=count, max_size=count)),
        helpers=people[count + 1 : count + helpers + 1],
        coordinator=people[-1] if count > POLICY.panel_note_threshold else None,
        next_step=draw(st.none() | st.sampled_from(STEPS)),
        forgotten=draw(st.lists(st.sampled_from(FORGOTTEN), max_size=3, unique=True)),
        others_on_every_note=draw(st.booleans()),
        tone=draw(st.sampled_from(list(Tone))),
    )


def every_note(interview: Interview) -> list[tuple[NoteFacts, Draft]]:
    notes = interview.thank_yous()
    first = interview.interviewers[0]
    for kind in OTHER_KINDS:
        recipient = (
            interview.helpers[0] if kind is Kind.THANK_HELPERS and interview.helpers else first
        )
        f = interview.facts(kind, recipient)
        notes.append((f, compose(f, interview.tone)))
    return notes


def greeted(f: NoteFacts, tone: Tone) -> str:
    assert f.recipient is not None
    return f.recipient.name if tone is Tone.FORMAL else f.recipient.name.split()[0]


@settings(max_examples=100, deadline=None)
@given(interviews())
def test_every_kind_composes_a_draft_of_the_right_length_with_exact_names(
    interview: Interview,
) -> None:
    for f, draft in every_note(interview):
        assert f.recipient is not None
        name = f.recipient.name
        assert 40 <= words(content(draft.body)) <= 200, draft.body
        greeting = draft.body.split("\n")[0]
        if interview.tone is Tone.FORMAL:
            assert greeting == f"Dear {name},"
        else:
            assert greeting in (f"Hello {name},", f"Hello {name.split()[0]},")
            assert name.startswith(greeting.removeprefix("Hello ").removesuffix(","))
        assert greeted(f, interview.tone) in draft.body or name in draft.body
        assert draft.body.endswith(f"\n{interview.sender}")
        assert "!" not in draft.body and "{" not in draft.body


@settings(max_examples=100, deadline=None)
@given(interviews())
def test_no_two_thank_yous_of_one_interview_are_near_copies(interview: Interview) -> None:
    drafts = [draft for _, draft in interview.thank_yous()]
    for a, b in itertools.combinations(drafts, 2):
        assert similarity(a, b, interview.names, interview.shared) < 80, (a.body, b.body)


@settings(max_examples=100, deadline=None)
@given(interviews())
def test_the_checker_finds_nothing_to_fix_in_any_composed_draft(interview: Interview) -> None:
    checker = pytest.importorskip("followup.domain.notes.check")
    notes = every_note(interview)
    thank_yous = [draft.body for f, draft in notes if f.kind is Kind.THANK_YOU]
    for f, draft in notes:
        siblings = [b for b in thank_yous if b != draft.body] if f.kind is Kind.THANK_YOU else []
        findings = checker.check(draft.body, f, POLICY, siblings=siblings)
        assert findings == [], (draft.body, findings)
