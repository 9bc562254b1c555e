"""The schema: every table carries its owner so that hosted mode can scope every query."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

from followup.services.ports import ACTIVE


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored in UTC (SQLite keeps no offset, so it is restored on read)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        result: datetime = value
        return result.replace(tzinfo=UTC) if result.tzinfo is None else result.astimezone(UTC)


metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})


def _owner() -> Column[int]:
    return Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False, index=True)


users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("email", String(320), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("country", String(8)),
    Column("created_at", UTCDateTime, nullable=False),
    # Accounts of a hosted installation; a local home's one profile has no role.
    Column("role", String(8)),
    Column("coach_id", Integer),
    Column("password_hash", String(255)),
    Column("password_changed_at", UTCDateTime),
    Column("disabled_at", UTCDateTime),
    Column("totp_secret", Text),
    Column("totp_step", Integer),
)
_account = users.c.role.is_not(None)
Index("uq_users_account_email", users.c.email, unique=True,
      sqlite_where=_account, postgresql_where=_account)

sessions = Table(
    "sessions", metadata,
    Column("id", String(64), primary_key=True),
    _owner(),
    Column("state", String(8), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("address", String(64)),
    Column("agent", String(200)),
)
"""Logins: `id` is the SHA-256 of the cookie's value (a stolen database opens no session);
`state` is `active`, or `pending` until the second factor is given."""

access_tokens = Table(
    "access_tokens", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
)
"""Personal access tokens of the API (`Authorization: Bearer`), kept as their SHA-256."""

account_links = Table(
    "account_links", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("purpose", String(8), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
)
"""One-time links (an invitation to set a password, a password reset), kept as their SHA-256."""

recovery_codes = Table(
    "recovery_codes", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("code_hash", String(64), nullable=False),
    Column("used_at", UTCDateTime),
)

mail_passwords = Table(
    "mail_passwords", metadata,
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("service", String(8), primary_key=True),
    Column("secret", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)
"""A hosted user's SMTP and IMAP passwords, encrypted with a key derived from the secret key."""

