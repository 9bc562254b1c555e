"""Logins of a hosted installation: passwords, sessions, access tokens, one-time links and the
second factor. Every answer that could tell whether an account exists is the same either way."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from followup.domain.accounts import (
    RECOVERY_CODES,
    Account,
    LinkPurpose,
    LoginSession,
    Role,
    SessionState,
    account_email,
    check_password,
)
from followup.domain.errors import InvalidInput, NotAllowed, NotFound, NotSignedIn, TooManyAttempts
from followup.domain.limits import SHORT, text
from followup.services.accounts import digest, hosting, new_link
from followup.services.context import Deps
from followup.services.ports import UnitOfWork
from followup.services.results import doc, local

SEEN_EVERY = timedelta(minutes=5)
"""How stale a session's last-seen time may grow before a request writes it again."""
WRONG = "the email or the password is not right"


@dataclass(frozen=True)
class Login:
    """A new login: `token` goes in the cookie, never anywhere else."""

    token: str
    user_id: int
    pending: bool
    """The second factor is still to be given (`second_factor`)."""


@dataclass(frozen=True)
class SignedIn:
    """Who a request comes from: the user, and their role (which pages they may see)."""

    user_id: int
    role: Role


@dataclass(frozen=True)
class SessionView:
    """A login, as Settings lists it."""

    created_at: datetime = doc("When the login began.")
    seen_at: datetime = doc("The last request, to within five minutes.")
    address: str | None = doc("The address it came from.")
    agent: str | None = doc("The browser or app.")
    current: bool = doc("The login this list was asked from.")


@dataclass(frozen=True)
class TokenView:
    """A personal access token, as listed (its value is never shown again)."""

    id: int = doc("The token's id (`token revoke ID`).")
    name: str = doc("What the token is for.")
    created_at: datetime = doc("When it was made.")
    used_at: datetime | None = doc("Its last use, to within five minutes.")
    revoked: bool = doc("A revoked token opens nothing.")


@dataclass(frozen=True)
class NewToken:
    """A token just made: `token` is shown this once."""

    id: int = doc("The token's id.")
    name: str = doc("What the token is for.")
    token: str = doc("The value, for `Authorization: Bearer`; shown once, kept only hashed.")
    created_at: datetime = doc("When it was made.")


@dataclass(frozen=True)
class SecondFactorSetup:
    secret: str
    uri: str
    """An otpauth:// address for an authenticator app (as a QR code or typed)."""


def _limit_keys(email: str, address: str | None) -> list[str]:
    return [f"account:{email.strip().lower()[:320]}", f"address:{address or '-'}"]


def login(deps: Deps, email: str, password: str, address: str | None = None,
          agent: str | None = None) -> Login:
    """Checks the password (the same work for an unknown account) within the limits of failed
    logins, and opens a session: pending while a second factor is due."""
    hosted = hosting(deps)
    keys = _limit_keys(email, address)
    wait = hosted.login_limits.retry_after(keys)
    if wait is not None:
        raise TooManyAttempts("too many failed logins; try again later", retry_after=wait)
    try:
        address_given = account_email(email)
    except InvalidInput:
        address_given = None
    with deps.unit_for(None) as uow:
        found = uow.accounts.find(address_given) if address_given else None
        stored = uow.accounts.password_hash(found.id) if found else None
        right = hosted.credentials.verify(password[:1024], stored)
        if not right or found is None or found.disabled:
            hosted.login_limits.failed(keys)
            raise NotSignedIn(WRONG)
        token = _open_session(deps, uow, found, address, agent)
        uow.commit()
    return Login(token, found.id, found.second_factor)


def _open_session(deps: Deps, uow: UnitOfWork, found: Account, address: str | None,
                  agent: str | None) -> str:
    now, hosted = deps.clock(), hosting(deps)
    token = secrets.token_urlsafe(32)
    state = SessionState.PENDING if found.second_factor else SessionState.ACTIVE
    uow.accounts.add_session(LoginSession(
        digest(token), found.id, state, now, now, now + hosted.session_max,
        (address or "")[:64] or None, (agent or "")[:SHORT] or None))
    return token


def _live(deps: Deps, uow: UnitOfWork, token: str, now: datetime
          ) -> tuple[LoginSession, Account] | None:
    """The session of a cookie's value and its account while it is valid (not idle, not too
    old, its user enabled); an expired one is removed."""
    session = uow.accounts.session(digest(token)) if token else None
    if session is None:
        return None
    hosted = hosting(deps)
    user = uow.accounts.get(session.owner_id)
    if (now >= session.expires_at or now - session.seen_at >= hosted.session_idle
            or user is None or user.disabled):
        uow.accounts.end_session(session.id)
        uow.commit()
        return None
    return session, user


