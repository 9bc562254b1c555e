"""Export every record as one versioned JSON document, and import one into an empty home."""

from __future__ import annotations

from typing import Any

from followup.config import MAIL, POLICY, setting
from followup.domain import calendar as cal
from followup.domain.errors import FollowupError, InvalidInput, NotAllowed
from followup.domain.model import User
from followup.domain.playbook import plan
from followup.services.context import (
    Deps,
    check_country,
    check_email,
    holidays_around,
    policy_of,
    required,
    user_of,
)
from followup.services.views import Json, user_json

FORMAT = "followup-export"
VERSION = 1
PORTABLE = frozenset(s.key for s in POLICY + MAIL)
"""Settings an export carries: the playbook's numbers and the mailbox's (never a secret such
as the calendar feed's token, which belongs to one home)."""
TABLES = ("applications", "contacts", "interviews", "participants", "actions", "touches", "notes")


def export(deps: Deps) -> Json:
    with deps.uow() as uow:
        repo = uow.repo
        user = user_of(repo)
        return {"format": FORMAT, "version": VERSION, "user": user_json(user),
                "settings": {k: v for k, v in sorted(repo.settings().items()) if k in PORTABLE},
                **repo.dump()}


def _user(document: dict[str, Any]) -> User:
    data = document.get("user")
    if not isinstance(data, dict):
        raise InvalidInput("the file has no user record")
    timezone = required(data.get("timezone"), "the user's time zone")
    cal.zone(timezone)
    return User(None, required(data.get("name"), "the user's name"),
                check_email(str(data.get("email", ""))), timezone, data.get("country"))


def import_document(deps: Deps, document: Any) -> Json:
    """Checks the whole document, then writes all of it or nothing."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput("this is not a Followup export file")
    if document.get("version") != VERSION:
        raise InvalidInput(f"export version {document.get('version')!r} is not supported "
                           f"(this Followup reads version {VERSION})")
    tables = {name: document.get(name, []) for name in TABLES}
    for name, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InvalidInput(f"{name!r} must be a list of records")
    settings = document.get("settings", {})
    if not isinstance(settings, dict):
        raise InvalidInput("'settings' must be an object")
    for key, value in settings.items():
        if key not in PORTABLE:
            raise InvalidInput(f"setting {key!r} is not one an export holds")
        setting(str(key)).parse(str(value))
    user = _user(document)
    user.country = check_country(deps, user.country)
    with deps.uow() as uow:
        repo = uow.repo
        existing = repo.user()
        if existing is not None and repo.applications():
            raise NotAllowed("this home already holds applications; import into an empty home")
        if existing is None:
            repo.add_user(user)
        else:
            user.id = existing.id
            repo.update_user(user)
        for key, value in settings.items():
            repo.set_setting(str(key), str(value))
        try:
            repo.load(tables)
            now, policy = deps.clock(), policy_of(repo)
            if policy.problems():
                raise InvalidInput("the file's settings contradict each other: "
                                   + "; ".join(policy.problems()))
            holidays = holidays_around(deps, user, now)
            for app in repo.applications():
                plan(repo.state(app.id or 0), now, policy, holidays)  # every record usable
        except FollowupError:
            raise
        except Exception as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InvalidInput(f"the file's records do not fit together: {first}") from None
        uow.commit()
        return {"imported": {name: len(rows) for name, rows in tables.items()}}
