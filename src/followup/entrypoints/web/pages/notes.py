"""Pages: the note editor — the draft, edits checked as you type, copy, mailto, a PDF letter,
and sending it by email (now or later)."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from followup.domain import wording
from followup.domain.errors import FollowupError, InvalidInput, NotFound
from followup.domain.notes.facts import Severity
from followup.entrypoints.web.deps import see_other, templates
from followup.entrypoints.web.pages.fields import (
    Services,
    done,
    forget_done,
    text,
    what_was_done,
)
from followup.entrypoints.web.pages.outbox import DONE as MAIL_DONE
from followup.services import lookup, notes, reviews, sending
from followup.services.context import Deps
from followup.services.note_views import CheckView, FindingView, NoteView
from followup.services.reviews import CommentView

router = APIRouter()

RANK = {"error": 2, "warning": 1}
REVIEW_DONE = {"shared": "Shared with your coach: they read the note as you save it.",
               "withdrawn": "No longer shared: your coach does not see this note."}


def highlight(body: str, findings: Sequence[FindingView]) -> list[dict[str, Any]]:
    """The body cut where findings start and end: each piece with the findings over it (their
    numbers in the list, those that end with it, the worst severity), so the page can <mark>
    them and number each finding once, where it ends."""
    spans = [(f.start, f.end, n) for n, f in enumerate(findings, start=1)
             if f.start is not None and f.end is not None and 0 <= f.start < f.end <= len(body)]
    end_of = {n: e for _, e, n in spans}
    cuts = sorted({0, len(body), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        over = [n for s, e, n in spans if s <= start and end <= e]
        worst = max((findings[n - 1].severity for n in over), key=lambda s: RANK.get(s, 0),
                    default=None)
        ends = [n for n in over if end_of[n] == end]
        pieces.append({"text": body[start:end], "findings": over, "ends": ends,
                       "severity": worst,
                       "messages": "; ".join(findings[n - 1].message for n in over)})
    return pieces


def comment_pieces(body: str, comments: Sequence[CommentView]) -> list[dict[str, Any]]:
    """The body cut where a coach's comments start and end, as for the checker's findings
    (`highlight`): each comment's number where its span ends."""
    return highlight(body, [FindingView("comment", Severity.WARNING, c.body, c.start, c.end,
                                        None) for c in comments])


def mailto(note: NoteView) -> str | None:
    """A mailto: link that opens the note in the user's mail program, or None without an
    address to send it to."""
    if note.to is None or not note.to.email:
        return None
    body = note.body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (f"mailto:{quote(note.to.email, safe='@')}?subject={quote(note.subject, safe='')}"
            f"&body={quote(body, safe='')}")


def _findings_view(body: str, result: CheckView, action_id: int) -> dict[str, Any]:
    """The text with its findings marked (`fix_words` says each fix against `body`)."""
    return {"pieces": highlight(body, result.findings), "findings": result.findings,
            "ok": result.ok, "body": body, "action_id": action_id}


def _page(request: Request, deps: Deps, action_id: int, *, body: str | None = None,
          subject: str | None = None, checked: dict[str, Any] | None = None,
          error: FollowupError | None = None, where: str | None = None, saved: bool = False,
          sent: bool = False, typed: dict[str, str] | None = None,
          said: str | None = None) -> HTMLResponse:
    """The editor; `body` and `subject` are text typed but not saved, `checked` the checker's
    view of the body."""
    note = notes.preview(deps, action_id)  # a draft is kept only when asked: GET writes nothing
    action = lookup.action(deps, action_id)
    shown = note.body if body is None else body
    view = checked or _findings_view(note.body, note, action_id)
    review = reviews.for_editor(deps, action_id)
    return templates.TemplateResponse(request, "note.html", {
        "note": note, "action": action, "app": action.application, "body": shown,
        "subject": note.subject if subject is None else subject,
        "view": view, "mailto": mailto(note), "error": str(error) if error else None,
        "remedy": error.remedy if error else None,
        "where": where, "saved": saved, "unsaved": (body is not None and body != note.body)
        or (subject is not None and subject != note.subject),
        "mail": sending.readiness(deps, action_id), "typed": typed or {}, "sent": sent,
        "said": said, "review": review,
        "review_pieces": comment_pieces(note.body, review.comments) if review else [],
    }, status_code=error.http_status if error else 200)


@router.get("/actions/{action_id}/note", response_class=HTMLResponse)
def editor(request: Request, action_id: int, deps: Services) -> HTMLResponse:
    said = what_was_done(request)
    page = _page(request, deps, action_id, saved=said == "saved", sent=said == "sent",
                 said=MAIL_DONE.get(said or "") or REVIEW_DONE.get(said or ""))
    forget_done(page)
    return page


@router.post("/actions/{action_id}/note", response_model=None)
async def save(request: Request, action_id: int, deps: Services) -> HTMLResponse | Response:
    """Keeps the edited text (checked again); "Check" only checks it, keeping nothing."""
    form = await request.form()
    body, subject = text(form, "body"), form.get("subject")
    try:
        if "check" in form:
            result = notes.check_edit(deps, action_id, body)
            return _page(request, deps, action_id, body=body,
                         checked=_findings_view(result.body or body, result, action_id))
        notes.edit(deps, action_id, body, text(form, "subject") if subject is not None else None)
    except FollowupError as exc:
        where = "subject" if exc.field == "subject" else "body"
        shown = subject if isinstance(subject, str) else None  # a file in its place: none
        return _page(request, deps, action_id, body=body, subject=shown, error=exc,
                     where=where)
    return done(f"/actions/{action_id}/note", "saved")


