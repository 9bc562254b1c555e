"""The accounts of a hosted installation, as an admin keeps them: add, list, disable, delete."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from followup.domain import calendar as cal
from followup.domain.accounts import (
    LINK_LIFETIME,
    Account,
    LinkPurpose,
    Role,
    account_email,
    account_name,
    check_password,
)
from followup.domain.errors import EnvironmentFault, InvalidInput, NotAllowed, NotFound
from followup.services.context import Deps, Hosting
from followup.services.ports import UnitOfWork
from followup.services.results import doc


@dataclass(frozen=True)
class AccountView:
    """An account as `user list` shows it."""

    id: int = doc("The user's id.")
    email: str = doc("The address the user logs in with.")
    name: str = doc("The user's name.")
    role: Role = doc("seeker, coach or admin.")
    coach: str | None = doc("The email of the user's coach, if they have one.")
    disabled: bool = doc("A disabled user cannot log in; their records are kept.")


@dataclass(frozen=True)
class AddedUser:
    """A new account, and the one-time link that sets its password when none was given."""

    user: AccountView
    invitation: str | None
    """The link (valid 7 days), shown once; None when a password was given."""
    emailed: bool
    """Whether the invitation went to the outbox (an installation relay is set)."""


@dataclass(frozen=True)
class DeletedUser:
    email: str
    rows: dict[str, int]
    """The rows deleted, per table."""


def hosting(deps: Deps) -> Hosting:
    """Hosted mode's dependencies; an error in local mode, which has no accounts."""
    if deps.hosting is None:
        raise NotAllowed("accounts exist only in hosted mode (FOLLOWUP_MODE=hosted)")
    return deps.hosting


def digest(secret: str) -> str:
    """How a token, a session or a link is kept: its SHA-256, never the value."""
    return hashlib.sha256(secret.encode()).hexdigest()


def me_as(deps: Deps, role: Role) -> Account:
    """The acting user when they have `role` and are enabled; NotFound otherwise (a coach's or
    an admin's pages do not exist for anyone else)."""
    hosting(deps)
    user_id = deps.acting_user()
    with deps.unit_for(None) as uow:
        found = uow.accounts.get(user_id) if user_id is not None else None
    if found is None or found.role is not role or found.disabled:
        raise NotFound("there is no such page")
    return found


def _view(uow: UnitOfWork, account: Account) -> AccountView:
    coach = uow.accounts.get(account.coach_id) if account.coach_id is not None else None
    return AccountView(account.id, account.email, account.name, account.role,
                       coach.email if coach else None, account.disabled)


def account(uow: UnitOfWork, email: str) -> Account:
    """The account with that address; NotFound otherwise."""
    found = uow.accounts.find(account_email(email))
    if found is None:
        raise NotFound(f"no user {email.strip()!r}")
    return found


def acting_for(deps: Deps, email: str) -> int:
    """The id of the user a command acts for (`--user EMAIL`); a disabled user is refused."""
    with deps.unit_for(None) as uow:
        found = account(uow, email)
    if found.disabled:
        raise NotAllowed(f"the user {found.email} is disabled; an admin may enable them again")
    return found.id


def _role(text: str | Role) -> Role:
    try:
        return Role(str(text).strip().lower())
    except ValueError:
        raise InvalidInput(f"unknown role {text!r}; use seeker, coach or admin",
                           field="role") from None


def new_link(uow: UnitOfWork, hosted: Hosting, user_id: int, purpose: LinkPurpose,
             now: datetime) -> str:
    """A one-time link for the user (kept as its digest), valid for the purpose's lifetime."""
    token = secrets.token_urlsafe(32)
    uow.accounts.add_link(user_id, purpose, digest(token), now, now + LINK_LIFETIME[purpose])
    path = "/invitation" if purpose is LinkPurpose.INVITE else "/reset"
    return f"{hosted.base_url}{path}/{token}"


def _invite(deps: Deps, uow: UnitOfWork, found: Account, now: datetime) -> tuple[str, bool]:
    from followup.services import account_mail

    link = new_link(uow, hosting(deps), found.id, LinkPurpose.INVITE, now)
    text = (f"Hello {found.name},\n\nAn account on Followup has been made for you. Choose your "
            f"password here (the link works once, for 7 days):\n\n{link}\n\nYour login is "
            f"{found.email}.\n")
    sent = account_mail.enqueue(uow, deps, found.id, found.name, found.email,
                                "Your Followup account", text, now)
    return link, sent


