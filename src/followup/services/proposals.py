"""Invitations from the mail as Today proposes them (kept light: `followup today` reads them
on its fast path)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from followup.services.views import local


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
    interview_id: int | None = field(metadata={"doc": "The interview it moves or cancels."})


def proposed(row: Mapping[str, Any], tz: str) -> ProposedInvitation:
    """A row of `MailNews.invitations` as Today shows it, times in the user's zone."""
    change = (Change.NEW if row["interview_id"] is None else
              Change.CANCEL if row["method"] == "cancel" else Change.RESCHEDULE)
    return ProposedInvitation(row["id"], change, row["summary"], row["organizer"],
                              local(row["start_at"], tz), local(row["received_at"], tz),
                              row["interview_id"])
