"""Pages: one application — its plan drawn on a time axis, its records, and what can be done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from followup.domain import timing
from followup.domain.errors import FollowupError, InvalidInput
from followup.domain.model import CALLS, DECIDED, Channel, Status
from followup.domain.notes.facts import NOTE_KINDS
from followup.entrypoints.web import timeline
from followup.entrypoints.web.deps import see_other, step_title, templates
from followup.entrypoints.web.pages.fields import (
    Services,
    done,
    forget_done,
    optional,
    safe_next,
    text,
    what_was_done,
)
from followup.entrypoints.web.pages.outbox import DONE as MAIL_DONE
from followup.services import applications, calls, contacts, lookup, outbox
from followup.services.calls import Conversation
from followup.services.context import Deps
from followup.services.views import ActionView, PlanNow

router = APIRouter()

DONE = {
    "interview": "Saved; the plan below is up to date.",
    "call": "Call logged; the plan is updated.",
    "heard": "Noted that they got in touch; the chasing stops and the plan starts from here.",
    "outcome": "Outcome recorded; the plan is updated.",
    "edited": "Application saved.",
    "cancelled": "Interview cancelled, with its steps.",
    "confirmed": "Spelling confirmed.",
    "contact": "Contact saved.",
    "cards": "The people from the cards are saved; their steps are planned.",
}
OUTCOME_BUTTONS = (("offer", "Offer"), ("hired", "Hired"), ("rejected", "Rejected"),
                   ("withdrawn", "Withdrawn"))


def conversation(form: FormData, outcome: str | None = None) -> Conversation:
    """A call's or a reply's form as the services' Conversation."""
    return Conversation(outcome=outcome or text(form, "outcome") or "reached",
                        decision=optional(form, "decision"), callback=optional(form, "callback"),
                        decision_by=optional(form, "decision_by"), notes=optional(form, "notes"))


def step_links(action: ActionView) -> dict[str, str]:
    """Where a step is worked on: its note editor or its call script."""
    links = {}
    if action.kind in NOTE_KINDS and action.channel is not Channel.PHONE:
        links["note"] = f"/actions/{action.id}/note"
    if action.kind in CALLS and action.channel is Channel.PHONE:
        links["call"] = f"/actions/{action.id}/call"
    return links


@dataclass(frozen=True, slots=True)
class StepRow:
    """A step as the page lists it: its title, links and where it stands."""

    step: ActionView
    title: str
    links: dict[str, str]
    overdue: bool
    past_target: bool
    when: str


def _steps(plan: PlanNow) -> list[StepRow]:
    now = plan.now
    shown = []
    for a in plan.actions:
        planned = a.status is Status.PLANNED
        state = timing.state(a.earliest, a.due, a.deadline, now) if planned else None
        shown.append(StepRow(a, step_title(a), step_links(a), state is timing.Timing.OVERDUE,
                             state is timing.Timing.PAST_TARGET,
                             timing.label(a.earliest, a.due, a.deadline, now,
                                          a.due.tzinfo or UTC) if planned else ""))
    return shown


def render(request: Request, deps: Deps, application_id: int, *, form: str | None = None,
           error: FollowupError | None = None, values: dict[str, str] | None = None,
           said: str | None = None) -> HTMLResponse:
    """The application page; a failed form comes back with its message and what was typed."""
    plan = lookup.plan_now(deps, application_id)
    emailed = [a.id for a in plan.actions if a.kind in NOTE_KINDS and a.channel is Channel.EMAIL]
    return templates.TemplateResponse(request, "application.html", {
        "mail": outbox.latest_by_action(deps, emailed),
        "plan": plan, "app": plan.application, "tl": timeline.layout(plan),
        "steps": _steps(plan), "contacts": {c.id: c for c in plan.contacts},
        "done": DONE.get(said or "") or MAIL_DONE.get(said or ""), "form": form,
        "error": str(error) if error else None,
        "values": values or {}, "outcomes": OUTCOME_BUTTONS,
        "decided": plan.application.status in DECIDED,
    }, status_code=error.http_status if error else 200)


def _typed(form: FormData) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrftoken"}


@router.get("/applications/{application_id}", response_class=HTMLResponse)
def show(request: Request, application_id: int, deps: Services) -> HTMLResponse:
    page = render(request, deps, application_id, said=what_was_done(request))
    forget_done(page)
    return page


async def _change(request: Request, deps: Deps, application_id: int, which: str, said: str,
                  change: Callable[[FormData], object], keep: bool = True) -> Response:
    """Applies a form to the application: back to its page (303), or to the local page the
    form names in `next` (the board's cards do), saying `said`; or the application's page
    again with the error beside the form `which` (and what was typed, when `keep`)."""
    form = await request.form()
    try:
        change(form)
    except FollowupError as exc:
        return render(request, deps, application_id, form=which, error=exc,
                      values=_typed(form) if keep else None)
    return done(safe_next(text(form, "next"), f"/applications/{application_id}"), said)


@router.post("/applications/{application_id}/calls", response_model=None)
async def log_call(request: Request, application_id: int, deps: Services) -> Response:
    """A call the user made: its outcome, the decision, a call-back time (R5)."""
    return await _change(request, deps, application_id, "call", "call", lambda form:
                         calls.log_call(deps, application_id, conversation(form)))


@router.post("/applications/{application_id}/heard", response_model=None)
async def heard(request: Request, application_id: int, deps: Services) -> Response:
    """The employer got in touch (R10)."""
    return await _change(request, deps, application_id, "heard", "heard", lambda form:
                         calls.heard(deps, application_id, conversation(form, "reached")))


@router.post("/applications/{application_id}/outcome", response_model=None)
async def outcome(request: Request, application_id: int, deps: Services) -> Response:
    """The employer's decision or the user's withdrawal; `active` undoes it (R8, R9)."""
    return await _change(request, deps, application_id, "outcome", "outcome", lambda form:
                         applications.record_outcome(deps, application_id,
                                                     text(form, "outcome")), keep=False)


@router.post("/applications/{application_id}/edit", response_model=None)
async def edit(request: Request, application_id: int, deps: Services) -> Response:
    """Corrects the company, the position or the job posting's link."""
    return await _change(request, deps, application_id, "edit", "edited", lambda form:
                         applications.edit_application(deps, application_id,
                                                       text(form, "company"),
                                                       text(form, "position"),
                                                       text(form, "url")))


@router.post("/applications/{application_id}/delete", response_model=None)
async def delete(request: Request, application_id: int,
                 deps: Services) -> HTMLResponse | Response:
    """Deletes the application and all its records, once the box is ticked."""
    form = await request.form()
    try:
        if text(form, "confirm") != "yes":
            raise InvalidInput("tick the box to confirm: deleting cannot be undone")
        applications.delete_application(deps, application_id)
    except FollowupError as exc:
        return render(request, deps, application_id, form="delete", error=exc)
    return see_other("/applications")


@router.post("/applications/{application_id}/contacts/{contact_id}/confirm",
             response_model=None)
async def confirm_spelling(application_id: int, contact_id: int, deps: Services) -> Response:
    """The name is spelled as on the card: the checker trusts it from now on."""
    contacts.edit_contact(deps, contact_id, contacts.ContactForm(confirmed=True))
    return done(f"/applications/{application_id}", "confirmed")
