"""Drafts of the playbook's notes, written from the recorded facts in a formal or a warm tone."""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from followup.domain.model import Kind
from followup.domain.names import given_name
from followup.domain.notes import lexicon as lex
from followup.domain.notes.facts import NOTE_KINDS, Draft, NoteFacts, Origin, Sentence, Tone
from followup.domain.notes.phrasings import PHRASINGS
from followup.domain.policy import Policy

_ROWS = 7
"""Phrasings of most parts of a thank-you note (the costliest to share have more). Prime: two
slots in different rows share at most one part's phrasing, and slots in one row share none."""
_DEFAULTS = Policy()
_MARGIN = 5
"""Words a draft keeps clear of the policy's limits, so that a small edit stays within them."""
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# fmt: off
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
# fmt: on
_SUBJECTS = {
    Kind.THANK_YOU: "Thank you — {position} interview",
    Kind.THANK_AFTER_DECISION: "Thank you for considering me — {position}",
    Kind.WITHDRAWAL_NOTE: "Withdrawing my application — {position}",
    Kind.LAST_NOTE: "A last note on the {position} position",
    Kind.THANK_HELPERS: "Thank you for your help — {position}",
    Kind.INQUIRY: "Following up on the {position} position",
}


def _sections(text: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """Parses the phrasings: "# section", then "[part]", then one phrasing a line."""
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    section, part = "", ""
    for line in filter(None, map(str.strip, text.splitlines())):
        if line.startswith("# "):
            section = line[2:]
            table[section] = {}
        elif line.startswith("["):
            part = line.strip("[]")
        else:
            table[section][part] = (*table[section].get(part, ()), line)
    return table


_TEXT = _sections(PHRASINGS)


def compose(facts: NoteFacts, tone: Tone = Tone.FORMAL, policy: Policy = _DEFAULTS) -> Draft:
    """A draft of the note that `facts` is about: its subject and plain-text body, within the
    policy's word limits, each sentence tagged with what it rests on (courtesy, or the recorded
    field it comes from)."""
    if facts.kind not in NOTE_KINDS:
        raise ValueError(f"no note is written for a {facts.kind} action")
    tone = Tone(tone)
    slot = _slot(facts)
    if facts.kind is Kind.THANK_YOU:
        paragraphs = _fit(_thank_you(facts, tone, slot), _TEXT["thank_you"]["filler"], policy)
    else:
        paragraphs = _fit(_other(facts, tone, slot), (), policy)
    closing = _Line(_pick(_TEXT["closing"][tone], slot, 6), None, Origin.COURTESY)
    blocks = [
        [(_greeting(facts, tone), Origin.RECIPIENT)],
        *([(line.text, line.origin) for line in paragraph if line.text]
          for paragraph in paragraphs),
        [(closing.text, closing.origin), (facts.sender, Origin.SENDER)],
    ]
    blocks = [block for block in blocks if block]
    body, sentences = "", []
    for n, block in enumerate(blocks):
        joint = "\n" if n == len(blocks) - 1 else " "  # the closing and the name: two lines
        for i, (text, origin) in enumerate(block):
            body += joint if i else "\n\n" if n else ""
            sentences.append(Sentence(text, origin, len(body)))
            body += text
    subject = _SUBJECTS[facts.kind].format(position=facts.position)
    return Draft(subject, body, tuple(sentences))


def to_html(body: str) -> str:
    """The body as HTML: one escaped <p> per paragraph, its line breaks kept as <br>."""
    paragraphs = re.split(r"\n\s*\n", body.replace("\r\n", "\n").replace("\r", "\n").strip())
    return "\n".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )


