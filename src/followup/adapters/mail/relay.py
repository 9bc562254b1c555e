"""The installation's own SMTP relay (invitations, password resets), from FOLLOWUP_RELAY_*."""

from __future__ import annotations

from email.utils import parseaddr

from followup.domain import limits
from followup.domain.errors import EnvironmentFault, InvalidInput
from followup.installation import value
from followup.services.ports import MailServer, Person

SECURITY = ("starttls", "ssl", "none")


def relay() -> tuple[MailServer, Person] | None:
    """The relay and the sender of its mail; None when FOLLOWUP_RELAY_HOST is not set.
    EnvironmentFault names the first variable that is wrong."""
    host = value("FOLLOWUP_RELAY_HOST").strip()
    if not host:
        return None
    port = value("FOLLOWUP_RELAY_PORT").strip()
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise EnvironmentFault(f"FOLLOWUP_RELAY_PORT={port!r}: give a port from 1 to 65535")
    security = value("FOLLOWUP_RELAY_SECURITY").strip().lower()
    if security not in SECURITY:
        raise EnvironmentFault(f"FOLLOWUP_RELAY_SECURITY={security!r}: give starttls, ssl "
                               "or none")
    username = value("FOLLOWUP_RELAY_USERNAME").strip() or None
    password = value("FOLLOWUP_RELAY_PASSWORD") or None
    if username and not password:
        raise EnvironmentFault("FOLLOWUP_RELAY_USERNAME is set without "
                               "FOLLOWUP_RELAY_PASSWORD")
    text = value("FOLLOWUP_RELAY_FROM").strip() or (username or "")
    name, address = parseaddr(text)
    try:
        sender = Person(name.strip() or "Followup", limits.email(address, None))
    except InvalidInput:
        raise EnvironmentFault(f"FOLLOWUP_RELAY_FROM={text!r}: give the sender of the "
                               "installation's mail, such as "
                               "`Followup <no-reply@example.org>`") from None
    return MailServer(host, int(port), security, username, password), sender
