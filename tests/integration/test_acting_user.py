"""The acting user: every unit of work acts for the user bound at the edge, and sees only
that user's records, on SQLite and PostgreSQL; a local home with two people is refused."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from followup import bootstrap
from followup.domain.errors import EnvironmentFault, NotFound
from followup.domain.model import User
from followup.entrypoints import worker
from followup.services import demo, outbox, profile, queries, transfer
from followup.services.context import Deps
from followup.services.ports import Outgoing
from followup.services.views import jsonable
from tests.conftest import Cli
from tests.fakes import FakeMailer

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
PEOPLE = (User(None, "José Núñez", "jose@example.com", "Europe/Madrid", "ES"),
          User(None, "王芳", "wang@example.com", "Asia/Shanghai", None))


@pytest.fixture
def deps(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Iterator[Deps]:
    """The composition root's dependencies on a fresh database, at a fixed time."""
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    yield dataclasses.replace(bootstrap.build(), clock=lambda: NOW)


def _add_user(deps: Deps, user: User) -> int:
    """A profile written straight through the repository (accounts do not exist yet)."""
    with deps.for_owners() as uow:
        added = uow.repo.add_user(dataclasses.replace(user))
        uow.commit()
    assert added.id is not None
    return added.id


def _queue(deps: Deps, owner: int, subject: str, due: datetime) -> None:
    """A digest in the outbox of `owner`."""
    with deps.for_owners() as uow:
        uow.outbox.add(Outgoing(None, owner, None, "digest", f"<{subject}@example.com>",
                                "me@example.com", ["me@example.com"], subject,
                                f"Subject: {subject}\r\n\r\nHello\r\n", due, created_at=NOW))
        uow.commit()


@pytest.fixture
def two(deps: Deps) -> tuple[Deps, Deps]:
    """Two people in one database, each with demo applications and a queued message."""
    acting = []
    for seed, person in enumerate(PEOPLE, 1):
        user_id = _add_user(deps, person)
        mine = deps.acting(user_id)
        demo.fill(mine, size=8, seed=seed)
        _queue(deps, user_id, f"digest-of-{user_id}", NOW + timedelta(days=1))
        acting.append(mine)
    return acting[0], acting[1]


def _application_ids(deps: Deps) -> set[int]:
    return {a["id"] for a in jsonable(queries.applications(deps))}


def test_each_user_sees_only_their_own_today_plans_export_and_outbox(
        two: tuple[Deps, Deps]) -> None:
    jose, wang = two
    for me, other in ((jose, wang), (wang, jose)):
        mine, theirs = _application_ids(me), _application_ids(other)
        assert len(mine) == 8 and not mine & theirs
        steps = jsonable(queries.agenda(me, days=400))["actions"]
        assert steps and {s["application_id"] for s in steps} <= mine
        sections = jsonable(queries.today_sections(me, None))
        today = sections["overdue"] + sections["due"]
        assert today and {s["application_id"] for s in today} <= mine
        assert jsonable(queries.application_plan(me, min(mine)))
        with pytest.raises(NotFound):
            queries.application_plan(me, min(theirs))
        document = transfer.export(me)
        assert document["user"]["email"] == profile_email(me)
        assert {a["id"] for a in document["applications"]} == mine
        assert {a["application_id"] for a in document["actions"]} <= mine
        listed = jsonable(outbox.listing(me))
        assert [m["subject"] for m in listed] == [f"digest-of-{me.acting_user()}"]
        with pytest.raises(NotFound):
            outbox.show(other, listed[0]["id"])


def profile_email(deps: Deps) -> Any:
    """The email address of the user `deps` acts for, as `config get` says it."""
    return jsonable(profile.config_get(deps, "email"))["value"]


def test_the_two_users_keep_their_own_profiles(two: tuple[Deps, Deps]) -> None:
    jose, wang = two
    assert profile_email(jose) == "jose@example.com"
    assert profile_email(wang) == "wang@example.com"
    profile.config_set(wang, "name", "王芳 (Fang)")
    assert jsonable(profile.config_get(jose, "name"))["value"] == "José Núñez"


