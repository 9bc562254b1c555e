"""The installation's own mail to a user (invitations, password resets), through its relay."""

from __future__ import annotations

from datetime import datetime

from followup.services.context import Deps, check_email
from followup.services.outbox import ACCOUNT
from followup.services.ports import Outgoing, Person, UnitOfWork


def enqueue(uow: UnitOfWork, deps: Deps, owner_id: int, to_name: str, to_address: str,
            subject: str, text: str, now: datetime) -> bool:
    """Writes a message of kind `account`, owned by `owner_id`, in the caller's unit of work
    (committed with it), its Message-ID fixed; the worker sends it through the installation's
    relay only. False, and nothing written, when no relay is set."""
    if deps.relay is None or deps.relay_sender is None or deps.messages is None:
        return False
    sender = deps.relay_sender
    message_id = deps.messages.new_message_id(sender.address)
    composed = deps.messages.build(
        sender, [Person(to_name, check_email(to_address))], subject, text, now, message_id,
        headers={"Auto-Submitted": "auto-generated"})
    item = Outgoing(None, owner_id, None, ACCOUNT, composed.message_id, composed.sender,
                    composed.recipients, composed.subject, composed.text, now, created_at=now)
    return uow.outbox.add(item)
