"""A worker's batch of sent notes completes its steps together, across owners: each note
completes its own step, each application is re-planned once, in a few statements for the
whole batch, and no owner's step is completed through another's (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from followup import bootstrap
from followup.domain.model import ApplicationState, Status, TouchKind, User
from followup.entrypoints import worker
from followup.services import actions, interviews, profile, sending
from followup.services.context import Deps, holidays_around, policy_of
from followup.services.ports import Outgoing
from tests.integration.test_hosted_mail import KEY_1, add_user
from tests.mailserver import MailServer, start

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
PEOPLE = (User(None, "Siobhán Ó Briain", "siobhan@example.ie", "Europe/Dublin", "IE"),
          User(None, "佐藤花子", "hanako@example.jp", "Asia/Tokyo", "JP"),
          User(None, "Jürgen Groß", "juergen@example.de", "Europe/Berlin", "DE"))


@dataclasses.dataclass
class Owner:
    id: int
    deps: Deps
    application_id: int
    thank_yous: list[int]


@pytest.fixture
def smtp() -> Iterator[MailServer]:
    server = start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def hosted(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Deps:
    monkeypatch.setenv("FOLLOWUP_MODE", "hosted")
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", KEY_1)
    monkeypatch.setenv("FOLLOWUP_ALLOW_PRIVATE_HOSTS", "1")  # the test server is on loopback
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    return dataclasses.replace(bootstrap.build(), clock=lambda: NOW)


def owners(deps: Deps, smtp: MailServer, interviewers: tuple[int, ...]) -> list[Owner]:
    """One user per count in `interviewers`, each with an interview yesterday with that many
    interviewers (a thank-you step each), sending through `smtp`."""
    made = []
    for person, count in zip(PEOPLE, interviewers, strict=False):
        uid = add_user(deps, person)
        mine = deps.acting(uid)
        for key, value in {"smtp.host": smtp.host, "smtp.port": str(smtp.port),
                           "smtp.security": "none", "digest.enabled": "no"}.items():
            profile.config_set(mine, key, value)
        result = interviews.add_interview(mine, interviews.InterviewForm(
            company=f"Acme {uid}", position="Data Analyst", at="2026-11-23T10:00",
            interviewers=[interviews.PersonIn(f"José Núñez {n}", f"jose{n}@acme{uid}.example")
                          for n in range(count)]))
        steps = [a.id for a in result.actions if a.kind == "thank_you"]
        assert len(steps) == count
        made.append(Owner(uid, mine, result.application.id, steps))
    return made


def stored(owner: Owner) -> ApplicationState:
    with owner.deps.uow() as uow:
        return uow.repo.state(owner.application_id)


def replans_nothing(owner: Owner) -> bool:
    """The stored plan is the playbook's for the stored state: re-planning was written."""
    with owner.deps.uow() as uow:
        state = uow.repo.state(owner.application_id)
        user = uow.repo.user()
        assert user is not None
        result = actions.plan(state, NOW, policy_of(uow.repo),
                              holidays_around(owner.deps, user, NOW))
    return (result.changed_from(state.actions) == []
            and result.status is state.application.status)


def counting_plans(monkeypatch: pytest.MonkeyPatch) -> Counter[int]:
    """How many times each application is planned by the completion (by application id)."""
    planned: Counter[int] = Counter()
    original = actions.plan

    def counted(state: ApplicationState, *args: Any) -> Any:
        planned[state.application.id or 0] += 1
        return original(state, *args)

    monkeypatch.setattr(actions, "plan", counted)
    return planned


def test_one_batch_completes_each_notes_own_step_and_replans_each_application_once(
        hosted: Deps, smtp: MailServer, monkeypatch: pytest.MonkeyPatch) -> None:
    people = owners(hosted, smtp, (2, 1, 3))
    for owner in people:
        for step in owner.thank_yous:
            sending.send_note(owner.deps, step, deliver=False, force=True)
    planned = counting_plans(monkeypatch)

    counts = worker.run_once(hosted, "test", batch=100, tasks=[])

    assert counts["claimed"] == counts["sent"] == 6
    assert len(smtp.handler.messages()) == 6
    assert planned == Counter({owner.application_id: 1 for owner in people})
    for owner in people:
        state = stored(owner)
        done = {a.id: a for a in state.actions if a.status is Status.DONE}
        assert set(done) == set(owner.thank_yous)
        assert all(a.done_at == NOW for a in done.values())
        sent = [t for t in state.touches if t.kind is TouchKind.NOTE_SENT]
        assert sorted(t.action_id or 0 for t in sent) == sorted(owner.thank_yous)
        assert {t.contact_id for t in sent} == {done[t.action_id or 0].contact_id for t in sent}
        assert replans_nothing(owner)


def test_the_completion_of_a_batch_takes_the_same_statements_however_many_owners(
        hosted: Deps, smtp: MailServer) -> None:
    people = owners(hosted, smtp, (1, 2, 1))
    statements: list[str] = []
    with hosted.for_owners() as uow:
        engine = getattr(uow, "engine")  # noqa: B009 - SqlUnitOfWork's

    def count(*args: Any) -> None:
        statements.append(str(args[2]).split(None, 1)[0])

    event.listen(engine, "before_cursor_execute", count)
    try:
        with hosted.for_owners() as uow:
            steps = [(o.id, step) for o in people for step in o.thank_yous]
            assert actions.complete_many(hosted, uow.batches, steps, NOW) == 4
            uow.commit()
    finally:
        event.remove(engine, "before_cursor_execute", count)

    # action -> application, states (7 tables), users, settings, done, touches, re-planned
    assert len([s for s in statements if s.upper() != "BEGIN"]) <= 14, statements
    for owner in people:
        assert {a.id for a in stored(owner).actions if a.status is Status.DONE} == set(
            owner.thank_yous)
        assert replans_nothing(owner)


def test_a_step_named_with_another_owner_is_not_completed(hosted: Deps, smtp: MailServer
                                                          ) -> None:
    first, second = owners(hosted, smtp, (1, 1))
    with hosted.for_owners() as uow:
        # The first user's step under the second user's id: no such step of theirs.
        assert actions.complete_many(hosted, uow.batches, [(second.id, first.thank_yous[0])],
                                     NOW) == 0
        assert uow.batches.states([(second.id, first.application_id)]) == {}
        uow.commit()
    assert all(a.status is Status.PLANNED for a in stored(first).actions
               if a.id in first.thank_yous)
    assert stored(first).touches == stored(second).touches == []


def test_a_step_whose_application_went_is_left_and_the_others_complete(
        hosted: Deps, smtp: MailServer) -> None:
    first, second = owners(hosted, smtp, (1, 1))
    for owner in (first, second):
        sending.send_note(owner.deps, owner.thank_yous[0], deliver=False, force=True)
    with first.deps.uow() as uow:
        uow.repo.delete_application(first.application_id)
        uow.commit()

    counts = worker.run_once(hosted, "test", tasks=[])

    assert counts["sent"] + counts["cancelled"] == 2
    assert [a.status for a in stored(second).actions if a.id in second.thank_yous] == [
        Status.DONE]
    with hosted.for_owners() as uow:
        rows: list[Outgoing] = uow.outbox.listing(second.id)
    assert [r.state for r in rows] == ["sent"]
