"""What every route needs: the services' dependencies, the page templates, form helpers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse

from followup.domain import choices, phones, wording
from followup.domain.errors import InvalidInput
from followup.domain.model import CALLS, Channel
from followup.domain.notes.facts import NOTE_KINDS
from followup.entrypoints.web.security import csrf_field, csrf_token
from followup.services.context import Deps
from followup.services.views import ActionView

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
templates.env.globals.update(csrf_field=csrf_field, csrf_token=csrf_token, choices=choices)


def when(moment: datetime | date | None, style: str = "full") -> str:
    """A time of a result (already in the user's zone) or a date as a person reads it:
    'Wed 25 Nov 2026, 14:00'."""
    if moment is None:
        return ""
    if not isinstance(moment, datetime):  # a date without a time
        return f"{moment:%a} {moment.day} {moment:%b %Y}"
    if style == "time":
        return f"{moment:%H:%M}"
    if style == "short":
        return f"{moment:%a} {moment.day} {moment:%b}, {moment:%H:%M}"
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment:%H:%M}"


def words(value: Any) -> str:
    """A code word for people: 'thank_after_decision' -> 'thank after decision'."""
    return str(value or "").replace("_", " ").replace(".", " ")


def step_title(item: ActionView) -> str:
    """'Thank-you note to José Núñez': what the step is, in words."""
    return wording.step_to(item.kind, item.channel, item.contact.name if item.contact else None)


BADGES = {"overdue": "Overdue", "past_target": "Still in time"}
"""The badge of an agenda step in each of Today's states that needs one."""


def step_badge(item: object) -> tuple[str, str] | None:
    """(class, words) of the badge that says where an open step stands, if it needs one."""
    for name, words in BADGES.items():
        if getattr(item, name, False):
            return name, words
    return None


def step_link(item: ActionView) -> tuple[str, str] | None:
    """The page that helps with a step: the call script or the note editor."""
    if item.kind in CALLS and item.channel is Channel.PHONE:
        return f"/actions/{item.id}/call", "Call script"
    if item.kind in NOTE_KINDS and item.channel is not Channel.PHONE:
        return f"/actions/{item.id}/note", "Write the note"
    return None


templates.env.filters.update(when=when, words=words, check=wording.check, step=wording.step,
                             phone=phones.shown)
templates.env.globals.update(step_title=step_title, step_link=step_link, step_badge=step_badge,
                             fix_words=wording.fix_words)


class SetupNeeded(Exception):
    """The home has no profile yet: every page leads to /setup first."""


def services(request: Request) -> Deps:
    """The dependencies the app was built with (`create_app(deps)`), acting for the user the
    edge bound (the home's one user in local mode; a login in hosted mode)."""
    deps: Deps = request.app.state.deps
    if deps.hosting is not None:  # the login `auth.SignIn` found (None at the door)
        return deps.acting(getattr(request.state, "user_id", None))
    return deps


def profile_required(request: Request) -> None:
    """Sends a home without a profile to /setup first (a router dependency of every page)."""
    if request.app.state.profile_ready or request.url.path == "/setup":
        return
    if services(request).hosting is not None:
        return  # an account is made with its profile (its time zone set in Settings)
    deps = services(request)
    with deps.uow() as uow:
        ready = uow.repo.user() is not None
    if not ready:
        raise SetupNeeded
    request.app.state.profile_ready = True  # a profile is never removed from the web


def see_other(url: str) -> RedirectResponse:
    """The answer to a form post that worked: go to `url` (Post/Redirect/Get)."""
    return RedirectResponse(url, status_code=303)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


async def uploaded(form: FormData, field: str, largest: int) -> tuple[str, bytes]:
    """The name and the bytes of the file a form sent in `field`: at most one byte more than
    `largest`, which tells a file that is too big without reading all of it."""
    upload = form.get(field)
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidInput("choose a file to upload", field=field)
    return upload.filename, await upload.read(largest + 1)
