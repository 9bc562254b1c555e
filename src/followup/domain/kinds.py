"""The kinds of things the records hold: statuses, formats, roles, channels, kinds of step and
of contact. Kept apart from the records so that `followup today` reads them cheaply."""

from __future__ import annotations

from enum import StrEnum


class AppStatus(StrEnum):
    ACTIVE = "active"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    STALE = "stale"


class Format(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ONSITE = "onsite"
    PANEL = "panel"


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    RECRUITER = "recruiter"
    COORDINATOR = "coordinator"
    HELPER = "helper"


class Honorific(StrEnum):
    """How a person is addressed before their family name in a formal greeting."""

    MS = "Ms."
    MR = "Mr."
    DR = "Dr."
    MX = "Mx."
    PROF = "Prof."


class Source(StrEnum):
    CARD = "card"
    VCARD = "vcard"
    EMAIL = "email"
    TYPED = "typed"


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"


class Kind(StrEnum):
    CHECKLIST = "checklist"
    THANK_YOU = "thank_you"
    INQUIRY = "inquiry"
    DECISION_CHECK = "decision_check"
    CALLBACK = "callback"
    CALL_RETRY = "call_retry"
    THANK_AFTER_DECISION = "thank_after_decision"
    KEEP_IN_TOUCH = "keep_in_touch"
    THANK_HELPERS = "thank_helpers"
    WITHDRAWAL_NOTE = "withdrawal_note"
    LAST_NOTE = "last_note"


class Status(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class TouchKind(StrEnum):
    NOTE_SENT = "note_sent"
    CALL_MADE = "call_made"
    REPLY = "reply"
    CALL_RECEIVED = "call_received"


class CallOutcome(StrEnum):
    REACHED = "reached"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no_answer"


FOLLOW_UPS = frozenset(
    {Kind.INQUIRY, Kind.DECISION_CHECK, Kind.CALLBACK, Kind.CALL_RETRY, Kind.LAST_NOTE}
)
CALLS = (Kind.CALLBACK, Kind.CALL_RETRY, Kind.DECISION_CHECK, Kind.INQUIRY)
"""Call actions in the order a logged call answers them (R5)."""
FROM_EMPLOYER = frozenset({TouchKind.REPLY, TouchKind.CALL_RECEIVED})
DECIDED = frozenset({AppStatus.OFFER, AppStatus.HIRED, AppStatus.REJECTED, AppStatus.WITHDRAWN})
