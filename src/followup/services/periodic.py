"""Whom the worker's periodic tasks are for: the users whose settings ask for them, found in
one query over every user's settings (a thousand users are never visited one by one)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from followup.config import mail_values
from followup.services.context import Deps

Need = Callable[[Mapping[str, Any]], bool]
"""Whether a user's mail settings (as in force) ask for a task."""

NEEDS: dict[str, Need] = {
    "digest": lambda values: bool(values["digest.enabled"] and values["smtp.host"]),
    "imap": lambda values: bool(values["imap.host"]),
}
"""The tasks that only some users need, by name; any other task is for every user."""
KEYS = ("digest.enabled", "smtp.host", "imap.host")
"""The settings `NEEDS` reads."""


def users_for(deps: Deps, tasks: Collection[str]) -> dict[str, list[int]]:
    """The ids of the users each named task is for, in order."""
    with deps.for_owners() as uow:
        stored = uow.batches.everyones_settings(KEYS)
    values = {user: mail_values(settings) for user, settings in stored.items()}
    chosen: dict[str, list[int]] = {}
    for name in tasks:
        need = NEEDS.get(name)
        chosen[name] = [user for user in values if need is None or need(values[user])]
    return chosen