def add_user(deps: Deps, email: str, name: str, role: str | Role = Role.SEEKER,
             password: str | None = None, coach_email: str | None = None,
             timezone: str = "UTC") -> AddedUser:
    """Adds an account; without a password, an invitation link sets it."""
    hosted = hosting(deps)
    address, name, chosen = account_email(email), account_name(name), _role(role)
    cal.zone(timezone)
    hashed = hosted.credentials.hash(check_password(password, hosted.credentials.common)
                                     ) if password is not None else None
    now = deps.clock()
    with deps.unit_for(None) as uow:
        if uow.accounts.find(address) is not None:
            raise NotAllowed(f"a user {address} exists already")
        coach = account(uow, coach_email) if coach_email else None
        if coach is not None and coach.role is not Role.COACH:
            raise InvalidInput(f"{coach.email} is not a coach", field="coach")
        user_id = uow.accounts.add(address, name, chosen, timezone,
                                   coach.id if coach else None, hashed, now)
        added = uow.accounts.get(user_id)
        if added is None:  # pragma: no cover - just written in this transaction
            raise EnvironmentFault("the new user could not be read back")
        link, sent = _invite(deps, uow, added, now) if hashed is None else (None, False)
        view = _view(uow, added)
        uow.commit()
    return AddedUser(view, link, sent)


def list_users(deps: Deps) -> list[AccountView]:
    hosting(deps)
    with deps.unit_for(None) as uow:
        return [_view(uow, a) for a in uow.accounts.all()]


def set_disabled(deps: Deps, email: str, disabled: bool) -> AccountView:
    """Disables (and signs out everywhere) or enables an account; its records are kept."""
    hosting(deps)
    with deps.unit_for(None) as uow:
        found = account(uow, email)
        uow.accounts.set_disabled(found.id, deps.clock() if disabled else None)
        if disabled:
            uow.accounts.end_sessions(found.id)
        changed = uow.accounts.get(found.id)
        assert changed is not None
        view = _view(uow, changed)
        uow.commit()
    return view


def delete_user(deps: Deps, email: str) -> DeletedUser:
    """Deletes an account and every row it owns."""
    hosting(deps)
    with deps.unit_for(None) as uow:
        found = account(uow, email)
        rows = uow.accounts.delete(found.id)
        uow.commit()
    return DeletedUser(found.email, {k: v for k, v in rows.items() if v})


def set_password(deps: Deps, email: str, password: str) -> AccountView:
    """Sets an account's password (an admin's reset) and ends its logins."""
    hosted = hosting(deps)
    hashed = hosted.credentials.hash(check_password(password, hosted.credentials.common))
    with deps.unit_for(None) as uow:
        found = account(uow, email)
        uow.accounts.set_password(found.id, hashed, deps.clock())
        uow.accounts.end_sessions(found.id)
        view = _view(uow, found)
        uow.commit()
    return view


def invite(deps: Deps, email: str) -> AddedUser:
    """A new invitation link for an account (the last one expired, or never arrived)."""
    hosting(deps)
    now = deps.clock()
    with deps.unit_for(None) as uow:
        found = account(uow, email)
        link, sent = _invite(deps, uow, found, now)
        view = _view(uow, found)
        uow.commit()
    return AddedUser(view, link, sent)


def set_coach(deps: Deps, email: str, coach_email: str | None) -> AccountView:
    """Gives an account a coach, another one, or none (`coach_email` None); the notes it
    shared with the coach it leaves stop being shared."""
    hosting(deps)
    now = deps.clock()
    with deps.unit_for(None) as uow:
        found = account(uow, email)
        coach = account(uow, coach_email) if coach_email else None
        if coach is not None and (coach.role is not Role.COACH or coach.id == found.id):
            raise InvalidInput(f"{coach.email} is not a coach", field="coach")
        left = found.coach_id is not None and found.coach_id != (coach.id if coach else None)
        if left and found.coach_id is not None and deps.coach_templates is not None:
            deps.coach_templates(uow).end_shares(found.id, found.coach_id, now)
        uow.accounts.set_coach(found.id, coach.id if coach else None)
        changed = uow.accounts.get(found.id)
        assert changed is not None
        view = _view(uow, changed)
        uow.commit()
    return view
