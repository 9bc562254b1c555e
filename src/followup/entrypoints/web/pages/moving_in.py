"""Pages: moving in from another tracker: upload a CSV file, map its columns, preview, import."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from followup.domain.errors import FollowupError, InvalidInput
from followup.domain.moving_in import HUNTR, REQUIRED, SOURCES, TARGETS
from followup.entrypoints.web.deps import see_other, services, templates, uploaded
from followup.services import moving_in, transfer
from followup.services.context import Deps

router = APIRouter()

LABELS = {"company": "Company", "position": "Position", "status": "Status",
          "url": "Link to the job posting", "applied_at": "Date applied",
          "interview_at": "Interview date and time", "decision_by": "Decision date",
          "contact": "Contact's name", "contact_email": "Contact's email", "notes": "Notes"}
"""Each target of a column map, in words."""
SOURCE_WORDS = {HUNTR: "Huntr (its CSV export)", "csv": "Another spreadsheet (CSV)"}
SHOWN = 50
"""Rows a preview lists one by one (its counts cover every row)."""


class Uploads:
    """Files uploaded to import, kept in this process while the user maps their columns and
    previews the result: at most KEPT files, each for an hour, under an unguessable key and
    for the user who uploaded it only."""

    KEPT = 3
    HOUR = 3600.0

    def __init__(self) -> None:
        self.files: OrderedDict[str, tuple[float, int | None, str, bytes]] = OrderedDict()

    def keep(self, owner: int | None, name: str, data: bytes) -> str:
        key = secrets.token_urlsafe(24)
        self.files[key] = (time.monotonic(), owner, name, data)
        while len(self.files) > self.KEPT:
            self.files.popitem(last=False)
        return key

    def get(self, owner: int | None, key: str) -> tuple[str, bytes] | None:
        found = self.files.get(key)
        if found is None or time.monotonic() - found[0] > self.HOUR:
            self.files.pop(key, None)
            return None
        return (found[2], found[3]) if found[1] == owner else None

    def drop(self, key: str) -> None:
        self.files.pop(key, None)


def _uploads(request: Request) -> Uploads:
    state = request.app.state
    if not hasattr(state, "uploads"):
        state.uploads = Uploads()
    found: Uploads = state.uploads
    return found


def _page(request: Request, status_code: int = 200, **values: Any) -> Response:
    return templates.TemplateResponse(request, "import.html", {
        "sources": SOURCE_WORDS, "labels": LABELS, "required": REQUIRED, "shown": SHOWN,
        "source": values.pop("source", HUNTR), **values}, status_code=status_code)


def _mapping(form: FormData) -> dict[str, str]:
    """The column map the form chose: {target: column}, without the targets left out."""
    return {t: v.strip() for t in TARGETS
            if isinstance(v := form.get(f"map_{t}"), str) and v.strip()}


def _preview(request: Request, deps: Deps, key: str, name: str, data: bytes, source: str,
             mapping: dict[str, str] | None, status_code: int = 200, **extra: Any
             ) -> Response:
    """The file's columns with the map in use, and what importing it would make."""
    found = moving_in.columns(data, source, name)
    used = found.mapping if mapping is None else mapping
    try:
        preview = moving_in.move_in(deps, data, source, used, dry_run=True, name=name)
    except FollowupError as exc:
        extra.setdefault("error", str(exc))
        status_code, preview = max(status_code, 422), None
    return _page(request, status_code, key=key, name=name, source=source, file=found,
                 mapping=used, preview=preview, **extra)


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, imported: int | None = None,
                passed: int | None = None) -> Response:
    """Moving in from another tracker: choose the file and where it comes from."""
    return _page(request, imported=imported, passed=passed)


@router.post("/import", response_class=HTMLResponse)
async def upload(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """Reads the uploaded file and shows its columns, the map and a preview."""
    form = await request.form(max_files=1, max_fields=10)
    source = form.get("source")
    source = source if isinstance(source, str) and source in SOURCES else HUNTR
    try:
        name, data = await uploaded(form, "file", transfer.LARGEST)
        moving_in.columns(data, source, name)  # a file that is not a sheet goes no further
    except InvalidInput as exc:
        return _page(request, 422, source=source, error=str(exc))
    key = _uploads(request).keep(deps.acting_user(), name, data)
    return _preview(request, deps, key, name, data, source, None)


@router.post("/import/preview", response_class=HTMLResponse)
async def preview_or_import(request: Request,
                            deps: Annotated[Deps, Depends(services)]) -> Response:
    """The preview again with the map chosen, or (`go`) the import itself, all or nothing."""
    form = await request.form(max_files=0, max_fields=40)
    key, source = str(form.get("key", "")), str(form.get("source", ""))
    kept = _uploads(request).get(deps.acting_user(), key)
    if kept is None or source not in SOURCES:
        return _page(request, 410, source=source if source in SOURCES else HUNTR,
                     error="the file uploaded earlier is no longer here; choose it again")
    name, data = kept
    mapping = None if source == HUNTR else _mapping(form)
    if form.get("go") is None:
        return _preview(request, deps, key, name, data, source, mapping)
    try:
        result = moving_in.move_in(deps, data, source, mapping, name=name)
    except FollowupError as exc:
        return _preview(request, deps, key, name, data, source, mapping,
                        status_code=exc.http_status, error=str(exc))
    _uploads(request).drop(key)
    return see_other(f"/import?imported={result.applications}&passed={len(result.passed)}")
