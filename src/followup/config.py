"""One declarative spec of the settings a user can change, with help text.

Profile settings live on the user's record; policy settings override the playbook's numbers,
and an environment variable FOLLOWUP_POLICY_<NAME> overrides the stored value of one.
"""

from __future__ import annotations

import os
import re
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
    choices: tuple[str, ...] = ()
    """The words a text setting takes (empty: any text)."""
    address: bool = False
    """The text is an email address (or empty)."""

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
            if self.kind is bool:
                return _YES_NO[text.strip().lower()]
            if self.choices and text.strip().lower() not in self.choices:
                raise ValueError
            if "\r" in text or "\n" in text or "\x00" in text:
                raise ValueError
            if self.address and text.strip() and not _ADDRESS.match(text.strip()):
                raise ValueError
            return text.strip().lower() if self.choices else text.strip()
        except (ValueError, KeyError):
            raise InvalidInput(f"{self.key} takes {self._expects()}, not {text!r}") from None

    def _expects(self) -> str:
        if self.choices:
            return " or ".join(self.choices)
        if self.address:
            return "an email address"
        return {int: f"a whole number from 0 to {self.most}", bool: "yes or no",
                time: "a time such as 09:00"}.get(self.kind, "one line of text")

    def show(self, value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value.strftime("%H:%M") if isinstance(value, time) else str(value)


_ADDRESS = re.compile(r"^[!-~]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$")
_YES_NO = {"yes": True, "y": True, "true": True, "on": True, "1": True,
           "no": False, "n": False, "false": False, "off": False, "0": False}


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

MAIL = (
    Setting("smtp.host", str, None, "Your mail provider's SMTP server, such as smtp.example.com."),
    Setting("smtp.port", int, 587, "The SMTP server's port (587 with starttls, 465 with ssl).",
            65535),
    Setting("smtp.security", str, "starttls", "How the SMTP connection is protected.",
            choices=("starttls", "ssl", "none")),
    Setting("smtp.username", str, None,
            "Your SMTP login (usually your address); the password: `followup mail password smtp`."),
    Setting("mail.from_name", str, None, "The name your notes come from (default: your name)."),
    Setting("mail.from_address", str, None,
            "The address your notes come from (default: your profile's email).", address=True),
    Setting("mail.bcc_self", bool, False, "Send yourself a blind copy of every note (yes/no)."),
    Setting("digest.enabled", bool, False,
            "Email yourself the day's steps each morning (yes/no; needs smtp.host)."),
    Setting("digest.hour", time, time(8, 0), "When the daily digest goes out (your local time)."),
    Setting("imap.host", str, None, "Your mail provider's IMAP server, to notice replies."),
    Setting("imap.port", int, 993, "The IMAP server's port (993 with ssl, 143 with starttls).",
            65535),
    Setting("imap.security", str, "ssl", "How the IMAP connection is protected.",
            choices=("ssl", "starttls", "none")),
    Setting("imap.username", str, None,
            "Your IMAP login; the password: `followup mail password imap`."),
    Setting("imap.folders", str, "INBOX", "The folders to watch for replies, comma-separated."),
    Setting("imap.sent_folder", str, "",
            "Your Sent folder (empty: the folder the server flags as \\Sent)."),
    Setting("imap.company_domain", bool, False,
            "Count mail from the company's domain as a reply, not only its contacts' (yes/no)."),
)

CARDS = (
    Setting("cards.keep_photos", bool, False,
            "Keep the image of each business card you save, in this installation only (yes/no)."),
)

SETTINGS = PROFILE + POLICY + MAIL + CARDS
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


def stored_value(item: Setting, stored: dict[str, str]) -> Any:
    """A setting's value in force: its environment variable, else stored, else its default."""
    text = os.environ.get(item.env, stored.get(item.key))
    return item.parse(text) if text is not None else item.default


def mail_values(stored: dict[str, str]) -> dict[str, Any]:
    """Every mail setting (smtp.*, mail.*, digest.*, imap.*) by key, as in force."""
    return {s.key: stored_value(s, stored) for s in MAIL}