def interview_day_text(day: date) -> str:
    """A day as a note writes it, such as "Tuesday 24 November", whatever the locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def word_count(text: str) -> int:
    """Words in `text` as the checker counts them ("don't" is one word, "take-home" two)."""
    return len(lex.WORD.findall(text))  # counted as the checker's length rule counts


class _Line(NamedTuple):
    """A sentence of a draft, what may take its place when the note runs long (a shorter
    sentence, "" to leave it out, or None: it stays as it is), and what it rests on."""

    text: str
    shorter: str | None
    origin: Origin = Origin.COURTESY


def _thank_you(f: NoteFacts, tone: Tone, slot: _Slot) -> list[list[_Line]]:
    shared, own = _TEXT["thank_you"], _TEXT[f"thank_you {tone}"]
    short = dict(
        zip(
            ("opening", "topic", "interest", "next step", "decision", "helpers", "others"),
            shared["short"],
            strict=True,
        )
    )
    fill = {
        "position": f.position,
        "company": f.company,
        "topic": _clean(f.topic or ""),
        "step": _clean(f.next_step or ""),
        "day": interview_day_text(f.decision_day) if f.decision_day else "",
    }

    def line(part: str, table: dict[str, tuple[str, ...]], n: int,
             origin: Origin = Origin.COURTESY, **more: str) -> _Line:
        shorter = short[part].format(**fill, **more) if part in short else ""
        return _Line(_pick(table[part], slot, n).format(**fill, **more), shorter, origin)

    # Without a recorded topic the note stays general: it claims nothing about the conversation.
    about = line("topic", shared, 1, Origin.TOPIC) if fill["topic"] else line(
        "no topic", shared, 1)
    first = [line("opening", own, 0), about]
    middle: list[_Line] = []
    me = f.recipient.name if f.recipient else ""
    if f.carries_extras:
        points = [_clean(p) for p in f.forgotten if p.strip()]
        if points:
            many = "; ".join(points[:-1]) + "; and " + points[-1] if len(points) > 1 else ""
            text = _pick(shared["forgotten many" if many else "forgotten"], slot, 2)
            middle.append(_Line(text.format(points=many or points[0]), None, Origin.FORGOTTEN))
        if helpers := [h for h in f.helpers if h.strip() and h != me]:
            middle.append(line("helpers", shared, 3, Origin.HELPERS, names=_join(helpers)))
    if others := [o for o in f.others if o.strip() and o != me]:
        middle.append(line("others", shared, 4, Origin.OTHERS, names=_join(others)))
    last = [line("interest", own, 2)]
    if fill["step"]:
        last.append(line("next step", shared, 3, Origin.NEXT_STEP))
    if fill["day"]:
        last.append(line("decision", shared, 5, Origin.DECISION_DAY))
    last.append(line("sign-off", own, 4))
    return [first, middle, last]


def _other(f: NoteFacts, tone: Tone, slot: _Slot) -> list[list[_Line]]:
    on_day = f" on {interview_day_text(f.interview_day)}" if f.interview_day else ""
    fill = {"position": f.position, "company": f.company, "on_day": on_day}
    lines = []
    for n, part in enumerate(_TEXT[f"{f.kind} {tone}"].values()):
        text = _pick(part, slot, n)
        origin = Origin.INTERVIEW_DAY if on_day and "{on_day}" in text else Origin.COURTESY
        lines.append(_Line(text.format(**fill), None, origin))
    me = f.recipient.name if f.recipient else ""
    helpers = [h for h in f.helpers if h.strip() and h != me]
    if f.kind is Kind.THANK_HELPERS and helpers:
        helped = _pick(_TEXT["thank_you"]["helpers"], slot, 3).format(names=_join(helpers))
        lines.insert(2, _Line(helped, None, Origin.HELPERS))
    return [lines[:2], lines[2:]]


def _fit(paragraphs: list[list[_Line]], fillers: Sequence[str],
         policy: Policy) -> list[list[_Line]]:
    """While the note is too long, leaves out its spare sentences from the end, then shortens
    the others; pads a note that is too short with fillers."""
    fewest = policy.note_min_words + _MARGIN
    most = max(policy.note_max_words - 3 * _MARGIN, fewest)

    def words() -> int:
        return sum(word_count(line.text) for paragraph in paragraphs for line in paragraph)

    for leaving_out in (True, False):
        for paragraph in reversed(paragraphs):
            for i, (_, shorter, origin) in reversed(list(enumerate(paragraph))):
                if shorter is not None and (shorter == "") == leaving_out and words() > most:
                    paragraph[i] = _Line(shorter, None, origin)
    for filler in fillers:
        if words() >= fewest:
            break
        paragraphs[0].append(_Line(filler, None))
    return paragraphs


def _greeting(f: NoteFacts, tone: Tone) -> str:
    """"Dear Ms. Ó Briain," when an honorific and family name are known, else "Dear Siobhán Ó
    Briain,"; a warm note says hello to the first name (recorded, or clear from the name)."""
    word = "Dear" if tone is Tone.FORMAL else "Hello"
    who = f.recipient
    if who is None or not who.name.strip():
        return f"{word} {f.company} team,"
    if tone is Tone.WARM:
        return f"{word} {(who.first_name or '').strip() or given_name(who.name) or who.name},"
    family = (who.family_name or "").strip()
    return f"{word} {f'{who.honorific} {family}' if who.honorific and family else who.name},"


class _Slot(NamedTuple):
    """Where a recipient's phrasings come from: a cell of a Latin square for the parts with
    _ROWS phrasings, and a rank for the parts with more."""

    row: int
    column: int
    rank: int


def _slot(f: NoteFacts) -> _Slot:
    """This recipient's slot. The people a note may go to are ranked by a stable hash of kind,
    name and position; ranks fill one row of the square, then the next, so the notes of one
    interview differ in every part, and in all but one past _ROWS recipients."""
    me = f.recipient.name if f.recipient else f"{f.company} team"

    def wanted(name: str) -> int:
        return zlib.crc32(f"{f.kind}\x1f{name}\x1f{f.position}".encode())

    # The sender and the helpers get no thank-you note: leaving them out saves slots.
    ranked = sorted({*f.names} - {*f.helpers, f.sender} | {me}, key=lambda n: (wanted(n), n))
    base, rank = wanted(ranked[0]), ranked.index(me)
    row, column = (base // _ROWS + rank // _ROWS) % _ROWS, (base + rank) % _ROWS
    return _Slot(row, column, base + rank)


def _pick(options: Sequence[str], slot: _Slot, part: int) -> str:
    """The phrasing of one part of a note for a slot."""
    if len(options) > _ROWS:
        return options[(slot.rank + 3 * part) % len(options)]
    return options[(slot.column + part * slot.row) % _ROWS % len(options)]


def _clean(text: str) -> str:
    """User text as given, without surrounding space or a closing stop (the note adds one)."""
    return text.strip().rstrip(".;,: ").strip()


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
