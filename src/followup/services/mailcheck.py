"""Checking the mail settings: can Followup reach and log in to the user's mail servers?"""

from __future__ import annotations

from followup.domain.errors import Remedy
from followup.services.context import Deps, user_of
from followup.services.note_views import ServiceCheck
from followup.services.outbox import smtp_server
from followup.services.ports import DeliveryError


def check_smtp(deps: Deps) -> ServiceCheck:
    """Opens and closes one SMTP session; says in plain words what went wrong, if anything."""
    with deps.uow() as uow:
        user_of(uow.repo)
        server = smtp_server(deps, uow.repo.settings())
    if not server.host:
        return ServiceCheck("SMTP", False, "no SMTP server is set", remedy=Remedy.SMTP)
    if deps.mailer is None:
        return ServiceCheck("SMTP", False, "sending mail is not set up here")
    try:
        deps.mailer(server).close()
    except DeliveryError as exc:
        return ServiceCheck("SMTP", False, exc.reason)
    who = f" as {server.username}" if server.username else " (no login)"
    return ServiceCheck("SMTP", True,
                        f"connected to {server.host}:{server.port} ({server.security}){who}")


def check_imap(deps: Deps) -> ServiceCheck:
    """The IMAP check when an IMAP server is set (it is optional: replies are then not seen)."""
    from followup.config import mail_values
    from followup.services import replies

    with deps.uow() as uow:
        user_of(uow.repo)
        host = mail_values(uow.repo.settings())["imap.host"]
    if not host:
        return ServiceCheck("IMAP", True, "replies are not noticed", optional=True,
                            remedy=Remedy.IMAP)
    return replies.check_connection(deps)


def check_all(deps: Deps) -> list[ServiceCheck]:
    """The mail settings checked: SMTP, then IMAP, each with its verdict in plain words."""
    return [check_smtp(deps), check_imap(deps)]