def session_user(deps: Deps, token: str) -> SignedIn | None:
    """The user a session cookie signs in, or None (no session, expired, or pending)."""
    now = deps.clock()
    with deps.unit_for(None) as uow:
        live = _live(deps, uow, token, now)
        if live is None or live[0].state is not SessionState.ACTIVE:
            return None
        session, user = live
        if now - session.seen_at >= SEEN_EVERY:
            uow.accounts.seen(session.id, now)
            uow.commit()
        return SignedIn(user.id, user.role)


def second_factor(deps: Deps, token: str, code: str) -> int:
    """Completes a pending login with a code of the authenticator app or a recovery code."""
    hosted = hosting(deps)
    now = deps.clock()
    with deps.unit_for(None) as uow:
        live = _live(deps, uow, token, now)
        if live is None:
            raise NotSignedIn("the login has expired; sign in again")
        session = live[0]
        keys = [f"otp:{session.owner_id}"]
        wait = hosted.login_limits.retry_after(keys)
        if wait is not None:
            raise TooManyAttempts("too many wrong codes; try again later", retry_after=wait)
        sealed = uow.accounts.second_factor(session.owner_id)
        secret = hosted.credentials.unseal(session.owner_id, sealed) if sealed else None
        code = "".join(code.split())[:64]
        step = hosted.credentials.otp_step(secret, code, now) if secret else None
        ok = step is not None and uow.accounts.use_otp_step(session.owner_id, step)
        if not ok and not uow.accounts.use_code(session.owner_id, digest(code.lower()), now):
            hosted.login_limits.failed(keys)
            raise NotSignedIn("that code is not right")
        uow.accounts.activate(session.id)
        uow.commit()
        return session.owner_id


def logout(deps: Deps, token: str) -> None:
    with deps.unit_for(None) as uow:
        uow.accounts.end_session(digest(token))
        uow.commit()


def sign_out_everywhere(deps: Deps, keep_token: str | None = None) -> int:
    """Ends every login of the acting user but the one asking; how many ended."""
    with deps.unit_for(None) as uow:
        ended = uow.accounts.end_sessions(_me(deps), digest(keep_token) if keep_token else None)
        uow.commit()
    return ended


def _me(deps: Deps) -> int:
    hosting(deps)
    user = deps.acting_user()
    if user is None:
        raise NotSignedIn("sign in first")
    return user


def sessions(deps: Deps, current_token: str | None = None) -> list[SessionView]:
    me = _me(deps)
    with deps.unit_for(me) as uow:
        zone = uow.repo.timezone() or "UTC"
        current = digest(current_token) if current_token else None
        return [SessionView(local(s.created_at, zone), local(s.seen_at, zone), s.address,
                            s.agent, s.id == current) for s in uow.accounts.sessions(me)]


def _check_current(deps: Deps, uow: UnitOfWork, me: int, password: str) -> None:
    hosted = hosting(deps)
    keys = [f"account-user:{me}"]
    wait = hosted.login_limits.retry_after(keys)
    if wait is not None:
        raise TooManyAttempts("too many wrong passwords; try again later", retry_after=wait)
    if not hosted.credentials.verify(password[:1024], uow.accounts.password_hash(me)):
        hosted.login_limits.failed(keys)
        raise InvalidInput("your current password is not right", field="current")


def change_password(deps: Deps, current: str, new: str, keep_token: str | None = None) -> int:
    """Changes the acting user's password and ends their other logins; how many ended."""
    hosted, me = hosting(deps), _me(deps)
    hashed = hosted.credentials.hash(check_password(new, hosted.credentials.common))
    with deps.unit_for(None) as uow:
        _check_current(deps, uow, me, current)
        uow.accounts.set_password(me, hashed, deps.clock())
        ended = uow.accounts.end_sessions(me, digest(keep_token) if keep_token else None)
        uow.commit()
    return ended


def delete_my_account(deps: Deps, password: str) -> dict[str, int]:
    """Deletes the acting user's account and every record, once the password is given."""
    me = _me(deps)
    with deps.unit_for(None) as uow:
        _check_current(deps, uow, me, password)
        admins = [a.id for a in uow.accounts.all() if a.role is Role.ADMIN and not a.disabled]
        if admins == [me]:
            raise NotAllowed("you are the installation's only admin; make another user an "
                             "admin first")
        rows = uow.accounts.delete(me)
        uow.commit()
    return rows


def request_reset(deps: Deps, email: str) -> None:
    """Sends a reset link (1 hour) through the outbox when the account exists; the same
    answer, and the same work, when it does not."""
    from followup.services import account_mail

    hosted = hosting(deps)
    try:
        address = account_email(email)
    except InvalidInput:
        address = None
    now = deps.clock()
    with deps.unit_for(None) as uow:
        found = uow.accounts.find(address) if address else None
        if found is None or found.disabled:
            return
        link = new_link(uow, hosted, found.id, LinkPurpose.RESET, now)
        text_ = (f"Hello {found.name},\n\nSomeone (we hope you) asked to reset your Followup "
                 f"password. Choose a new one here; the link works once, for one hour:\n\n"
                 f"{link}\n\nIf it was not you, ignore this message: your password stays as "
                 "it is.\n")
        account_mail.enqueue(uow, deps, found.id, found.name, found.email,
                             "Reset your Followup password", text_, now)
        uow.commit()