@router.post("/actions/{action_id}/note/check", response_class=HTMLResponse)
async def check(request: Request, action_id: int, deps: Services) -> HTMLResponse:
    """The checker's findings on the text as typed, highlighted; nothing is kept (htmx)."""
    form = await request.form()
    try:
        result = notes.check_edit(deps, action_id, text(form, "body"))
    except FollowupError as exc:
        if isinstance(exc, NotFound):
            raise
        return templates.TemplateResponse(request, "_note_findings.html",
                                          {"view": None, "problem": str(exc)})
    view = _findings_view(result.body or "", result, action_id)
    return templates.TemplateResponse(request, "_note_findings.html", {"view": view})


@router.post("/actions/{action_id}/note/fix", response_class=HTMLResponse)
async def fix(request: Request, action_id: int, deps: Services) -> HTMLResponse:
    """Makes one finding's suggested fix in the text as it was checked, and shows the editor
    with the fixed text, checked again; nothing is kept until the user saves."""
    form = await request.form()
    body = text(form, "body")
    try:
        result = notes.apply_fix(deps, action_id, body, text(form, "rule"),
                                 _position(form, "start"), _position(form, "end"))
    except FollowupError as exc:
        if isinstance(exc, NotFound):
            raise
        return _page(request, deps, action_id, body=body, error=exc)
    return _page(request, deps, action_id, body=result.body,
                 checked=_findings_view(result.body or "", result, action_id))


def _position(form: FormData, name: str) -> int | None:
    value = text(form, name)
    return int(value) if value.isdigit() else None


@router.get("/checker", response_class=HTMLResponse)
def checker_rules(request: Request, deps: Services) -> HTMLResponse:
    """Why each of the checker's rules exists (the editor's "Why this rule?" links here)."""
    rules = [r for r in notes.checker_rules(deps) if r.on]
    return templates.TemplateResponse(request, "checker.html", {
        "rules": rules, "errors": [wording.check(r.rule).lower() for r in rules
                                   if r.severity is Severity.ERROR]})


@router.post("/actions/{action_id}/note/keep")
def keep(action_id: int, deps: Services) -> Response:
    """Keeps the draft the page showed, as it is."""
    notes.keep(deps, action_id)
    return done(f"/actions/{action_id}/note", "saved")


@router.post("/actions/{action_id}/note/draft", response_model=None)
async def redraft(request: Request, action_id: int, deps: Services) -> HTMLResponse | Response:
    """A new draft in the chosen tone and channel; replacing your edits needs the box ticked."""
    form = await request.form()
    try:
        notes.draft(deps, action_id, text(form, "tone") or None, text(form, "force") == "yes",
                    text(form, "channel") or None)
    except FollowupError as exc:
        return _page(request, deps, action_id, error=exc, where="draft")
    return see_other(f"/actions/{action_id}/note")


@router.get("/actions/{action_id}/note.pdf", response_model=None)
def letter(request: Request, action_id: int, deps: Services,
           force: str | None = None) -> HTMLResponse | Response:
    """The note as a one-page letter; a note with errors only when "print anyway" is ticked."""
    with tempfile.TemporaryDirectory(prefix="followup-letter-") as folder:
        path = Path(folder) / f"note-{action_id}.pdf"
        try:
            notes.letter(deps, action_id, str(path), force == "yes", keep=False)
        except FollowupError as exc:
            if isinstance(exc, NotFound):
                raise
            return _page(request, deps, action_id, error=exc, where="pdf")
        content = path.read_bytes()
    return Response(content, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="note-{action_id}.pdf"'})


@router.post("/actions/{action_id}/note/send", response_model=None)
async def send(request: Request, action_id: int, deps: Services) -> HTMLResponse | Response:
    """Sends the saved note by email now, or puts it in the outbox for later ("Send at");
    the page it returns to says what became of it."""
    form = await request.form()
    typed = {k: text(form, k) for k in ("at", "force", "confirm_spelling")}
    try:
        contact = sending.readiness(deps, action_id).contact
        if contact and not contact.confirmed and typed["confirm_spelling"] != "yes":
            raise InvalidInput(f"tick the box once you have checked the spelling of "
                               f"{contact.name!r} (on their card or signature)")
        sending.send_note(deps, action_id, at=typed["at"].strip() or None,
                          force=typed["force"] == "yes",
                          confirm_spelling=lambda _: typed["confirm_spelling"] == "yes")
    except FollowupError as exc:
        if isinstance(exc, NotFound):
            raise
        return _page(request, deps, action_id, error=exc, where="send", typed=typed)
    return done(f"/actions/{action_id}/note#send-heading", "sent")


def _review_step(request: Request, deps: Deps, action_id: int,
                 step: Callable[[Deps, int], object], said: str) -> HTMLResponse | Response:
    """Shares or withdraws the note; a refusal is shown in the editor's review section."""
    try:
        step(deps, action_id)
    except FollowupError as exc:
        if isinstance(exc, NotFound):
            raise
        return _page(request, deps, action_id, error=exc, where="review")
    return done(f"/actions/{action_id}/note#review-heading", said)


@router.post("/actions/{action_id}/note/share", response_model=None)
def share(request: Request, action_id: int, deps: Services) -> HTMLResponse | Response:
    """Shares the note with the user's coach for review."""
    return _review_step(request, deps, action_id, reviews.share, "shared")


@router.post("/actions/{action_id}/note/withdraw", response_model=None)
def withdraw(request: Request, action_id: int, deps: Services) -> HTMLResponse | Response:
    """Stops sharing the note with the coach."""
    return _review_step(request, deps, action_id, reviews.withdraw, "withdrawn")
