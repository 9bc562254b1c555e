"""The JSON API under /api/v1: the same shapes as the CLI's --json, over the same services."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import Field, create_model

from followup.config import PROFILE
from followup.domain.errors import InvalidInput, NotAllowed, NotFound, Remedy
from followup.domain.limits import MAX_ID
from followup.entrypoints.web import api_insights, api_notes
from followup.entrypoints.web import api_models as m
from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services, templates
from followup.services import (
    actions,
    applications,
    calls,
    contacts,
    interviews,
    lookup,
    profile,
    queries,
    transfer,
)
from followup.services import note_views as nv
from followup.services import views as v
from followup.services.actions import DoneView
from followup.services.context import Deps
from followup.services.interviews import InterviewForm, PersonIn, TopicIn
from followup.services.profile import SettingValue, SettingView

router = APIRouter(prefix="/api/v1", tags=["api"], responses=s.ERRORS)
Services = Annotated[Deps, Depends(services)]


# -- reading ----------------------------------------------------------------------------------
TodayShape = create_model(
    "TodayPage", __base__=s.shape(v.AgendaView), __doc__=queries.TodayPage.__doc__,
    next_cursor=(str | None, Field(None, description=(
        "With `limit` only: the `cursor` of the next page; null on the last page."))))


@router.get("/today", response_model=TodayShape)
def today(deps: Services,
          limit: Annotated[int | None, Query(ge=1, le=queries.PAGE_MOST, description=(
              "Pages Today: at most this many steps, and `next_cursor`. Without it, every "
              "step and no `next_cursor`."))] = None,
          cursor: Annotated[str | None, Query(max_length=200, description=(
              "The `next_cursor` of the page before (with `limit`)."))] = None
          ) -> JSONResponse:
    """What to do today: overdue steps first, then what is due (`followup today`)."""
    if limit is None:
        if cursor is not None:
            raise InvalidInput("a cursor continues a paged Today: give `limit` too",
                               field="limit")
        return s.out(queries.today(deps))
    return s.out(queries.today_page(deps, limit, cursor))


@router.get("/agenda", response_model=s.shape(v.AgendaView))
def agenda(deps: Services,
           days: Annotated[int, Query(ge=0, le=3650, description="How many days ahead.")] = 7
           ) -> JSONResponse:
    """What is coming in the next days (`followup agenda`)."""
    return s.out(queries.agenda(deps, days) if days else queries.today(deps))


@router.get("/applications", response_model=s.many(v.ApplicationItem))
def application_list(deps: Services, status: m.StatusName | None = None) -> JSONResponse:
    """Every application with its status and next step (`followup application list`)."""
    return s.out(queries.applications(deps, status))


@router.get("/applications/{application_id}/plan", response_model=s.shape(v.PlanView))
def plan(deps: Services, application_id: m.ApplicationId) -> JSONResponse:
    """Everything about one application: interviews, people, touches, every step."""
    return s.out(queries.application_plan(deps, application_id))


@router.get("/contacts", response_model=s.many(v.ContactView))
def contact_list(deps: Services, application_id: int | None = None) -> JSONResponse:
    """Every contact, or one application's (`followup contact list`)."""
    return s.out(contacts.list_contacts(deps, application_id))


@router.get("/contacts/{contact_id}", response_model=s.shape(v.ContactView))
def contact_show(deps: Services, contact_id: m.ContactId) -> JSONResponse:
    """One contact."""
    return s.out(contacts.show_contact(deps, contact_id))


@router.get("/actions/{action_id}/script", response_model=s.shape(nv.ScriptView))
def call_script(deps: Services, action_id: m.ActionId) -> JSONResponse:
    """What to say on a follow-up call (`followup call script`)."""
    script = calls.script(deps, action_id)
    return s.out(nv.ScriptView(action_id, script.text, script.phone))


@router.get("/export", response_model=s.Document)
def export(deps: Services) -> JSONResponse:
    """Every record as one versioned JSON document (`followup export`)."""
    return s.out(transfer.export(deps))


