"""Checking the mail settings: can Followup reach and log in to the user's mail servers?"""

from __future__ import annotations

from followup.domain.errors import Remedy
from followup.services.context import Deps, user_of
from followup.services.outbox import smtp_server
from followup.services.ports import DeliveryError
from followup.services.views import Json


def check_smtp(deps: Deps) -> Json:
    """Opens and closes one SMTP session; says in plain words what went wrong, if anything."""
    with deps.uow() as uow:
        user_of(uow.repo)
        server = smtp_server(deps, uow.repo.settings())
    if not server.host:
        return {"service": "SMTP", "ok": False, "message": "no SMTP server is set",
                "remedy": str(Remedy.SMTP)}
    if deps.mailer is None:
        return {"service": "SMTP", "ok": False, "message": "sending mail is not set up here"}
    try:
        deps.mailer(server).close()
    except DeliveryError as exc:
        return {"service": "SMTP", "ok": False, "message": exc.reason}
    who = f" as {server.username}" if server.username else " (no login)"
    return {"service": "SMTP", "ok": True,
            "message": f"connected to {server.host}:{server.port} ({server.security}){who}"}


def check_imap(deps: Deps) -> Json:
    """The IMAP check when an IMAP server is set (it is optional: replies are then not seen)."""
    from followup.config import mail_values
    from followup.services import replies

    with deps.uow() as uow:
        user_of(uow.repo)
        host = mail_values(uow.repo.settings())["imap.host"]
    if not host:
        return {"service": "IMAP", "ok": True, "optional": True,
                "message": "replies are not noticed", "remedy": str(Remedy.IMAP)}
    result: Json = replies.check_connection(deps)
    return result


def check_all(deps: Deps) -> list[Json]:
    """The mail settings checked: SMTP, then IMAP, each with its verdict in plain words."""
    return [check_smtp(deps), check_imap(deps)]
