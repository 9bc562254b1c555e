"""The accounts of a hosted installation and their logins, over SQLAlchemy Core."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    RowMapping,
    Table,
    delete,
    exists,
    insert,
    select,
    true,
    update,
)

from followup.adapters.db import tables as t
from followup.domain.accounts import (
    AccessToken,
    Account,
    LinkPurpose,
    LoginSession,
    Role,
    SessionState,
)

_ACCOUNT = t.users.c.role.is_not(None)

OWNED: tuple[Table, ...] = tuple(
    table for table in t.metadata.sorted_tables if "owner_id" in table.c)
"""Every table whose rows belong to a user (deleted with the user, counted by `delete`)."""


def _account(row: RowMapping) -> Account:
    return Account(id=row["id"], email=row["email"], name=row["name"], role=Role(row["role"]),
                   coach_id=row["coach_id"], disabled_at=row["disabled_at"],
                   has_password=row["password_hash"] is not None,
                   second_factor=row["totp_secret"] is not None, created_at=row["created_at"])


def _session(row: RowMapping) -> LoginSession:
    return LoginSession(id=row["id"], owner_id=row["owner_id"], state=SessionState(row["state"]),
                        created_at=row["created_at"], seen_at=row["seen_at"],
                        expires_at=row["expires_at"], address=row["address"],
                        agent=row["agent"])


def _token(row: RowMapping) -> AccessToken:
    return AccessToken(id=row["id"], owner_id=row["owner_id"], name=row["name"],
                       created_at=row["created_at"], used_at=row["used_at"],
                       revoked_at=row["revoked_at"])


def _usable(token_hash: str, purpose: LinkPurpose, now: datetime) -> tuple[Any, ...]:
    """The link with that digest, for that purpose, neither used nor expired."""
    links = t.account_links
    return (links.c.token_hash == token_hash, links.c.purpose == purpose.value,
            links.c.used_at.is_(None), links.c.expires_at > now)


class SqlAccounts:
    """The `Accounts` port on one connection (the caller owns the transaction)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _users(self, *where: Any) -> list[Account]:
        rows = self.connection.execute(
            select(t.users).where(_ACCOUNT, *where)
            .order_by(t.users.c.created_at, t.users.c.id)).mappings()  # as they were added
        return [_account(row) for row in rows]

    def add(self, email: str, name: str, role: Role, timezone: str, coach_id: int | None,
            password_hash: str | None, now: datetime) -> int:
        values = {"email": email, "name": name, "role": role.value, "timezone": timezone,
                  "coach_id": coach_id, "password_hash": password_hash, "created_at": now,
                  "password_changed_at": now if password_hash else None}
        return int(self.connection.execute(
            insert(t.users).values(values).returning(t.users.c.id)).scalar_one())

    def find(self, email: str) -> Account | None:
        found = self._users(t.users.c.email == email)
        return found[0] if found else None

    def get(self, user_id: int) -> Account | None:
        found = self._users(t.users.c.id == user_id)
        return found[0] if found else None

    def all(self) -> list[Account]:
        return self._users()

    def clients(self, coach_id: int) -> list[Account]:
        return self._users(t.users.c.coach_id == coach_id)

    def set_coach(self, user_id: int, coach_id: int | None) -> None:
        # Notes shared with another coach end with the link, for good (even if that coach
        # comes back); the port takes no time, so the moment is this machine's.
        shares = t.note_shares.c
        other = shares.coach_id != coach_id if coach_id is not None else true()
        self.connection.execute(update(t.note_shares).where(
            shares.owner_id == user_id, shares.ended_at.is_(None), other).values(
            ended_at=datetime.now(UTC), ended_by="unlinked"))
        self._set(user_id, coach_id=coach_id)

    def exist(self) -> bool:
        return bool(self.connection.execute(select(exists().where(_ACCOUNT))).scalar())

    def password_hash(self, user_id: int) -> str | None:
        found: str | None = self.connection.execute(
            select(t.users.c.password_hash).where(t.users.c.id == user_id, _ACCOUNT)
        ).scalar_one_or_none()
        return found

    def setting_owner(self, key: str, value: str) -> int | None:
        found: int | None = self.connection.execute(
            select(t.settings.c.owner_id).where(t.settings.c.key == key,
                                                t.settings.c.value == value).limit(1)
        ).scalar_one_or_none()
        return found

    def _set(self, user_id: int, **values: Any) -> None:
        self.connection.execute(
            update(t.users).where(t.users.c.id == user_id, _ACCOUNT).values(values))

    def set_password(self, user_id: int, password_hash: str, now: datetime) -> None:
        self._set(user_id, password_hash=password_hash, password_changed_at=now)

    def set_disabled(self, user_id: int, at: datetime | None) -> None:
        self._set(user_id, disabled_at=at)

    def set_second_factor(self, user_id: int, secret: str | None,
                          keep_step: bool = False) -> None:
        self._set(user_id, totp_secret=secret, **({} if keep_step else {"totp_step": None}))

    def second_factors(self) -> dict[int, str]:
        rows = self.connection.execute(select(t.users.c.id, t.users.c.totp_secret).where(
            _ACCOUNT, t.users.c.totp_secret.is_not(None)).with_for_update())
        return {int(user_id): str(sealed) for user_id, sealed in rows}

    def second_factor(self, user_id: int) -> str | None:
        found: str | None = self.connection.execute(
            select(t.users.c.totp_secret).where(t.users.c.id == user_id)).scalar_one_or_none()
        return found

    def use_otp_step(self, user_id: int, step: int) -> bool:
        # One statement: of two logins racing with one code, the database lets one through.
        users = t.users
        return self.connection.execute(update(users).where(
            users.c.id == user_id,
            (users.c.totp_step.is_(None)) | (users.c.totp_step < step)).values(totp_step=step)
        ).rowcount == 1

    def delete(self, user_id: int) -> dict[str, int]:
        # Each owned table explicitly, children first, rather than trusting every engine's
        # cascade: the counts are what the admin is told.
        counts = {}
        for table in reversed(OWNED):
            result = self.connection.execute(delete(table).where(table.c.owner_id == user_id))
            counts[table.name] = result.rowcount
        self.connection.execute(
            update(t.users).where(t.users.c.coach_id == user_id).values(coach_id=None))
        counts["users"] = self.connection.execute(
            delete(t.users).where(t.users.c.id == user_id)).rowcount
        return counts

    def add_session(self, session: LoginSession) -> None:
        self.connection.execute(insert(t.sessions).values(
            id=session.id, owner_id=session.owner_id, state=session.state.value,
            created_at=session.created_at, seen_at=session.seen_at,
            expires_at=session.expires_at, address=session.address, agent=session.agent))

    def session(self, session_id: str) -> LoginSession | None:
        row = self.connection.execute(
            select(t.sessions).where(t.sessions.c.id == session_id)).mappings().first()
        return _session(row) if row else None

    def seen(self, session_id: str, at: datetime) -> None:
        self.connection.execute(
            update(t.sessions).where(t.sessions.c.id == session_id).values(seen_at=at))

    def activate(self, session_id: str) -> None:
        self.connection.execute(update(t.sessions).where(t.sessions.c.id == session_id).values(
            state=SessionState.ACTIVE.value))

    def end_session(self, session_id: str) -> None:
        self.connection.execute(delete(t.sessions).where(t.sessions.c.id == session_id))

    def end_sessions(self, user_id: int, keep: str | None = None) -> int:
        query = delete(t.sessions).where(t.sessions.c.owner_id == user_id)
        if keep is not None:
            query = query.where(t.sessions.c.id != keep)
        return self.connection.execute(query).rowcount

    def sessions(self, user_id: int) -> list[LoginSession]:
        rows = self.connection.execute(select(t.sessions).where(
            t.sessions.c.owner_id == user_id).order_by(t.sessions.c.seen_at.desc())).mappings()
        return [_session(row) for row in rows]

    def add_token(self, user_id: int, name: str, token_hash: str, now: datetime) -> int:
        return int(self.connection.execute(insert(t.access_tokens).values(
            owner_id=user_id, name=name, token_hash=token_hash, created_at=now
        ).returning(t.access_tokens.c.id)).scalar_one())

    def token(self, token_hash: str) -> AccessToken | None:
        row = self.connection.execute(select(t.access_tokens).where(
            t.access_tokens.c.token_hash == token_hash)).mappings().first()
        return _token(row) if row else None

    def token_used(self, token_id: int, at: datetime) -> None:
        self.connection.execute(update(t.access_tokens).where(
            t.access_tokens.c.id == token_id).values(used_at=at))

    def tokens(self, user_id: int | None) -> list[AccessToken]:
        query = select(t.access_tokens).order_by(t.access_tokens.c.id.desc())
        if user_id is not None:
            query = query.where(t.access_tokens.c.owner_id == user_id)
        return [_token(row) for row in self.connection.execute(query).mappings()]

    def revoke_token(self, token_id: int, at: datetime, user_id: int | None = None) -> bool:
        query = update(t.access_tokens).where(t.access_tokens.c.id == token_id,
                                              t.access_tokens.c.revoked_at.is_(None))
        if user_id is not None:
            query = query.where(t.access_tokens.c.owner_id == user_id)
        return self.connection.execute(query.values(revoked_at=at)).rowcount == 1

    def add_link(self, user_id: int, purpose: LinkPurpose, token_hash: str, now: datetime,
                 expires_at: datetime) -> None:
        self.connection.execute(insert(t.account_links).values(
            owner_id=user_id, purpose=purpose.value, token_hash=token_hash, created_at=now,
            expires_at=expires_at))

    def link_owner(self, token_hash: str, purpose: LinkPurpose, now: datetime) -> int | None:
        links = t.account_links
        owner: int | None = self.connection.execute(
            select(links.c.owner_id).where(*_usable(token_hash, purpose, now))
        ).scalar_one_or_none()
        return owner

    def take_link(self, token_hash: str, purpose: LinkPurpose, now: datetime) -> int | None:
        links = t.account_links
        # One statement: of two requests racing for the link, the database lets one update it.
        owner: int | None = self.connection.execute(
            update(links).where(*_usable(token_hash, purpose, now))
            .values(used_at=now).returning(links.c.owner_id)).scalar_one_or_none()
        return owner

    def replace_codes(self, user_id: int, code_hashes: Sequence[str]) -> None:
        codes = t.recovery_codes
        self.connection.execute(delete(codes).where(codes.c.owner_id == user_id))
        if code_hashes:
            self.connection.execute(insert(codes), [
                {"owner_id": user_id, "code_hash": code} for code in code_hashes])

    def use_code(self, user_id: int, code_hash: str, now: datetime) -> bool:
        codes = t.recovery_codes
        return self.connection.execute(update(codes).where(
            codes.c.owner_id == user_id, codes.c.code_hash == code_hash,
            codes.c.used_at.is_(None)).values(used_at=now)).rowcount == 1

