"""Pages: a coach's examples and templates (publish, withdraw), and a client starting a note
from one of their coach's examples."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from followup.domain.errors import FollowupError
from followup.domain.notes.facts import NOTE_KINDS
from followup.entrypoints.web.deps import is_htmx, see_other, services, templates
from followup.entrypoints.web.pages.notes import highlight
from followup.services import coach_templates
from followup.services.coach_access import me_as_coach
from followup.services.coach_templates import TemplateRefused
from followup.services.context import Deps

router = APIRouter()
Services = Annotated[Deps, Depends(services)]

KINDS = sorted(k.value for k in NOTE_KINDS)
DONE = {"published": "Published: your clients see it in the note editor.",
        "withdrawn": "Withdrawn: your clients no longer see it."}
STARTER = """Subject: Thank you, {{ recipient.name if recipient else "all" }}
Dear {{ recipient.first_name or recipient.name if recipient else "all" }},

Thank you for your time to talk about the {{ position }} role at {{ company }}.
{%- if topic %} I enjoyed our conversation about {{ topic }}.{% endif %}

I look forward to hearing from you.

Best regards,
{{ sender }}
"""


def _page(request: Request, deps: Deps, status: int = 200, **extra: Any) -> Response:
    coach = me_as_coach(deps)
    return templates.TemplateResponse(request, "coach_templates.html", {
        "coach": coach, "published": coach_templates.mine(deps), "kinds": KINDS,
        "values": {"kind": "thank_you", "tone": "", "title": "", "body": STARTER}, **extra},
        status_code=status)


@router.get("/coach/templates", response_class=HTMLResponse)
def templates_page(request: Request, deps: Services, done: str | None = None) -> Response:
    """The coach's published templates, and the form that publishes one."""
    return _page(request, deps, done=DONE.get(done or ""))


@router.post("/coach/templates")
def publish(request: Request, deps: Services, kind: Annotated[str, Form()] = "",
            tone: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
            body: Annotated[str, Form()] = "") -> Response:
    """Publishes a template once the checker passes it; otherwise the form again, with the
    checker's findings on the demo note."""
    values = {"kind": kind, "tone": tone, "title": title, "body": body}
    try:
        coach_templates.publish(deps, kind, tone or None, title, body)
    except TemplateRefused as exc:
        return _page(request, deps, exc.http_status, error=str(exc), values=values,
                     findings=exc.findings, demo=exc.draft,
                     pieces=highlight(exc.draft.body, exc.findings))
    except FollowupError as exc:
        if exc.http_status == 404:
            raise
        return _page(request, deps, exc.http_status, error=str(exc), values=values)
    return see_other("/coach/templates?done=published")


@router.post("/coach/templates/{template_id}/withdraw")
def withdraw(deps: Services, template_id: int) -> Response:
    """Withdraws one of the coach's templates."""
    coach_templates.withdraw(deps, template_id)
    return see_other("/coach/templates?done=withdrawn")


@router.get("/actions/{action_id}/note/examples", response_class=HTMLResponse)
def examples(request: Request, action_id: int, deps: Services) -> Response:
    """The client's coach's examples for this note: inline in the editor (htmx), or a page."""
    found = coach_templates.examples(deps, action_id)
    name = "_coach_example_list.html" if is_htmx(request) else "coach_examples.html"
    return templates.TemplateResponse(request, name, {
        "action_id": action_id, "examples": found})


@router.post("/actions/{action_id}/note/examples/{template_id}")
def start_from(request: Request, action_id: int, template_id: int, deps: Services,
               force: Annotated[str, Form()] = "") -> Response:
    """Drafts the note from the example with the client's own facts, then opens the editor."""
    try:
        coach_templates.draft_from(deps, action_id, template_id, force == "yes")
    except FollowupError as exc:
        if exc.http_status == 404:
            raise
        return templates.TemplateResponse(request, "coach_examples.html", {
            "action_id": action_id, "examples": coach_templates.examples(deps, action_id),
            "error": str(exc), "remedy": exc.remedy, "chosen": template_id},
            status_code=exc.http_status)
    return see_other(f"/actions/{action_id}/note")
