"""What the services need from the outside world, as small Protocols."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any, Protocol

from followup.domain.model import (
    Action,
    Application,
    ApplicationState,
    Contact,
    Interview,
    Touch,
    User,
)
from followup.domain.notes.facts import Draft, Note, NoteFacts, Tone

Row = Mapping[str, Any]


class AgendaReader(Protocol):
    """Reads open actions through the agenda view (also served by the CLI's fast path)."""

    def timezone(self) -> str | None:
        """The user's time zone, or None before `followup init`."""
        ...

    def agenda(self, until: datetime | None) -> list[Row]: ...


class Repository(AgendaReader, Protocol):
    """Records of one owner; every query is scoped to that owner."""

    def user(self) -> User | None: ...

    def add_user(self, user: User) -> User: ...
    def update_user(self, user: User) -> None: ...
    def settings(self) -> dict[str, str]: ...
    def set_setting(self, key: str, value: str | None) -> None: ...

    def add_application(self, application: Application) -> Application: ...
    def application(self, application_id: int) -> Application: ...
    def applications(self) -> list[Application]: ...
    def update_application(self, application: Application) -> None: ...
    def delete_application(self, application_id: int) -> None: ...

    def add_contact(self, contact: Contact) -> Contact: ...
    def contact(self, contact_id: int) -> Contact: ...
    def contacts(self, application_id: int | None = None) -> list[Contact]: ...
    def update_contact(self, contact: Contact) -> None: ...

    def add_interview(self, interview: Interview) -> Interview: ...
    def interview(self, interview_id: int) -> Interview: ...
    def update_interview(self, interview: Interview) -> None: ...

    def add_touch(self, touch: Touch) -> Touch: ...
    def action(self, action_id: int) -> Action: ...
    def save_actions(self, actions: Iterable[Action]) -> None: ...

    def note(self, action_id: int) -> Note | None: ...
    def save_note(self, note: Note) -> None: ...

    def state(self, application_id: int, for_update: bool = False) -> ApplicationState: ...
    def add_states(self, states: list[ApplicationState]) -> None: ...
    def dump(self) -> dict[str, list[dict[str, Any]]]: ...
    def load(self, tables: Mapping[str, list[dict[str, Any]]]) -> None: ...


class DeliveryError(Exception):
    """The server did not take a message: `outcome` is transient (retry later), permanent
    (its words are shown to the user) or unknown (it may have arrived: never resent by itself)."""

    TRANSIENT, PERMANENT, UNKNOWN = "transient", "permanent", "unknown"

    def __init__(self, outcome: str, reason: str) -> None:
        super().__init__(reason)
        self.outcome = outcome
        self.reason = reason


@dataclass(frozen=True)
class MailServer:
    """Where and how to log in to an SMTP or IMAP server."""

    host: str
    port: int
    security: str
    """starttls, ssl or none."""
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0


class Mailer(Protocol):
    """An open session with an SMTP server, reused for many messages."""

    def send(self, sender: str, recipients: Sequence[str], message: bytes) -> None:
        """Hands one message over (raises DeliveryError)."""
        ...

    def close(self) -> None: ...


MailerFactory = Callable[[MailServer], Mailer]
"""Opens a session (raises DeliveryError when the server cannot be reached or refuses us)."""


@dataclass
class Outgoing:
    """One message of the outbox."""

    id: int | None
    owner_id: int
    action_id: int | None
    kind: str
    """note or digest."""
    message_id: str
    sender: str
    recipients: list[str]
    """The envelope's recipients (a blind copy to oneself included)."""
    subject: str
    message: str
    """The whole RFC 5322 message, ASCII."""
    due_at: datetime
    state: str = "scheduled"
    attempts: int = 0
    claimed_by: str | None = None
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    error: str | None = None
    created_at: datetime | None = None


class Outbox(Protocol):
    """The outbox's rows, of every owner (the worker serves them all)."""

    def add(self, item: Outgoing) -> bool:
        """Adds a row; False (and nothing written) when its Message-ID is already there."""
        ...

    def get(self, owner_id: int, outbox_id: int) -> Outgoing: ...
    def listing(self, owner_id: int, limit: int = 200) -> list[Outgoing]: ...

    def for_action(self, owner_id: int, action_id: int) -> list[Outgoing]: ...

    def claim(self, worker: str, now: datetime, batch: int) -> tuple[list[Outgoing], int]:
        """Due rows, marked `sending` by `worker`; and how many were cancelled instead because
        their action is no longer planned."""
        ...

    def expire(self, now: datetime, lease: timedelta) -> int:
        """Rows left `sending` longer than `lease` (a dead worker) become `unknown`."""
        ...

    def finish(self, outbox_id: int, state: str, now: datetime, error: str | None = None) -> None:
        """Records the outcome of an attempt: sent, failed or unknown."""
        ...

    def retry(self, outbox_id: int, due_at: datetime, error: str) -> None:
        """A transient failure: tried again at `due_at`."""
        ...

    def reschedule(self, outbox_id: int, due_at: datetime) -> None:
        """Back to `scheduled` at `due_at` (an explicit resend)."""
        ...

    def cancel(self, outbox_id: int) -> None: ...


class UnitOfWork(Protocol):
    """One transaction: everything is written on commit, nothing on error."""

    repo: Repository
    outbox: Outbox

    def acting_for(self, owner_id: int) -> None:
        """Scopes `repo` to another owner (the worker completes every owner's sends)."""
        ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None: ...

    def commit(self) -> None: ...


class Holidays(Protocol):
    def __call__(self, country: str | None, years: Collection[int]) -> frozenset[date]: ...


class DateWords(Protocol):
    """Resolves a date phrase the domain's own resolver does not know (a library's guess)."""

    def __call__(self, text: str, anchor: date) -> date | None: ...


class Templates(Protocol):
    """The user's own note templates."""

    def draft(self, facts: NoteFacts, tone: Tone) -> Draft | None:
        """A draft from the user's template for this kind and tone, or None when there is none."""
        ...

    def listing(self) -> list[dict[str, str]]:
        """Which template each kind and tone uses: the user's file or the built-in composer."""
        ...
