"""Who a coach may look at: their own clients, and nobody else (another id is not found)."""

from __future__ import annotations

from followup.domain.accounts import Account, Role
from followup.domain.errors import NotFound
from followup.services.accounts import me_as
from followup.services.context import Deps


def me_as_coach(deps: Deps) -> Account:
    """The acting user when they are a coach; NotFound otherwise (the coach's pages do not
    exist for anyone else)."""
    return me_as(deps, Role.COACH)


def my_clients(deps: Deps) -> list[Account]:
    """The acting coach's clients, as they were added."""
    coach = me_as_coach(deps)
    with deps.unit_for(None) as uow:
        return uow.accounts.clients(coach.id)


def my_client(deps: Deps, client_id: int) -> tuple[Account, Deps]:
    """One of the acting coach's clients, and the dependencies acting for that client (to
    read their records for the coach's view); NotFound for anyone else's id."""
    coach = me_as_coach(deps)
    with deps.unit_for(None) as uow:
        found = uow.accounts.get(client_id) if 0 < client_id <= 2**31 - 1 else None
    if found is None or found.coach_id != coach.id:
        raise NotFound(f"no client with id {client_id}")
    return found, deps.acting(found.id)
