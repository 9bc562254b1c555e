"""The outbox's SQL: rows written with the user's intent, claimed and settled by workers."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, RowMapping, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from followup.adapters.db import tables as t
from followup.domain.errors import NotAllowed, NotFound
from followup.domain.limits import MAX_ID
from followup.services.ports import Outgoing

o = t.outbox
ACTIVE_NOTE = "uq_outbox_active_note"

LOST = ("the worker stopped while this message was being sent; it may or may not have "
        "arrived, so it is not sent again unless you ask")


NEVER_HANDED = ("its worker stopped before handing it to the mail server: it was not sent, "
                "and goes in the next pass")
_UNCLAIMED: dict[str, Any] = {"claimed_by": None, "claimed_at": None, "lease_until": None,
                              "claim_token": None, "handed_at": None}
"""A row no worker holds."""


def _item(row: RowMapping) -> Outgoing:
    return Outgoing(
        row["id"], row["owner_id"], row["action_id"], row["kind"], row["message_id"],
        row["sender"], json.loads(row["recipients"]), row["subject"], row["message"],
        row["due_at"], row["state"], row["attempts"], row["claimed_by"], row["claimed_at"],
        row["sent_at"], row["error"], row["created_at"], row["lease_until"], row["claim_token"],
        row["handed_at"])


@contextmanager
def _one_active_note(action_id: int | None) -> Iterator[None]:
    """A second active note for one step (the database's own rule) is NotAllowed."""
    try:
        yield
    except IntegrityError as exc:
        diag = getattr(exc.orig, "diag", None)
        broken = (getattr(diag, "constraint_name", None) == ACTIVE_NOTE if diag is not None
                  else "UNIQUE constraint failed: outbox.action_id" in str(exc.orig))
        if not broken:
            raise
        step = f"action {action_id}" if action_id is not None else "this step"
        raise NotAllowed(f"the note of {step} is already queued or sent") from None


def _held(claim: str | None) -> list[Any]:
    """The condition that a row is still under `claim` (none when no claim is named)."""
    return [] if claim is None else [o.c.claim_token == claim]


class SqlOutbox:
    """The outbox on one connection; the caller owns the transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, item: Outgoing) -> bool:
        values = {
            "owner_id": item.owner_id, "action_id": item.action_id, "kind": item.kind,
            "message_id": item.message_id, "sender": item.sender,
            "recipients": json.dumps(item.recipients, ensure_ascii=False),
            "subject": item.subject, "message": item.message, "state": item.state,
            "due_at": item.due_at, "attempts": item.attempts, "created_at": item.created_at,
        }
        dialect = self.connection.dialect.name
        if dialect == "postgresql":
            statement: Any = pg_insert(o).values(values).on_conflict_do_nothing(
                index_elements=[o.c.message_id])
        elif dialect == "sqlite":
            statement = sqlite_insert(o).values(values).on_conflict_do_nothing(
                index_elements=[o.c.message_id])
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            statement = insert(o).values(values)
        with _one_active_note(item.action_id):
            found = self.connection.execute(statement.returning(o.c.id)).scalar_one_or_none()
        if found is None:
            return False
        item.id = int(found)
        return True

    def has(self, message_id: str) -> bool:
        return self.connection.execute(select(o.c.id).where(
            o.c.message_id == message_id)).first() is not None

    def get(self, owner_id: int, outbox_id: int) -> Outgoing:
        row = self.connection.execute(select(o).where(
            o.c.id == outbox_id, o.c.owner_id == owner_id)).mappings().first() \
            if 0 < outbox_id <= MAX_ID else None
        if row is None:
            raise NotFound(f"no message with id {outbox_id} in the outbox")
        return _item(row)

    def listing(self, owner_id: int, limit: int = 200) -> list[Outgoing]:
        # The installation's own mail to the user (a reset link) is not theirs to resend.
        rows = self.connection.execute(select(o).where(
            o.c.owner_id == owner_id, o.c.kind != "account").order_by(
            o.c.due_at.desc(), o.c.id.desc()).limit(limit)).mappings()
        return [_item(r) for r in rows]

    def for_action(self, owner_id: int, action_id: int) -> list[Outgoing]:
        rows = self.connection.execute(select(o).where(
            o.c.owner_id == owner_id, o.c.action_id == action_id).order_by(o.c.id)).mappings()
        return [_item(r) for r in rows]

    def claim(self, worker: str, now: datetime, batch: int, only: int | None = None, *,
              lease: timedelta) -> tuple[list[Outgoing], int]:
        query = (select(o, t.actions.c.status.label("action_status"))
                 .select_from(o.outerjoin(t.actions, o.c.action_id == t.actions.c.id))
                 .where(o.c.state == "scheduled", o.c.due_at <= now)
                 .order_by(o.c.due_at, o.c.id).limit(batch))
        if only is not None:
            query = query.where(o.c.id == only)
        if self.connection.dialect.name == "postgresql":
            # Each worker takes rows no other worker holds; the action rows stay unlocked.
            query = query.with_for_update(skip_locked=True, of=o)
        # (SQLite: the unit of work began with BEGIN IMMEDIATE, so one claimer at a time.)
        rows = list(self.connection.execute(query).mappings())
        dead = [r["id"] for r in rows
                if r["action_id"] is not None and r["action_status"] != "planned"]
        live = [r for r in rows if r["id"] not in set(dead)]
        if dead:
            self.connection.execute(update(o).where(o.c.id.in_(dead)).values(
                state="cancelled", error="its step was no longer planned"))
        # The lease is the claim's own: a token no other claim has (two workers may share a
        # name), and a time that only this claim renews.
        token, until = secrets.token_hex(16), now + lease
        if live:
            self.connection.execute(update(o).where(o.c.id.in_([r["id"] for r in live])).values(
                state="sending", claimed_by=worker, claimed_at=now, attempts=o.c.attempts + 1,
                lease_until=until, claim_token=token, handed_at=None))
        claimed = []
        for row in live:
            item = _item(row)
            item.state, item.claimed_by, item.claimed_at = "sending", worker, now
            item.lease_until, item.claim_token, item.handed_at = until, token, None
            item.attempts += 1
            claimed.append(item)
        return claimed, len(dead)

    def expire(self, now: datetime) -> tuple[int, int]:
        stale = select(o.c.id, o.c.handed_at).where(o.c.state == "sending",
                                                    o.c.lease_until < now)
        if self.connection.dialect.name == "postgresql":
            # A row being settled by a live (if slow) worker is locked: leave it to it, rather
            # than wait for it or lock rows in an order that could deadlock.
            stale = stale.with_for_update(skip_locked=True)
        rows = list(self.connection.execute(stale))
        handed = [row_id for row_id, at in rows if at is not None]
        never = [row_id for row_id, at in rows if at is None]
        if handed:
            self.connection.execute(update(o).where(o.c.id.in_(handed)).values(
                state="unknown", error=LOST))
        if never:
            self.connection.execute(update(o).where(o.c.id.in_(never)).values(
                state="scheduled", error=NEVER_HANDED, **_UNCLAIMED))
        return len(handed), len(never)

    def handed(self, outbox_id: int, token: str, now: datetime) -> bool:
        result = self.connection.execute(update(o).where(
            o.c.id == outbox_id, o.c.claim_token == token, o.c.state == "sending").values(
            handed_at=now))
        return bool(result.rowcount)

    def finish(self, outbox_id: int, state: str, now: datetime, error: str | None = None, *,
               claim: str | None = None) -> None:
        # A row expired to `unknown` while its worker was merely slow still learns the truth.
        self.connection.execute(update(o).where(
            o.c.id == outbox_id, o.c.state.in_(("sending", "unknown")), *_held(claim)).values(
            state=state, error=error, sent_at=now if state == "sent" else None))

    def sent(self, outbox_ids: Sequence[int], now: datetime) -> None:
        if outbox_ids:
            self.connection.execute(update(o).where(
                o.c.id.in_(list(outbox_ids)), o.c.state.in_(("sending", "unknown"))).values(
                state="sent", error=None, sent_at=now))

    def retry(self, outbox_id: int, due_at: datetime, error: str, *,
              claim: str | None = None) -> None:
        self.connection.execute(update(o).where(
            o.c.id == outbox_id, o.c.state == "sending", *_held(claim)).values(
            state="scheduled", due_at=due_at, error=error, **_UNCLAIMED))

    def renew(self, outbox_ids: Sequence[int], token: str, until: datetime) -> set[int]:
        held = update(o).where(o.c.id.in_(outbox_ids), o.c.claim_token == token,
                               o.c.state == "sending").values(lease_until=until)
        self.connection.execute(held)
        return set(self.connection.execute(select(o.c.id).where(
            o.c.id.in_(outbox_ids), o.c.claim_token == token, o.c.state == "sending")).scalars())

    def reschedule(self, outbox_id: int, due_at: datetime) -> bool:
        # Only from a state a resend starts from: of two resends racing, the second finds
        # the row already scheduled (PostgreSQL re-reads it once the first commits).
        with _one_active_note(None):
            result = self.connection.execute(update(o).where(
                o.c.id == outbox_id, o.c.state.in_(("unknown", "failed"))).values(
                state="scheduled", due_at=due_at, error=None, **_UNCLAIMED))
        return bool(result.rowcount)

    def cancel(self, outbox_id: int) -> None:
        self.connection.execute(update(o).where(
            o.c.id == outbox_id, o.c.state == "scheduled").values(state="cancelled"))

    def counts(self) -> dict[str, int]:
        """Rows by state, over every owner (for the worker's log and the benchmarks)."""
        rows = self.connection.execute(select(o.c.state, func.count()).group_by(o.c.state))
        return {state: int(n) for state, n in rows}
