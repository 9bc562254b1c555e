"""Indexes on (owner, application) so that one application's records are found directly.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("contacts", "interviews", "touches", "actions")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_owner_application", table, ["owner_id", "application_id"])
    op.create_index("ix_participants_owner_interview", "participants",
                    ["owner_id", "interview_id"])


def downgrade() -> None:
    op.drop_index("ix_participants_owner_interview", "participants")
    for table in TABLES:
        op.drop_index(f"ix_{table}_owner_application", table)
