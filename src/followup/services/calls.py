"""Calls and replies: logging a call (R5), hearing back from the employer (R10), call scripts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followup.domain import calendar as cal
from followup.domain import choices, limits
from followup.domain.errors import InvalidInput, NotAllowed
from followup.domain.model import (
    CALLS,
    DECIDED,
    Action,
    ApplicationState,
    AppStatus,
    CallOutcome,
    Status,
    Touch,
    TouchKind,
)
from followup.domain.playbook import answered_call
from followup.domain.scripts import CallScript, call_script
from followup.services.context import (
    Deps,
    holidays_around,
    parse_date_or_phrase,
    parse_moment,
    replanned,
    required,
    user_of,
)
from followup.services.ports import Repository
from followup.services.views import PlanView, plan_view

DECISIONS = choices.DECISIONS


@dataclass
class Conversation:
    """What came of a call or a reply."""

    outcome: str = "reached"
    decision: str | None = None
    callback: str | None = None
    decision_by: str | None = None
    notes: str | None = None


def _touch(deps: Deps, repo: Repository, state: ApplicationState, kind: TouchKind,
           talk: Conversation, at: datetime) -> Touch:
    user = user_of(repo)
    live = [i for i in state.interviews if not i.cancelled]
    tz = live[-1].timezone if live else user.timezone
    touch = Touch(None, state.application.id, kind, at,
                  notes=limits.optional_text(talk.notes, "the notes", field="notes"))
    if talk.callback:
        touch.callback_at = parse_moment(talk.callback, tz, field="callback")
        if touch.callback_at <= at:
            raise InvalidInput("the call-back time must be later than now", field="callback")
    if talk.decision_by:
        touch.decision_date = parse_date_or_phrase(
            deps, talk.decision_by, cal.local_date(at, tz), holidays_around(deps, user, at))
        touch.decision_phrase = required(talk.decision_by, "the decision date",
                                         field="decision_by")
    return touch


def _decide(repo: Repository, state: ApplicationState, decision: str | None,
            at: datetime) -> None:
    if decision in (None, "pending"):
        return
    if decision not in DECISIONS:
        raise InvalidInput(f"unknown decision {decision!r}; use one of {', '.join(DECISIONS)}")
    app = state.application
    app.status, app.status_at = AppStatus(decision), at
    repo.update_application(app)


def log_call(deps: Deps, application_id: int, talk: Conversation,
             step: int | None = None) -> PlanView:
    """R5: the call answers one open call action (`step`, else the one the playbook would
    make next); the outcome decides what comes next."""
    try:
        outcome = CallOutcome(talk.outcome)
    except ValueError:
        raise InvalidInput(f"unknown outcome {talk.outcome!r}; use reached, voicemail or "
                           "no_answer") from None
    if outcome is not CallOutcome.REACHED and (talk.decision not in (None, "pending")
                                               or talk.callback or talk.decision_by):
        raise InvalidInput("a decision, call-back time or decision date needs a call that "
                           "reached someone")
    with deps.uow() as uow:
        repo = uow.repo
        now = deps.clock()
        state = repo.state(application_id, for_update=True)
        if state.application.status in DECIDED:
            raise NotAllowed(f"application {application_id} is already "
                             f"{state.application.status}")
        touch = _touch(deps, repo, state, TouchKind.CALL_MADE, talk, now)
        touch.outcome = outcome
        answered = _answered(repo, state, step) if step else answered_call(state.actions, now)
        if answered is not None:
            answered.status, answered.done_at = Status.DONE, now
            repo.save_actions([answered])
            touch.action_id, touch.contact_id = answered.id, answered.contact_id
        state.touches.append(repo.add_touch(touch))
        _decide(repo, state, talk.decision, now)
        state = replanned(deps, repo, state, now)
        result = plan_view(state, user_of(repo).timezone)
        uow.commit()
        return result


def _answered(repo: Repository, state: ApplicationState, step: int) -> Action:
    """The open call step `step` of the application, which the call answers."""
    action = next((a for a in state.actions if a.id == step), None)
    if action is None:  # not this application's: say what it is
        other = _call(repo, step)
        raise InvalidInput(f"action {step} belongs to application {other.application_id}, "
                           f"not {state.application.id}", field="step")
    if action.kind not in CALLS:
        raise _not_a_call(action)
    if not action.is_open:
        raise NotAllowed(f"action {step} is already {action.status}")
    return action


def heard(deps: Deps, application_id: int, talk: Conversation) -> PlanView:
    """R10: the employer got in touch; the chasing stops and the plan starts from here."""
    with deps.uow() as uow:
        repo = uow.repo
        now = deps.clock()
        state = repo.state(application_id, for_update=True)
        touch = _touch(deps, repo, state, TouchKind.CALL_RECEIVED, talk, now)
        state.touches.append(repo.add_touch(touch))
        state = replanned(deps, repo, state, now)
        result = plan_view(state, user_of(repo).timezone)
        uow.commit()
        return result


def _call(repo: Repository, action_id: int) -> Action:
    """The action, which must be a call (an id of another kind of step says what it is)."""
    action = repo.action(action_id)
    if action.kind not in CALLS:
        raise _not_a_call(action)
    return action


def _not_a_call(action: Action) -> NotAllowed:
    return NotAllowed(f"action {action.id} is a {action.kind.value.replace('_', ' ')}, "
                      "not a call", field="step")


def script(deps: Deps, action_id: int) -> CallScript:
    """R5: the script for a call action, with the number to call."""
    with deps.reading() as uow:
        repo = uow.repo
        action = _call(repo, action_id)
        return call_script(action, repo.state(action.application_id or 0), user_of(repo))
