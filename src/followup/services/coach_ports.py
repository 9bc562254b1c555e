"""What a coach's pages read of their clients' records, as a small Protocol."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from typing import Protocol

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
