"""Accounts of a hosted installation: roles, what a password must be, links and their lifetimes."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from followup.domain import limits
from followup.domain.errors import InvalidInput


class Role(StrEnum):
    SEEKER = "seeker"
    COACH = "coach"
    ADMIN = "admin"


class LinkPurpose(StrEnum):
    INVITE = "invite"
    """Sets the first password of an account an admin (or a coach) added."""
    RESET = "reset"
    """Sets a new password after "Forgot password"."""


LINK_LIFETIME = {LinkPurpose.INVITE: timedelta(days=7), LinkPurpose.RESET: timedelta(hours=1)}

MIN_PASSWORD = 10
MAX_PASSWORD = 1024
"""Longer is refused before hashing: hashing megabytes on request is a way to stall a server."""

RECOVERY_CODES = 10


@dataclass(frozen=True)
class Account:
    """A user of a hosted installation, as an admin sees it (never the password's hash)."""

    id: int
    email: str
    name: str
    role: Role
    coach_id: int | None
    disabled_at: datetime | None
    has_password: bool
    second_factor: bool
    created_at: datetime

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None


def account_email(text: str) -> str:
    """An account's address as stored: checked, trimmed and in lower case (logins ignore case)."""
    return limits.email(text, "email").lower()


def account_name(text: str) -> str:
    return limits.text(text, "the name", field="name")


def check_password(password: str, common: Container[str]) -> str:
    """The password when it may be used: at least 10 characters, not one of the most common."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD} characters",
                           field="password")
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(f"a password has at most {MAX_PASSWORD} characters", field="password")
    if password.lower() in common:
        raise InvalidInput("that password is among the most common ones; choose another",
                           field="password")
    return password


class SessionState(StrEnum):
    ACTIVE = "active"
    PENDING = "pending"
    """The password was right; the second factor is still to be given."""


@dataclass(frozen=True)
class LoginSession:
    """A login, known by the SHA-256 of its cookie (`id`)."""

    id: str
    owner_id: int
    state: SessionState
    created_at: datetime
    seen_at: datetime
    expires_at: datetime
    address: str | None
    agent: str | None


@dataclass(frozen=True)
class AccessToken:
    """A personal access token of the API, as listed (its value is shown once, never kept)."""

    id: int
    owner_id: int
    name: str
    created_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None
