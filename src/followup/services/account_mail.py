"""The installation's own mail (invitations, password resets), through its relay."""

from __future__ import annotations

from datetime import datetime

from followup.services.context import Deps
from followup.services.ports import UnitOfWork


def enqueue(uow: UnitOfWork, deps: Deps, owner_id: int, to_name: str, to_address: str,
            subject: str, text: str, now: datetime) -> bool:
    """Puts a message to a user in the outbox; False (nothing written) without a relay."""
    return False
