"""The typed results about notes and mail: a note with the checker's findings, a message in the
outbox, a message the mailbox sync could not read, a call script."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.domain.errors import Remedy
from followup.domain.model import Channel, Kind, Status
from followup.domain.notes.facts import Finding, NoteState, Severity, Tone
from followup.services.views import BounceView, ReplyView, doc, maybe_local

if TYPE_CHECKING:
    from followup.services.ports import Outgoing


@dataclass(frozen=True, slots=True)
class FindingView:
    rule: str
    severity: Severity
    message: str
    start: int | None = doc("Where the finding's text starts in the body.")
    end: int | None = doc("Where it ends.")


@dataclass(frozen=True, slots=True)
class CheckView:
    ok: bool = doc("No finding is an error.")
    findings: tuple[FindingView, ...] = doc("The checker's findings, in the text's order.")


@dataclass(frozen=True, slots=True)
class TextCheckView(CheckView):
    body: str | None = doc("With action_id: the text the spans count in.", omit_none=True)


@dataclass(frozen=True, slots=True)
class RecipientView:
    name: str
    email: str | None


@dataclass(frozen=True, slots=True)
class ArrivalView:
    by: date = doc("The day a letter posted today may arrive by.")
    after_decision: bool = doc("That day is after the decision date in force.")
    message: str = doc("The same, in words.")


@dataclass(frozen=True, slots=True)
class NoteView(CheckView):
    action_id: int = doc("The note's step.")
    kind: Kind = doc("The step's kind.")
    to: RecipientView | None = doc("Who it is for.")
    subject: str = doc("Its subject.")
    body: str = doc("Its text.")
    state: NoteState = doc("draft (the checker holds it back) or ready.")
    tone: Tone = doc("formal or warm.")
    edited: bool = doc("It carries the user's own edits.")
    channel: Channel = doc("email or letter.")
    arrival: ArrivalView | None = doc("Only for a letter: when it may arrive.", omit_none=True)
    kept: bool | None = doc("A preview: whether the note is kept already.", omit_none=True)
    pdf: str | None = doc("A printed letter: the file written.", omit_none=True)


@dataclass(frozen=True, slots=True)
class OutgoingView:
    id: int
    kind: str = doc("note or digest.")
    action_id: int | None = doc("The note's step.")
    message_id: str = doc("The message's Message-ID.")
    sender: str = doc("The sender.", json="from")
    to: tuple[str, ...] = doc("The recipients.")
    subject: str = doc("The subject.")
    state: str = doc("scheduled, sending, sent, failed, unknown or cancelled.")
    due_at: datetime | None = doc("When it is to go out.")
    attempts: int = doc("How many times it was tried.")
    sent_at: datetime | None = doc("When the server accepted it.")
    error: str | None = doc("What went wrong last, if anything.")
    created_at: datetime | None = doc("When it was put in the outbox.")


@dataclass(frozen=True, slots=True)
class SentView(OutgoingView):
    action_status: Status = doc("The step's status after the attempt.")
    warnings: tuple[str, ...] = doc("What the user should know (a spelling not confirmed).")


@dataclass(frozen=True, slots=True)
class SkippedView:
    """A message the mailbox sync could not read: where it is, what little is known, and why."""

    id: int
    folder: str
    uid: int
    subject: str | None
    sender: str | None = doc("The address it came from.", json="from")
    received_at: datetime | None = doc("When it arrived.")
    size: int | None = doc("The message's size in bytes, when the server said.")
    reason: str = doc("Why it could not be read, in plain words.")


@dataclass(frozen=True, slots=True)
class ScriptView:
    action_id: int
    script: str
    phone: str | None = doc("The number to call, when one is recorded.")


def findings_view(findings: Iterable[Finding]) -> tuple[FindingView, ...]:
    return tuple(FindingView(f.rule, f.severity, f.message, f.start, f.end) for f in findings)


def outgoing_view(item: Outgoing, tz: str) -> OutgoingView:
    return OutgoingView(item.id or 0, item.kind, item.action_id, item.message_id, item.sender,
                        tuple(item.recipients), item.subject, item.state,
                        maybe_local(item.due_at, tz), item.attempts,
                        maybe_local(item.sent_at, tz), item.error,
                        maybe_local(item.created_at, tz))


def skipped_view(row: Mapping[str, Any], tz: str) -> SkippedView:
    return SkippedView(row["id"], row["folder"], row["uid"], row["subject"] or None,
                       row["address"], maybe_local(row["received_at"], tz), row.get("size"),
                       row["snippet"])


# -- the mailbox ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FoundReply(ReplyView):
    how: str = doc("How the reply was matched to its application.")


@dataclass(frozen=True, slots=True)
class FolderSynced:
    folder: str
    uidvalidity: int
    new: int = doc("Messages looked at for the first time.")


@dataclass(frozen=True, slots=True)
class SyncView:
    """What one look at the mailbox found."""

    folders: tuple[FolderSynced, ...]
    replies: tuple[FoundReply, ...]
    bounces: tuple[BounceView, ...]
    automatic: int = doc("Automatic answers (out of office...), left alone.")
    unrelated: int = doc("Messages about nothing followed up.")
    again: int = doc("Messages seen before (in another folder, or renumbered).")
    skipped: tuple[SkippedView, ...] = doc("Messages that could not be read.")


@dataclass(frozen=True, slots=True)
class Reconciled:
    id: int
    message_id: str
    action_id: int | None
    attempted_at: datetime | None


@dataclass(frozen=True, slots=True)
class ReconcileView:
    """Messages of unknown fate looked for in the Sent folder."""

    folder: str | None
    checked: int
    sent: tuple[Reconciled, ...]
    unknown: tuple[Reconciled, ...]


@dataclass(frozen=True, slots=True)
class PollView:
    """One pass of the worker over IMAP; nothing is raised."""

    skipped: str | None = doc("IMAP is not set up: why.", omit_none=True)
    sync: SyncView | None = doc("What the sync found.", omit_none=True)
    reconcile: ReconcileView | None = doc("What the Sent folder told.", omit_none=True)
    error: str | None = doc("A server problem, in plain words.", omit_none=True)


@dataclass(frozen=True, slots=True)
class ServiceCheck:
    """A mail server checked: can Followup reach it and log in?"""

    service: str
    ok: bool
    message: str
    optional: bool | None = doc("It may be left unset.", omit_none=True)
    remedy: Remedy | None = doc("What would set it up.", omit_none=True)
