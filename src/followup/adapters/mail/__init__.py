"""Mail adapters: building messages, sending over SMTP, passwords, reading over IMAP.

This package's own names import their modules only when used: commands that send no mail
do not pay for smtplib and the email package.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.services.ports import Composed, Mailer, MailServer, Person


def open_smtp(server: MailServer, guard: str | None = None) -> Mailer:
    """A logged-in SMTP session (the services' MailerFactory); `guard`: see hosts.py."""
    from followup.adapters.mail.smtp import SmtpMailer

    return SmtpMailer(server, guard)


def password(service: str) -> str | None:
    from followup.adapters.mail import secrets

    return secrets.password(service)


class Messages:
    """The services' MessageBuilder, loading the email package on first use."""

    def new_message_id(self, sender: str) -> str:
        from followup.adapters.mail.message import new_message_id

        return new_message_id(sender)

    def build(self, sender: Person, to: Sequence[Person], subject: str, body: str,
              when: datetime, message_id: str, bcc: Sequence[str] = (),
              headers: Mapping[str, str] | None = None) -> Composed:
        from followup.adapters.mail.message import build

        return build(sender, to, subject, body, when, message_id, bcc, headers)
