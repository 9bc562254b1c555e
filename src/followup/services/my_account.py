"""A signed-in user's own account in hosted mode: who they are, their data, their tokens. Every
use case here refuses local mode, which has no accounts."""

from __future__ import annotations

from dataclasses import dataclass

from followup.domain.accounts import Role
from followup.domain.errors import NotFound, NotSignedIn
from followup.services import sessions, transfer
from followup.services.accounts import hosting
from followup.services.context import Deps
from followup.services.results import doc
from followup.services.sessions import TokenView
from followup.services.views import Json


@dataclass(frozen=True)
class MyAccount:
    """The signed-in user's account."""

    id: int = doc("The user's id.")
    email: str = doc("The address they sign in with.")
    name: str = doc("Their name.")
    role: Role = doc("seeker, coach or admin.")
    second_factor: bool = doc("Whether signing in also asks for a code of an authenticator app.")


@dataclass(frozen=True)
class Ended:
    """Logins ended at the user's request."""

    ended: int = doc("How many logins were ended (the one that asked is kept).")


def hosted_only(deps: Deps) -> None:
    """NotAllowed in local mode, where there is no account to look after."""
    hosting(deps)


def _me(deps: Deps) -> int:
    hosting(deps)
    user = deps.acting_user()
    if user is None:
        raise NotSignedIn("sign in first")
    return user


def account(deps: Deps) -> MyAccount:
    """The acting user's account as they see it (never the password's hash)."""
    me = _me(deps)
    with deps.unit_for(None) as uow:
        found = uow.accounts.get(me)
    if found is None:
        raise NotSignedIn("sign in first")
    return MyAccount(found.id, found.email, found.name, found.role, found.second_factor)


def export(deps: Deps) -> Json:
    """Every record of the acting user, in the export file's format."""
    _me(deps)
    return transfer.export(deps)


def revoke_token(deps: Deps, token_id: int) -> TokenView:
    """Revokes one of the acting user's tokens (again: no change); the token as it is now.
    Another user's token is NotFound, as one that never was."""
    _me(deps)
    mine = {token.id: token for token in sessions.tokens(deps)}
    if token_id not in mine:
        raise NotFound(f"no token with id {token_id}")
    if not mine[token_id].revoked:
        sessions.revoke_token(deps, token_id)
    return next(token for token in sessions.tokens(deps) if token.id == token_id)
