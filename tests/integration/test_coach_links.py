"""A client's link to their coach (issue 11, item 1): `followup user edit --coach/--no-coach`,
the coach in Settings and ending the link there (which ends the notes shared), and a coach
inviting a client; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select

from followup.adapters.db import tables as t
from tests.conftest import Cli
from tests.web_client import PASSWORD, Hosted, Web, make_coached, make_hosted

CLIENT, OTHER = "ciara@example.org", "dara@example.org"
COACH, SECOND_COACH = "coach@example.org", "other.coach@example.org"
NOW = "2026-11-25T09:00:00+00:00"


def ok(answer: httpx.Response, *codes: int) -> Any:
    assert answer.status_code in (codes or (200, 201)), (answer.status_code, answer.text[:600])
    return answer.json() if "json" in answer.headers.get("content-type", "") else answer


# -- the command ----------------------------------------------------------------------------
@pytest.fixture
def hosted_cli(cli: Cli) -> Cli:
    return Cli(cli.runner, {**cli.env, "FOLLOWUP_MODE": "hosted",
                            "FOLLOWUP_SECRET_KEY": "x" * 40})


def test_user_edit_gives_changes_and_takes_away_a_coach(hosted_cli: Cli) -> None:
    run = hosted_cli
    for email, role in ((COACH, "coach"), (SECOND_COACH, "coach"), (CLIENT, "seeker")):
        assert run("user", "add", email, "--name", email[:5], "--role", role).exit_code == 0
    edited = run.json("user", "edit", CLIENT, "--coach", COACH)
    assert (edited["email"], edited["coach"]) == (CLIENT, COACH)
    said = run("user", "edit", CLIENT, "--coach", "Other.Coach@example.org")
    assert said.exit_code == 0 and f"coached by {SECOND_COACH}" in said.output
    assert [u["coach"] for u in run.json("user", "list") if u["email"] == CLIENT] == [
        SECOND_COACH]
    assert run.json("user", "edit", CLIENT, "--no-coach")["coach"] is None

    not_a_coach = run("user", "edit", COACH, "--coach", CLIENT)
    assert not_a_coach.exit_code == 4 and f"{CLIENT} is not a coach" in not_a_coach.stderr
    themselves = run("user", "edit", COACH, "--coach", COACH)
    assert themselves.exit_code == 4
    nobody = run("user", "edit", "nobody@example.org", "--no-coach")
    assert nobody.exit_code == 3 and "no user" in nobody.stderr
    for args in ((), ("--coach", COACH, "--no-coach")):
        wrong = run("user", "edit", CLIENT, *args)
        assert wrong.exit_code == 2 and "--coach COACH_EMAIL or --no-coach" in wrong.stderr
    assert [u["coach"] for u in run.json("user", "list") if u["email"] == CLIENT] == [None]


# -- the web --------------------------------------------------------------------------------
@pytest.fixture(name="hosted")
def hosted_fixture(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Hosted:
    return make_coached(monkeypatch, home, database_url, (CLIENT, OTHER),
                        (COACH, SECOND_COACH), other_coach=0)


def _share_a_note(hosted: Hosted, web: Web, email: str, coach: str) -> int:
    """A note of the client's shared with the coach for review (as the editor shares one)."""
    plan = ok(web.api("POST", "/api/v1/interviews", {
        "company": "Brightwater Systems", "position": "SRE", "start": "2026-11-24T10:00",
        "interviewers": [{"name": "Róisín Ní Bhriain"}]}))
    step = next(a["id"] for a in plan["actions"] if a["kind"] == "thank_you")
    from datetime import datetime

    with hosted.deps.unit_for(None) as uow:
        connection = uow.repo.connection  # type: ignore[attr-defined]
        made = connection.execute(insert(t.note_shares).values(
            owner_id=hosted.users[email], action_id=step, coach_id=hosted.users[coach],
            shared_at=datetime.fromisoformat(NOW)).returning(t.note_shares.c.id)).scalar_one()
        uow.commit()
    return int(made)


def _share(hosted: Hosted, share_id: int) -> Any:
    with hosted.deps.unit_for(None) as uow:
        connection = uow.repo.connection  # type: ignore[attr-defined]
        return connection.execute(select(t.note_shares).where(
            t.note_shares.c.id == share_id)).mappings().one()


def _clients(hosted: Hosted, coach: str) -> list[str]:
    from followup.services import coach_access

    return [c.email for c in coach_access.my_clients(hosted.deps.acting(hosted.users[coach]))]


