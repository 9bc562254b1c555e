"""Calendar invitations: an interview remembers the invitation it came from (its UID and the
SEQUENCE last applied), and invitations that arrived by mail wait to be added or ignored.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not a batch copy: on SQLite a copy drops the old `interviews` table, and
# with foreign keys on that deletes every action of every interview (ON DELETE CASCADE).
# SQLite 3.35 and later add and drop columns in place.


def upgrade() -> None:
    op.add_column("interviews", sa.Column("invitation_uid", sa.String(length=255), nullable=True))
    op.add_column("interviews", sa.Column("invitation_sequence", sa.Integer(), nullable=True))
    op.create_index("ix_interviews_invitation", "interviews", ["owner_id", "invitation_uid"],
                    unique=True)

    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=12), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=True),
        sa.Column("organizer", sa.String(length=200), nullable=True),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("calendar", sa.Text(), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"],
                                name=op.f("fk_invitations_owner_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("owner_id", "uid", "sequence", "method",
                            name="uq_invitations_owner_id"),
    )
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitations_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("invitations")
    op.drop_index("ix_interviews_invitation", table_name="interviews")
    op.drop_column("interviews", "invitation_sequence")
    op.drop_column("interviews", "invitation_uid")
