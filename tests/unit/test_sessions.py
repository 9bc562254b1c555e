"""`sessions.login` with fakes: an unknown account costs the same password check as a known
one (no timing tells them apart), and every failure counts against the account and the
address alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from followup.domain.accounts import Account, LoginSession, Role
from followup.domain.errors import NotSignedIn, TooManyAttempts
from followup.services import sessions
from followup.services.context import Deps, Hosting

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
HASH = "$argon2id$the-hash-of-anas-password"
ANA = Account(1, "ana@example.org", "Ana", Role.SEEKER, None, None, True, False, NOW)


@dataclass
class FakeCredentials:
    """Records every verify; the password "right" matches HASH."""

    verified: list[tuple[str, str | None]] = field(default_factory=list)
    common: frozenset[str] = frozenset()

    def hash(self, password: str) -> str:
        return HASH

    def verify(self, password: str, password_hash: str | None) -> bool:
        self.verified.append((password, password_hash))
        return password_hash == HASH and password == "right"

    def new_secret(self) -> str:
        return "SECRET"

    def otp_uri(self, secret: str, email: str) -> str:
        return f"otpauth://totp/{email}?secret={secret}"

    def otp_ok(self, secret: str, code: str, now: datetime) -> bool:
        return False


@dataclass
class FakeLimits:
    failures: list[str] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)

    def retry_after(self, keys: Sequence[str]) -> int | None:
        return 60 if self.blocked & set(keys) else None

    def failed(self, keys: Sequence[str]) -> None:
        self.failures.extend(keys)


@dataclass
class FakeAccounts:
    """Ana's account (id 1) and the sessions opened; only what login reads and writes."""

    added: list[LoginSession] = field(default_factory=list)
    ana: Account = ANA

    def find(self, email: str) -> Account | None:
        return self.ana if email == self.ana.email else None

    def password_hash(self, user_id: int) -> str | None:
        return HASH if user_id == self.ana.id else None

    def add_session(self, session: LoginSession) -> None:
        self.added.append(session)


@dataclass
class FakeUnit:
    accounts: FakeAccounts
    commits: int = 0

    def __enter__(self) -> FakeUnit:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def commit(self) -> None:
        self.commits += 1


@dataclass
class Door:
    deps: Deps
    credentials: FakeCredentials
    limits: FakeLimits
    unit: FakeUnit


@pytest.fixture
def door() -> Door:
    credentials, limits = FakeCredentials(), FakeLimits()
    unit = FakeUnit(FakeAccounts())
    hosting = Hosting(credentials, limits, "https://followup.example.org",
                      timedelta(hours=12), timedelta(days=30))

    def unit_for(user: int | None) -> Any:
        return unit

    deps = Deps(unit_for, lambda: NOW, lambda country, years: frozenset(), hosting=hosting)
    return Door(deps, credentials, limits, unit)


@pytest.mark.parametrize("email", ["nobody@example.org", "not an address", ""])
def test_an_unknown_account_still_verifies_a_password_once_with_no_hash(
        door: Door, email: str) -> None:
    with pytest.raises(NotSignedIn) as refused:
        sessions.login(door.deps, email, "right", "203.0.113.7")
    assert door.credentials.verified == [("right", None)]
    assert str(refused.value) == sessions.WRONG
    assert door.unit.accounts.added == [] and door.unit.commits == 0
    assert door.limits.failures == [f"account:{email.strip().lower()}", "address:203.0.113.7"]


def test_a_wrong_password_does_the_same_work_and_says_the_same(door: Door) -> None:
    with pytest.raises(NotSignedIn) as refused:
        sessions.login(door.deps, "Ana@Example.org", "wrong", "203.0.113.7")
    assert door.credentials.verified == [("wrong", HASH)]
    assert str(refused.value) == sessions.WRONG
    assert door.limits.failures == ["account:ana@example.org", "address:203.0.113.7"]


def test_the_right_password_opens_a_session_known_by_its_digest_only(door: Door) -> None:
    login = sessions.login(door.deps, "ana@example.org", "right", "203.0.113.7", "Firefox")
    assert door.credentials.verified == [("right", HASH)]
    assert login.user_id == 1 and not login.pending
    [opened] = door.unit.accounts.added
    assert opened.id != login.token and len(opened.id) == 64  # SHA-256, never the cookie
    assert opened.expires_at == NOW + timedelta(days=30)
    assert (opened.address, opened.agent) == ("203.0.113.7", "Firefox")
    assert door.limits.failures == []


def test_a_locked_out_login_checks_no_password_at_all(door: Door) -> None:
    door.limits.blocked.add("address:203.0.113.7")
    with pytest.raises(TooManyAttempts) as waited:
        sessions.login(door.deps, "ana@example.org", "right", "203.0.113.7")
    assert waited.value.retry_after == 60
    assert door.credentials.verified == []
