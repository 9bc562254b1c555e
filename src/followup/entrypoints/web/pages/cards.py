"""Pages: business-card photos read into the people of an application, checked, then saved."""

from __future__ import annotations

import base64
import binascii

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from followup.domain import choices, limits
from followup.domain.errors import FollowupError, InvalidInput
from followup.entrypoints.web.deps import templates
from followup.entrypoints.web.pages.application import render
from followup.entrypoints.web.pages.fields import Services, done, photos, text, texts
from followup.services import card_photos, lookup

router = APIRouter()

JPEG = "data:image/jpeg;base64,"


def _review(request: Request, deps: Services, application_id: int, scan: card_photos.CardScan,
            rows: list[dict[str, str]], error: FollowupError | None = None) -> HTMLResponse:
    app = lookup.plan_now(deps, application_id).application
    return templates.TemplateResponse(request, "cards_review.html", {
        "app": app, "scan": scan, "rows": rows, "roles": choices.ROLES,
        "error": str(error) if error else None, "error_field": error.field if error else None,
    }, status_code=error.http_status if error else 200)


@router.post("/applications/{application_id}/cards", response_model=None)
async def read_cards(request: Request, application_id: int, deps: Services) -> Response:
    """Reads the card photos and shows each card beside what was read, to check; nothing is
    saved yet."""
    form = await request.form()
    try:
        scan = card_photos.scan_cards(deps, await photos(form, "card"), application_id, images=True)
    except FollowupError as exc:
        return render(request, deps, application_id, form="cards", error=exc)
    rows = [{"name": p.name or "", "title": p.title or "", "organisation": p.organisation or "",
             "email": p.email or "", "phone": p.phone or "", "role": p.role.value,
             "image": p.image or "", "save": "1" if p.name else "", "confirmed": ""}
            for p in scan.contacts]
    return _review(request, deps, application_id, scan, rows)


def _image(value: str) -> bytes | None:
    """A card's image as the review form carried it back (a JPEG data: URL), or None."""
    if not value.startswith(JPEG) or len(value) > limits.PHOTO_BYTES:
        return None
    try:
        return base64.b64decode(value[len(JPEG):], validate=True)
    except (binascii.Error, ValueError):
        return None


def _rows(form: FormData) -> list[dict[str, str]]:
    count = len(texts(form, "name"))
    keys = ("name", "title", "organisation", "email", "phone", "role", "image")
    values = {k: texts(form, k) for k in keys}
    chosen = set(texts(form, "save"))
    confirmed = set(texts(form, "confirmed"))
    rows = []
    for i in range(min(count, limits.PHOTOS)):
        row = {k: values[k][i] if i < len(values[k]) else "" for k in keys}
        row["save"] = "1" if str(i) in chosen else ""
        row["confirmed"] = "1" if str(i) in confirmed else ""
        rows.append(row)
    return rows


@router.post("/applications/{application_id}/cards/save", response_model=None)
async def save_cards(request: Request, application_id: int, deps: Services) -> Response:
    """Saves the people ticked on the review form, as the user corrected them."""
    form = await request.form()
    rows = _rows(form)
    chosen = [r for r in rows if r["save"]]
    try:
        if not chosen:
            raise InvalidInput("tick at least one card to save", field="name")
        card_photos.save_cards(deps, [
            card_photos.CardIn(r["name"], r["title"], r["organisation"], r["email"], r["phone"],
                         bool(r["confirmed"]), _image(r["image"]), r["role"] or None)
            for r in chosen], application_id)
    except FollowupError as exc:
        scan = card_photos.CardScan(False, application_id, None, (), text(form, "kept") == "1")
        return _review(request, deps, application_id, scan, rows, exc)
    return done(f"/applications/{application_id}", "cards")
