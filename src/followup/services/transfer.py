"""Export every record as one versioned JSON document, and import one into an empty home."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from followup.config import MAIL, POLICY, setting
from followup.domain import calendar as cal
from followup.domain import limits
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
from followup.services.ports import Repository
from followup.services.views import Json, jsonable, user_view

FORMAT = "followup-export"
VERSION = 1
PORTABLE = frozenset(s.key for s in POLICY + MAIL)
"""Settings an export carries: the playbook's numbers and the mailbox's (never a secret such
as the calendar feed's token, which belongs to one home)."""
MAIL_KEYS = frozenset(s.key for s in MAIL)
"""Settings an import takes only when asked: they say where mail goes and who reads it."""
LARGEST = 50 * 1024 * 1024
"""The largest file an import reads (an export of thousands of applications is a few MB)."""
DEEPEST = 16
"""The deepest nesting of objects and lists an import reads (an export nests four deep)."""
TABLES = ("applications", "contacts", "interviews", "participants", "actions", "touches", "notes")


def export(deps: Deps) -> Json:
    with deps.uow() as uow:
        repo = uow.repo
        user = user_of(repo)
        return {"format": FORMAT, "version": VERSION, "user": jsonable(user_view(user)),
                "settings": {k: v for k, v in sorted(repo.settings().items()) if k in PORTABLE},
                **repo.dump()}


def read_document(data: bytes, name: str = "the file") -> Any:
    """The JSON document in `data` (at most LARGEST bytes, DEEPEST levels); anything else is
    an InvalidInput that says what is wrong with the file."""
    if len(data) > LARGEST:
        raise InvalidInput(f"{name} is larger than {LARGEST // 2**20} MB; "
                           "a Followup export is much smaller")
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is not a JSON file: it is not UTF-8 text") from None
    except RecursionError:
        raise InvalidInput(f"{name} is nested too deeply to be a Followup export") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{name} is not a JSON file: {exc}") from None
    except ValueError:  # Python reads no number of more than 4300 digits
        raise InvalidInput(f"{name} holds a number of more than 4300 digits; "
                           "it is not a Followup export") from None
    if _depth(document) > DEEPEST:
        raise InvalidInput(f"{name} is nested too deeply to be a Followup export")
    return document


def _depth(document: Any) -> int:
    """How deep objects and lists nest in `document`, counted without recursion."""
    deepest, level, layer = 0, 0, [document]
    while layer and level <= DEEPEST:
        containers = [v for v in layer if isinstance(v, dict | list)]
        if containers:
            level += 1
            deepest = level
        layer = [c for v in containers for c in (v.values() if isinstance(v, dict) else v)]
    return deepest if not layer else DEEPEST + 1


def _user(document: dict[str, Any]) -> User:
    data = document.get("user")
    if not isinstance(data, dict):
        raise InvalidInput("the file has no user record")
    timezone = required(data.get("timezone"), "the user's time zone", limits.ZONE, "timezone")
    cal.zone(timezone)
    country = data.get("country")
    if country is not None and not isinstance(country, str):
        raise InvalidInput("the user's country must be a country code such as IE")
    user = User(None, required(data.get("name"), "the user's name", field="name"),
                check_email(data.get("email", "")), timezone, country)
    limits.check_user(user)
    return user


def _settings(document: dict[str, Any], with_mail: bool) -> tuple[dict[str, str], list[str]]:
    """The file's settings to take, each checked, and the mail settings left out (unless
    `with_mail`)."""
    settings = document.get("settings", {})
    if not isinstance(settings, dict):
        raise InvalidInput("'settings' must be an object")
    taken, left = {}, []
    for key, value in settings.items():
        if key not in PORTABLE:
            raise InvalidInput(f"setting {key!r} is not one an export holds")
        if not isinstance(value, str):
            raise InvalidInput(f"setting {key!r} must be text, as an export writes it")
        setting(key).parse(value)
        if key in MAIL_KEYS and not with_mail:
            left.append(key)
        else:
            taken[key] = value
    return taken, sorted(left)


def _check_records(repo: Repository, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Every loaded record meets the rules of the CLI and the API."""
    for app in repo.applications():
        limits.check_state(repo.state(app.id or 0))
    for n, note in enumerate(tables["notes"], 1):
        limits.text(note.get("subject"), f"the subject of note {n}", limits.LONG)
        limits.text(note.get("body"), f"the text of note {n}", limits.LONG)


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import wrote: records per table, and the mail settings it left out."""

    imported: Mapping[str, int]
    settings_left_out: tuple[str, ...]


def import_document(deps: Deps, document: Any, with_settings: bool = False) -> Imported:
    """Checks the whole document, then writes all of it or nothing; mail settings are taken
    only `with_settings`."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput("this is not a Followup export file")
    if document.get("version") != VERSION:
        raise InvalidInput(f"export version {document.get('version')!r} is not supported "
                           f"(this Followup reads version {VERSION})")
    tables = {name: document.get(name, []) for name in TABLES}
    for name, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InvalidInput(f"{name!r} must be a list of records")
    settings, left_out = _settings(document, with_settings)
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
            if deps.hosting is not None:  # an account's address is its login: not a file's
                user.email = existing.email
            repo.update_user(user)
        for key, value in settings.items():
            repo.set_setting(str(key), str(value))
        try:
            repo.load(tables)
            _check_records(repo, tables)
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
        return Imported({name: len(rows) for name, rows in tables.items()}, tuple(left_out))
