"""A coach sees how a client follows up, never what she wrote or whom she met in full (issue 11,
item 3): Ana records a rich follow-up (notes with bodies and subjects, call notes, contacts'
addresses and numbers, a reply the mailbox sync kept, a skip reason); her coach walks every
coach route, pages and API, and finds none of it, and the people she met by their initials
only. A coach's request for anyone else's id, and a seeker's for the coach's pages, is a 404.
On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from followup.services import accounts, profile
from tests.conftest import TABLES
from tests.web_client import PASSWORD, Hosted, Web, make_hosted, routes

ANA, OLGA, CORA, DORA, EVE, BEA = ("ana@example.org", "olga@example.org", "cora@example.org",
                                   "dora@example.org", "eve@example.org", "bea@example.org")
SECRETS = (
    # Her notes: bodies and subjects (a kept note, and one in the outbox).
    "marmalade heron", "Thank you for the tidal atlas", "Ballyquill", "Gratitude from Ana",
    "Smoked kipper", "Quillfeather regards",
    # Her interviews' notes, topics and next steps; her calls' and replies' notes.
    "lighthouse keeper", "isobaths", "a final round about the chart room", "Wexford ferry",
    "Perpetua wrote about", "bramble jelly",
    # A reply kept by the mailbox sync: its sender, subject and first lines.
    "Re: our cartography chat", "the compass rose was lovely", "recruiting@quillfeather",
    # The reason she typed when she skipped a step.
    "rang Zebedee at home",
    # The people she met, whole and in part; their addresses and numbers.
    "Zebedee", "Quixotic", "Marvell", "Perpetua", "Fennimore", "Lusk", "Ottoline",
    "Brackenridge", "欧阳翠花", "翠花", "zebedee@quillfeather", "perpetua@quillfeather",
    "wangfang@quillfeather", "9134672", "913 4672", "87 913", "Head of Maps",
    # Her own address and mail server.
    ANA, "smtp.quillfeather")
"""What Ana recorded that her coach may not read (as pages and JSON write it)."""
INITIALS = ("Z. Q. M.", "P. F. L.")
"""How her coach sees two of the people she met."""


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[Hosted]:
    """One installation per database: Ana (Cora's client) with a rich follow-up, Olga (no
    coach), Cora and Dora (coaches) and Eve (Dora's client)."""
    home = tmp_path_factory.mktemp("coach") / "home"
    url = (f"sqlite:///{home / 'followup.db'}" if request.param == "sqlite"
           else request.getfixturevalue("pg_schema"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        hosted = make_hosted(monkeypatch, home, url, (OLGA,))
        deps = hosted.deps
        for email, name, role, coach in ((CORA, "Cora Coach", "coach", None),
                                         (DORA, "Dora Coach", "coach", None),
                                         (ANA, "Ana Byrne", "seeker", CORA),
                                         (EVE, "Eve Nolan", "seeker", DORA),
                                         (BEA, "Bea Quinn", "seeker", CORA)):
            added = accounts.add_user(deps, email, name, role, PASSWORD, coach_email=coach)
            hosted.users[email] = added.user.id
            profile.init(deps.acting(added.user.id), name, email, "Europe/Dublin", "IE")
        add_ana(hosted.client(ANA), hosted)
        ok(hosted.client(EVE).api("POST", "/api/v1/interviews", {
            "company": "Brindle & Co", "position": "Surveyor", "start": "2026-11-24T15:00",
            "interviewers": [{"name": "Mairéad Clancy"}]}), 201)
        hosted.users["share"] = bea_shares_a_note(hosted.client(BEA))
        yield hosted
    if request.param == "postgresql":
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
        engine.dispose()


def ok(answer: httpx.Response, *codes: int) -> Any:
    assert answer.status_code in (codes or (200, 201)), (answer.status_code, answer.text[:500])
    return answer.json() if "json" in answer.headers.get("content-type", "") else answer


def bea_shares_a_note(bea: Web) -> int:
    """Cora's other client shares a note for review (which Cora may read: it holds nothing of
    Ana's); the share's id."""
    plan = ok(bea.api("POST", "/api/v1/interviews", {
        "company": "Oakum Ltd", "position": "Clerk", "start": "2026-11-24T10:00",
        "interviewers": [{"name": "Tom Ash", "email": "tom@oakum.example"}]}), 201)
    step = next(a["id"] for a in plan["actions"] if a["kind"] == "thank_you"
                and a["channel"] == "email")
    ok(bea.api("POST", f"/api/v1/actions/{step}/note/draft", {"tone": "warm"}))
    shared = ok(bea.api("POST", f"/api/v1/actions/{step}/note/share"))
    assert shared["shared"] is True
    return int(shared["share_id"])


def add_ana(ana: Web, hosted: Hosted) -> None:
    """Interviews with interviewers (addresses, a title, topics), a helper, notes and a next
    step; a recruiter with an address and a number; a kept note and a scheduled one with
    their subjects; a call and a reply with notes; a skipped step with its reason; a
    rejection; and a reply the mailbox sync kept."""
    plan = ok(ana.api("POST", "/api/v1/interviews", {
        "company": "Quillfeather Analytics", "position": "Cartographer",
        "start": "2026-11-23T10:00", "duration": 60, "format": "onsite",
        "interviewers": [
            {"name": "Zebedee Quixotic-Marvell", "email": "zebedee@quillfeather.example",
             "title": "Head of Maps", "topic": "the isobaths of the lighthouse keeper"},
            {"name": "欧阳翠花", "family_name": "欧阳", "first_name": "翠花",
             "email": "wangfang@quillfeather.example"}],
        "helpers": [{"name": "Ottoline Brackenridge"}],
        "next_step": "a final round about the chart room", "decision_by": "in two weeks",
        "notes": "the marmalade heron on the logo"}), 201)
    app_id = plan["application"]["id"]
    ok(ana.api("POST", f"/api/v1/applications/{app_id}/contacts", {
        "name": "Perpetua Fennimore-Lusk", "email": "perpetua@quillfeather.example",
        "phone": "+353 87 913 4672", "role": "recruiter"}), 201)
    notes = [a["id"] for a in plan["actions"] if a["kind"] == "thank_you"
             and a["channel"] == "email" and a["status"] == "planned"]
    assert len(notes) >= 2, plan["actions"]
    ok(ana.api("POST", f"/api/v1/actions/{notes[0]}/note/draft", {"tone": "warm"}))
    ok(ana.api("PUT", f"/api/v1/actions/{notes[0]}/note", {
        "subject": "Gratitude from Ana", "body": "Dear Zebedee,\n\nThank you for the tidal "
        "atlas of Ballyquill and the marmalade heron.\n\nQuillfeather regards,\nAna"}))
    ok(ana.api("PUT", "/api/v1/settings/smtp.host", {"value": "smtp.quillfeather.example"}))
    ok(ana.api("POST", f"/api/v1/actions/{notes[1]}/note/draft", {"tone": "warm"}))
    ok(ana.api("PUT", f"/api/v1/actions/{notes[1]}/note", {
        "subject": "Smoked kipper", "body": "Dear 翠花,\n\nThank you, Smoked kipper.\n\nAna"}))
    ok(ana.api("POST", f"/api/v1/actions/{notes[1]}/note/send", {
        "at": "2026-11-30T09:00", "force": True, "confirm_spelling": True}))
    ok(ana.api("POST", f"/api/v1/applications/{app_id}/calls", {
        "outcome": "reached", "notes": "the Wexford ferry and bramble jelly",
        "decision_by": "next Friday"}))
    ok(ana.api("POST", f"/api/v1/applications/{app_id}/heard", {
        "notes": "Perpetua wrote about the chart room"}))
    plan = ok(ana.api("GET", f"/api/v1/applications/{app_id}/plan"))
    open_steps = [a["id"] for a in plan["actions"] if a["status"] == "planned"]
    assert open_steps, plan["actions"]
    ok(ana.api("POST", f"/api/v1/actions/{open_steps[-1]}/skip",
               {"reason": "rang Zebedee at home instead"}))
    other = ok(ana.api("POST", "/api/v1/interviews", {
        "company": "Larkspur Vellum", "position": "Cartographer", "start": "2026-11-20T10:00",
        "interviewers": [{"name": "Perpetua Fennimore-Lusk"}]}), 201)
    ok(ana.api("POST", f"/api/v1/applications/{other['application']['id']}/outcome",
               {"result": "rejected"}))
    from followup.adapters.db import tables as t

    with hosted.deps.unit_for(None) as uow:  # a reply the mailbox sync kept
        connection = uow.repo.connection  # type: ignore[attr-defined]
        connection.execute(t.mail_seen.insert().values(
            owner_id=hosted.users[ANA], folder="INBOX", uidvalidity=1, uid=7,
            message_id="<chat@quillfeather.example>", verdict="reply",
            application_id=app_id, address="recruiting@quillfeather.example",
            subject="Re: our cartography chat", snippet="the compass rose was lovely",
            received_at=datetime(2026, 11, 24, 12, tzinfo=UTC),
            seen_at=datetime(2026, 11, 24, 12, tzinfo=UTC)))
        uow.commit()
    # Her own pages hold what the walk looks for: the words are real.
    page = ana.get(f"/applications/{app_id}").text
    assert "Zebedee" in page and "Perpetua" in page


def leaks(answer: httpx.Response) -> list[str]:
    """Ana's private words found in an answer (its text, and JSON as ASCII escapes)."""
    body = answer.text
    if "json" in answer.headers.get("content-type", ""):
        body += json.dumps(answer.json(), ensure_ascii=True)
    return [s for s in SECRETS if s.lower() in body.lower()
            or json.dumps(s)[1:-1].lower() in body.lower()]


def coach_routes(app: Any) -> list[str]:
    """Every GET route of the coach's pages and API."""
    return [path for method, path in routes(app) if method == "GET"
            and re.match(r"^(/api/v1)?/coach(/|$)", path)]


def fill(template: str, values: dict[str, int]) -> str:
    names = re.findall(r"{(\w+)}", template)
    unknown = [n for n in names if n not in values]
    assert not unknown, f"{template}: say how the walk fills {unknown}"
    for name in names:
        template = template.replace(f"{{{name}}}", str(values[name]))
    return template


def test_the_coach_walks_every_coach_route_and_finds_nothing_private(world: Hosted) -> None:
    cora = world.client(CORA)
    templates = coach_routes(world.app)
    assert {"/coach", "/coach/clients/{client_id}", "/api/v1/coach/clients",
            "/api/v1/coach/clients/{client_id}"} <= set(templates)
    problems, seen = [], ""
    for template in templates:
        # A shared note is the coach's to read: Bea's, which holds nothing of Ana's.
        path = fill(template, {"client_id": world.users[ANA], "share_id": world.users["share"]})
        queries = [""] + ([f"?sort={s}" for s in ("attention", "name", "last_activity")]
                          if "{" not in template else [])
        for query in queries:
            answer = cora.get(path + query) if not path.startswith("/api/") else \
                cora.api("GET", path + query)
            if answer.status_code != 200:
                problems.append(f"GET {path}{query}: status {answer.status_code}")
            found = leaks(answer)
            if found:
                problems.append(f"GET {path}{query}: {', '.join(found)}")
            seen += answer.text
    assert problems == [], "\n".join(problems)
    # What the coach does see: the client, her applications and the people by initials.
    for words in ("Ana Byrne", "Quillfeather Analytics", "Larkspur Vellum", *INITIALS):
        assert words in seen, words
    detail = ok(cora.api("GET", f"/api/v1/coach/clients/{world.users[ANA]}"))
    whys = [a["why"] for app in detail["applications"] for a in app["plan"]["actions"]]
    assert any("Z. Q. M." in why for why in whys), whys
    assert all(a["reason"] is None for app in detail["applications"]
               for a in app["plan"]["actions"])
    assert detail["client"]["outcomes"]["rejected"] == 1


def test_a_coach_gets_404_for_anyone_but_her_clients(world: Hosted) -> None:
    cora = world.client(CORA)
    others = {"a seeker without a coach": world.users[OLGA],
              "another coach's client": world.users[EVE], "herself": world.users[CORA],
              "another coach": world.users[DORA], "nobody": 999_999, "zero": 0,
              "a negative id": -1, "a huge id": 2**40}
    for who, user_id in others.items():
        for path in (f"/coach/clients/{user_id}", f"/api/v1/coach/clients/{user_id}"):
            answer = cora.get(path) if path.startswith("/coach") else cora.api("GET", path)
            assert answer.status_code == 404, (who, path, answer.status_code)
            assert re.search(rf"(?i)\bno client with id {user_id}\b", answer.text), (
                who, answer.text[:300])
            assert "Eve Nolan" not in answer.text and "Brindle" not in answer.text
    listed = ok(cora.api("GET", "/api/v1/coach/clients"))
    assert sorted(c["name"] for c in listed) == ["Ana Byrne", "Bea Quinn"]


def test_the_coach_pages_are_404_to_a_seeker_and_ask_a_stranger_to_sign_in(
        world: Hosted) -> None:
    for email in (ANA, OLGA):
        web = world.client(email)
        for template in coach_routes(world.app):
            path = fill(template, {"client_id": world.users[ANA],
                                   "share_id": world.users["share"]})
            answer = web.get(path) if not path.startswith("/api/") else web.api("GET", path)
            assert answer.status_code == 404, (email, path, answer.status_code)
        assert 'href="/coach"' not in web.get("/").text
    stranger = world.client()
    assert stranger.get("/coach", follow_redirects=False).status_code == 303
    assert stranger.api("GET", "/api/v1/coach/clients").status_code == 401