def test_a_client_sees_her_coach_in_settings_and_ends_the_link(hosted: Hosted) -> None:
    client, other = hosted.client(CLIENT), hosted.client(OTHER)
    shared = _share_a_note(hosted, client, CLIENT, COACH)
    kept = _share_a_note(hosted, other, OTHER, COACH)
    page = client.get("/settings")
    assert 'id="coach"' in page.text and "Maeve Coach" in page.text and COACH in page.text
    assert ok(client.api("GET", "/api/v1/account/coach")) == {
        "id": hosted.users[COACH], "name": "Maeve Coach", "email": COACH}

    unticked = client.form("/settings/coach/end", {})
    assert unticked.status_code == 422 and "tick the box" in unticked.text.lower()
    assert _clients(hosted, COACH) == [CLIENT, OTHER]

    answer = client.form("/settings/coach/end", {"confirm": "yes"})
    assert answer.status_code == 303 and answer.headers["location"].startswith("/settings")
    page = client.get(answer.headers["location"])
    assert "Your coach no longer sees your follow-up" in page.text
    assert 'id="coach"' not in page.text
    assert ok(client.api("GET", "/api/v1/account/coach")) is None
    assert _clients(hosted, COACH) == [OTHER]
    ended = _share(hosted, shared)
    assert ended["ended_by"] == "unlinked" and ended["ended_at"] is not None
    assert _share(hosted, kept)["ended_at"] is None  # another client's share stays
    again = client.api("DELETE", "/api/v1/account/coach")
    assert again.status_code == 409 and "no coach" in again.json()["error"]["message"]


def test_the_api_ends_the_link_and_so_does_a_change_of_coach(hosted: Hosted) -> None:
    from followup.services import accounts

    client, other = hosted.client(CLIENT), hosted.client(OTHER)
    shared = _share_a_note(hosted, client, CLIENT, COACH)
    moved = _share_a_note(hosted, other, OTHER, COACH)
    assert ok(client.api("DELETE", "/api/v1/account/coach")) == {
        "coach": "Maeve Coach", "shares_ended": 1}
    assert _share(hosted, shared)["ended_by"] == "unlinked"

    # An admin moves Dara to another coach: the first no longer sees her shared note.
    accounts.set_coach(hosted.deps, OTHER, SECOND_COACH)
    assert _share(hosted, moved)["ended_by"] == "unlinked"
    assert _clients(hosted, COACH) == [] and _clients(hosted, SECOND_COACH) == [OTHER]
    assert "Noel Coach" in other.get("/settings").text


def test_a_coach_invites_a_client_who_is_then_coached_by_her(hosted: Hosted) -> None:
    coach = hosted.client(COACH)
    page = coach.get("/coach/invite")
    assert page.status_code == 200 and 'action="/coach/invite"' in page.text
    answer = coach.form("/coach/invite", {"email": "Eimear@Example.org", "name": "Eimear"})
    assert answer.status_code == 200, answer.text[:500]
    assert "Eimear is your client" in answer.text
    assert "http://127.0.0.1:8000/invitation/" in answer.text
    assert _clients(hosted, COACH) == [CLIENT, OTHER, "eimear@example.org"]

    made = ok(coach.api("POST", "/api/v1/coach/invitations", {
        "email": "fionn@example.org", "name": "Fionn"}), 201)
    assert made["user"]["coach"] == COACH and made["user"]["role"] == "seeker"
    assert made["invitation"].startswith("http://127.0.0.1:8000/invitation/")
    assert made["emailed"] is False  # no relay is set up here

    twice = coach.form("/coach/invite", {"email": "fionn@example.org", "name": "Fionn"})
    assert twice.status_code == 409 and "exists already" in twice.text
    # A seeker cannot invite anyone: the coach's pages are not there for her.
    client = hosted.client(CLIENT)
    assert client.get("/coach/invite").status_code == 404
    assert client.form("/coach/invite", {"email": "x@example.org", "name": "X"}
                       ).status_code == 404
    assert client.api("POST", "/api/v1/coach/invitations", {
        "email": "x@example.org", "name": "X"}).status_code == 404
    assert _clients(hosted, COACH)[-1] == "fionn@example.org"


def test_with_a_relay_the_invitation_of_a_client_goes_to_the_outbox(
        monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> None:
    from followup.services import accounts

    monkeypatch.setenv("FOLLOWUP_RELAY_HOST", "127.0.0.1")
    monkeypatch.setenv("FOLLOWUP_RELAY_PORT", "2525")
    monkeypatch.setenv("FOLLOWUP_RELAY_SECURITY", "none")
    monkeypatch.setenv("FOLLOWUP_RELAY_FROM", "Followup <no-reply@followup.example>")
    hosted = make_hosted(monkeypatch, home, database_url, (CLIENT,))
    hosted.users[COACH] = accounts.add_user(hosted.deps, COACH, "Maeve Coach", "coach",
                                            PASSWORD).user.id
    coach = hosted.client(COACH)
    made = ok(coach.api("POST", "/api/v1/coach/invitations", {
        "email": "gear@example.org", "name": "Gearóid"}), 201)
    assert made["emailed"] is True
    with hosted.deps.for_owners() as uow:
        connection = uow.repo.connection  # type: ignore[attr-defined]
        queued = connection.execute(select(t.outbox.c.kind, t.outbox.c.subject).where(
            t.outbox.c.owner_id == made["user"]["id"])).all()
    assert [tuple(row) for row in queued] == [("account", "Your Followup account")]
    page = coach.form("/coach/invite", {"email": "bea@example.org", "name": "Bea"})
    assert "The invitation is on its way to them by email" in page.text
