"""Pages: the first visit's setup, and Settings (profile, the playbook's numbers, the feed)."""

from __future__ import annotations

from datetime import time
from functools import cache
from typing import Annotated, Any
from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from followup.config import BY_KEY, POLICY
from followup.entrypoints.web.deps import see_other, services, templates
from followup.services import feed, profile
from followup.services.context import Deps

router = APIRouter()

SAVED = {"profile": "Your profile is saved.", "policy": "The playbook's numbers are saved.",
         "feed": "The calendar feed has a new address; the old one no longer works."}


@cache
def zones() -> list[str]:
    """Every IANA time zone name, sorted, for the time zone picker."""
    return sorted(z for z in available_timezones() if "/" in z or z == "UTC")


def _label(key: str) -> str:
    """'policy.thank_you_grace_days' -> 'Thank you grace days'."""
    return key.removeprefix("policy.").replace("_", " ").capitalize()


def _input(key: str) -> dict[str, Any]:
    """How a setting is typed: the input's type and bounds."""
    item = BY_KEY[key]
    if item.kind is int:
        return {"type": "number", "min": 0, "max": item.most}
    if item.kind is time:
        return {"type": "time"}
    if item.kind is bool:
        return {"type": "yesno"}
    return {"type": "text"}


def _profile_form(request: Request, template: str, values: dict[str, Any],
                  **extra: Any) -> Response:
    return templates.TemplateResponse(request, template, {
        "values": values, "zones": zones(), **extra})


@router.get("/setup", response_class=HTMLResponse)
def setup_page(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """The first visit: who signs the notes, and the time zone every step is planned in."""
    listed = {item["key"]: item["value"] for item in profile.config_list(deps)}
    if listed.get("name"):
        return see_other("/settings")
    return _profile_form(request, "setup.html", {"timezone": "UTC"})


@router.post("/setup")
def setup(request: Request, deps: Annotated[Deps, Depends(services)],
          name: Annotated[str, Form()] = "", email: Annotated[str, Form()] = "",
          timezone: Annotated[str, Form()] = "", country: Annotated[str, Form()] = "") -> Response:
    """Creates the profile, then Today."""
    profile.init(deps, name, email, timezone.strip(), country or None)
    request.app.state.profile_ready = True
    return see_other("/")


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, deps: Annotated[Deps, Depends(services)],
                  saved: str | None = None) -> Response:
    """The profile, the playbook's numbers with their help, and the calendar feed."""
    listed = profile.config_list(deps)
    values = {item["key"]: item["value"] for item in listed}
    policy = [{**item, "label": _label(item["key"]), **_input(item["key"])}
              for item in listed if item["key"].startswith("policy.")]
    token = feed.token(deps)
    feed_url = str(request.url_for("calendar_feed").include_query_params(token=token))
    return _profile_form(request, "settings.html", values, policy=policy, feed_url=feed_url,
                         saved=SAVED.get(saved or ""))


@router.post("/settings/profile")
def save_profile(deps: Annotated[Deps, Depends(services)],
                 name: Annotated[str, Form()] = "", email: Annotated[str, Form()] = "",
                 timezone: Annotated[str, Form()] = "",
                 country: Annotated[str, Form()] = "") -> Response:
    """Changes the profile (a new time zone or country re-plans every open step)."""
    profile.init(deps, name, email, timezone.strip(), country or None)
    return see_other("/settings?saved=profile")


@router.post("/settings/policy")
async def save_policy(request: Request, deps: Annotated[Deps, Depends(services)]) -> Response:
    """Stores the numbers that changed, one by one, each checked as `followup config set`."""
    form = await request.form()
    current = {item["key"]: item["value"] for item in profile.config_list(deps)}
    for item in POLICY:
        text = form.get(item.key)
        if not isinstance(text, str) or not text.strip():
            continue
        if text.strip() != (current.get(item.key) or ""):
            profile.config_set(deps, item.key, text.strip())
    return see_other("/settings?saved=policy")


@router.post("/settings/feed")
def rotate_feed(deps: Annotated[Deps, Depends(services)]) -> Response:
    """A new address for the calendar feed."""
    feed.rotate(deps)
    return see_other("/settings?saved=feed#feed")
