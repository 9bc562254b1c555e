"""Pages: the people list, with a vCard upload, a "Paste a signature" box, and the records
that look like the same person offered for merging."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from followup import bootstrap
from followup.domain import limits
from followup.domain.errors import FollowupError, InvalidInput
from followup.domain.model import Source
from followup.entrypoints.web.deps import templates
from followup.entrypoints.web.pages.fields import (
    Services,
    done,
    forget_done,
    optional,
    text,
    what_was_done,
)
from followup.entrypoints.web.pages.lists import paged
from followup.services import cards, people, queries
from followup.services.context import Deps

router = APIRouter()

DONE = {
    "saved": "Saved; the spelling is marked as confirmed.",
    "merged": "Merged: one person, with every interview, contact made and step.",
}
IMPORTED = re.compile(r"^imported-(\d+)-(\d+)-(\d+)$")


def _said(code: str | None) -> str | None:
    """The message of the form that led here: a fixed one, or an import's counts."""
    found = IMPORTED.match(code or "")
    if found is None:
        return DONE.get(code or "")
    added, updated, skipped = (int(n) for n in found.groups())
    said = f"From the vCard: {added} added, {updated} updated."
    if skipped:
        said += (f" {skipped} left out: no application could be told from their company; "
                 "choose the application and import the file again.")
    return said


def render(request: Request, deps: Deps, page: int = 1, *, form: str | None = None,
           error: FollowupError | None = None, values: dict[str, Any] | None = None,
           proposal: cards.Proposal | None = None, said: str | None = None) -> HTMLResponse:
    """The people page; a failed form comes back with its message beside it."""
    found = people.people(deps)
    return templates.TemplateResponse(request, "contacts.html", {
        **paged(list(found.contacts), page), "duplicates": found.duplicates,
        "applications": queries.applications(deps), "form": form,
        "error": str(error) if error else None, "values": values or {},
        "proposal": proposal, "done": _said(said),
    }, status_code=error.http_status if error else 200)


@router.get("/contacts", response_class=HTMLResponse)
def contacts_page(request: Request, deps: Services,
                  page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                  application: Annotated[int | None, Query(ge=1, le=limits.MAX_ID)] = None
                  ) -> Response:
    """Every person met or written to: where the spelling of each name came from, their
    numbers as people at home write them, and the records that look like one person; with
    `application`, its forms add people to that application."""
    chosen = {"application_id": str(application)} if application else None
    return forget_done(render(request, deps, page, said=what_was_done(request),
                              values=chosen))


def _application(form: FormData) -> int | None:
    chosen = optional(form, "application_id")
    if chosen is None:
        return None
    if not chosen.isdigit() or int(chosen) > limits.MAX_ID:
        raise InvalidInput("choose an application from the list", field="application_id")
    return int(chosen)


@router.post("/contacts/import", response_model=None)
async def import_vcard(request: Request, deps: Services) -> Response:
    """The people of an uploaded vCard file: added, or updated when already known."""
    form = await request.form(max_files=1, max_fields=10)
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InvalidInput("choose a vCard file (.vcf) to import", field="file")
        data = await upload.read(limits.CARD_FILE + 1)
        result = cards.import_vcards(deps, data, bootstrap.read_vcards, _application(form))
    except FollowupError as exc:
        return render(request, deps, form="import", error=exc)
    return done("/contacts", f"imported-{len(result.added)}-{len(result.updated)}-"
                             f"{len(result.skipped)}")


@router.post("/contacts/signature", response_model=None)
async def read_signature(request: Request, deps: Services) -> Response:
    """The person a pasted signature names, shown in a form to check before saving."""
    form = await request.form(max_files=0, max_fields=10)
    typed = {"signature": text(form, "signature"),
             "application_id": text(form, "application_id")}
    try:
        proposal = cards.read_signature(deps, typed["signature"], _application(form))
    except FollowupError as exc:
        return render(request, deps, form="signature", error=exc, values=typed)
    return render(request, deps, form="review", proposal=proposal, values={
        "name": proposal.name, "title": proposal.title or "",
        "organisation": proposal.organisation or "", "email": proposal.email or "",
        "phone": proposal.phones_shown[0] if proposal.phones_shown else "",
        "website": proposal.website or "", "application_id": typed["application_id"]})


@router.post("/contacts/signature/save", response_model=None)
async def save_signature(request: Request, deps: Services) -> Response:
    """Saves the person as the user corrected them: spelling confirmed."""
    form = await request.form(max_files=0, max_fields=20)
    typed = {k: text(form, k) for k in ("name", "title", "organisation", "email", "phone",
                                        "website", "application_id")}
    try:
        application_id = _application(form)
        if application_id is None:
            raise InvalidInput("choose the application this person belongs to",
                               field="application_id")
        person = cards.person_from(
            typed["name"], source=Source.EMAIL, title=typed["title"],
            organisation=typed["organisation"], email=typed["email"], phone=typed["phone"],
            website=typed["website"])
        cards.save_person(deps, application_id, person)
    except FollowupError as exc:
        return render(request, deps, form="review", error=exc, values=typed)
    return done("/contacts", "saved")


@router.post("/contacts/merge", response_model=None)
async def merge(request: Request, deps: Services) -> Response:
    """Merges a pair the list offered: the other record into the kept one."""
    form = await request.form(max_files=0, max_fields=10)
    try:
        keep, other = (text(form, k) for k in ("keep_id", "other_id"))
        if not (keep.isdigit() and other.isdigit()):
            raise InvalidInput("merge the two contacts the list offers")
        people.merge_contacts(deps, int(keep), int(other))
    except FollowupError as exc:
        return render(request, deps, form="merge", error=exc)
    return done("/contacts", "merged")
