"""Accounts of a hosted installation: roles, passwords, sessions, access tokens, one-time links,
recovery codes and mail passwords encrypted at rest. Only additions: a release may migrate while
the one before still serves.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from followup.adapters.db.tables import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_ACCOUNT = sa.text("role IS NOT NULL")


def _owner() -> sa.Column[int]:
    return sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                     nullable=False, index=True)


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it): a batch copy of users would rebuild every table's key.
    op.add_column("users", sa.Column("role", sa.String(8), nullable=True))
    op.add_column("users", sa.Column("coach_id", sa.Integer, nullable=True))
    op.add_column("users", sa.Column("password_hash", sa.String(255), nullable=True))
    op.add_column("users", sa.Column("password_changed_at", UTCDateTime, nullable=True))
    op.add_column("users", sa.Column("disabled_at", UTCDateTime, nullable=True))
    op.add_column("users", sa.Column("totp_secret", sa.Text, nullable=True))
    op.add_column("users", sa.Column("totp_step", sa.Integer, nullable=True))
    op.create_index("uq_users_account_email", "users", ["email"], unique=True,
                    sqlite_where=_ACCOUNT, postgresql_where=_ACCOUNT)
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        _owner(),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("seen_at", UTCDateTime, nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
        sa.Column("address", sa.String(64)),
        sa.Column("agent", sa.String(200)),
    )
    op.create_table(
        "access_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("used_at", UTCDateTime),
        sa.Column("revoked_at", UTCDateTime),
    )
    op.create_table(
        "account_links",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("purpose", sa.String(8), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
        sa.Column("used_at", UTCDateTime),
    )
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer, primary_key=True),
        _owner(),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("used_at", UTCDateTime),
    )
    op.create_table(
        "mail_passwords",
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("service", sa.String(8), primary_key=True),
        sa.Column("secret", sa.Text, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("mail_passwords", "recovery_codes", "account_links", "access_tokens",
                  "sessions"):
        op.drop_table(table)
    op.drop_index("uq_users_account_email", "users")
    for name in ("totp_step", "totp_secret", "disabled_at", "password_changed_at", "password_hash",
                 "coach_id", "role"):
        op.drop_column("users", name)
