"""One declarative spec of the settings a user can change, with help text.

Profile settings live on the user's record; policy settings override the playbook's numbers,
and an environment variable FOLLOWUP_POLICY_<NAME> overrides the stored value of one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import time
from typing import Any

from followup.domain.errors import InvalidInput
from followup.domain.policy import Policy


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    help: str
    most: int = 1000
    """The largest whole number the setting takes."""

    @property
    def env(self) -> str:
        return "FOLLOWUP_" + self.key.replace(".", "_").upper()

    def parse(self, text: str) -> Any:
        """The value typed as `text`, checked against the setting's type."""
        try:
            if self.kind is int:
                value = int(text)
                if not 0 <= value <= self.most:
                    raise ValueError
                return value
            if self.kind is time:
                return time.fromisoformat(text)
            return text
        except ValueError:
            raise InvalidInput(f"{self.key} takes {self._expects()}, not {text!r}") from None

    def _expects(self) -> str:
        return {int: f"a whole number from 0 to {self.most}",
                time: "a time such as 09:00"}.get(self.kind, "text")

    def show(self, value: Any) -> str:
        return value.strftime("%H:%M") if isinstance(value, time) else str(value)


PROFILE = (
    Setting("name", str, None, "Your name, as it ends every note."),
    Setting("email", str, None, "Your email address: the sender of every note."),
    Setting("timezone", str, None, "Your time zone (IANA name such as Europe/Dublin)."),
    Setting("country", str, None,
            "Your country code (such as IE or US): its public holidays are not business days."),
)


POLICY = tuple(
    Setting(f"policy.{f.name}", type(f.default), f.default, f.metadata["help"],
            f.metadata["most"])
    for f in fields(Policy))

SETTINGS = PROFILE + POLICY
BY_KEY = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    try:
        return BY_KEY[key]
    except KeyError:
        raise InvalidInput(
            f"unknown setting {key!r}; `followup config list` shows them all") from None


def policy_from(stored: dict[str, str]) -> Policy:
    """The playbook's numbers with the user's stored values and the environment on top."""
    changes = {}
    for s in POLICY:
        text = os.environ.get(s.env, stored.get(s.key))
        if text is not None:
            changes[s.key.removeprefix("policy.")] = s.parse(text)
    return Policy(**changes)
