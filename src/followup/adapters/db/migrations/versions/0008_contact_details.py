"""A contact keeps every email address and phone number of the person, and a website.

Revision ID: 0008
Revises: 0007
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD/DROP COLUMN (SQLite has both): a batch copy of the table would break the
    # agenda view that reads it.
    op.add_column("contacts", sa.Column("emails", sa.Text, nullable=False, server_default="[]"))
    op.add_column("contacts", sa.Column("phones", sa.Text, nullable=False, server_default="[]"))
    op.add_column("contacts", sa.Column("website", sa.String(2000), nullable=True))
    # The lists start with the address and the number already recorded (kept as typed).
    contacts = sa.table("contacts", sa.column("id", sa.Integer), sa.column("email", sa.String),
                        sa.column("phone", sa.String), sa.column("emails", sa.Text),
                        sa.column("phones", sa.Text))
    connection = op.get_bind()
    rows = connection.execute(sa.select(contacts.c.id, contacts.c.email, contacts.c.phone).where(
        sa.or_(contacts.c.email.is_not(None), contacts.c.phone.is_not(None)))).all()
    for row_id, email, phone in rows:
        connection.execute(sa.update(contacts).where(contacts.c.id == row_id).values(
            emails=json.dumps([email] if email else [], ensure_ascii=False),
            phones=json.dumps([phone] if phone else [], ensure_ascii=False)))


def downgrade() -> None:
    for name in ("website", "phones", "emails"):
        op.drop_column("contacts", name)