# -- interviews -------------------------------------------------------------------------------
def _form(body: m.InterviewFields, application_id: int | None = None) -> InterviewForm:
    """The service's form: each person and topic a record, exactly as the body gives them."""
    return InterviewForm(
        company=body.company, position=body.position, at=getattr(body, "start", None),
        end=body.end, duration=body.duration, timezone=body.timezone, format=body.format,
        interviewers=[PersonIn(p.name, p.email, p.title, p.topic, p.honorific, p.first_name,
                               p.family_name) for p in body.interviewers],
        helpers=[PersonIn(h) if isinstance(h, str) else PersonIn(h.name, title=h.title)
                 for h in body.helpers],
        topics=[TopicIn(t.interviewer, t.topic) for t in body.topics],
        forgot=list(body.forgotten), next_step=body.next_step, decision_by=body.decision_by,
        notes=body.notes, application_id=application_id)


@router.post("/interviews", response_model=s.shape(v.InterviewResult), status_code=201)
def interview_add(deps: Services, body: m.InterviewIn) -> JSONResponse:
    """Record an interview (and its application) and plan every follow-up step."""
    return s.out(interviews.add_interview(deps, _form(body, body.application_id)), 201)


@router.patch("/interviews/{interview_id}", response_model=s.shape(v.InterviewResult))
def interview_edit(deps: Services, interview_id: m.InterviewId, body: m.InterviewEdit
                   ) -> JSONResponse:
    """Change an interview (rescheduled, a corrected decision date...) and re-plan; helpers,
    topics and forgotten points go only when the body names them in its `remove_` fields."""
    form = _form(body)
    form.remove_helpers, form.remove_topics = list(body.remove_helpers), list(body.remove_topics)
    form.clear_forgot = body.clear_forgotten
    return s.out(interviews.edit_interview(deps, interview_id, form))


@router.post("/interviews/{interview_id}/cancel", response_model=s.shape(v.InterviewResult))
def interview_cancel(deps: Services, interview_id: m.InterviewId) -> JSONResponse:
    """The employer called the interview off: cancel its steps and re-plan."""
    return s.out(interviews.cancel_interview(deps, interview_id))


# -- steps ------------------------------------------------------------------------------------
@router.get("/actions/{action_id}", response_model=s.shape(v.ActionDetail))
def action_show(deps: Services, action_id: m.ActionId) -> JSONResponse:
    """One step, with its application."""
    return s.out(lookup.action(deps, action_id))


@router.post("/actions/{action_id}/done", response_model=s.shape(DoneView))
def done(deps: Services, action_id: m.ActionId,
         body: Annotated[m.DoneIn | None, Body()] = None) -> JSONResponse:
    """Mark a step done (a note sent, a call made); `late` says a thank-you was late."""
    return s.out(actions.mark_done(deps, action_id, body.at if body else None))


@router.post("/actions/{action_id}/skip", response_model=s.shape(v.ActionView))
def skip(deps: Services, action_id: m.ActionId, body: m.SkipIn) -> JSONResponse:
    """Skip a step, with a reason; it is not planned again."""
    return s.out(actions.skip(deps, action_id, body.reason))


@router.post("/applications/{application_id}/calls", response_model=s.shape(v.PlanView))
def call_log(deps: Services, application_id: m.ApplicationId, body: m.CallIn) -> JSONResponse:
    """Record a call you made; the plan adjusts (`followup call log`)."""
    if not 0 < application_id <= MAX_ID:  # PostgreSQL's row lock runs before the id is checked
        raise NotFound(f"no application with id {application_id}")
    talk = calls.Conversation(body.outcome, body.decision, body.callback, body.decision_by,
                              body.notes)
    return s.out(calls.log_call(deps, application_id, talk))


@router.post("/applications/{application_id}/heard", response_model=s.shape(v.PlanView))
def heard(deps: Services, application_id: m.ApplicationId,
          body: Annotated[m.ConversationIn | None, Body()] = None) -> JSONResponse:
    """The employer got in touch: stop chasing and plan from here."""
    body = body or m.ConversationIn.model_validate({})
    talk = calls.Conversation("reached", None, body.callback, body.decision_by, body.notes)
    return s.out(calls.heard(deps, application_id, talk))


@router.post("/applications/{application_id}/outcome", response_model=s.shape(v.PlanView))
def outcome(deps: Services, application_id: m.ApplicationId, body: m.OutcomeIn) -> JSONResponse:
    """Record the outcome; `active` undoes a mistaken one."""
    return s.out(applications.record_outcome(deps, application_id, body.result))


