"""What an installation's probes and scrapers ask: is the database ready, how is the outbox."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from followup.services.context import Deps
from followup.services.ports import ACTIVE, UnitOfWork

log = logging.getLogger("followup.operations")

OUTBOX_STATES = (*ACTIVE, "failed", "cancelled")
"""Every state of an outbox row, each reported even when no row is in it."""


class HealthProbe(Protocol):
    """The database's answers to the probes, on one unit of work's connection."""

    def schema(self) -> tuple[str | None, str]:
        """(the database's schema revision or None before any, the revision this code needs)."""
        ...

    def outbox_states(self) -> dict[str, int]:
        """Outbox rows by state, every owner's."""
        ...

    def oldest_due(self, now: datetime) -> datetime | None:
        """When the oldest `scheduled` row that is due by `now` was due; None when none is."""
        ...


Probe = Callable[[UnitOfWork], HealthProbe]


@dataclass(frozen=True)
class Readiness:
    """Whether this process may take requests: the database answers with the current schema."""

    ready: bool
    database: bool
    """Whether the database answered at all."""
    revision: str | None = None
    expected: str | None = None
    problem: str | None = None
    """Why it is not ready, in words safe to show anyone (no address, no driver message)."""
    detail: str | None = None
    """The error the database gave, for the operator's console and log, not for the web."""


@dataclass(frozen=True)
class OutboxFigures:
    """The outbox's backlog; `lag_seconds` is how late the oldest due message is (0: none)."""

    by_state: dict[str, int] = field(default_factory=dict)
    lag_seconds: float = 0.0


def _nobody(deps: Deps) -> UnitOfWork:
    """A unit of work that reads and acts for no user: the probes see the installation."""
    return (deps.read_for or deps.unit_for)(None)


def readiness(deps: Deps, probe: Probe) -> Readiness:
    """Whether the database answers and its schema is the one this code was written for."""
    try:
        with _nobody(deps) as uow:
            revision, expected = probe(uow).schema()
    except Exception as exc:  # any failure to answer is "not ready"; the log keeps the details
        log.warning("the readiness probe could not reach the database", exc_info=True)
        return Readiness(False, False, problem="the database does not answer",
                         detail=str(exc) or type(exc).__name__)
    if revision == expected:
        return Readiness(True, True, revision, expected)
    problem = ("the database has no schema yet" if revision is None
               else f"the database's schema is {revision}, this Followup needs {expected}")
    return Readiness(False, True, revision, expected, problem)


def outbox_figures(deps: Deps, probe: Probe) -> OutboxFigures:
    """Outbox rows by state (every known state, 0 when empty) and the worker's lag."""
    now = deps.clock()
    with _nobody(deps) as uow:
        health = probe(uow)
        found = health.outbox_states()
        oldest = health.oldest_due(now)
    by_state = {state: 0 for state in OUTBOX_STATES} | found
    lag = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
    return OutboxFigures(by_state, lag)
