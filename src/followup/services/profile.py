"""The user's profile and settings: creating the profile, listing and changing the settings."""

from __future__ import annotations

import os
from dataclasses import dataclass

from followup.config import PROFILE, SETTINGS, Setting, setting
from followup.domain import calendar as cal
from followup.domain.errors import InvalidInput
from followup.domain.model import User
from followup.services import feed
from followup.services.context import (
    Deps,
    check_country,
    check_email,
    policy_of,
    replan_all,
    required,
    user_of,
)
from followup.services.ports import Repository
from followup.services.views import UserView, user_view


def init(deps: Deps, name: str, email: str, timezone: str, country: str | None = None
         ) -> UserView:
    """Creates (or updates) the profile every note is signed with."""
    cal.zone(timezone)
    user = User(None, required(name, "the name"), check_email(email), timezone,
                check_country(deps, country))
    with deps.uow() as uow:
        existing = uow.repo.user()
        if existing is None:
            uow.repo.add_user(user)
            uow.repo.set_setting(feed.TOKEN_KEY, feed.new_token())
        else:
            user.id = existing.id
            uow.repo.update_user(user)
            if (existing.timezone, existing.country) != (user.timezone, user.country):
                replan_all(deps, uow.repo, deps.clock())
        uow.commit()
    return user_view(user)


MAIL_HOSTS = ("smtp.host", "imap.host")

REPLANS = {"timezone", "country", *(s.key for s in SETTINGS if s.key.startswith("policy."))}
"""Settings that move planned steps: changing one re-plans every open application."""


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
    return check_country(deps, text)


@dataclass(frozen=True, slots=True)
class SettingValue:
    key: str
    value: str | None


@dataclass(frozen=True, slots=True)
class SettingView(SettingValue):
    """A setting in force, with its default and what it does."""

    default: str | None
    help: str


def config_list(deps: Deps) -> list[SettingView]:
    with deps.uow() as uow:
        return [SettingView(s.key, _shown(s, _current(uow.repo, s)), _shown(s, s.default),
                            s.help) for s in SETTINGS]


def config_get(deps: Deps, key: str) -> SettingValue:
    item = setting(key)
    with deps.uow() as uow:
        return SettingValue(key, _shown(item, _current(uow.repo, item)))


def config_set(deps: Deps, key: str, text: str) -> SettingValue:
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
            if key in MAIL_HOSTS and value and deps.check_mail_host is not None:
                deps.check_mail_host(str(value))  # hosted: not into the host's own network
            repo.set_setting(key, item.show(value))
            problems = policy_of(repo).problems()
            if problems:
                raise InvalidInput(f"{key} = {text}: " + "; ".join(problems))
        if key in REPLANS:
            replan_all(deps, repo, deps.clock())
        uow.commit()
        return SettingValue(key, _shown(item, value))
