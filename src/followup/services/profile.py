"""The user's profile and settings: `followup init` and `followup config`."""

from __future__ import annotations

import os

from followup.config import PROFILE, SETTINGS, Setting, setting
from followup.domain import calendar as cal
from followup.domain.errors import InvalidInput
from followup.domain.model import User
from followup.services.context import Deps, check_email, required, user_of
from followup.services.ports import Repository
from followup.services.views import Json, user_json


def _country(code: str | None, deps: Deps) -> str | None:
    if not code or not code.strip():
        return None
    code = code.strip().upper()
    try:
        deps.holidays(code, [2026])
    except LookupError:
        raise InvalidInput(f"no public holidays are known for country {code!r}; "
                           "use a code such as IE, GB, US or DE") from None
    return code


def init(deps: Deps, name: str, email: str, timezone: str, country: str | None = None) -> Json:
    """Creates (or updates) the profile every note is signed with."""
    cal.zone(timezone)
    user = User(None, required(name, "the name"), check_email(email), timezone,
                _country(country, deps))
    with deps.uow() as uow:
        existing = uow.repo.user()
        if existing is None:
            uow.repo.add_user(user)
        else:
            user.id = existing.id
            uow.repo.update_user(user)
        uow.commit()
    return user_json(user)


def _current(repo: Repository, item: Setting) -> object:
    """A setting's value in force: the environment, else what is stored, else the default."""
    if item in PROFILE:
        user = repo.user()
        return getattr(user, item.key) if user else None
    text = os.environ.get(item.env, repo.settings().get(item.key))
    return item.parse(text) if text is not None else item.default


def _shown(item: Setting, value: object) -> str | None:
    return None if value is None else item.show(value)


def _profile_value(deps: Deps, key: str, text: str) -> str | None:
    if key == "name":
        return required(text, "the name")
    if key == "email":
        return check_email(text)
    if key == "timezone":
        cal.zone(text.strip())
        return text.strip()
    return _country(text, deps)


def config_list(deps: Deps) -> list[Json]:
    with deps.uow() as uow:
        return [{"key": s.key, "value": _shown(s, _current(uow.repo, s)),
                 "default": _shown(s, s.default), "help": s.help} for s in SETTINGS]


def config_get(deps: Deps, key: str) -> Json:
    item = setting(key)
    with deps.uow() as uow:
        return {"key": key, "value": _shown(item, _current(uow.repo, item))}


def config_set(deps: Deps, key: str, text: str) -> Json:
    item = setting(key)
    with deps.uow() as uow:
        repo = uow.repo
        value: object
        if item in PROFILE:
            user = user_of(repo)
            value = _profile_value(deps, key, text)
            setattr(user, key, value)
            repo.update_user(user)
        else:
            user_of(repo)
            value = item.parse(text)
            repo.set_setting(key, item.show(value))
        uow.commit()
        return {"key": key, "value": _shown(item, value)}
