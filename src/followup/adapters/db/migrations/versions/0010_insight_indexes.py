"""Indexes by kind, so that Insights counts one kind of step or touch without reading the rest.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_actions_owner_kind", "actions", ["owner_id", "kind", "status"])
    op.create_index("ix_touches_owner_kind", "touches", ["owner_id", "kind", "at"])


def downgrade() -> None:
    op.drop_index("ix_touches_owner_kind", "touches")
    op.drop_index("ix_actions_owner_kind", "actions")