def test_reading_a_user_leaves_the_unit_of_work_as_it_was(two: tuple[Deps, Deps],
                                                           deps: Deps) -> None:
    with deps.for_owners() as uow:
        assert uow.repo.user() is None  # acting for nobody finds nobody, not the first user
        assert uow.repo.applications() == []
    wang = two[1]
    with wang.uow() as uow:
        user = uow.repo.user()
        assert user is not None and user.name == "王芳"
        assert [a.id for a in uow.repo.applications()] == sorted(_application_ids(wang))


def test_a_local_home_with_two_people_is_refused_in_plain_words(two: tuple[Deps, Deps],
                                                                cli: Cli) -> None:
    with pytest.raises(EnvironmentFault, match="records of 2 people"):
        bootstrap.build().uow()
    result = cli("today")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "records of 2 people" in lines[0], result.stderr
    if bootstrap.sqlite_path(bootstrap.database_url()) is not None:  # the fast path says it too
        with pytest.raises(EnvironmentFault, match="records of 2 people"):
            bootstrap.fast_reader()


def test_the_fast_path_acts_for_the_same_user_as_every_other_command(deps: Deps) -> None:
    assert bootstrap.build().acting_user() is None  # before `init`
    profile.init(deps, "Siobhán Ó Briain", "siobhan@example.com", "Europe/Dublin", "IE")
    acting = bootstrap.build().acting_user()
    assert acting is not None and deps.acting_user() == acting  # found once it exists
    if bootstrap.sqlite_path(bootstrap.database_url()) is None:
        return
    reader = bootstrap.fast_reader()
    assert reader is not None and reader.owner_id == acting
    assert reader.timezone() == "Europe/Dublin"


def test_the_worker_delivers_every_owners_outbox_and_runs_tasks_for_each(
        two: tuple[Deps, Deps], deps: Deps) -> None:
    owners = [d.acting_user() for d in two]
    for me in two:
        profile.config_set(me, "smtp.host", "127.0.0.1")
    mailer = FakeMailer()
    later = dataclasses.replace(deps, clock=lambda: NOW + timedelta(days=2), mailer=mailer)
    counts = outbox.deliver_due(later, "test-worker")
    assert counts["sent"] == 2 and len(mailer.sent) == 2
    for me in two:
        assert [m["state"] for m in jsonable(outbox.listing(me))] == ["sent"]
    seen: list[int | None] = []
    worker.run_once(later, "test-worker", tasks=[("probe", lambda d: seen.append(
        d.acting_user()))])
    assert seen == owners


def test_a_repository_never_writes_over_another_users_records(two: tuple[Deps, Deps]) -> None:
    jose, wang = two
    with jose.uow() as uow:
        interview = next(i for a in uow.repo.applications()
                         for i in uow.repo.state(a.id or 0).interviews if i.participants)
    people = list(interview.participants)
    with wang.uow() as uow:  # an id that is not Wang's: nothing of José's changes
        uow.repo.update_interview(dataclasses.replace(interview, participants=[],
                                                      notes="overwritten"))
        uow.commit()
    with jose.uow() as uow:
        kept = uow.repo.interview(interview.id or 0)
    assert kept.participants == people and kept.notes == interview.notes


def test_a_web_app_answers_for_the_user_its_services_act_for(two: tuple[Deps, Deps]) -> None:
    from fastapi.testclient import TestClient

    from followup.entrypoints.web.app import create_app
    from tests.web_client import BASE

    for me, other in (two, two[::-1]):
        with TestClient(create_app(me), base_url=BASE) as client:
            listed = client.get("/api/v1/applications").json()
            steps = client.get("/api/v1/today").json()["actions"]
        assert {a["id"] for a in listed} == _application_ids(me)
        assert {s["application_id"] for s in steps} <= _application_ids(me)
        assert not {a["id"] for a in listed} & _application_ids(other)