def use_link(deps: Deps, purpose: LinkPurpose, token: str, password: str) -> Login:
    """Sets the password with a one-time link (an invitation or a reset), ends every other
    login of the user, and signs them in."""
    hosted = hosting(deps)
    hashed = hosted.credentials.hash(check_password(password, hosted.credentials.common))
    now = deps.clock()
    with deps.unit_for(None) as uow:
        user_id = uow.accounts.take_link(digest(token[:200]), purpose, now)
        found = uow.accounts.get(user_id) if user_id is not None else None
        if found is None or found.disabled:
            raise NotFound("this link has expired or has been used; ask for a new one")
        uow.accounts.set_password(found.id, hashed, now)
        uow.accounts.end_sessions(found.id)
        login_token = _open_session(deps, uow, found, None, None)
        uow.commit()
    return Login(login_token, found.id, found.second_factor)


def link_valid(deps: Deps, purpose: LinkPurpose, token: str) -> bool:
    """Whether a one-time link can still be used (the page shows the form, or says why not)."""
    hosting(deps)
    with deps.unit_for(None) as uow:
        return uow.accounts.link_owner(digest(token[:200]), purpose, deps.clock()) is not None


def create_token(deps: Deps, name: str) -> NewToken:
    """A personal access token of the acting user, shown once."""
    me = _me(deps)
    name = text(name, "the token's name", 100, "name")
    token = "fu_" + secrets.token_urlsafe(32)
    now = deps.clock()
    with deps.unit_for(me) as uow:
        token_id = uow.accounts.add_token(me, name, digest(token), now)
        zone = uow.repo.timezone() or "UTC"
        uow.commit()
    return NewToken(token_id, name, token, local(now, zone))


def tokens(deps: Deps) -> list[TokenView]:
    me = _me(deps)
    with deps.unit_for(me) as uow:
        zone = uow.repo.timezone() or "UTC"
        return [TokenView(t.id, t.name, local(t.created_at, zone),
                          local(t.used_at, zone) if t.used_at else None, t.revoked_at is not None)
                for t in uow.accounts.tokens(me)]


def revoke_token(deps: Deps, token_id: int, any_user: bool = False) -> None:
    """Revokes one of the acting user's tokens (an admin's command: anyone's)."""
    with deps.unit_for(None) as uow:
        if not uow.accounts.revoke_token(token_id, deps.clock(),
                                         None if any_user else _me(deps)):
            raise NotFound(f"no token with id {token_id}")
        uow.commit()


def token_user(deps: Deps, token: str) -> SignedIn | None:
    """The user an access token acts for, or None (unknown, revoked, user disabled)."""
    if not token.startswith("fu_") or len(token) > 200:
        return None
    now = deps.clock()
    with deps.unit_for(None) as uow:
        found = uow.accounts.token(digest(token))
        if found is None or found.revoked_at is not None:
            return None
        user = uow.accounts.get(found.owner_id)
        if user is None or user.disabled:
            return None
        if found.used_at is None or now - found.used_at >= SEEN_EVERY:
            uow.accounts.token_used(found.id, now)
            uow.commit()
        return SignedIn(user.id, user.role)


def start_second_factor(deps: Deps) -> SecondFactorSetup:
    """A new secret for an authenticator app; kept only once a code proves it was scanned."""
    hosted, me = hosting(deps), _me(deps)
    with deps.unit_for(None) as uow:
        found = uow.accounts.get(me)
    if found is None:
        raise NotSignedIn("sign in first")
    secret = hosted.credentials.new_secret()
    return SecondFactorSetup(secret, hosted.credentials.otp_uri(secret, found.email))


def enable_second_factor(deps: Deps, secret: str, code: str) -> list[str]:
    """Turns the second factor on once a code of `secret` is right; the recovery codes."""
    hosted, me = hosting(deps), _me(deps)
    step = hosted.credentials.otp_step(secret, code, deps.clock())
    if step is None:
        raise InvalidInput("that code is not right; type the six digits your app shows now",
                           field="code")
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    with deps.unit_for(None) as uow:
        uow.accounts.set_second_factor(me, hosted.credentials.seal(me, secret))
        uow.accounts.use_otp_step(me, step)  # the code that proved the scan is spent
        uow.accounts.replace_codes(me, [digest(c) for c in codes])
        uow.commit()
    return codes


def disable_second_factor(deps: Deps, password: str) -> None:
    me = _me(deps)
    with deps.unit_for(None) as uow:
        _check_current(deps, uow, me, password)
        if uow.accounts.second_factor(me) is None:
            raise NotAllowed("the second factor is not on")
        uow.accounts.set_second_factor(me, None)
        uow.accounts.replace_codes(me, [])
        uow.commit()
