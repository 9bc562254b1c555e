"""The JSON twin of a coach's templates, and of a client's "Start from your coach's example"."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path
from fastapi.responses import JSONResponse
from pydantic import Field, StringConstraints

from followup.domain import limits
from followup.entrypoints.web import api_models as m
from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services
from followup.services import coach_templates as ct
from followup.services import note_views as nv
from followup.services.context import Deps
from followup.services.views import jsonable

router = APIRouter(prefix="/api/v1", tags=["coaching"], responses=s.ERRORS)
Services = Annotated[Deps, Depends(services)]
TemplateId = Annotated[int, Path(ge=1, le=limits.MAX_ID, description="A coach's template's id.",
                                 examples=[1])]


class TemplateIn(m.Body):
    kind: Annotated[str, Field(description="The kind of note: thank_you, thank_after_decision, "
                               "withdrawal_note, last_note, thank_helpers or inquiry.",
                               examples=["thank_you"])]
    tone: Annotated[str | None, Field(description="formal or warm; none: either.",
                                      examples=["warm"])] = None
    title: Annotated[str, StringConstraints(min_length=1, max_length=ct.MAX_TITLE),
                     Field(examples=["Thank-you after a panel"])]
    body: Annotated[str, StringConstraints(min_length=1, max_length=limits.LONG),
                    Field(description="'Subject: ...' on the first line, then the note (a "
                          "sandboxed Jinja2 template over the note's facts).",
                          examples=["Subject: Thank you\nDear {{ recipient.name }},\n\nThank "
                                    "you for meeting me about the {{ position }} role.\n\n"
                                    "Best regards,\n{{ sender }}"])]


class FromTemplateIn(m.Body):
    force: bool = Field(False, description="Replace your own edits of the note.")


@router.get("/coach/templates", response_model=s.many(ct.CoachTemplateView))
def template_list(deps: Services) -> JSONResponse:
    """The signed-in coach's published templates, the newest first (404 for a non-coach)."""
    return s.out(ct.mine(deps))


@router.post("/coach/templates", response_model=s.shape(ct.CoachTemplateView),
             status_code=201, responses={422: {"model": s.ErrorOut, "description": (
                 "The input cannot be used, or the checker holds the template back: then "
                 "`findings` lists what it found in the demo note, `demo` is that note")}})
def template_publish(deps: Services, body: TemplateIn) -> JSONResponse:
    """Publishes a template to the coach's clients: it is drafted with demo facts and checked
    first, and a checker error refuses it (422 with the findings)."""
    try:
        made = ct.publish(deps, body.kind, body.tone, body.title, body.body)
    except ct.TemplateRefused as exc:
        return JSONResponse({"error": {"type": "InvalidInput", "message": str(exc),
                                       "field": exc.field, "remedy": None},
                             "findings": jsonable(exc.findings), "demo": jsonable(exc.draft)},
                            status_code=422)
    return s.out(made, 201)


@router.delete("/coach/templates/{template_id}", response_model=s.shape(ct.CoachTemplateView))
def template_withdraw(deps: Services, template_id: TemplateId) -> JSONResponse:
    """Withdraws one of the coach's templates: clients no longer see it."""
    return s.out(ct.withdraw(deps, template_id))


@router.get("/actions/{action_id}/note/examples", response_model=s.many(ct.ExampleView))
def examples(deps: Services, action_id: m.ActionId) -> JSONResponse:
    """The templates the user's coach published for this note's kind (none without a coach)."""
    return s.out(ct.examples(deps, action_id))


@router.post("/actions/{action_id}/note/examples/{template_id}",
             response_model=s.shape(nv.NoteView))
def start_from(deps: Services, action_id: m.ActionId, template_id: TemplateId,
               body: Annotated[FromTemplateIn | None, Body()] = None) -> JSONResponse:
    """Drafts the note from one of the coach's templates with your own facts, in place of the
    draft (your edits need `force`, as a new draft does)."""
    chosen = body or FromTemplateIn(force=False)
    return s.out(ct.draft_from(deps, action_id, template_id, chosen.force))
