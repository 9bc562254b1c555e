"""A client's link to their coach: who it is, ending it; and a coach inviting a client."""

from __future__ import annotations

from dataclasses import dataclass

from followup.domain.accounts import Role
from followup.domain.errors import NotAllowed
from followup.services import accounts
from followup.services.accounts import AddedUser, hosting
from followup.services.coach_access import me_as_coach
from followup.services.context import Deps
from followup.services.results import doc


@dataclass(frozen=True)
class MyCoach:
    """The coach of the signed-in user."""

    id: int = doc("The coach's id.")
    name: str = doc("The coach's name.")
    email: str = doc("The coach's login address, to write to them.")


@dataclass(frozen=True)
class Unlinked:
    """A link to a coach, ended."""

    coach: str = doc("The name of the coach who no longer sees your follow-up.")
    shares_ended: int = doc("Notes you had shared for review that they no longer see.")


def my_coach(deps: Deps) -> MyCoach | None:
    """The acting user's coach, or None (always None in local mode)."""
    if deps.hosting is None:
        return None
    user_id = deps.acting_user()
    with deps.unit_for(None) as uow:
        me = uow.accounts.get(user_id) if user_id is not None else None
        coach = uow.accounts.get(me.coach_id) if me and me.coach_id is not None else None
    return MyCoach(coach.id, coach.name, coach.email) if coach else None


def end_my_coach(deps: Deps) -> Unlinked:
    """Ends the acting user's link to their coach, and every note share with them."""
    hosting(deps)
    user_id = deps.acting_user()
    with deps.unit_for(None) as uow:
        me = uow.accounts.get(user_id) if user_id is not None else None
        coach = uow.accounts.get(me.coach_id) if me and me.coach_id is not None else None
        if me is None or coach is None:
            raise NotAllowed("you have no coach")
        ended = (deps.coach_templates(uow).end_shares(me.id, coach.id, deps.clock())
                 if deps.coach_templates is not None else 0)
        uow.accounts.set_coach(me.id, None)
        uow.commit()
    return Unlinked(coach.name, ended)


def invite_client(deps: Deps, email: str, name: str) -> AddedUser:
    """A new seeker account coached by the acting coach, with its invitation link (emailed
    when the installation has a relay)."""
    coach = me_as_coach(deps)
    with deps.acting(coach.id).reading() as uow:
        me = uow.repo.user()
    return accounts.add_user(deps, email, name, Role.SEEKER, None, coach_email=coach.email,
                             timezone=me.timezone if me else "UTC")
