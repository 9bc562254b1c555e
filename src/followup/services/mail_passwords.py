"""The kept SMTP and IMAP passwords, looked up for the user a message or a session is for."""

from __future__ import annotations

from followup.services.context import Deps


def kept_password(deps: Deps, service: str, owner_id: int | None = None) -> str | None:
    """The password of `service` ("smtp" or "imap") kept for `owner_id` (by default the acting
    user); None when none is kept or none can be."""
    if deps.mail_passwords is not None:
        owner = owner_id if owner_id is not None else deps.acting_user()
        return deps.mail_passwords.get(owner, service) if owner is not None else None
    return deps.password(service) if deps.password else None
