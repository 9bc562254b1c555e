"""The JSON twin of "Add from a card photo": business-card photos read into people (and saved
once checked), as `followup contact scan --json` prints them."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from followup.domain import limits
from followup.domain.errors import InvalidInput
from followup.entrypoints.web import api_models as m
from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services
from followup.services import card_photos
from followup.services.context import Deps

router = APIRouter(prefix="/api/v1", tags=["cards"], responses=s.ERRORS)
Services = Annotated[Deps, Depends(services)]
ENCODED = limits.PHOTO_BYTES * 4 // 3 + 4
"""The longest base64 text of a photo within the limit."""


class CardPhotosIn(BaseModel):
    photos: list[Annotated[str, Field(max_length=ENCODED)]] = Field(
        min_length=1, max_length=limits.PHOTOS,
        description="Each card photo (JPEG, PNG, WebP or HEIC), base64-encoded.")
    application_id: int | None = Field(None, ge=1, le=limits.MAX_ID,
                                       description="Save the people as its contacts.")
    interview_id: int | None = Field(None, ge=1, le=limits.MAX_ID,
                                     description="Save the people as its interviewers.")
    role: m.RoleName | None = Field(None, description="Their role (default: interviewer).")
    save: bool = Field(False, description="Save them; otherwise only what was read.")


def _photo(text: str, number: int) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput(f"photo {number} is not base64", field="photos") from None


@router.post("/contacts/scan", response_model=s.shape(card_photos.CardScan))
def scan_cards(body: CardPhotosIn, deps: Services) -> JSONResponse:
    """Reads business-card photos (a QR code first, then the printed text) into people, each
    field with its confidence and source; saves them with `save` (`followup contact scan`)."""
    photos = [_photo(p, i) for i, p in enumerate(body.photos, 1)]
    scan = card_photos.scan_cards(deps, photos, body.application_id, body.interview_id, body.role,
                            body.save)
    return s.out(scan)
