"""The calendar feed: a secret token in its URL, so a calendar app can subscribe to the plan."""

from __future__ import annotations

import hmac
import secrets

from followup.domain.errors import NotFound
from followup.services.calendar import Renderer, export
from followup.services.context import Deps, user_of

TOKEN_KEY = "calendar.token"
"""Stored with the user's settings, beside (not among) the settings a user lists and changes."""


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token(deps: Deps) -> str | None:
    """The feed's token: made with the profile (or when asked), never by reading it."""
    with deps.reading() as uow:
        user_of(uow.repo)
        return uow.repo.settings().get(TOKEN_KEY)


def rotate(deps: Deps) -> str:
    """A new token: the old URL stops working (for a URL that was shared by mistake)."""
    fresh = new_token()
    with deps.uow() as uow:
        user_of(uow.repo)
        uow.repo.set_setting(TOKEN_KEY, fresh)
        uow.commit()
    return fresh


def calendar(deps: Deps, given: str | None, render: Renderer) -> bytes:
    """The plan as an iCalendar file, for the holder of the current token only (in hosted
    mode, the token also says whose plan it is)."""
    if deps.hosting is not None and given:
        with deps.unit_for(None) as uow:
            deps = deps.acting(uow.accounts.setting_owner(TOKEN_KEY, given[:200]))
    with deps.uow() as uow:
        expected = uow.repo.settings().get(TOKEN_KEY) if uow.repo.user() else None
    if not expected or not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise NotFound("no calendar at this address; copy the feed's URL from Settings")
    return export(deps, render).data
