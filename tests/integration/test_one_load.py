"""A use case reads an application's records once: what happened is recorded on the state it
read (held for update), re-planning takes that state, and the answer is made from the state
re-planned, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from followup.adapters.db.repository import SqlRepository
from followup.domain.model import Kind, Status
from followup.services import actions, applications, calls, interviews, notes, queries
from tests.web_client import Web, web_user_fixture  # noqa: F401  (fixture)


def _interview(web: Web) -> int:
    result = interviews.add_interview(web.deps, interviews.InterviewForm(
        company="Acme", position="Data Analyst", at="2026-11-24T10:00", decision_by="2026-12-08",
        interviewers=[interviews.PersonIn("José Núñez", "jose@acme.example"),
                      interviews.PersonIn("王芳", "wang@acme.example")]))
    return result.application.id


def _step(web: Web, application_id: int, kind: Kind) -> int:
    plan = queries.application_plan(web.deps, application_id)
    return next(a.id for a in plan.actions if a.kind is kind and a.status is Status.PLANNED)


@contextmanager
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The application ids whose whole state the repository reads meanwhile."""
    read: list[int] = []
    original = SqlRepository.state

    def counted(self: SqlRepository, application_id: int, for_update: bool = False) -> Any:
        read.append(application_id)
        return original(self, application_id, for_update)

    with monkeypatch.context() as patch:
        patch.setattr(SqlRepository, "state", counted)
        yield read


Run = Callable[[Web, int, int], object]
USE_CASES: dict[str, tuple[Kind, Run]] = {
    "a call logged": (Kind.INQUIRY, lambda w, a, step: calls.log_call(
        w.deps, a, calls.Conversation("reached", decision_by="next Friday"), step)),
    "the employer heard from": (Kind.INQUIRY, lambda w, a, _: calls.heard(
        w.deps, a, calls.Conversation(callback="2026-12-02T10:00"))),
    "an outcome": (Kind.INQUIRY, lambda w, a, _: applications.record_outcome(
        w.deps, a, "rejected")),
    "a step done": (Kind.THANK_YOU, lambda w, _, step: actions.mark_done(w.deps, step)),
    "a step skipped": (Kind.THANK_YOU, lambda w, _, step: actions.skip(w.deps, step, "no")),
    "a note drafted": (Kind.THANK_YOU, lambda w, _, step: notes.draft(w.deps, step)),
}


@pytest.mark.parametrize("use_case", USE_CASES)
def test_each_use_case_reads_the_application_once(
        web_user: Web, monkeypatch: pytest.MonkeyPatch, use_case: str) -> None:
    application_id = _interview(web_user)
    kind, run = USE_CASES[use_case]
    step = _step(web_user, application_id, kind)
    with loads(monkeypatch) as read:
        result = run(web_user, application_id, step)
    assert read == [application_id], use_case
    assert result is not None
