"""Finding records by what a person knows about them: an action's application, a job by name."""

from __future__ import annotations

import unicodedata

from followup.domain.model import AppStatus
from followup.domain.playbook import settled
from followup.services.context import Deps, user_of
from followup.services.views import (
    ActionDetail,
    PlanNow,
    PlanView,
    action_view,
    application_view,
    extended,
    local,
    plan_view,
)

FOLLOWED = (AppStatus.ACTIVE, AppStatus.STALE)


def action(deps: Deps, action_id: int) -> ActionDetail:
    """One action with its application (what a page about the action needs to link back)."""
    with deps.reading() as uow:
        repo = uow.repo
        tz = user_of(repo).timezone
        found = repo.action(action_id)
        contact = repo.contact(found.contact_id) if found.contact_id else None
        app = repo.application(found.application_id or 0)
        return extended(action_view(found, contact, tz), ActionDetail,
                        application=application_view(app, tz))


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def application_named(deps: Deps, company: str, position: str) -> int | None:
    """The application still followed up for this company and position (case and spacing
    aside), the newest if several; None when there is none."""
    wanted = (_key(company), _key(position))
    if not all(wanted):
        return None
    with deps.reading() as uow:
        found = [a.id for a in uow.repo.applications()
                 if a.status in FOLLOWED and (_key(a.company), _key(a.position)) == wanted]
    return max((i for i in found if i is not None), default=None)


def plan_now(deps: Deps, application_id: int) -> PlanNow:
    """An application's plan with the clock's time and the user's zone, which a page needs to
    mark today."""
    with deps.reading() as uow:
        repo = uow.repo
        tz, now = user_of(repo).timezone, deps.clock()
        plan = plan_view(settled(repo.state(application_id), now), tz)
        return extended(plan, PlanNow, now=local(now, tz), timezone=tz)


def interview_plan(deps: Deps, interview_id: int) -> PlanView:
    """The plan (the `plan` shape) of the application an interview belongs to."""
    with deps.reading() as uow:
        repo = uow.repo
        interview = repo.interview(interview_id)
        state = settled(repo.state(interview.application_id or 0), deps.clock())
        return plan_view(state, user_of(repo).timezone)
