"""The ports of hosted mode's accounts: their records, password hashing, and login limits."""

from __future__ import annotations

from collections.abc import Container, Sequence
from datetime import datetime
from typing import Protocol

from followup.domain.accounts import (
    AccessToken,
    Account,
    LinkPurpose,
    LoginSession,
    Role,
)


class Accounts(Protocol):
    """The installation's accounts and their logins, across every user (an admin's view and
    the door's: it finds the user a session belongs to before anyone acts for them)."""

    def add(self, email: str, name: str, role: Role, timezone: str, coach_id: int | None,
            password_hash: str | None, now: datetime) -> int: ...

    def find(self, email: str) -> Account | None:
        """The account with that address (stored in lower case)."""
        ...

    def get(self, user_id: int) -> Account | None: ...

    def all(self) -> list[Account]: ...

    def clients(self, coach_id: int) -> list[Account]:
        """The accounts whose coach is `coach_id`, as they were added."""
        ...

    def set_coach(self, user_id: int, coach_id: int | None) -> None: ...

    def exist(self) -> bool:
        """Whether the database holds any account (a local home has none)."""
        ...

    def password_hash(self, user_id: int) -> str | None: ...

    def setting_owner(self, key: str, value: str) -> int | None:
        """The user whose setting `key` holds `value` (the calendar feed's token)."""
        ...

    def set_password(self, user_id: int, password_hash: str, now: datetime) -> None: ...

    def set_disabled(self, user_id: int, at: datetime | None) -> None: ...

    def set_second_factor(self, user_id: int, secret: str | None,
                          keep_step: bool = False) -> None:
        """Sets (sealed) or clears a second factor's key; a new key forgets the last code's
        step, a key sealed again (`keep_step`) keeps it."""
        ...

    def second_factors(self) -> dict[int, str]:
        """Every sealed second-factor key by user (held until commit: a key rotation)."""
        ...

    def second_factor(self, user_id: int) -> str | None: ...

    def use_otp_step(self, user_id: int, step: int) -> bool:
        """Records the time step of a code just used; False when it (or a later one) was
        used already, so that a code works once."""
        ...

    def delete(self, user_id: int) -> dict[str, int]:
        """Deletes the user and every row they own; the rows deleted per table."""
        ...

    def add_session(self, session: LoginSession) -> None: ...

    def session(self, session_id: str) -> LoginSession | None: ...

    def seen(self, session_id: str, at: datetime) -> None: ...

    def activate(self, session_id: str) -> None: ...

    def end_session(self, session_id: str) -> None: ...

    def end_sessions(self, user_id: int, keep: str | None = None) -> int:
        """Ends every login of the user but `keep`; how many ended."""
        ...

    def sessions(self, user_id: int) -> list[LoginSession]: ...

    def add_token(self, user_id: int, name: str, token_hash: str, now: datetime) -> int: ...

    def token(self, token_hash: str) -> AccessToken | None: ...

    def token_used(self, token_id: int, at: datetime) -> None: ...

    def tokens(self, user_id: int | None) -> list[AccessToken]:
        """The user's tokens (None: everyone's), newest first."""
        ...

    def revoke_token(self, token_id: int, at: datetime, user_id: int | None = None) -> bool:
        """Revokes the token (only the user's when `user_id` is given); False when none was."""
        ...

    def add_link(self, user_id: int, purpose: LinkPurpose, token_hash: str, now: datetime,
                 expires_at: datetime) -> None: ...

    def link_owner(self, token_hash: str, purpose: LinkPurpose, now: datetime) -> int | None:
        """The user of an unused, unexpired link, without using it; None otherwise."""
        ...

    def take_link(self, token_hash: str, purpose: LinkPurpose, now: datetime) -> int | None:
        """Marks an unused, unexpired link used and returns its user; None when there is none
        (used, expired, unknown). Two requests racing for one link: one wins."""
        ...

    def replace_codes(self, user_id: int, code_hashes: Sequence[str]) -> None: ...

    def use_code(self, user_id: int, code_hash: str, now: datetime) -> bool: ...


class Credentials(Protocol):
    """Password hashing (argon2id), common passwords and one-time codes (TOTP)."""

    @property
    def common(self) -> Container[str]:
        """The most common passwords, in lower case, which nobody may choose."""
        ...

    def hash(self, password: str) -> str: ...

    def verify(self, password: str, password_hash: str | None) -> bool:
        """Whether the password matches; with no hash, verifies against a dummy one (the same
        work, so that a missing account cannot be told from a wrong password by timing)."""
        ...

    def seal(self, user_id: int, secret: str) -> str:
        """A second factor's key encrypted for the database, bound to its user."""
        ...

    def unseal(self, user_id: int, sealed: str) -> str: ...

    def new_secret(self) -> str: ...

    def otp_uri(self, secret: str, email: str) -> str: ...

    def otp_step(self, secret: str, code: str, now: datetime) -> int | None:
        """The time step a one-time code belongs to (now, or one step either side), or None
        when it is not right."""
        ...


class LoginLimits(Protocol):
    """Failed logins counted per key (an account, an address) in a moving window."""

    def retry_after(self, keys: Sequence[str]) -> int | None:
        """Seconds until every key may try again; None when none is over its limit."""
        ...

    def failed(self, keys: Sequence[str]) -> None: ...
