"""A message of the outbox records when its worker began to hand it to the SMTP server.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handed_at", sa.DateTime(timezone=True), nullable=True))
    # A row `sending` now may have been handed over already: as before, it becomes `unknown`
    # when its lease ends (the column is filled for it, never guessed empty).
    outbox = sa.table("outbox", sa.column("state", sa.String),
                      sa.column("claimed_at", sa.DateTime(timezone=True)),
                      sa.column("handed_at", sa.DateTime(timezone=True)))
    op.execute(sa.update(outbox).where(outbox.c.state == "sending").values(
        handed_at=outbox.c.claimed_at))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("handed_at")
