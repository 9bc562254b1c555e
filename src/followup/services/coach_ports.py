"""The ports of coaching: what a coach's pages read of their clients' records, a coach's
templates and a client's link to their coach, and the admin's installation-wide counts."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from followup.domain.notes.facts import Draft, NoteFacts, Tone
from followup.services.ports import Row, UnitOfWork


class CoachRecords(Protocol):
    """Clients' records as a coach may read them: dates, counts, kinds and statuses, and the
    names of the people met (to write them as initials); never a note, a subject, a message,
    call notes, a decision phrase, a skip reason, an address or a phone number."""

    def zones(self, owner_ids: Collection[int]) -> dict[int, str]:
        """Each owner's time zone."""
        ...

    def summary(self, owner_ids: Collection[int], now: datetime, since: datetime
                ) -> list[Row]:
        """One row per owner with records: owner_id; active (applications with no outcome:
        active or stale), offer, hired, rejected, withdrawn, stale (applications by status);
        interviews (held from `since` to `now`, not cancelled); overdue and overdue_since
        (open steps past their deadline, checklists aside, and the oldest deadline);
        late_notes and late_notes_since (the same for R2's required thank-you notes);
        last_held, last_step (done or skipped) and last_touch (each by `now`)."""
        ...

    def applications(self, owner_id: int) -> list[Row]:
        """id, company, position, status, status_at, created_at."""
        ...

    def interviews(self, owner_id: int) -> list[Row]:
        """id, application_id, start_at, end_at, timezone, format, round, decision_date,
        cancelled; by start."""
        ...

    def steps(self, owner_id: int) -> list[Row]:
        """id, application_id, kind, interview_id, contact_id, channel, earliest, due,
        deadline, status, optional, rule, why, done_at; by earliest, then id."""
        ...

    def touches(self, owner_id: int) -> list[Row]:
        """id, application_id, kind, at, contact_id, action_id, outcome, decision_date,
        callback_at; by time."""
        ...

    def people(self, owner_id: int) -> list[Row]:
        """id, application_id, name, first_name, family_name, role of each contact."""
        ...


CoachRecordsFactory = Callable[[UnitOfWork], CoachRecords]
"""The records a coach reads, on the unit of work's own transaction."""


@dataclass(frozen=True)
class StoredTemplate:
    """A template a coach published (withdrawn when `withdrawn_at` is set)."""

    id: int
    coach_id: int
    kind: str
    tone: str | None
    title: str
    body: str
    published_at: datetime
    withdrawn_at: datetime | None


class CoachTemplates(Protocol):
    """Coaches' templates, and the shares a client's link to a coach keeps open; not scoped
    to one owner: the services name the coach or the client."""

    def add(self, coach_id: int, kind: str, tone: str | None, title: str, body: str,
            now: datetime) -> int: ...

    def get(self, template_id: int) -> StoredTemplate | None: ...

    def of_coach(self, coach_id: int, kind: str | None = None,
                 live: bool = True) -> list[StoredTemplate]:
        """A coach's templates, the newest first: only those not withdrawn when `live`."""
        ...

    def withdraw(self, template_id: int, now: datetime) -> None: ...

    def end_shares(self, client_id: int, coach_id: int, now: datetime) -> int:
        """Ends the client's open shares with the coach (`ended_by` unlinked); how many."""
        ...


class InstallationCounts(Protocol):
    """Counts over every account of the installation (an admin's summary): never a row."""

    def users(self) -> dict[str, int]:
        """Accounts by role (seeker, coach, admin) and `disabled`."""
        ...

    def active_users(self, since: datetime) -> int:
        """Accounts with a record written, a step done, or a login since `since`."""
        ...

    def notes_sent(self, since: datetime, until: datetime) -> int:
        """Notes sent (by email or marked done as sent) in [`since`, `until`)."""
        ...

    def owners(self) -> list[tuple[int, str]]:
        """Each account with records: its id and time zone."""
        ...


CoachTemplatesFactory = Callable[["UnitOfWork"], CoachTemplates]
InstallationCountsFactory = Callable[["UnitOfWork"], InstallationCounts]
RenderTemplate = Callable[[str, NoteFacts, Tone, str], Draft]
"""Renders a template's text (sandboxed) with a note's facts: (text, facts, tone, what)."""
