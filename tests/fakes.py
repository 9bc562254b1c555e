"""Fakes of the services' ports for fast tests (the real ones are tested against real servers)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from followup.services.ports import DeliveryError, MailServer


@dataclass
class FakeMailer:
    """A Mailer that keeps what it is given; `script` lists outcomes to play, one per send
    ("ok", "transient", "permanent", "unknown"); `refuse` makes opening a session fail."""

    script: list[str] = field(default_factory=list)
    refuse: DeliveryError | None = None
    sent: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    opened: int = 0
    closed: int = 0

    def __call__(self, server: MailServer) -> FakeMailer:
        """The factory: opens a 'session' (this very object)."""
        if self.refuse is not None:
            raise self.refuse
        self.opened += 1
        return self

    def send(self, sender: str, recipients: Sequence[str], message: bytes,
             before_data: Callable[[], None] | None = None) -> str | None:
        outcome = self.script.pop(0) if self.script else "ok"
        if outcome not in ("transient", "permanent") and before_data is not None:
            before_data()  # a refusal comes before the data; the rest after it began
        if outcome == "unknown":
            self.sent.append((sender, list(recipients), message))  # it did arrive, unseen
        if outcome != "ok":
            raise DeliveryError(outcome, f"the fake server says {outcome}")
        self.sent.append((sender, list(recipients), message))
        return None

    def close(self) -> None:
        self.closed += 1
