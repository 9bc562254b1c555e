"""The port note review talks to: the notes clients share with their coach, and the comments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from followup.domain.review import Span
from followup.services.ports import Row, UnitOfWork

LIVE_FIELDS = ("id, owner_id, action_id, coach_id, shared_at, ended_at, ended_by, verdict, "
               "verdict_at, live")
"""What a share's row holds. `live`: not ended, its step still planned and the coach still
the client's coach (a link that ended ends the share, whatever its row says)."""


class Reviews(Protocol):
    """Shares and comments on one unit of work: those of its owner (the client), and for the
    coach's reads (`coach_shares`, `coach_share`) those of the coach's current clients."""

    def latest_share(self, action_id: int) -> Row | None:
        """The owner's latest share of a step's note, live or ended (LIVE_FIELDS)."""
        ...

    def share(self, share_id: int) -> Row | None:
        """One of the owner's shares (LIVE_FIELDS); None for anyone else's id."""
        ...

    def add_share(self, action_id: int, coach_id: int, now: datetime) -> int: ...

    def end_shares(self, ended_by: str, now: datetime, action_id: int | None = None) -> int:
        """Ends the owner's shares not ended yet (of one step, or all); how many."""
        ...

    def set_verdict(self, share_id: int, verdict: str | None, now: datetime) -> None: ...

    def add_comment(self, share_id: int, span: Span | None, body: str, now: datetime) -> int:
        ...

    def comments(self, share_id: int) -> list[Row]:
        """The owner's comments on a share, in the order written: id, start, end, quote, body,
        created_at."""
        ...

    def comments_since(self, since: datetime) -> list[Row]:
        """The owner's comments written after `since` on shares still live: id, body, quote,
        created_at, action_id, kind, channel, company, position, contact_name."""
        ...

    def coach_shares(self, coach_id: int) -> list[Row]:
        """The live shares of the coach's clients, the latest first: LIVE_FIELDS and
        client_name, kind, channel, deadline, company, position, contact_name, comments (how
        many)."""
        ...

    def coach_share(self, coach_id: int, share_id: int) -> Row | None:
        """One live share of one of the coach's clients (as `coach_shares`); None otherwise."""
        ...


ReviewsFactory = Callable[[UnitOfWork], Reviews]
"""The shares and comments on the unit of work's own transaction, for its owner."""
