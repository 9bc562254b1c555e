"""A contact carries an honorific, a first name and a family name, so that a formal note can
greet "Dear Ms. Ó Briain," and a warm one "Hello Siobhán,".

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


_COLUMNS = (("honorific", 8), ("first_name", 200), ("family_name", 200))


def upgrade() -> None:
    # Plain ADD/DROP COLUMN, not a batch copy: on SQLite a copy of `contacts` would break the
    # agenda view that reads it. Existing contacts keep their name as it is and get no guess
    # here: drafts greet them as before until the user fills the fields in.
    for name, length in _COLUMNS:
        op.add_column("contacts", sa.Column(name, sa.String(length=length), nullable=True))


def downgrade() -> None:
    for name, _ in reversed(_COLUMNS):
        op.drop_column("contacts", name)
