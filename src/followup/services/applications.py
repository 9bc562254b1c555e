"""Applications: editing, deleting, and recording the outcome (R8, R9)."""

from __future__ import annotations

from followup.domain import choices, limits
from followup.domain.errors import InvalidInput, NotAllowed
from followup.domain.model import AppStatus
from followup.services.context import Deps, replan, required, user_of
from followup.services.views import ApplicationView, PlanView, application_view, plan_view

OUTCOMES = choices.OUTCOMES


def edit_application(deps: Deps, application_id: int, company: str | None = None,
                     position: str | None = None, url: str | None = None) -> ApplicationView:
    with deps.uow() as uow:
        repo = uow.repo
        app = repo.application(application_id)
        if company is not None:
            app.company = required(company, "the company", field="company")
        if position is not None:
            app.position = required(position, "the position", field="position")
        if url is not None:
            app.url = limits.optional_text(url, "the url", limits.URL, "url", lines=False)
        repo.update_application(app)
        result = application_view(app, user_of(repo).timezone)
        uow.commit()
        return result


def delete_application(deps: Deps, application_id: int) -> ApplicationView:
    """Deletes an application with its interviews, contacts, touches and actions."""
    with deps.uow() as uow:
        repo = uow.repo
        app = repo.application(application_id)
        user = user_of(repo)
        # Scheduled messages lose their step with it, and must not go out on their own.
        for action in repo.state(application_id).actions:
            for item in uow.outbox.for_action(user.id or 0, action.id or 0):
                uow.outbox.cancel(item.id or 0)
        repo.delete_application(application_id)
        result = application_view(app, user.timezone)
        uow.commit()
        return result


def record_outcome(deps: Deps, application_id: int, outcome: str) -> PlanView:
    """Records the employer's decision (or the user's withdrawal), or undoes it with `active`."""
    if outcome not in OUTCOMES:
        raise InvalidInput(f"unknown outcome {outcome!r}; use one of {', '.join(OUTCOMES)}")
    with deps.uow() as uow:
        repo = uow.repo
        app = repo.application(application_id)
        status = AppStatus(outcome)
        if status is AppStatus.ACTIVE and app.status in (AppStatus.ACTIVE, AppStatus.STALE):
            raise NotAllowed(f"application {application_id} has no outcome to undo")
        if status is app.status:
            raise NotAllowed(f"application {application_id} is already {outcome}")
        app.status = status
        app.status_at = deps.clock() if status is not AppStatus.ACTIVE else None
        repo.update_application(app)
        state = replan(deps, repo, application_id, deps.clock())
        result = plan_view(state, user_of(repo).timezone)
        uow.commit()
        return result
