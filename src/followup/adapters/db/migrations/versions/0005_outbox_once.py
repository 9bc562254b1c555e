"""The outbox holds at most one active note per step, and each claim carries its own lease.

Revision ID: 0005
Revises: 0004
"""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ACTIVE = ("scheduled", "sending", "sent", "unknown")
LEASE = timedelta(minutes=10)
"""The lease every worker used before each claim carried its own."""
PRECEDENCE = {"sent": 0, "sending": 1, "unknown": 2, "scheduled": 3}

outbox = sa.table("outbox", sa.column("id", sa.Integer), sa.column("action_id", sa.Integer),
                  sa.column("kind", sa.String), sa.column("state", sa.String),
                  sa.column("claimed_at", sa.DateTime(timezone=True)),
                  sa.column("lease_until", sa.DateTime(timezone=True)),
                  sa.column("error", sa.Text))


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _leases(connection: sa.Connection) -> None:
    """A row being sent keeps the lease it had: claimed_at plus the old default."""
    rows = connection.execute(sa.select(outbox.c.id, outbox.c.claimed_at).where(
        outbox.c.state == "sending", outbox.c.claimed_at.is_not(None))).all()
    for row_id, claimed_at in rows:
        until = _aware(claimed_at) + LEASE
        if connection.dialect.name == "sqlite":  # stored as naive UTC there
            until = until.replace(tzinfo=None)
        connection.execute(sa.update(outbox).where(outbox.c.id == row_id).values(
            lease_until=until))


def _duplicates(connection: sa.Connection) -> None:
    """Copies of a step's note from before copies were prevented: one keeps the step; a copy
    not yet gone is withdrawn, one that has gone is kept but no longer tied to the step."""
    rows = connection.execute(sa.select(outbox.c.id, outbox.c.action_id, outbox.c.state).where(
        outbox.c.kind == "note", outbox.c.state.in_(ACTIVE),
        outbox.c.action_id.is_not(None))).all()
    by_step: dict[int, list[tuple[int, str]]] = {}
    for row_id, action_id, state in rows:
        by_step.setdefault(action_id, []).append((row_id, state))
    for action_id, found in by_step.items():
        found.sort(key=lambda r: (PRECEDENCE[r[1]], r[0]))
        for row_id, state in found[1:]:
            change = {"state": "cancelled"} if state == "scheduled" else {"action_id": None}
            connection.execute(sa.update(outbox).where(outbox.c.id == row_id).values(
                error=f"a second copy of the note of action {action_id}", **change))


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("claim_token", sa.String(length=32), nullable=True))
    connection = op.get_bind()
    _leases(connection)
    _duplicates(connection)
    active = sa.text("kind = 'note' AND state IN ('scheduled', 'sending', 'sent', 'unknown')")
    op.create_index("uq_outbox_active_note", "outbox", ["action_id"], unique=True,
                    sqlite_where=active, postgresql_where=active)


def downgrade() -> None:
    op.drop_index("uq_outbox_active_note", "outbox")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("claim_token")
        batch_op.drop_column("lease_until")
