"""Drafts say only what is true: every sentence is courtesy that claims no fact, or is built from
one recorded field, and nothing is said about the conversation that the user did not record."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.model import Kind
from followup.domain.notes.compose import compose, interview_day_text
from followup.domain.notes.facts import NOTE_KINDS, Draft, NoteFacts, Origin, Recipient, Tone
from followup.domain.notes.phrasings import PHRASINGS

CLAIM = re.compile(
    r"\b(you|they|he|she) (said|shared|explained|described|showed|mentioned|told|outlined|asked"
    r"|answered|painted|offered|walked|raised|pointed|welcomed|made)\b"
    r"|\byour (account|description|overview|insights?|openness|questions|answers|perspective"
    r"|explanation|welcome|kindness|attention to|care)\b"
    r"|\b(the way|how) (you|the team|the group|the department|projects|decisions|colleagues)\b"
    r"|\b(our|the) (conversation|discussion|talk|chat|exchange)s? (about|of|on)\b"
    r"|\bwe (discussed|talked about|spoke about|covered)\b"
    r"|\b(discuss\w*|talk(ing)? (about|through))\b"
    r"(?! the position (role|position|vacancy|post|job|opening))"
    r"|\b(learning|hearing) (about|how|more)\b|\bnext step\b|\bdecision is \w+ (by|for)\b"
    r"|\bdecide by\b"
    r"|\b(so|such a) (welcoming|relaxed|smooth\w*|clear\w*)\b|\b(thoughtful|candid|frank) "
    r"|\bwarm welcome\b",
    re.IGNORECASE,
)
"""Words that tell of what was discussed, or of what the interviewer said, showed or did."""
COURTESY_SAFE = (Origin.COURTESY, Origin.RECIPIENT, Origin.SENDER)

_syllables = st.sampled_from(["ka", "lo", "mir", "sen", "dra", "vel", "tor", "zu", "quin", "bex"])
_word = st.lists(_syllables, min_size=2, max_size=4).map("".join)


def marked(field: str) -> st.SearchStrategy[str]:
    """A recorded phrase no phrasing of the composer (nor another field) contains, so its
    every use can be traced."""
    return st.lists(_word, min_size=1, max_size=4).map(lambda w: f"zz{field} " + " ".join(w))


NAME = st.tuples(_word, _word).map(lambda p: f"{p[0].capitalize()} Zz{p[1]}")
DAYS = st.dates(date(2026, 1, 1), date(2028, 12, 31))


@st.composite
def interviews(draw: st.DrawFn) -> NoteFacts:
    """What one user recorded about an interview, and one person a note may go to."""
    people = draw(st.lists(NAME, min_size=8, max_size=8, unique=True))
    helpers = tuple(people[2 : 2 + draw(st.integers(0, 3))])
    others = tuple(people[5 : 5 + draw(st.integers(0, 3))])
    recipient = draw(st.sampled_from([people[1], *helpers, None]))
    return NoteFacts(
        kind=Kind.THANK_YOU,
        sender=people[0],
        recipient=Recipient(recipient) if recipient else None,
        company=draw(st.sampled_from(["Acme Ltd", "Café Müller", "Zhongshan Tech"])),
        position=draw(st.sampled_from(["Data Analyst", "Nurse Manager", "UX Designer"])),
        interview_day=draw(st.none() | DAYS),
        topic=draw(st.none() | st.just("") | marked("topic")),
        next_step=draw(st.none() | marked("step")),
        forgotten=tuple(f"{p} {n}" for n, p in enumerate(draw(st.lists(marked("point"),
                                                                           max_size=3)))),
        helpers=helpers,
        names=tuple(people),
        others=others,
        carries_extras=draw(st.booleans()),
        decision_day=draw(st.none() | DAYS),
    )


def recorded(f: NoteFacts) -> dict[Origin, list[str]]:
    """What the user recorded, by the field a sentence built from it is tagged with."""
    return {
        Origin.TOPIC: [f.topic.strip()] if f.topic and f.topic.strip() else [],
        Origin.NEXT_STEP: [f.next_step] if f.next_step else [],
        Origin.FORGOTTEN: list(f.forgotten),
        Origin.HELPERS: list(f.helpers),
        Origin.OTHERS: list(f.others),
        Origin.INTERVIEW_DAY: [interview_day_text(f.interview_day)] if f.interview_day else [],
        Origin.DECISION_DAY: [interview_day_text(f.decision_day)] if f.decision_day else [],
    }


def says(text: str, phrase: str) -> list[int]:
    """Where `phrase` stands in `text` as words of its own (not inside a longer name)."""
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]


def assert_truthful(f: NoteFacts, draft: Draft) -> None:
    body, parts = draft.body, draft.sentences
    # The tagged sentences are the body, in order, with nothing but spaces between them.
    assert parts and parts[0].start == 0 and parts[-1].end == len(body)
    for part in parts:
        assert body[part.start : part.end] == part.text
    for a, b in itertools.pairwise(parts):
        assert a.end < b.start and body[a.end : b.start].strip() == ""
    assert [p.origin for p in parts[:1] + parts[-1:]] == [Origin.RECIPIENT, Origin.SENDER]
    assert parts[-1].text == f.sender
    values = recorded(f)
    for part in parts:
        if part.origin in COURTESY_SAFE:
            # Courtesy claims nothing about the conversation and carries nothing recorded.
            # The position is what the note is about: "discussing the UX Designer role" claims
            # nothing.
            assert not CLAIM.search(part.text.replace(f.position, "position")), part
            named = part.text if part.origin is not Origin.RECIPIENT else ""
            assert not any(says(named, v) for vs in values.values() for v in vs), part
        else:
            # A sentence built from a field says that field's recorded words.
            assert any(says(part.text, v) for v in values[part.origin]), part
    for text in {v for vs in values.values() for v in vs}:
        owners = {origin for origin, vs in values.items() if text in vs}
        for at in says(body, text):
            holder = next(p for p in parts if p.start <= at < p.end)
            assert holder.origin in owners or (
                holder.origin is Origin.RECIPIENT and f.recipient is not None
                and text in f.recipient.name), (text, holder)
    if not values[Origin.TOPIC]:
        assert all(p.origin is not Origin.TOPIC for p in parts)


@settings(max_examples=200, deadline=None)
@given(interviews())
def test_every_sentence_of_a_random_draft_is_courtesy_or_comes_from_what_was_recorded(
    facts: NoteFacts,
) -> None:
    # Every kind of note in both tones: 200 random interviews draft 2,400 notes.
    for kind, tone in itertools.product(sorted(NOTE_KINDS), Tone):
        f = replace(facts, kind=kind)
        assert_truthful(f, compose(f, tone))


def test_every_phrasing_of_every_part_is_drafted_truthfully_for_many_recipients() -> None:
    drafted = 0
    for kind, tone, n in itertools.product(sorted(NOTE_KINDS), Tone, range(70)):
        for topic in (None, "zz the Berlin migration"):
            f = NoteFacts(kind=kind, sender="Alex Morgan", recipient=Recipient(f"Person {n}"),
                          company="Acme Ltd", position="Data Analyst",
                          interview_day=date(2026, 11, 24), topic=topic,
                          next_step="zz a panel", forgotten=("zz my portfolio",),
                          helpers=("Mary Lee",), others=("Grace Kim",),
                          decision_day=date(2026, 12, 11))
            assert_truthful(f, compose(f, tone))
            drafted += 1
    assert drafted == len(NOTE_KINDS) * 2 * 70 * 2


def test_no_courtesy_phrasing_tells_of_the_conversation() -> None:
    built_from_fields = ("[topic]", "[next step]", "[decision]", "[forgotten", "[helpers]",
                         "[others]", "[short]")
    part, lines = "", []
    for line in filter(None, map(str.strip, PHRASINGS.splitlines())):
        if line.startswith("["):
            part = line
        elif not line.startswith("#") and not part.startswith(built_from_fields):
            lines.append(line)
    told = [line for line in lines if CLAIM.search(line.replace("{position}", "position"))]
    assert len(lines) > 200 and told == []


def test_a_thank_you_without_a_topic_is_a_short_warm_general_note() -> None:
    for tone, n in itertools.product(Tone, range(30)):
        f = NoteFacts(kind=Kind.THANK_YOU, sender="Alex Morgan",
                      recipient=Recipient(f"Person {n}"), company="Acme Ltd",
                      position="Data Analyst")
        draft = compose(f, tone)
        assert {p.origin for p in draft.sentences} == set(COURTESY_SAFE)
        assert 40 <= len(draft.body.split()) <= 90, draft.body


def test_recorded_facts_are_tagged_with_the_field_they_come_from() -> None:
    f = NoteFacts(kind=Kind.THANK_YOU, sender="Alex Morgan", recipient=Recipient("José Núñez"),
                  company="Acme Ltd", position="Data Analyst", topic="the Berlin migration",
                  next_step="a panel interview", forgotten=("I speak Portuguese",),
                  helpers=("Mary Lee",), decision_day=date(2026, 12, 11))
    tagged = {p.origin: p.text for p in compose(f).sentences}
    assert "the Berlin migration" in tagged[Origin.TOPIC]
    assert "a panel interview" in tagged[Origin.NEXT_STEP]
    assert "I speak Portuguese" in tagged[Origin.FORGOTTEN]
    assert "Mary Lee" in tagged[Origin.HELPERS]
    assert "Friday 11 December" in tagged[Origin.DECISION_DAY]
    assert tagged[Origin.RECIPIENT] == "Dear José Núñez,"
