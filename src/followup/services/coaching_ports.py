"""The ports of a coach's templates, of a client's link to their coach, and of the admin's
installation-wide counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from followup.domain.notes.facts import Draft, NoteFacts, Tone

if TYPE_CHECKING:
    from followup.services.ports import UnitOfWork


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
