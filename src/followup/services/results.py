"""The results Today and the agenda return (a step, the news of the mailbox), and what every
typed result shares: `jsonable`, its one JSON form, and the documented field.

Kept light, apart from `views.py`: Today's fast path on the command line loads only this module.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from followup.domain import timing
from followup.domain.kinds import Channel, Kind, Status

if TYPE_CHECKING:
    from followup.domain.model import Action, Contact

Json = dict[str, Any]
T = TypeVar("T")


def jsonable(value: Any) -> Any:
    """The JSON form of a typed result: a dataclass as an object of its fields (a field may name
    its member with `metadata={"json": "from"}`, and leave it out when it is None with
    `metadata={"omit_none": True}`), times and dates in ISO 8601 (a view's times are already in
    the user's zone, so they carry its offset), enums as their values, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found: Json = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if item is None and f.metadata.get("omit_none"):
                continue
            found[f.metadata.get("json", f.name)] = jsonable(item)
        return found
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def doc(text: str, **more: Any) -> Any:
    """A field documented for the API's readers (`json=` renames its member, `omit_none=True`
    leaves it out when None, which also makes it optional; `default=` gives a member added
    after the optional ones its value)."""
    if more.get("omit_none"):
        return field(default=None, metadata={"doc": text, **more})
    if "default" in more:
        return field(default=more.pop("default"), metadata={"doc": text, **more})
    return field(metadata={"doc": text, **more})


def extended(base: Any, kind: type[T], **more: Any) -> T:
    """A result of a shape that extends `base`'s (an action, with what marking it done said)."""
    return kind(**{f.name: getattr(base, f.name) for f in dataclasses.fields(base)}, **more)


def local(value: datetime, tz: str) -> datetime:
    """A time in the user's zone, as views hold it."""
    return value.astimezone(ZoneInfo(tz))


def maybe_local(value: datetime | None, tz: str) -> datetime | None:
    return value.astimezone(ZoneInfo(tz)) if value is not None else None



# -- steps ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ContactRef:
    id: int
    name: str
    email: str | None


@dataclass(frozen=True, slots=True)
class ActionView:
    id: int
    kind: Kind
    application_id: int
    interview_id: int | None
    contact: ContactRef | None
    channel: Channel
    earliest: datetime
    due: datetime
    deadline: datetime
    status: Status
    optional: bool
    rule: str
    why: str = doc("The playbook's sentence for this step.")
    reason: str | None = doc("Why the step was skipped or cancelled, when it was.")


@dataclass(frozen=True, slots=True)
class AgendaItem(ActionView):
    """An open step as Today and the agenda list it, with its company and where it stands."""

    company: str = doc("The application's company.")
    position: str = doc("The application's position.")
    overdue: bool = doc("Past its deadline.")
    past_target: bool = doc("Past its target (due) but before its deadline: still in time.")
    when: str = doc("Where the step stands, in words: 'due today, 14:59', 'still in time "
                    "until Tue 23:59', 'overdue (by 2 days)', 'from 15:00'.")


# -- mail news --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MailRef:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class ReplyView:
    """A reply the mailbox sync found: who wrote, about which application, its first lines."""

    id: int
    application_id: int | None
    company: str | None
    position: str | None
    contact: MailRef | None
    sender: str | None = doc("The address it came from.", json="from")
    subject: str | None = doc("Its subject.")
    snippet: str | None = doc("Its first lines.")
    received_at: datetime | None = doc("When it arrived.")


@dataclass(frozen=True, slots=True)
class BounceView:
    """A delivery failure: the address that bounced is bad."""

    id: int
    application_id: int | None
    company: str | None
    position: str | None
    address: str | None
    subject: str | None
    received_at: datetime | None


@dataclass(frozen=True, slots=True)
class UndeliveredView:
    """A note whose delivery is unknown or failed: resend it (outbox `id`) or look into it."""

    id: int = doc("The outbox message (POST /api/v1/outbox/{id}/resend).")
    action_id: int | None = doc("Its step.")
    application_id: int | None = doc("Its application.")
    company: str | None = doc("The application's company.")
    position: str | None = doc("The application's position.")
    contact: str | None = doc("The person it was for.")
    to: tuple[str, ...] = doc("Its recipients.")
    subject: str = doc("Its subject.")
    state: str = doc("unknown or failed.")
    error: str | None = doc("What the mail server said, if anything.")
    due_at: datetime | None = doc("When it was to go out.")
    attempts: int = doc("How many times it was tried.")


class Change(StrEnum):
    """What an invitation does to the interviews on record."""

    NEW = "new"
    """Records a new interview."""
    RESCHEDULE = "reschedule"
    """A later version of an invitation on record: moves its interview and re-plans."""
    CANCEL = "cancel"
    """The employer cancelled: the interview and its steps are cancelled."""
    UNCHANGED = "unchanged"
    """This version (or a later one) is already on record: nothing to do."""


@dataclass(frozen=True, slots=True)
class ProposedInvitation:
    """An invitation that arrived by mail and that no interview carries yet: Today offers to
    add it (or apply its change) or to ignore it."""

    id: int
    change: Change
    summary: str | None
    organizer: str | None = field(metadata={"doc": "Who sent it (their name, or address)."})
    start: datetime
    received_at: datetime
    interview_id: int | None = doc("The interview it moves or cancels.")


def proposed(row: Mapping[str, Any], tz: str) -> ProposedInvitation:
    """A row of `MailNews.invitations` as Today shows it, times in the user's zone."""
    change = (Change.NEW if row["interview_id"] is None else
              Change.CANCEL if row["method"] == "cancel" else Change.RESCHEDULE)
    return ProposedInvitation(row["id"], change, row["summary"], row["organizer"],
                              local(row["start_at"], tz), local(row["received_at"], tz),
                              row["interview_id"])


@dataclass(frozen=True, slots=True)
class NewsView:
    replies: tuple[ReplyView, ...]
    bounces: tuple[BounceView, ...]
    undelivered: tuple[UndeliveredView, ...]
    invitations: tuple[ProposedInvitation, ...]


@dataclass(frozen=True, slots=True)
class AgendaView:
    now: datetime
    actions: tuple[AgendaItem, ...]
    replies: tuple[ReplyView, ...] | None = doc(
        "Today only, with mail set up: replies of the last two weeks.", omit_none=True)
    bounces: tuple[BounceView, ...] | None = doc(
        "Today only, with mail set up: bounces of the last two weeks.", omit_none=True)
    undelivered: tuple[UndeliveredView, ...] | None = doc(
        "Today only, with mail set up: notes of planned steps whose delivery is unknown or "
        "failed.", omit_none=True)
    invitations: tuple[ProposedInvitation, ...] | None = doc(
        "Today only, with mail set up: interview invitations that came by mail, to add (or "
        "apply) or to ignore.", omit_none=True)


# -- builders ---------------------------------------------------------------------------------
def _ref(contact: Contact | None) -> ContactRef | None:
    return ContactRef(contact.id or 0, contact.name, contact.email) if contact else None


def action_view(action: Action, contact: Contact | None, tz: str) -> ActionView:
    return ActionView(action.id or 0, action.kind, action.application_id or 0,
                      action.interview_id, _ref(contact), action.channel,
                      local(action.earliest, tz), local(action.due, tz),
                      local(action.deadline, tz), action.status, action.optional, action.rule,
                      action.why, action.reason)


def agenda_item(row: Mapping[str, Any], tz: str, now: datetime) -> AgendaItem:
    """An open step read through the agenda view (the repository's or the fast reader's row),
    with its company, whether it is overdue (past its deadline) and whether it is past its
    target (`due`) but still in time."""
    contact = (ContactRef(row["contact_id"], row["contact_name"], row["contact_email"])
               if row["contact_id"] is not None else None)
    earliest, due, deadline = row["earliest"], row["due"], row["deadline"]
    return AgendaItem(
        row["id"], Kind(row["kind"]), row["application_id"], row["interview_id"], contact,
        Channel(row["channel"]), local(earliest, tz), local(due, tz), local(deadline, tz),
        Status(row["status"]), bool(row["optional"]), row["rule"], row["why"], row["reason"],
        row["company"], row["position"], deadline < now, due < now <= deadline,
        timing.label(earliest, due, deadline, now, tz))


def reply_view(row: Mapping[str, Any], tz: str) -> ReplyView:
    contact = (MailRef(row["contact_id"], row["contact_name"])
               if row["contact_id"] is not None else None)
    return ReplyView(row["id"], row["application_id"], row["company"], row["position"],
                     contact, row["address"], row["subject"], row["snippet"],
                     maybe_local(row["received_at"], tz))


def undelivered_view(row: Mapping[str, Any], tz: str) -> UndeliveredView:
    recipients = row["recipients"]
    to = json.loads(recipients) if isinstance(recipients, str) else recipients
    return UndeliveredView(row["id"], row["action_id"], row["application_id"], row["company"],
                           row["position"], row["contact_name"], tuple(to), row["subject"],
                           row["state"], row["error"], maybe_local(row["due_at"], tz),
                           row["attempts"])


def bounce_view(row: Mapping[str, Any], tz: str) -> BounceView:
    return BounceView(row["id"], row["application_id"], row["company"], row["position"],
                      row["address"], row["subject"], maybe_local(row["received_at"], tz))