# -- applications and contacts ----------------------------------------------------------------
@router.patch("/applications/{application_id}", response_model=s.shape(v.ApplicationView))
def application_edit(deps: Services, application_id: m.ApplicationId,
                     body: m.ApplicationEdit) -> JSONResponse:
    """Correct an application's company, position or link."""
    return s.out(applications.edit_application(deps, application_id, body.company,
                                               body.position, body.url))


@router.delete("/applications/{application_id}", response_model=s.shape(v.ApplicationView))
def application_delete(deps: Services, application_id: m.ApplicationId) -> JSONResponse:
    """Delete an application and everything recorded about it; returns what was deleted."""
    return s.out(applications.delete_application(deps, application_id))


def _contact_form(body: m.ContactFields, name: str | None) -> contacts.ContactForm:
    return contacts.ContactForm(name, body.title, body.email, body.phone, body.role,
                                body.confirmed, body.honorific, body.first_name,
                                body.family_name, body.website)


@router.post("/applications/{application_id}/contacts", response_model=s.shape(v.ContactView),
             status_code=201)
def contact_add(deps: Services, application_id: m.ApplicationId, body: m.ContactIn) -> JSONResponse:
    """Add a person to an application (a recruiter unless `role` says otherwise)."""
    return s.out(contacts.add_contact(deps, application_id, _contact_form(body, body.name)),
                 201)


@router.patch("/contacts/{contact_id}", response_model=s.shape(v.ContactView))
def contact_edit(deps: Services, contact_id: m.ContactId, body: m.ContactEdit) -> JSONResponse:
    """Correct a contact's details, or confirm the spelling of their name (`confirmed`)."""
    return s.out(contacts.edit_contact(deps, contact_id, _contact_form(body, body.name)))


# -- profile and settings ---------------------------------------------------------------------
@router.get("/profile", response_model=s.shape(v.UserView))
def profile_show(deps: Services) -> JSONResponse:
    """Your profile: the name and address every note is signed and sent with."""
    keys = {item.key for item in PROFILE}
    found = {item.key: item.value for item in profile.config_list(deps) if item.key in keys}
    if found.get("name") is None:
        raise NotAllowed("no profile yet", remedy=Remedy.INIT)
    return s.out(v.UserView(found["name"] or "", found["email"] or "",
                            found["timezone"] or "", found["country"]))


@router.put("/profile", response_model=s.shape(v.UserView))
def profile_set(deps: Services, body: m.ProfileIn) -> JSONResponse:
    """Create or update your profile (`followup init`)."""
    return s.out(profile.init(deps, body.name, body.email, body.timezone, body.country))


@router.get("/settings", response_model=s.many(SettingView))
def settings_list(deps: Services) -> JSONResponse:
    """Every setting with its value, default and help (`followup config list`)."""
    return s.out(profile.config_list(deps))


@router.get("/settings/{key}", response_model=s.shape(SettingValue))
def setting_get(deps: Services, key: m.SettingKey) -> JSONResponse:
    """One setting's value."""
    return s.out(profile.config_get(deps, key))


@router.put("/settings/{key}", response_model=s.shape(SettingValue))
def setting_set(deps: Services, key: m.SettingKey, body: m.SettingIn) -> JSONResponse:
    """Change one setting; one that moves steps re-plans every open application."""
    return s.out(profile.config_set(deps, key, body.value))


# The notes' operations live in a module of their own, under the same prefix.
router.include_router(api_notes.router)
router.include_router(api_insights.router)


# -- the docs page ----------------------------------------------------------------------------
@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs(request: Request) -> Response:
    """This API, described from its own OpenAPI document (no script, nothing from elsewhere)."""
    return templates.TemplateResponse(request, "api_docs.html",
                                      {"api": _api_only(request.app.openapi()),
                                       "api_url": request.app.openapi_url})


def _api_only(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document without the HTML pages: the API's paths and the shapes they use."""
    paths = {p: item for p, item in document["paths"].items() if p.startswith(router.prefix)}
    shapes = document.get("components", {}).get("schemas", {})
    used: set[str] = set()
    todo: list[Any] = [paths]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            name = str(node.get("$ref", "")).rsplit("/", 1)[-1]
            if name in shapes and name not in used:
                used.add(name)
                todo.append(shapes[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return {**document, "paths": paths,
            "components": {"schemas": {n: s for n, s in shapes.items() if n in used}}}
