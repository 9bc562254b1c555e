"""Page: a contact's details, with how a note greets them (honorific, first and family name)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followup.domain import choices
from followup.domain.errors import FollowupError
from followup.entrypoints.web.deps import templates
from followup.entrypoints.web.pages.fields import Services, done, text
from followup.services import contacts
from followup.services.context import Deps

router = APIRouter()

FIELDS = ("name", "honorific", "first_name", "family_name", "title", "email", "phone")
"""The fields of the form, in its order (as the contact's result names them)."""


def _page(request: Request, deps: Deps, contact_id: int, typed: dict[str, str] | None = None,
          error: FollowupError | None = None) -> HTMLResponse:
    contact = contacts.show_contact(deps, contact_id)
    values = typed or {k: str(getattr(contact, k) or "") for k in FIELDS}
    return templates.TemplateResponse(request, "contact_form.html", {
        "contact": contact, "values": values, "honorifics": choices.HONORIFICS,
        "error": str(error) if error else None,
        "where": (error.field if error and error.field in FIELDS else "name") if error else None,
    }, status_code=error.http_status if error else 200)


@router.get("/contacts/{contact_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, contact_id: int, deps: Services) -> HTMLResponse:
    return _page(request, deps, contact_id)


@router.post("/contacts/{contact_id}/edit", response_model=None)
async def edit(request: Request, contact_id: int, deps: Services) -> HTMLResponse | Response:
    """Keeps the details as typed; an empty first or family name is guessed from the name
    again, and "none" greets them by their full name."""
    form = await request.form()
    typed = {k: text(form, k) for k in FIELDS}
    try:
        saved = contacts.edit_contact(deps, contact_id, contacts.ContactForm(
            typed["name"], typed["title"], typed["email"], typed["phone"],
            honorific=typed["honorific"] or "none", first_name=typed["first_name"],
            family_name=typed["family_name"]))
    except FollowupError as exc:
        return _page(request, deps, contact_id, typed, exc)
    return done(f"/applications/{saved.application_id}", "contact")
