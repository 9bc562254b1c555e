"""Ticking off steps: done (a contact that happened) or skipped (with a reason)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from followup.config import policy_from
from followup.domain.errors import InvalidInput, NotAllowed
from followup.domain.model import (
    CALLS,
    Action,
    Application,
    ApplicationState,
    Channel,
    Kind,
    Status,
    Touch,
    TouchKind,
)
from followup.domain.playbook import plan
from followup.services import notes
from followup.services.context import (
    Deps,
    holidays_around,
    parse_moment,
    replanned,
    required,
    user_of,
)
from followup.services.note_views import FindingView, findings_view
from followup.services.ports import Batches, Repository
from followup.services.views import ActionView, action_view, doc, extended

CONTACTS = frozenset(CALLS) | {Kind.THANK_YOU, Kind.THANK_AFTER_DECISION, Kind.THANK_HELPERS,
                               Kind.WITHDRAWAL_NOTE, Kind.LAST_NOTE}
"""Kinds whose completion is a contact with the employer, recorded as a touch."""


def locked_action(repo: Repository, action_id: int) -> Action:
    """The action, read again once its application's row is held. Every change to an
    application's steps takes that lock first (re-planning does), so two writers never wait
    for each other in a circle: one holding a step's row, the other the application's."""
    repo.lock_application(repo.action(action_id).application_id or 0)
    return repo.action(action_id)


def locked_step(repo: Repository, action_id: int) -> tuple[ApplicationState, Action]:
    """The step's application, read once its row is held (as `locked_action`), and the step
    within it: what a use case that re-plans needs, read once."""
    state = repo.state(repo.action(action_id).application_id or 0, for_update=True)
    return state, next(a for a in state.actions if a.id == action_id)


def record_done(deps: Deps, repo: Repository, state: ApplicationState, action: Action,
                done_at: datetime, now: datetime) -> ApplicationState:
    """Marks a locked, open step of `state` done at `done_at`; a call or a note is also a
    contact the candidate started. Returns the application re-planned."""
    _mark_done(repo, state, action, done_at)
    return replanned(deps, repo, state, now)


def _mark_done(repo: Repository, state: ApplicationState, action: Action,
               done_at: datetime) -> None:
    action.status, action.done_at = Status.DONE, done_at
    repo.save_actions([action])
    touch = _contact_made(action, done_at)
    if touch is not None:
        state.touches.append(repo.add_touch(touch))


def complete(deps: Deps, repo: Repository, action_id: int, at: datetime) -> None:
    """The step of a note the server took is done (as marking it done by hand records it)."""
    state, action = locked_step(repo, action_id)
    if action.is_open:
        record_done(deps, repo, state, action, at, at)


def complete_many(deps: Deps, batches: Batches, steps: Collection[tuple[int, int]],
                  at: datetime) -> int:
    """The steps of notes the server took, (owner, action id) of any owners, are done: their
    applications (held, in one order), users and settings are read together, each application
    is re-planned once however many of its steps there are, and the changes are written
    together. A step whose application is gone meanwhile is left. How many steps were done."""
    located = batches.applications_of(steps)
    wanted: dict[tuple[int, int], set[int]] = {}
    for (owner, action_id), application_id in located.items():
        wanted.setdefault((owner, application_id), set()).add(action_id)
    states = batches.states(wanted, for_update=True)
    owners = {owner for owner, _ in states}
    users, settings = batches.users(owners), batches.settings(owners)
    done: list[tuple[int, Action]] = []
    touches: list[tuple[int, Touch]] = []
    held: list[tuple[tuple[int, int], ApplicationState]] = []
    for key, state in sorted(states.items()):
        owner, application_id = key
        # Each record answers for its owner: a state of another owner's application, or of
        # another application, would be a fault of the reads, never a step to complete.
        assert state.application.id == application_id
        assert all(a.application_id == application_id for a in state.actions)
        steps_here = [a for a in state.actions if a.id in wanted[key] and a.is_open]
        if not steps_here:
            continue
        for action in steps_here:
            action.status, action.done_at = Status.DONE, at
            done.append((owner, action))
            touch = _contact_made(action, at)
            if touch is not None:
                state.touches.append(touch)
                touches.append((owner, touch))
        held.append((key, state))
    batches.save_actions(done)
    batches.add_touches(touches)
    changed: list[tuple[int, Action]] = []
    moved: list[tuple[int, Application]] = []
    for (owner, _), state in held:
        user = users[owner]
        assert user.id == owner
        result = plan(state, at, policy_from(settings[owner]), holidays_around(deps, user, at))
        changed.extend((owner, action) for action in result.changed_from(state.actions))
        if result.status is not state.application.status:
            state.application.status = result.status
            moved.append((owner, state.application))
    batches.save_actions(changed)
    batches.update_applications(moved)
    return len(done)


def _contact_made(action: Action, at: datetime) -> Touch | None:
    """The contact a done step records (a call or a note), or None."""
    if action.kind not in CONTACTS:
        return None
    kind = TouchKind.CALL_MADE if action.channel is Channel.PHONE else TouchKind.NOTE_SENT
    return Touch(None, action.application_id, kind, at, action.contact_id, action.id)


def _open(repo: Repository, action_id: int) -> tuple[ApplicationState, Action]:
    state, action = locked_step(repo, action_id)
    if not action.is_open:
        raise NotAllowed(f"action {action_id} is already {action.status}")
    return state, action


@dataclass(frozen=True, slots=True)
class DoneView(ActionView):
    """A step just marked done."""

    late: bool = doc("A thank-you note that went out after its deadline.")
    held_back: bool = doc("The step's kept note has errors the checker holds it back for "
                          "(it may have gone out as it was).")
    findings: tuple[FindingView, ...] = doc("The checker's findings on the kept note.")


def _view(repo: Repository, state: ApplicationState, action: Action) -> ActionView:
    return action_view(action, state.contact(action.contact_id), user_of(repo).timezone)


def mark_done(deps: Deps, action_id: int, at: str | None = None) -> DoneView:
    """Marks a step done; a call or a note also counts as a contact the candidate started.
    `held_back` says that the step's kept note has errors the checker holds it back for."""
    with deps.uow() as uow:
        repo = uow.repo
        state, action = _open(repo, action_id)
        now = deps.clock()
        done_at = parse_moment(at, user_of(repo).timezone) if at else now
        if done_at > now:
            raise InvalidInput("a step cannot be done in the future")
        state = record_done(deps, repo, state, action, done_at, now)
        # R2: a thank-you after its deadline is late; say so, and let it go all the same.
        late = action.kind is Kind.THANK_YOU and done_at > action.deadline
        # A note the checker held back may have gone out as it was: say so, never refuse.
        note = repo.note(action_id)
        findings = list(note.findings) if note else []
        result = extended(_view(repo, state, action), DoneView, late=late,
                          held_back=not notes.ok(findings), findings=findings_view(findings))
        uow.commit()
        return result


def skip(deps: Deps, action_id: int, reason: str) -> ActionView:
    """Skips a step the user will not take; it is not planned again."""
    with deps.uow() as uow:
        repo = uow.repo
        state, action = _open(repo, action_id)
        action.status, action.reason = Status.SKIPPED, required(reason, "the reason")
        repo.save_actions([action])
        state = replanned(deps, repo, state, deps.clock())
        result = _view(repo, state, action)
        uow.commit()
        return result