settings = Table(
    "settings", metadata,
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

applications = Table(
    "applications", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("company", String(200), nullable=False),
    Column("position", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("url", Text),
    Column("status_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
)

contacts = Table(
    "contacts", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("title", String(200)),
    Column("organisation", String(200)),
    Column("email", String(320)),
    Column("phone", String(64)),
    Column("confirmed", Boolean, nullable=False),
    Column("source", String(16), nullable=False),
    Column("honorific", String(8)),
    Column("first_name", String(200)),
    Column("family_name", String(200)),
    Column("emails", Text, nullable=False, default="[]", server_default="[]"),
    Column("phones", Text, nullable=False, default="[]", server_default="[]"),
    Column("website", String(2000)),
)

interviews = Table(
    "interviews", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start_at", UTCDateTime, nullable=False),
    Column("end_at", UTCDateTime, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("format", String(16), nullable=False),
    Column("round", Integer, nullable=False),
    Column("notes", Text),
    Column("next_step", Text),
    Column("decision_date", Date),
    Column("decision_phrase", String(200)),
    Column("forgotten", Text, nullable=False),
    Column("cancelled", Boolean, nullable=False),
    Column("invitation_uid", String(255)),
    Column("invitation_sequence", Integer),
    Index("ix_interviews_invitation", "owner_id", "invitation_uid", unique=True),
)

participants = Table(
    "participants", metadata,
    _owner(),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"),
           primary_key=True),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("ordinal", Integer, nullable=False),
    Column("topic", Text),
)

touches = Table(
    "touches", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("action_id", Integer, ForeignKey("actions.id", ondelete="SET NULL")),
    Column("outcome", String(16)),
    Column("decision_date", Date),
    Column("decision_phrase", String(200)),
    Column("callback_at", UTCDateTime),
    Column("notes", Text),
)

actions = Table(
    "actions", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("kind", String(24), nullable=False),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE")),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("channel", String(8), nullable=False),
    Column("earliest", UTCDateTime, nullable=False),
    Column("due", UTCDateTime, nullable=False),
    Column("deadline", UTCDateTime, nullable=False),
    Column("status", String(12), nullable=False),
    Column("optional", Boolean, nullable=False),
    Column("rule", String(8), nullable=False),
    Column("why", Text, nullable=False),
    Column("reason", Text),
    Column("anchor", String(100), nullable=False),
    Column("done_at", UTCDateTime),
)
Index("ix_actions_agenda", actions.c.owner_id, actions.c.status, actions.c.earliest)
# Insights counts one kind of step or touch at a time.
Index("ix_actions_owner_kind", actions.c.owner_id, actions.c.kind, actions.c.status)
Index("ix_touches_owner_kind", touches.c.owner_id, touches.c.kind, touches.c.at)
# One application's records, found by owner and application together: with an index on the
# owner alone SQLite may scan every record of a one-person home.
for _table in (contacts, interviews, touches, actions):
    Index(f"ix_{_table.name}_owner_application", _table.c.owner_id, _table.c.application_id)
Index("ix_participants_owner_interview", participants.c.owner_id, participants.c.interview_id)

notes = Table(
    "notes", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("action_id", Integer, ForeignKey("actions.id", ondelete="CASCADE"), nullable=False,
           unique=True),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("tone", String(8), nullable=False),
    Column("edited", Boolean, nullable=False),
    Column("state", String(12), nullable=False),
    Column("findings", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

agenda = Table(
    "agenda", MetaData(),
    *(Column(c.name, c.type) for c in actions.c if c.name not in ("anchor", "done_at")),
    Column("contact_name", String), Column("contact_email", String),
    Column("company", String), Column("position", String),
)
"""The agenda view (created by the first migration): open actions with what a list shows."""

outbox = Table(
    "outbox", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("action_id", Integer, ForeignKey("actions.id", ondelete="SET NULL"), index=True),
    Column("kind", String(12), nullable=False),
    Column("message_id", String(250), nullable=False, unique=True),
    Column("sender", String(320), nullable=False),
    Column("recipients", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("state", String(12), nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("claimed_by", String(100)),
    Column("claimed_at", UTCDateTime),
    Column("lease_until", UTCDateTime),
    Column("claim_token", String(32)),
    Column("handed_at", UTCDateTime),
    Column("sent_at", UTCDateTime),
    Column("error", Text),
    Column("created_at", UTCDateTime, nullable=False),
)
"""Messages to send: written in the user's transaction, delivered by the worker.

`message` is the whole RFC 5322 message (ASCII after its transfer encodings); `message_id` is
fixed before the first attempt, so an `unknown` delivery is reconciled through the Sent folder.
A `sending` row belongs to the claim `claim_token` until `lease_until`, which only its worker
renews.
"""
Index("ix_outbox_due", outbox.c.state, outbox.c.due_at)
_active_note = (outbox.c.kind == "note") & outbox.c.state.in_(ACTIVE)
# The last line of defence against a note sent twice: one active message per step.
Index("uq_outbox_active_note", outbox.c.action_id, unique=True,
      sqlite_where=_active_note, postgresql_where=_active_note)

mail_seen = Table(
    "mail_seen", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("folder", String(200), nullable=False),
    Column("uidvalidity", BigInteger, nullable=False),
    Column("uid", BigInteger, nullable=False),
    Column("message_id", String(998)),
    Column("verdict", String(12), nullable=False),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="SET NULL")),
    Column("touch_id", Integer, ForeignKey("touches.id", ondelete="SET NULL")),
    Column("address", String(320)),
    Column("subject", Text),
    Column("snippet", Text),
    Column("received_at", UTCDateTime),
    Column("seen_at", UTCDateTime, nullable=False),
    UniqueConstraint("owner_id", "folder", "uidvalidity", "uid",
                     name="uq_mail_seen_owner_id"),
)
"""Messages the IMAP sync has looked at, once each by (folder, UIDVALIDITY, UID), with what
they were: a reply, an automatic reply, a bounce (`address` bounced) or unrelated."""

invitations = Table(
    "invitations", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("uid", String(255), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("method", String(12), nullable=False),
    Column("summary", String(200)),
    Column("organizer", String(200)),
    Column("start_at", UTCDateTime, nullable=False),
    Column("calendar", Text, nullable=False),
    Column("message_id", String(998)),
    Column("received_at", UTCDateTime, nullable=False),
    Column("state", String(12), nullable=False),
    UniqueConstraint("owner_id", "uid", "sequence", "method", name="uq_invitations_owner_id"),
)
"""Invitations that arrived by mail, each version once: `proposed` (Today lists it until an
interview carries that version) or `ignored`; `calendar` keeps its text to add it later."""

note_shares = Table(
    "note_shares", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("action_id", Integer, ForeignKey("actions.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("coach_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("shared_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime),
    Column("ended_by", String(12)),
    Column("verdict", String(12)),
    Column("verdict_at", UTCDateTime),
)
"""A note (by its step) a client shares with their coach for review, until it is sent or the
client withdraws it (`ended_by`: sent, withdrawn, unlinked); `verdict` is `looks_good`."""

review_comments = Table(
    "review_comments", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("share_id", Integer, ForeignKey("note_shares.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start", Integer),
    Column("end", Integer),
    Column("quote", Text),
    Column("body", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)
"""A coach's comment on a shared note, owned by the client whose note it is: on the span
[start, end) that read `quote` when it was written, or on the whole note (no span)."""

coach_templates = Table(
    "coach_templates", metadata,
    Column("id", Integer, primary_key=True),
    _owner(),
    Column("kind", String(24), nullable=False),
    Column("tone", String(8)),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("published_at", UTCDateTime, nullable=False),
    Column("withdrawn_at", UTCDateTime),
)
"""Example notes and templates a coach (the owner) publishes to their clients: a sandboxed
template (`Subject:` first line, then the body) drafted with each client's own facts."""
