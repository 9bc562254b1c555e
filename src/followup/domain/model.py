"""The records of the playbook: applications, interviews, contacts, touches and actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from followup.domain.kinds import (
    CALLS,
    DECIDED,
    FOLLOW_UPS,
    FROM_EMPLOYER,
    AppStatus,
    CallOutcome,
    Channel,
    Format,
    Honorific,
    Kind,
    Role,
    Source,
    Status,
    TouchKind,
)

__all__ = [  # the kinds of things the records hold (kinds.py), beside the records
    "CALLS",
    "DECIDED",
    "FOLLOW_UPS",
    "FROM_EMPLOYER",
    "AppStatus",
    "CallOutcome",
    "Channel",
    "Format",
    "Honorific",
    "Kind",
    "Role",
    "Source",
    "Status",
    "TouchKind",
]


@dataclass
class User:
    """The person using Followup: the sender of every note, the owner of every record."""

    id: int | None
    name: str
    email: str
    timezone: str
    country: str | None = None


@dataclass
class Application:
    id: int | None
    company: str
    position: str
    status: AppStatus = AppStatus.ACTIVE
    url: str | None = None
    status_at: datetime | None = None
    created_at: datetime | None = None


@dataclass
class Contact:
    id: int | None
    application_id: int | None
    name: str
    role: Role = Role.INTERVIEWER
    title: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    confirmed: bool = False
    source: Source = Source.TYPED
    honorific: Honorific | None = None
    first_name: str | None = None
    """The name a warm note greets them by (guessed from `name`; the user may correct it)."""
    family_name: str | None = None
    """The name a formal note puts after the honorific, as the user typed or confirmed it."""
    emails: list[str] = field(default_factory=list)
    """Every address of the person, `email` first."""
    phones: list[str] = field(default_factory=list)
    """Every number of the person (E.164 where it could be read), `phone` first."""
    website: str | None = None

    def keep_first(self) -> None:
        """Makes `email` and `phone` the first of their lists (what today's readers use), or
        fills them from the lists."""
        self.email, self.emails = _first(self.email, self.emails, str.casefold)
        self.phone, self.phones = _first(self.phone, self.phones, str)


def _first(one: str | None, many: list[str], key: Callable[[str], str]
           ) -> tuple[str | None, list[str]]:
    """`one` at the head of `many` (once), or the head of `many` when `one` is None."""
    seen: dict[str, str] = {}
    for item in ([] if one is None else [one]) + many:
        seen.setdefault(key(item), item)
    kept = list(seen.values())
    return (kept[0] if kept else None), kept


@dataclass
class Participant:
    """A contact at one interview, with what the candidate discussed with them."""

    contact_id: int
    topic: str | None = None


@dataclass
class Interview:
    id: int | None
    application_id: int | None
    start: datetime
    end: datetime
    timezone: str
    format: Format = Format.VIDEO
    round: int = 1
    notes: str | None = None
    next_step: str | None = None
    decision_date: date | None = None
    decision_phrase: str | None = None
    forgotten: list[str] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    cancelled: bool = False
    invitation_uid: str | None = None
    """The UID of the calendar invitation the interview was recorded from, if any."""
    invitation_sequence: int | None = None
    """The SEQUENCE of the latest version of that invitation applied (an update re-plans)."""


@dataclass
class Touch:
    """A contact that actually happened, either way."""

    id: int | None
    application_id: int | None
    kind: TouchKind
    at: datetime
    contact_id: int | None = None
    action_id: int | None = None
    outcome: CallOutcome | None = None
    decision_date: date | None = None
    decision_phrase: str | None = None
    callback_at: datetime | None = None
    notes: str | None = None

    @property
    def from_employer(self) -> bool:
        return self.kind in FROM_EMPLOYER


@dataclass
class Action:
    id: int | None
    application_id: int | None
    kind: Kind
    interview_id: int | None
    contact_id: int | None
    channel: Channel
    earliest: datetime
    due: datetime
    deadline: datetime
    rule: str
    why: str
    status: Status = Status.PLANNED
    optional: bool = False
    reason: str | None = None
    anchor: str = ""
    done_at: datetime | None = None

    @property
    def key(self) -> tuple[Kind, int | None, int | None]:
        """What re-planning matches an action by."""
        return (self.kind, self.interview_id, self.contact_id)

    @property
    def is_open(self) -> bool:
        return self.status is Status.PLANNED


@dataclass
class ApplicationState:
    """Everything recorded about one application: the planner's input."""

    application: Application
    interviews: list[Interview]
    contacts: list[Contact]
    touches: list[Touch]
    actions: list[Action]

    def contact(self, contact_id: int | None) -> Contact | None:
        return next((c for c in self.contacts if c.id == contact_id), None)
