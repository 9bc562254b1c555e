"""What one note is about, the draft written for it, and what the checker finds in a text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from followup.domain.model import Kind

NOTE_KINDS = frozenset({Kind.THANK_YOU, Kind.THANK_AFTER_DECISION, Kind.WITHDRAWAL_NOTE,
                        Kind.LAST_NOTE, Kind.THANK_HELPERS, Kind.INQUIRY})
"""Kinds of action that are written notes (an inquiry only in its email variant)."""
THANKS_KINDS = frozenset({Kind.THANK_YOU, Kind.THANK_AFTER_DECISION, Kind.THANK_HELPERS})


class Tone(StrEnum):
    FORMAL = "formal"
    WARM = "warm"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Recipient:
    name: str
    title: str | None = None
    email: str | None = None
    honorific: str | None = None
    """Ms., Mr., Dr., Mx. or Prof.: a formal note greets them by it and their family name."""
    first_name: str | None = None
    family_name: str | None = None


@dataclass(frozen=True)
class NoteFacts:
    """Everything recorded that one note may draw on; the composer's and checker's input."""

    kind: Kind
    sender: str
    """The user's name: the note is signed with it."""
    recipient: Recipient | None
    """Whom the note greets; None writes to the hiring team."""
    company: str
    position: str
    interview_day: date | None = None
    topic: str | None = None
    """What the candidate discussed with this recipient."""
    next_step: str | None = None
    forgotten: tuple[str, ...] = ()
    """Points the candidate forgot to mention in this interview."""
    helpers: tuple[str, ...] = ()
    """Names of the helpful people of this interview."""
    names: tuple[str, ...] = ()
    """Every person's name on record for the application, spelled exactly."""
    others: tuple[str, ...] = ()
    """The other interviewers of the interview (a coordinator's note names everyone)."""
    carries_extras: bool = True
    """Whether this note is the one of its interview that clears up forgotten points and
    names the helpers (the composer puts them in one note only)."""
    deadline: datetime | None = None
    """When a thank-you note becomes late (R2)."""
    decision_day: date | None = None
    """The day the employer said a decision would be made."""


class Origin(StrEnum):
    """What a sentence of a draft rests on: courtesy that claims no fact, or the one recorded
    field it is built from (so a draft never says what the user did not record)."""

    COURTESY = "courtesy"
    RECIPIENT = "recipient"
    SENDER = "sender"
    TOPIC = "topic"
    NEXT_STEP = "next_step"
    DECISION_DAY = "decision_day"
    FORGOTTEN = "forgotten"
    HELPERS = "helpers"
    OTHERS = "others"
    INTERVIEW_DAY = "interview_day"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or the greeting, closing or signature line) of a draft, where it starts in
    the body, and what it rests on."""

    text: str
    origin: Origin
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    sentences: tuple[Sentence, ...] = ()
    """The body's sentences, each tagged with its origin (empty for a user's own template)."""


@dataclass(frozen=True)
class Fix:
    """A suggested edit a user can apply with one click: the text from `start` to `end` becomes
    `text` ('' removes it; `start == end` inserts it)."""

    start: int
    end: int
    text: str

    def apply(self, body: str) -> str:
        """The body with this edit made."""
        return body[: self.start] + self.text + body[self.end :]


@dataclass(frozen=True)
class Finding:
    """One thing the checker found: its rule, severity, a plain message, where it is, and the
    edit that would fix it when there is an obvious one."""

    rule: str
    severity: Severity
    message: str
    start: int | None = None
    end: int | None = None
    fix: Fix | None = None


class Speller(Protocol):
    """Tells which words it does not know (pyspellchecker's SpellChecker fits)."""

    def unknown(self, words: Iterable[str]) -> set[str]: ...


class NoteState(StrEnum):
    DRAFT = "draft"
    READY = "ready"


@dataclass
class Note:
    """The text kept for one action's note: the latest draft or the user's own edit."""

    action_id: int
    subject: str
    body: str
    tone: Tone = Tone.FORMAL
    edited: bool = False
    """True once the user changed the text: a new draft does not overwrite it unasked."""
    state: NoteState = NoteState.DRAFT
    findings: tuple[Finding, ...] = ()
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Letter:
    """A note laid out as a business letter."""

    sender_name: str
    sender_email: str
    day: date
    recipient_name: str | None
    recipient_title: str | None
    company: str
    body: str
    """The note: greeting, paragraphs, closing line, and the sender's name last."""
