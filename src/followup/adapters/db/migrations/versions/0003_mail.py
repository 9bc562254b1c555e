"""Mail: the outbox of messages to send and the IMAP messages already looked at.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("message_id", sa.String(length=250), nullable=False),
        sa.Column("sender", sa.String(length=320), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"],
                                name=op.f("fk_outbox_action_id_actions"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"],
                                name=op.f("fk_outbox_owner_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbox_message_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_action_id"), ["action_id"], unique=False)
        batch_op.create_index("ix_outbox_due", ["state", "due_at"], unique=False)

    op.create_table(
        "mail_seen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("folder", sa.String(length=200), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=True),
        sa.Column("verdict", sa.String(length=12), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("touch_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=320), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("snippet", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"],
                                name=op.f("fk_mail_seen_application_id_applications"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"],
                                name=op.f("fk_mail_seen_owner_id_users"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["touch_id"], ["touches.id"],
                                name=op.f("fk_mail_seen_touch_id_touches"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_seen")),
        sa.UniqueConstraint("owner_id", "folder", "uidvalidity", "uid",
                            name="uq_mail_seen_owner_id"),
    )
    with op.batch_alter_table("mail_seen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_seen_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("mail_seen")
    op.drop_table("outbox")
