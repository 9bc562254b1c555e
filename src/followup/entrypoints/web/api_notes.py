"""The JSON API's notes: drafts, edits, checks, letters, sending by email, the outbox, and the
mail the reply detection could not read."""

from __future__ import annotations

import os
import tempfile
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import JSONResponse, Response

from followup.domain.errors import InvalidInput
from followup.entrypoints.web import api_models as m
from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services
from followup.services import note_views as nv
from followup.services import notes, outbox, replies, sending
from followup.services.context import Deps

router = APIRouter(tags=["notes"], responses=s.ERRORS)
Services = Annotated[Deps, Depends(services)]


NOTE: dict[str, Any] = {"response_model": s.shape(nv.NoteView)}


@router.get("/actions/{action_id}/note", **NOTE)
def note_show(deps: Services, action_id: m.ActionId) -> JSONResponse:
    """The note kept for an action, with the checker's findings."""
    return s.out(notes.show(deps, action_id))


@router.post("/actions/{action_id}/note/draft", **NOTE)
def note_draft(deps: Services, action_id: m.ActionId,
               body: Annotated[m.DraftIn | None, Body()] = None) -> JSONResponse:
    """Write (and keep) a personal draft of a planned note, checked against the playbook."""
    body = body or m.DraftIn.model_validate({})
    return s.out(notes.draft(deps, action_id, body.tone, body.force, body.channel))


@router.put("/actions/{action_id}/note", **NOTE)
def note_edit(deps: Services, action_id: m.ActionId, body: m.NoteEdit) -> JSONResponse:
    """Keep your text of the note in place of the draft; it is checked again."""
    return s.out(notes.edit(deps, action_id, body.body, body.subject))


@router.get("/actions/{action_id}/note/check", response_model=s.shape(nv.CheckView))
def note_check(deps: Services, action_id: m.ActionId) -> JSONResponse:
    """The checker's findings on the note kept for an action."""
    return s.out(notes.check_action(deps, action_id))


@router.post("/notes/check", response_model=s.shape(nv.TextCheckView))
def text_check(deps: Services, body: m.TextCheckIn) -> JSONResponse:
    """Check a text without keeping it: as a step's note being edited (`action_id`), or as a
    note of `kind` to `to` written elsewhere (`followup note check --file`)."""
    if body.action_id is not None:
        return s.out(notes.check_edit(deps, body.action_id, body.body))
    if not body.to:
        raise InvalidInput("give action_id, or to (a name or a contact id) with "
                           "application_id or interview_id")
    return s.out(notes.check_text(deps, body.body, body.to, body.kind, body.application_id,
                                  body.interview_id))


@router.get("/actions/{action_id}/note.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}},
                             "description": "A one-page business letter."}})
def note_pdf(deps: Services, action_id: m.ActionId,
             force: Annotated[bool, Query(description="Print despite errors.")] = False
             ) -> Response:
    """The note as a one-page letter (a fresh draft, not kept, if there is none)."""
    with tempfile.TemporaryDirectory(prefix="followup-letter-") as folder:
        path = os.path.join(folder, "letter.pdf")
        notes.letter(deps, action_id, path, force, keep=False)
        with open(path, "rb") as pdf:
            data = pdf.read()
    return Response(data, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="note-{action_id}.pdf"'})


@router.get("/notes/templates", response_model=list[s.TemplateOut])
def note_templates(deps: Services) -> list[dict[str, str]]:
    """Which template each kind of note uses: yours or the built-in one."""
    return deps.templates.listing() if deps.templates else []


# -- sending by email -------------------------------------------------------------------------
@router.post("/actions/{action_id}/note/send", response_model=s.shape(nv.SentView))
def note_send(deps: Services, action_id: m.ActionId,
              body: Annotated[m.SendIn | None, Body()] = None) -> JSONResponse:
    """Send the note by email now, or at a later time (`at`); the step is done once the mail
    server accepts it. The answer's `state` says what became of it: `sent`, `scheduled`,
    or `failed` / `unknown` (see the outbox)."""
    body = body or m.SendIn.model_validate({})
    answer = body.confirm_spelling
    return s.out(sending.send_note(deps, action_id, body.at, body.force, body.body,
                                   None if answer is None else (lambda _: answer)))


@router.get("/outbox", response_model=s.many(nv.OutgoingView))
def outbox_list(deps: Services,
                limit: Annotated[int, Query(ge=1, le=1000, description="At most this many.")]
                = 200) -> JSONResponse:
    """The messages to send and what became of them, newest first (`followup outbox`)."""
    return s.out(outbox.listing(deps, limit))


@router.get("/mail/skipped", response_model=s.many(nv.SkippedView))
def mail_skipped(deps: Services) -> JSONResponse:
    """The latest messages the mailbox sync could not read, newest first (the Outbox page's
    "Messages not read")."""
    return s.out(replies.skipped(deps))


@router.get("/outbox/{outbox_id}", response_model=s.shape(nv.OutgoingView))
def outbox_show(deps: Services, outbox_id: m.OutboxId) -> JSONResponse:
    """One message of the outbox."""
    return s.out(outbox.show(deps, outbox_id))


@router.post("/outbox/{outbox_id}/resend", response_model=s.shape(nv.OutgoingView))
def outbox_resend(deps: Services, outbox_id: m.OutboxId) -> JSONResponse:
    """Send again a message whose delivery is unknown or failed (the same Message-ID)."""
    return s.out(outbox.resend(deps, outbox_id))


@router.post("/outbox/{outbox_id}/cancel", response_model=s.shape(nv.OutgoingView))
def outbox_cancel(deps: Services, outbox_id: m.OutboxId) -> JSONResponse:
    """Withdraw a message that has not gone out yet."""
    return s.out(outbox.cancel(deps, outbox_id))
