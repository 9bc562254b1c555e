"""Coaching: notes a client shares for review, the coach's comments, and the examples and
templates a coach publishes. Only additions.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

from followup.adapters.db.tables import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _user(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                     nullable=False, index=True)


def upgrade() -> None:
    op.create_table(
        "note_shares",
        sa.Column("id", sa.Integer, primary_key=True),
        _user("owner_id"),
        sa.Column("action_id", sa.Integer, sa.ForeignKey("actions.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        _user("coach_id"),
        sa.Column("shared_at", UTCDateTime, nullable=False),
        sa.Column("ended_at", UTCDateTime),
        sa.Column("ended_by", sa.String(12)),
        sa.Column("verdict", sa.String(12)),
        sa.Column("verdict_at", UTCDateTime),
    )
    op.create_table(
        "review_comments",
        sa.Column("id", sa.Integer, primary_key=True),
        _user("owner_id"),
        sa.Column("share_id", sa.Integer, sa.ForeignKey("note_shares.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("quote", sa.Text),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "coach_templates",
        sa.Column("id", sa.Integer, primary_key=True),
        _user("owner_id"),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("tone", sa.String(8)),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("published_at", UTCDateTime, nullable=False),
        sa.Column("withdrawn_at", UTCDateTime),
    )


def downgrade() -> None:
    for table in ("coach_templates", "review_comments", "note_shares"):
        op.drop_table(table)
