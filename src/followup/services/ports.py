"""What the services need from the outside world, as small Protocols."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from followup.domain.card_text import Line
from followup.domain.invitation import Invitation, MailedInvitation, Proposal
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
from followup.domain.timing import Timing

if TYPE_CHECKING:
    from followup.services.account_ports import Accounts

Row = Mapping[str, Any]
AgendaKey = tuple[int, datetime, datetime, int]
"""A step's place in Today's order: its rank (0 overdue, 1 past target, 2 the rest), its
deadline, its earliest start and its id."""


@dataclass(frozen=True)
class Overview:
    """An application with what a list or a board shows of it, as one query finds it."""

    application: Application
    latest_interview: datetime | None
    """The start of its latest interview not called off (one still to come, or held)."""
    last_held: datetime | None
    """The start of its latest interview held by then."""
    last_touch: datetime | None
    """Its latest contact made or received by then."""
    people: str
    """The names of the people met, one a line (what a search looks through)."""


class AgendaReader(Protocol):
    """Reads open actions through the agenda view (also served by the CLI's fast path)."""

    def timezone(self) -> str | None:
        """The user's time zone, or None before a profile exists."""
        ...

    def agenda(self, until: datetime | None) -> list[Row]: ...


class Repository(AgendaReader, Protocol):
    """Records of one owner; every query is scoped to that owner."""

    def user(self) -> User | None:
        """The owner's profile, None when acting for nobody; reading it changes nothing."""
        ...

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
    def delete_contact(self, contact_id: int) -> None: ...
    def move_contact(self, from_id: int, to_id: int) -> None: ...

    def add_interview(self, interview: Interview) -> Interview: ...
    def interview(self, interview_id: int) -> Interview: ...
    def update_interview(self, interview: Interview) -> None: ...
    def interview_by_invitation(self, uid: str) -> Interview | None:
        """The interview recorded from the calendar invitation of that UID, if any."""
        ...

    def add_invitation(self, invitation: MailedInvitation) -> MailedInvitation | None:
        """Keeps an invitation found in the mail; None when that version is already kept."""
        ...

    def invitation(self, invitation_id: int) -> MailedInvitation: ...
    def set_invitation_state(self, invitation_id: int, state: Proposal) -> None: ...

    def add_touch(self, touch: Touch) -> Touch: ...
    def action(self, action_id: int) -> Action: ...
    def save_actions(self, actions: Iterable[Action]) -> None: ...

    def note(self, action_id: int) -> Note | None: ...
    def save_note(self, note: Note) -> None: ...

    def lock_application(self, application_id: int) -> None:
        """Holds the application's row until commit: whoever changes its steps takes it first."""
        ...

    def state(self, application_id: int, for_update: bool = False) -> ApplicationState: ...
    def overview(self, now: datetime) -> list[Overview]:
        """Every application with what a board shows of it at `now`, by id."""
        ...

    def activity_states(self, since: datetime, until: datetime) -> list[ApplicationState]:
        """The state of each application with an interview or a touch in the period."""
        ...

    def agenda_page(self, now: datetime, until: datetime, after: AgendaKey | None,
                    limit: int) -> list[Row]:
        """Up to `limit` open steps in Today's order at `now` after the one at `after`, each
        with its `rank`."""
        ...

    def agenda_sections(self, now: datetime, until: datetime, limit: int | None
                        ) -> dict[Timing, tuple[list[Row], int]]: ...
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


class NotHandedOver(Exception):
    """A message stopped before its data went out: its row is no longer this worker's."""


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


@dataclass(frozen=True)
class Person:
    """A display name (any script) and an email address."""

    name: str | None
    address: str


@dataclass(frozen=True)
class Composed:
    """A message ready for the outbox: its whole text and its envelope."""

    message_id: str
    sender: str
    recipients: list[str]
    """The envelope's recipients: the To addresses and any blind copy."""
    subject: str
    text: str
    """The whole RFC 5322 message, ASCII, CRLF line ends."""


class MessageBuilder(Protocol):
    """Writes email messages (RFC 5322, plain text with an HTML twin)."""

    def new_message_id(self, sender: str) -> str: ...

    def build(self, sender: Person, to: Sequence[Person], subject: str, body: str,
              when: datetime, message_id: str, bcc: Sequence[str] = (),
              headers: Mapping[str, str] | None = None) -> Composed:
        """Raises InvalidInput for a line break in a header value or a bad address."""
        ...


class Mailer(Protocol):
    """An open session with an SMTP server, reused for many messages."""

    def send(self, sender: str, recipients: Sequence[str], message: bytes,
             before_data: Callable[[], None] | None = None) -> str | None:
        """Hands one message over (raises DeliveryError); returns a warning, such as some
        recipients refused while others took it, or None. `before_data` is called just before
        the message's data goes out; what it raises (NotHandedOver) stops the message there."""
        ...

    def close(self) -> None: ...


MailerFactory = Callable[[MailServer], Mailer]
"""Opens a session (raises DeliveryError when the server cannot be reached or refuses us)."""


class MailPasswords(Protocol):
    """Each user's SMTP and IMAP passwords ("smtp" or "imap"): a local home keeps its one
    user's outside the database; a hosted installation keeps each user's encrypted in it."""

    def get(self, user_id: int | None, service: str) -> str | None:
        """The kept password, or None."""
        ...

    def keep(self, user_id: int | None, service: str, secret: str | None) -> str:
        """Keeps (or with None forgets) a password; returns where it is kept, in words."""
        ...

    def where(self, user_id: int | None, service: str) -> str | None:
        """Where the password is kept (never the password itself), or None."""
        ...


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
    lease_until: datetime | None = None
    """While `sending`: when its worker is taken for dead unless that worker renews it."""
    claim_token: str | None = None
    """While `sending`: the claim it belongs to (one per worker pass; names may repeat)."""
    handed_at: datetime | None = None
    """While `sending`: when its worker began to hand it to the server (before that, a dead
    worker's row goes back to the queue; after it, the message may have arrived)."""


ACTIVE = ("scheduled", "sending", "sent", "unknown")
"""Outbox states of a message on its way (or that may have arrived): one such note per step."""


class Outbox(Protocol):
    """The outbox's rows, of every owner (the worker serves them all)."""

    def add(self, item: Outgoing) -> bool:
        """Adds a row; False (and nothing written) when its Message-ID is already there.
        Raises NotAllowed when its step already has a note on its way (or sent)."""
        ...

    def has(self, message_id: str) -> bool: ...
    def get(self, owner_id: int, outbox_id: int) -> Outgoing: ...
    def listing(self, owner_id: int, limit: int = 200) -> list[Outgoing]: ...

    def for_action(self, owner_id: int, action_id: int) -> list[Outgoing]: ...

    def claim(self, worker: str, now: datetime, batch: int, only: int | None = None, *,
              lease: timedelta) -> tuple[list[Outgoing], int]:
        """Due rows (or just row `only`), marked `sending` by `worker` under one new claim
        leased until `now + lease`; and how many were cancelled instead because their action
        is no longer planned."""
        ...

    def expire(self, now: datetime) -> tuple[int, int]:
        """Rows still `sending` past their own lease (a dead worker): those it had begun to
        hand over become `unknown`, the others `scheduled` again; how many of each."""
        ...

    def handed(self, outbox_id: int, token: str, now: datetime) -> bool:
        """Marks the row as being handed to the server, if the claim `token` still holds it."""
        ...

    def finish(self, outbox_id: int, state: str, now: datetime, error: str | None = None, *,
               claim: str | None = None) -> None:
        """Records the outcome of an attempt: sent, failed or unknown (with `claim`, only
        while the row is still under that claim)."""
        ...

    def sent(self, outbox_ids: Sequence[int], now: datetime) -> None:
        """Marks many rows `sent` at once (the worker's common case)."""
        ...

    def retry(self, outbox_id: int, due_at: datetime, error: str, *,
              claim: str | None = None) -> None:
        """A transient failure: tried again at `due_at` (with `claim`, only while the row is
        still under that claim)."""
        ...

    def renew(self, outbox_ids: Sequence[int], token: str, until: datetime) -> set[int]:
        """Extends to `until` the lease of the rows the claim `token` still holds (`sending`);
        the ids it holds."""
        ...

    def reschedule(self, outbox_id: int, due_at: datetime) -> bool:
        """An `unknown` or `failed` row back to `scheduled` at `due_at` (an explicit resend);
        False when the row is in neither state. NotAllowed when its step has another note on
        its way."""
        ...

    def cancel(self, outbox_id: int) -> None: ...


class Batches(Protocol):
    """Many owners' records read and written together (the worker's batches): a few
    statements for a whole batch, each row bound to its owner (keys are (owner, id))."""

    def applications_of(self, steps: Collection[tuple[int, int]]
                        ) -> dict[tuple[int, int], int]:
        """The application of each (owner, action id) that exists under that owner."""
        ...

    def states(self, keys: Collection[tuple[int, int]], for_update: bool = False
               ) -> dict[tuple[int, int], ApplicationState]:
        """Everything recorded about each (owner, application id) that exists;
        `for_update` holds their rows until commit, taken in (owner, application) order."""
        ...

    def users(self, owner_ids: Collection[int]) -> dict[int, User]: ...
    def settings(self, owner_ids: Collection[int]) -> dict[int, dict[str, str]]: ...
    def everyones_settings(self, keys: Collection[str]) -> dict[int, dict[str, str]]:
        """Every user's settings among `keys`, in one query, by user id in order."""
        ...

    def save_actions(self, actions: Sequence[tuple[int, Action]]) -> None: ...
    def add_touches(self, touches: Sequence[tuple[int, Touch]]) -> None: ...
    def update_applications(self, applications: Sequence[tuple[int, Application]]
                            ) -> None: ...


class UnitOfWork(Protocol):
    """One transaction: everything is written on commit, nothing on error."""

    repo: Repository
    outbox: Outbox
    batches: Batches
    """Every owner's records in batches (the worker's), not scoped to one owner."""
    accounts: Accounts
    """The installation's accounts and logins (hosted mode), not scoped to one owner."""

    def acting_for(self, owner_id: int) -> None:
        """Scopes `repo` to another owner (the worker completes every owner's sends)."""
        ...

    def user_ids(self) -> list[int]:
        """Every user's id, in order (the worker serves each; local mode wants one)."""
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


@dataclass(frozen=True)
class ImapAccount:
    """The user's IMAP server, the folders watched for replies and the Sent folder."""

    server: MailServer
    folders: tuple[str, ...] = ("INBOX",)
    sent_folder: str = ""
    """Empty: the folder the server flags as \\Sent."""


@dataclass(frozen=True)
class Fetched:
    """One message of a folder as the IMAP server holds it."""

    uid: int
    raw: bytes
    """Its header and the start of its body: a big message is not fetched whole."""
    received: datetime | None
    """When the server took it (INTERNALDATE)."""
    size: int | None = None
    """The whole message's size in bytes (RFC822.SIZE), when the server said it."""


class Inbox(Protocol):
    """An open IMAP session; leaving the `with` block logs out. Raises FollowupError with
    plain words when the server cannot be reached or refuses the login."""

    def __enter__(self) -> Inbox: ...

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None: ...

    def select(self, folder: str) -> int:
        """Opens `folder` without changing any flag; returns its UIDVALIDITY."""
        ...

    def fetch(self, after_uid: int, since: date | None, limit: int) -> list[Fetched]:
        """Messages of the selected folder with a UID above `after_uid` (that arrived on or
        after `since`, when given), oldest first, at most `limit`, left unread; of each, its
        header and the start of its body (incoming.LIMITS), never a big message whole."""
        ...

    def sent_folder(self) -> str:
        """The configured Sent folder, else the one flagged \\Sent."""
        ...

    def has_message(self, folder: str, message_id: str) -> bool:
        """Whether `folder` holds a message with this Message-ID header."""
        ...

    def append(self, folder: str, raw: bytes, when: datetime) -> None:
        """Stores a message (marked read) in `folder`."""
        ...


InboxFactory = Callable[[ImapAccount], Inbox]


class MailNews(Protocol):
    """Replies and bounces the IMAP sync found, as Today lists them."""

    def mail_news(self, since: datetime) -> list[Row]:
        """Rows of mail_seen with verdict reply or bounce received since `since`, newest
        first, with the application's company and position and the contact's name."""
        ...

    def undelivered(self) -> list[Row]:
        """Notes whose delivery is `unknown` or `failed` while their step is still planned,
        newest first, with the application's company and position and the contact's name."""
        ...

    def invitations(self) -> list[Row]:
        """Invitations from the mail that no interview carries yet, the latest version of
        each, newest first, with the interview an update or cancellation is about."""
        ...


class MailLog(MailNews, Protocol):
    """One owner's IMAP messages seen and the outbox rows the sync and reconciliation read."""

    def last_uid(self, folder: str, uidvalidity: int) -> int | None:
        """The highest UID seen in `folder` under this UIDVALIDITY; None when none was."""
        ...

    def seen_message(self, message_id: str) -> Row | None:
        """The first message seen with this (normalised) Message-ID, in any folder."""
        ...

    def record(self, values: Mapping[str, Any]) -> int | None:
        """Adds a mail_seen row; None (nothing written) when its (folder, UIDVALIDITY, UID)
        is already there."""
        ...

    def link_touch(self, seen_id: int, touch_id: int) -> None: ...

    def bounced(self, addresses: Collection[str]) -> set[str]:
        """Those of `addresses` (lower-cased) that a delivery failure report named."""
        ...

    def sent_applications(self, message_ids: Collection[str]) -> dict[str, int]:
        """Normalised Message-IDs of the outbox among `message_ids` -> their application."""
        ...

    def skipped(self) -> list[Row]:
        """The latest messages recorded as skipped (unreadable), newest first: id, folder,
        uid, subject, address (the sender), snippet (why) and received_at."""
        ...

    def unknown(self) -> list[Row]:
        """Outbox rows in state unknown: id, message_id, action_id, kind, claimed_at."""
        ...


MailLogFactory = Callable[[UnitOfWork], MailLog]
"""The mail log on the unit of work's own transaction."""


class InsightRecords(Protocol):
    """One owner's records as Insights counts them, for a window of time [`start`, `end`)."""

    def applications(self, start: datetime, end: datetime, now: datetime) -> list[Row]:
        """Applications whose first interview (or, with none, their recording) falls in the
        window: id, status, held (interviews held by `now`), follow_ups (inquiries and calls
        done), offered (an offer was recorded, even if later withdrawn), went_stale (R6 offered
        its last note); and for decided ones status_at and first_held (the first interview
        held), else None."""
        ...

    def thank_you_notes(self, start: datetime, end: datetime, now: datetime) -> Row:
        """R2's thank-you steps (not optional, not cancelled) of the interviews in the window,
        at `now`: on_time and missed (counts), late_hours (how late each late one went out)."""
        ...

    def response(self, start: datetime, end: datetime, now: datetime, days: int) -> Row:
        """Inquiries and calls done in the window (steps done, and calls that answered no
        step): done, answered (a reply, a call received or an employer's decision within
        `days` after) and waiting (not answered, and done less than `days` before `now`)."""
        ...

    def decision_dates(self, start: datetime, end: datetime, now: datetime) -> list[Row]:
        """Decision dates the employer gave (at an interview, in a call or a reply) about the
        applications of `applications`: application_id, given_at, decision_date."""
        ...

    def activity(self, weeks: Sequence[datetime], now: datetime) -> list[Row]:
        """Notes sent and calls made by the candidate, and interviews held by `now`, counted
        by week: rows of kind (note, call or interview), week (the index of the week in
        `weeks`, the instants the weeks start, the last one ending the last week) and count."""
        ...


InsightRecordsFactory = Callable[[UnitOfWork], InsightRecords]
"""The records Insights reads, on the unit of work's own transaction."""


@dataclass(frozen=True)
class CardText:
    """What a card photo shows: the text of any QR code on it, the lines of printed text, the
    engine that read them, and the card found and straightened (a JPEG) for the user to see."""

    codes: tuple[str, ...]
    lines: tuple[Line, ...]
    engine: str
    image: bytes


class PhotoReader(Protocol):
    """Reads business-card photos (JPEG, PNG, WebP, HEIC) on this machine, offline."""

    def read(self, photo: bytes) -> CardText:
        """Raises InvalidInput for what is not a photo within the limits, and EnvironmentFault
        (saying what to install) when no OCR engine is installed."""
        ...

    def keep(self, image: bytes, contact_id: int) -> None:
        """Keeps a card's image beside the data, for a user who asked to keep them."""
        ...


InvitationReader = Callable[[bytes], Invitation]
"""Reads a calendar file (.ics) into the interview invitation it holds; InvalidInput (field
"invitation") says in plain words why a file is not one."""
