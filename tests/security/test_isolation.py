"""Every row is reached through its owner: a second user who names the first user's ids gets 404
on every page and API route, and sees nothing of hers anywhere (issue 10, item 4).

Ana records a rich follow-up through the web app; José, signed in on his own browser, walks
every route of the app (the OpenAPI paths and the HTML pages) with each of her ids in each
path parameter of that kind, by GET and by the unsafe method the route answers, with a body
that would work on his own records. Every answer must be a 404 (never a page, a redirect to her
record or a 200), no answer may hold a word of hers, and her rows must be byte for byte the same
afterwards. Then the ways in without an id in the path: ids in forms and bodies, the lists, the
export, the restore of a backup that names her ids, the calendar feed.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from tests.conftest import TABLES
from tests.web_client import Hosted, Web, make_hosted, routes

ANA, JOSE, CARMEN = "ana@example.org", "jose@example.org", "carmen@example.org"
COACH = "rosalind@example.org"
"""Ana's coach, with whom she shares a note for review."""
COMPANY = "Quillfeather Analytics"
SECRETS = (
    "Quillfeather", "Principal Cartographer", "Zebedee", "Quixotic-Marvell", "欧阳翠花",
    "Ottoline", "Brackenridge", "Perpetua", "Fennimore-Lusk", "Isambard", "Thistlewood",
    "Larkspur Vellum", "tidal atlas", "Ballyquill", "marmalade heron", "zebedee@quillfeather",
    "wangfang@quillfeather", "perpetua@quillfeather", "isambard@quillfeather", "9134672",
    "913 4672", "smtp.quillfeather", ANA)
"""Words only Ana's records hold (as her pages show them, and as JSON writes them)."""

VCARD = """BEGIN:VCARD
VERSION:3.0
FN:Isambard Thistlewood
N:Thistlewood;Isambard;;;
ORG:Quillfeather Analytics
EMAIL:isambard@quillfeather.example
END:VCARD
"""

INVITATION = """BEGIN:VCALENDAR
PRODID:-//Quillfeather//EN
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
UID:quillfeather-final-round@quillfeather.example
DTSTART:20261210T100000Z
DTEND:20261210T110000Z
DTSTAMP:20261124T120000Z
ORGANIZER;CN=Zebedee Quixotic-Marvell:mailto:zebedee@quillfeather.example
SEQUENCE:0
SUMMARY:Final round: Principal Cartographer @ Quillfeather Analytics
END:VEVENT
END:VCALENDAR
"""

KINDS = {"application_id": "applications", "interview_id": "interviews",
         "contact_id": "contacts", "action_id": "actions", "outbox_id": "outbox",
         "invitation_id": "invitations", "token_id": "access_tokens", "client_id": "users",
         "share_id": "note_shares"}
"""The table each path parameter's id is a row of (a coach's client is a user)."""

NO_ID = {
    # Signing in and out, and one-time links: no owner's row is named by an id.
    "/login", "/login/code", "/logout", "/forgot", "/reset/{token}", "/invitation/{token}",
    # José's own profile, settings and files: whatever he sends changes his own home only (the
    # ones that could name her records, restore and import, are tried below).
    "/setup", "/settings/profile", "/settings/policy", "/settings/mail", "/settings/cards",
    "/settings/passwords", "/settings/mail/test", "/settings/feed", "/settings/restore",
    "/import", "/import/preview", "/api/v1/imports", "/api/v1/profile",
    "/interviews/new/invitation", "/api/v1/settings/{key}",
    # José's own account: his password, logins, tokens and second factor.
    "/account/password", "/account/sessions/end", "/account/tokens", "/account/second-factor",
    "/account/second-factor/confirm", "/account/second-factor/off", "/account/delete",
    "/api/v1/account/sessions/end", "/api/v1/account/tokens",
    # José's own coach (he has none), and a coach's pages (he is no coach: 404).
    "/settings/coach/end", "/api/v1/account/coach", "/coach/invite", "/api/v1/coach/invitations",
    "/coach/templates", "/api/v1/coach/templates",
}
"""Unsafe routes whose requests carry no id of a record (their GETs are still walked)."""

TEMPLATE_IDS = {"/coach/templates/{template_id}/withdraw",
                "/api/v1/coach/templates/{template_id}",
                "/actions/{action_id}/note/examples/{template_id}",
                "/api/v1/actions/{action_id}/note/examples/{template_id}"}
"""Unsafe routes naming a coach's template (a seeker owns none): another coach's, another
client's and another user's step are tried in tests/integration/test_coach_templates.py."""

BODY_IDS = {"/interviews/new", "/api/v1/interviews", "/api/v1/notes/check", "/contacts/merge",
            "/contacts/signature", "/contacts/signature/save", "/contacts/import",
            "/api/v1/contacts/scan"}
"""Unsafe routes whose ids are in the form or the body: tried in `test_ids_in_forms...`."""


# -- Ana's records ------------------------------------------------------------------------
@dataclass
class World:
    hosted: Hosted
    ana: Web
    jose: Web
    coach: Web | None = None
    """Ana's coach, who reads the note she shares (the coach's routes serve the coach)."""
    ids: dict[str, list[int]] = field(default_factory=dict)
    """Ana's ids by table."""
    jose_ids: dict[str, list[int]] = field(default_factory=dict)

    def rows_of(self, email: str) -> dict[str, Any]:
        return owned_rows(self.hosted, self.hosted.users[email])


def ok(answer: httpx.Response, *codes: int) -> Any:
    assert answer.status_code in (codes or (200, 201)), (answer.status_code, answer.text[:500])
    return answer.json() if "json" in answer.headers.get("content-type", "") else answer


def owned_rows(hosted: Hosted, owner: int) -> dict[str, Any]:
    """Every row an owner has in every table, and their user row (sessions left out: a page
    seen moves their `seen_at`)."""
    from followup.adapters.db import tables as t

    dump: dict[str, Any] = {}
    with hosted.deps.unit_for(None) as uow:
        connection = uow.repo.connection  # type: ignore[attr-defined]
        for table in t.metadata.sorted_tables:
            if table.name == "sessions":
                continue
            if table.name == "users":
                where = table.c.id == owner
            elif "owner_id" in table.c:
                where = table.c.owner_id == owner
            else:
                continue
            rows = connection.execute(select(table).where(where)).mappings().all()
            dump[table.name] = sorted((dict(r) for r in rows), key=repr)
    return dump


def ids_of(dump: dict[str, Any]) -> dict[str, list[int]]:
    return {name: sorted(r["id"] for r in rows) for name, rows in dump.items()
            if rows and "id" in rows[0] and name != "users"}


def add_ana(ana: Web, hosted: Hosted) -> None:
    """Ana's follow-up: an interview with two interviewers and a helper, a contact, a vCard
    contact, a kept note, two notes in the outbox (one scheduled, one failed), a call, a
    reply heard, a decision, a rejected application, an invitation from her mail and a
    calendar feed."""
    from followup.services import feed

    ok(ana.api("POST", "/api/v1/account/tokens", {"name": "Ana's script"}))
    plan = ok(ana.api("POST", "/api/v1/interviews", {
        "company": COMPANY, "position": "Principal Cartographer", "start": "2026-11-24T10:00",
        "duration": 60, "format": "onsite",
        "interviewers": [
            {"name": "Zebedee Quixotic-Marvell", "email": "zebedee@quillfeather.example",
             "title": "Head of Maps", "topic": "the tidal atlas of Ballyquill"},
            {"name": "欧阳翠花", "family_name": "欧阳", "first_name": "翠花",
             "email": "wangfang@quillfeather.example", "topic": "tidal atlas projections"}],
        "helpers": [{"name": "Ottoline Brackenridge", "title": "receptionist"}],
        "next_step": "a final round about the tidal atlas", "decision_by": "in two weeks",
        "notes": "the marmalade heron on the logo"}))
    app_id = plan["application"]["id"]
    ok(ana.api("POST", f"/api/v1/applications/{app_id}/contacts", {
        "name": "Perpetua Fennimore-Lusk", "email": "perpetua@quillfeather.example",
        "phone": "+353 87 913 4672", "role": "recruiter"}))
    ok(ana.client.post("/contacts/import", data={
        "csrftoken": ana.token(), "application_id": str(app_id)},
        files={"file": ("isambard.vcf", VCARD.encode(), "text/vcard")}), 200, 303)
    plan = ok(ana.api("GET", f"/api/v1/applications/{app_id}/plan"))
    notes = [a for a in plan["actions"]
             if a["kind"] == "thank_you" and a["channel"] == "email" and a["status"] == "planned"]
    assert len(notes) >= 2, plan["actions"]
    kept, scheduled, failed = notes[0]["id"], notes[0]["id"], notes[1]["id"]
    ok(ana.api("POST", f"/api/v1/actions/{kept}/note/draft", {"tone": "warm"}))
    ok(ana.api("PUT", f"/api/v1/actions/{kept}/note", {
        "body": "Dear Zebedee,\n\nThank you for the tidal atlas of Ballyquill.\n\nAna"}))
    ok(ana.api("PUT", "/api/v1/settings/smtp.host", {"value": "smtp.quillfeather.example"}))
    for action_id in (scheduled, failed):
        ok(ana.api("POST", f"/api/v1/actions/{action_id}/note/send", {
            "at": "2026-11-30T09:00", "force": True, "confirm_spelling": True}))
    from followup.adapters.db import tables as t

    with hosted.deps.unit_for(None) as uow:  # a delivery that failed: one Ana may resend
        connection = uow.repo.connection  # type: ignore[attr-defined]
        connection.execute(t.outbox.update().where(t.outbox.c.action_id == failed).values(
            state="failed", error="550 mailbox of Zebedee unavailable"))
        uow.commit()
    ok(ana.api("POST", f"/api/v1/applications/{app_id}/calls", {
        "outcome": "reached", "notes": "the marmalade heron again", "decision_by": "next Friday"}))
    ok(ana.api("POST", f"/api/v1/applications/{app_id}/heard", {
        "notes": "Perpetua wrote about the tidal atlas"}))
    other = ok(ana.api("POST", "/api/v1/interviews", {
        "company": "Larkspur Vellum Works", "position": "Principal Cartographer",
        "start": "2026-11-20T10:00", "interviewers": [{"name": "Zebedee Quixotic-Marvell"}]}))
    ok(ana.api("POST", f"/api/v1/applications/{other['application']['id']}/outcome",
               {"result": "rejected"}))
    _mailed_invitation(hosted, hosted.users[ANA])
    ok(ana.form("/settings/feed"), 303)
    _shared_for_review(ana, hosted, failed)
    assert "Quillfeather" in ana.get("/calendar.ics", params={"token": feed.token(
        hosted.deps.acting(hosted.users[ANA]))}).text


def _shared_for_review(ana: Web, hosted: Hosted, failed: int) -> None:
    """Ana's coach, the note whose delivery failed shared with them again, and a comment."""
    from followup.services import accounts
    from tests.web_client import PASSWORD

    hosted.users[COACH] = accounts.add_user(hosted.deps, COACH, "Rosalind Coach", "coach",
                                            PASSWORD).user.id
    with hosted.deps.unit_for(None) as uow:
        uow.accounts.set_coach(hosted.users[ANA], hosted.users[COACH])
        uow.commit()
    share = ok(ana.api("POST", f"/api/v1/actions/{failed}/note/share"))["share_id"]
    ok(hosted.client(COACH).api("POST", f"/api/v1/coach/reviews/{share}/comments", {
        "body": "Mention the tidal atlas of Ballyquill?"}), 201)


def _mailed_invitation(hosted: Hosted, owner: int) -> None:
    from datetime import UTC, datetime

    from followup.domain.invitation import MailedInvitation, Method

    with hosted.deps.acting(owner).uow() as uow:
        uow.repo.add_invitation(MailedInvitation(
            None, "quillfeather-final-round@quillfeather.example", 0, Method.REQUEST,
            "Final round: Principal Cartographer @ Quillfeather Analytics",
            "Zebedee Quixotic-Marvell", datetime(2026, 12, 10, 10, tzinfo=UTC), INVITATION,
            "<final@quillfeather.example>", datetime(2026, 11, 24, 12, tzinfo=UTC)))
        uow.commit()


def add_jose(jose: Web) -> None:
    """José's own small follow-up: one interview with one interviewer, and a call."""
    plan = ok(jose.api("POST", "/api/v1/interviews", {
        "company": "Brindle & Co", "position": "Surveyor", "start": "2026-11-24T15:00",
        "interviewers": [{"name": "Mairéad Clancy", "email": "mairead@brindle.example"}]}))
    ok(jose.api("POST", f"/api/v1/applications/{plan['application']['id']}/calls", {
        "outcome": "reached", "notes": "they liked the survey"}))


ENVIRONMENT = ("FOLLOWUP_HOME", "FOLLOWUP_DATABASE_URL", "FOLLOWUP_MODE", "FOLLOWUP_SECRET_KEY",
               "FOLLOWUP_NOW")
"""What the installation reads while it serves (each test's environment starts clean)."""


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[World, dict[str, str]]]:
    """One installation per database for the whole module (accounts and their records are
    slow to make): the walks only read, or are refused."""
    home = tmp_path_factory.mktemp("isolation") / "home"
    url = (f"sqlite:///{home / 'followup.db'}" if request.param == "sqlite"
           else request.getfixturevalue("pg_schema"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        hosted = make_hosted(monkeypatch, home, url, (ANA, JOSE, CARMEN))
        ana, jose = hosted.client(ANA), hosted.client(JOSE)
        add_ana(ana, hosted)
        add_jose(jose)
        found = World(hosted, ana, jose, hosted.client(COACH))
        found.ids = ids_of(found.rows_of(ANA))
        found.jose_ids = ids_of(found.rows_of(JOSE))
        found.ids["users"], found.jose_ids["users"] = [hosted.users[ANA]], [hosted.users[JOSE]]
        for kind in ("applications", "interviews", "contacts", "actions", "outbox",
                     "invitations", "touches", "notes"):
            assert found.ids.get(kind), (kind, found.ids)
        environment = {name: os.environ[name] for name in ENVIRONMENT}
    yield found, environment
    for web in (ana, jose, found.coach):
        if web is not None:
            web.client.__exit__(None, None, None)
    if request.param == "postgresql":
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
        engine.dispose()


@pytest.fixture
def world(built: tuple[World, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> World:
    found, environment = built
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return found


# -- what an answer may hold ------------------------------------------------------------------
def leaks(answer: httpx.Response) -> list[str]:
    """Ana's words found in an answer (its text, as HTML or JSON writes them)."""
    body = answer.text
    if "json" in answer.headers.get("content-type", ""):
        body += json.dumps(answer.json(), ensure_ascii=True)
    found = [s for s in SECRETS if s.lower() in body.lower()
             or json.dumps(s)[1:-1].lower() in body.lower()]
    location = answer.headers.get("location", "")
    if re.search(r"/(applications|actions|contacts|interviews|outbox)/\d", location):
        found.append(f"a redirect to {location}")
    return found


NOT_FOUND = {"applications": "application", "interviews": "interview", "contacts": "contact",
             "actions": "action", "outbox": "message", "invitations": "invitation",
             "access_tokens": "token", "users": "client", "note_shares": "shared note"}
"""How a 404 names the record of each table it did not find."""


def refused(answer: httpx.Response, what: str, record: tuple[str, int] | None = None
            ) -> str | None:
    """None when `answer` is a 404 that holds nothing of Ana's (and, given `record`, says it
    found no such record: the owner's lookup answered, not a route that does not exist)."""
    problems = leaks(answer)
    if answer.status_code != 404:
        problems.insert(0, f"status {answer.status_code}")
    elif record is not None:
        table, number = record
        if not re.search(rf"(?i)\bno {NOT_FOUND[table]} with id {number}\b", answer.text):
            problems.insert(0, f"a 404 that does not name {table} {number}")
    return f"{what}: {', '.join(problems)}" if problems else None


# -- bodies that would work on José's own records ------------------------------------------
API_BODIES: dict[tuple[str, str], Any] = {
    ("PATCH", "/api/v1/applications/{application_id}"): {"url": "https://jobs.example/1"},
    ("PATCH", "/api/v1/contacts/{contact_id}"): {"name": "Mallory", "confirmed": True},
    ("PATCH", "/api/v1/interviews/{interview_id}"): {"notes": "moved", "start":
                                                     "2026-11-24T11:00"},
    ("POST", "/api/v1/actions/{action_id}/done"): {"at": "2026-11-24T18:00"},
    ("POST", "/api/v1/actions/{action_id}/skip"): {"reason": "not needed"},
    ("POST", "/api/v1/actions/{action_id}/note/draft"): {"tone": "warm", "force": True},
    ("POST", "/api/v1/actions/{action_id}/note/send"): {"force": True,
                                                        "confirm_spelling": True},
    ("PUT", "/api/v1/actions/{action_id}/note"): {"body": "Dear you,\n\nMallory was here."},
    ("POST", "/api/v1/applications/{application_id}/calls"): {"outcome": "reached",
                                                              "notes": "hello"},
    ("POST", "/api/v1/applications/{application_id}/heard"): {"notes": "hello"},
    ("POST", "/api/v1/applications/{application_id}/outcome"): {"result": "withdrawn"},
    ("POST", "/api/v1/applications/{application_id}/contacts"): {"name": "Mallory"},
    ("POST", "/api/v1/interviews/{interview_id}/cancel"): None,
    ("POST", "/api/v1/outbox/{outbox_id}/cancel"): None,
    ("POST", "/api/v1/outbox/{outbox_id}/resend"): None,
    ("DELETE", "/api/v1/applications/{application_id}"): None,
    ("POST", "/api/v1/coach/reviews/{share_id}/comments"): {"body": "Mallory was here."},
}
FORMS: dict[str, dict[str, str]] = {
    "/actions/{action_id}/call": {"outcome": "reached", "notes": "hello"},
    "/actions/{action_id}/done": {"next": "/"},
    "/actions/{action_id}/skip": {"reason": "not needed", "next": "/"},
    "/actions/{action_id}/note": {"body": "Dear you,\n\nMallory was here.", "subject": "Hi"},
    "/actions/{action_id}/note/check": {"body": "Dear you,\n\nThanks."},
    "/actions/{action_id}/note/fix": {"body": "Dear you,\n\nThanks.", "rule": "N1",
                                      "start": "0", "end": "4"},
    "/actions/{action_id}/note/draft": {"tone": "warm", "force": "yes"},
    "/actions/{action_id}/note/send": {"at": "", "force": "yes", "confirm": "yes"},
    "/applications/{application_id}/calls": {"outcome": "reached", "notes": "hello"},
    "/applications/{application_id}/heard": {"notes": "hello"},
    "/applications/{application_id}/outcome": {"result": "withdrawn"},
    "/applications/{application_id}/edit": {"company": "Mallory Ltd", "position": "Spy"},
    "/applications/{application_id}/delete": {"confirm": "yes"},
    "/applications/{application_id}/cards/save": {"name": "Mallory", "save": "0"},
    "/contacts/{contact_id}/edit": {"name": "Mallory", "confirmed": "yes"},
    "/interviews/{interview_id}/edit": {"at": "2026-11-24T11:00", "duration": "30",
                                        "notes": "moved"},
    "/interviews/{interview_id}/cancel": {"confirm": "yes"},
    "/coach/reviews/{share_id}/comments": {"body": "Mallory was here."},
    "/coach/reviews/{share_id}/verdict": {"looks_good": "yes"},
}
PHOTO = base64.b64encode(b"\xff\xd8\xff\xe0 not much of a photo").decode()


def _send(web: Web, method: str, template: str, path: str) -> httpx.Response:
    if template.startswith("/api/"):
        if method == "GET":
            return web.api("GET", path)
        return web.api(method, path, API_BODIES.get((method, template)))
    if method == "GET":
        return web.get(path, follow_redirects=False)
    if template == "/applications/{application_id}/cards":
        return web.client.post(path, data={"csrftoken": web.token()}, follow_redirects=False,
                               files={"card": ("card.jpg", base64.b64decode(PHOTO),
                                               "image/jpeg")})
    return web.form(path, FORMS.get(template, {}))


def _fillings(template: str, ids: dict[str, list[int]],
              own: dict[str, list[int]]) -> Iterator[tuple[str, tuple[str, int]]]:
    """The path with each of Ana's ids in each id parameter (and with two parameters, hers
    beside one of José's), with the record the answer must say it did not find."""
    names = re.findall(r"{(\w+)}", template)
    last = names[-1]
    for record in ids[KINDS[last]]:
        path = template.replace(f"{{{last}}}", str(record))
        found = (KINDS[last], record)
        if len(names) == 1:
            yield path, found
            continue
        first = names[0]
        for mine in (ids[KINDS[first]][0], own[KINDS[first]][0]):
            yield path.replace(f"{{{first}}}", str(mine)), found


# -- the walk -------------------------------------------------------------------------------
def test_every_route_with_the_first_users_ids_is_404_to_the_second(world: World) -> None:
    app = world.hosted.app
    every = routes(app)
    openapi = ok(world.jose.get("/api/v1/openapi.json"))
    documented = {(method.upper(), path) for path, item in openapi["paths"].items()
                  for method in item if method in ("get", "post", "put", "patch", "delete")}
    assert documented <= set(every), documented - set(every)
    for method, template in every:  # her ids and the walk's paths are real: they serve her
        if method == "GET" and re.search(r"{\w+_id}", template):  # (or her coach)
            paths = [path for path, _ in _fillings(template, world.ids, world.ids)]
            web = world.coach if "/coach/" in template and world.coach else world.ana
            assert any(web.get(path).status_code == 200 for path in paths), template
    before = world.rows_of(ANA)
    her_keys = [row["key"] for row in before["settings"]]
    assert "smtp.host" in her_keys
    problems: list[str] = []
    walked = 0
    for method, template in every:
        if method == "HEAD" or template.startswith(("/static", "/fonts")):
            continue
        names = re.findall(r"{(\w+)}", template)
        if not names or not all(n in KINDS for n in names):
            assert method == "GET" or template in NO_ID | BODY_IDS | TEMPLATE_IDS, (
                f"{method} {template} is neither walked nor said to carry no id")
            if method != "GET" or "token" in names:  # one-time links name no record
                continue
            # A page without an id, or one of her settings by its key: his own, or nothing.
            for path in [template.replace("{key}", key) for key in her_keys]:
                answer = world.jose.get(path, follow_redirects=False)
                assert answer.status_code < 500, (path, answer.text[:300])
                found = leaks(answer)
                if found:
                    problems.append(f"GET {path}: {', '.join(found)}")
                walked += 1
            continue
        for path, record in _fillings(template, world.ids, world.jose_ids):
            answer = _send(world.jose, method, template, path)
            problem = refused(answer, f"{method} {path}", record)
            walked += 1
            if problem:
                problems.append(problem)
    assert problems == [], "\n".join(problems)
    assert walked > 150
    assert world.rows_of(ANA) == before


def test_ids_in_forms_and_bodies_are_404_to_the_second_user(world: World) -> None:
    jose, ids, own = world.jose, world.ids, world.jose_ids
    app, interview = ids["applications"][0], ids["interviews"][0]
    contact, other, action = ids["contacts"][0], ids["contacts"][1], ids["actions"][0]
    before = world.rows_of(ANA)
    attempts = {
        "GET contacts of her application": jose.api(
            "GET", f"/api/v1/contacts?application_id={app}"),
        "GET new round of her application": jose.get(f"/interviews/new?application={app}"),
        "POST a round of her application (page)": jose.form("/interviews/new", {
            "application": str(app), "at": "2026-11-26T10:00", "duration": "30",
            "company": "", "position": "", "format": "video"}),
        "POST a round of her application (API)": jose.api("POST", "/api/v1/interviews", {
            "application_id": app, "start": "2026-11-26T10:00"}),
        "check a text as her step's note": jose.api("POST", "/api/v1/notes/check", {
            "body": "Dear you,\n\nThanks.", "action_id": action}),
        "check a text to her contact about her application": jose.api(
            "POST", "/api/v1/notes/check", {"body": "Dear you,\n\nThanks.",
                                            "to": str(contact), "application_id": app}),
        "check a text about her interview": jose.api("POST", "/api/v1/notes/check", {
            "body": "Dear you,\n\nThanks.", "to": "Zebedee Quixotic-Marvell",
            "interview_id": interview}),
        "merge two of her contacts": jose.form("/contacts/merge", {
            "keep_id": str(contact), "other_id": str(other)}),
        "merge hers into his": jose.form("/contacts/merge", {
            "keep_id": str(own["contacts"][0]), "other_id": str(contact)}),
        "merge his into hers": jose.form("/contacts/merge", {
            "keep_id": str(contact), "other_id": str(own["contacts"][0])}),
        "read a signature for her application": jose.form("/contacts/signature", {
            "signature": "Mallory Spy\nmallory@example.com", "application_id": str(app)}),
        "save a signature to her application": jose.form("/contacts/signature/save", {
            "name": "Mallory Spy", "email": "mallory@example.com", "application_id": str(app)}),
        "import a vCard into her application": jose.client.post(
            "/contacts/import", data={"csrftoken": jose.token(), "application_id": str(app)},
            files={"file": ("m.vcf", VCARD.replace("Isambard Thistlewood", "Mallory Spy")
                            .replace("Quillfeather Analytics", "Mallory Ltd").encode(),
                            "text/vcard")}, follow_redirects=False),
        "scan cards into her application": jose.api("POST", "/api/v1/contacts/scan", {
            "photos": [PHOTO], "application_id": app, "save": True}),
        "scan cards onto her interview": jose.api("POST", "/api/v1/contacts/scan", {
            "photos": [PHOTO], "interview_id": interview, "save": True}),
    }
    problems = [refused(answer, what) for what, answer in attempts.items()]
    assert [p for p in problems if p] == []
    assert world.rows_of(ANA) == before


def test_lists_export_feed_and_letters_of_the_second_user_hold_nothing_of_the_first(
        world: World) -> None:
    jose = world.jose
    pages = ["/", "/?all=true", "/coming?all=true", "/applications",
             "/applications?view=board", "/applications?q=Principal", "/contacts",
             "/insights", "/outbox", "/settings", "/checker", "/reports/activity.csv",
             "/api/v1/today", "/api/v1/agenda", "/api/v1/applications", "/api/v1/contacts",
             "/api/v1/outbox", "/api/v1/stats", "/api/v1/settings", "/api/v1/mail/skipped",
             "/api/v1/profile", "/reports/activity.csv?from=2026-01-01&to=2026-12-31"]
    for path in pages:
        answer = jose.get(path, follow_redirects=False)
        assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
        assert leaks(answer) == [], path
    assert "Brindle" in jose.get("/applications").text  # his own are there

    exported = ok(jose.api("GET", "/api/v1/export"))
    assert leaks_in(exported) == []
    assert [a["company"] for a in exported["applications"]] == ["Brindle & Co"]
    mine = {r["id"] for r in exported["applications"]}
    assert not mine & set(world.ids["applications"])

    ok(jose.form("/settings/feed"), 303)
    feed_token = _feed_token(world, JOSE)
    assert _feed_token(world, ANA) != feed_token
    for web in (jose, world.hosted.client()):  # his browser, and a calendar app
        feed = web.client.get(f"/calendar.ics?token={feed_token}")
        assert feed.status_code == 200, feed.text[:300]
        assert "Brindle" in feed.text and leaks(feed) == []
    for token in ("", "?token=", f"?token={feed_token[:-1]}"):
        assert refused(jose.get(f"/calendar.ics{token}"), f"feed {token}") is None

    for action in world.ids["actions"][:3]:
        for path in (f"/actions/{action}/note.pdf", f"/api/v1/actions/{action}/note.pdf",
                     f"/actions/{action}/note.pdf?force=yes"):
            answer = jose.get(path, follow_redirects=False)
            assert answer.status_code == 404, (path, answer.status_code)
            assert not answer.content.startswith(b"%PDF")


def test_the_second_users_access_token_reaches_nothing_of_the_first(world: World) -> None:
    from followup.services import sessions

    token = sessions.create_token(world.hosted.deps.acting(world.hosted.users[JOSE]), "cli")
    api = world.hosted.client()
    api.client.headers.update({"authorization": f"Bearer {token.token}",
                               "x-requested-with": "fetch"})
    ids = world.ids
    before = world.rows_of(ANA)
    attempts = {
        ("GET", f"/api/v1/applications/{ids['applications'][0]}/plan"): "applications",
        ("GET", f"/api/v1/actions/{ids['actions'][0]}"): "actions",
        ("GET", f"/api/v1/contacts/{ids['contacts'][0]}"): "contacts",
        ("GET", f"/api/v1/outbox/{ids['outbox'][0]}"): "outbox",
        ("POST", f"/api/v1/outbox/{ids['outbox'][0]}/cancel"): "outbox",
        ("POST", f"/api/v1/outbox/{ids['outbox'][-1]}/resend"): "outbox",
        ("DELETE", f"/api/v1/applications/{ids['applications'][0]}"): "applications",
    }
    problems = [refused(api.client.request(method, path), f"{method} {path}",
                        (table, int(path.split("/")[4])))
                for (method, path), table in attempts.items()]
    assert [p for p in problems if p] == []
    for path in ("/api/v1/applications", "/api/v1/agenda", "/api/v1/outbox", "/api/v1/export"):
        answer = api.client.get(path)
        assert answer.status_code == 200 and leaks(answer) == [], path
        assert "Brindle" in answer.text or path == "/api/v1/outbox", path
    assert world.rows_of(ANA) == before


def _feed_token(world: World, email: str) -> str:
    from followup.services import feed

    found = feed.token(world.hosted.deps.acting(world.hosted.users[email]))
    assert found
    return found


def leaks_in(document: Any) -> list[str]:
    text = json.dumps(document, ensure_ascii=False).lower()
    return [s for s in SECRETS if s.lower() in text]


# -- a backup restored by another user -------------------------------------------------------
REFERENCES = ("id", "application_id", "contact_id", "interview_id", "action_id")
FRESH = 10_000
"""Added to every id of a backup, so that its own records take ids nobody has."""


def _renumbered(document: dict[str, Any]) -> dict[str, Any]:
    """The backup with every id and every reference moved by FRESH."""
    moved = copy.deepcopy(document)
    for table in ("applications", "contacts", "interviews", "participants", "actions",
                  "touches", "notes"):
        for row in moved[table]:
            for name in REFERENCES:
                if row.get(name) is not None:
                    row[name] += FRESH
            kind, _, number = str(row.get("anchor", "")).partition(":")
            if number.isdigit():
                row["anchor"] = f"{kind}:{int(number) + FRESH}"
    return moved


def _restore(web: Web, document: dict[str, Any]) -> httpx.Response:
    return web.client.post(
        "/settings/restore", data={"csrftoken": web.token()}, follow_redirects=False,
        files={"backup": ("backup.json", json.dumps(document).encode(), "application/json")})


def test_a_restored_backup_cannot_write_into_or_point_at_the_first_users_records(
        world: World) -> None:
    """Carmen (an empty home) restores José's backup, its records given ids nobody has, and
    changed to name Ana's ids: each version is refused and Ana's rows stay as they were; the
    backup as it was then restores, and shows nothing of Ana's."""
    carmen = world.hosted.client(CARMEN)
    ids = world.ids
    backup = _renumbered(ok(world.jose.api("GET", "/api/v1/export")))
    assert backup["touches"] and backup["participants"] and backup["actions"]
    before = world.rows_of(ANA)

    def changed(table: str, **values: Any) -> dict[str, Any]:
        document = copy.deepcopy(backup)
        document[table][0].update(values)
        return document

    app, contact, interview = ids["applications"][0], ids["contacts"][0], ids["interviews"][0]
    action = ids["actions"][0]
    tries = {
        "an application with her id": changed("applications", id=app),
        "a contact with her id": changed("contacts", id=contact),
        "an interview with her id": changed("interviews", id=interview),
        "a step with her id": changed("actions", id=action),
        "a touch with her id": changed("touches", id=ids["touches"][0]),
        "a contact in her application": changed("contacts", application_id=app),
        "an interview of her application": changed("interviews", application_id=app),
        "a step of her application": changed("actions", application_id=app),
        "a step to her contact": changed("actions", contact_id=contact),
        "a step of her interview": changed("actions", interview_id=interview),
        "a touch of her application": changed("touches", application_id=app),
        "a touch with her contact": changed("touches", contact_id=contact),
        "a touch of her step": changed("touches", action_id=action),
        "her contact at his interview": changed("participants", contact_id=contact),
        "his contact at her interview": changed("participants", interview_id=interview),
        "a note of her step": {**backup, "notes": [{
            "id": FRESH + 1, "action_id": ids["actions"][-1], "subject": "Hello",
            "body": "Dear you,\n\nHello.", "tone": "formal", "edited": True,
            "state": "draft", "findings": "[]", "updated_at": "2026-11-24T10:00:00+00:00"}]},
    }
    problems = []
    for what, document in tries.items():
        answer = _restore(carmen, document)
        if answer.status_code < 400 or leaks(answer):
            problems.append(f"{what}: {answer.status_code} {leaks(answer)}")
            _empty_home(world, CARMEN)
    assert problems == [], "\n".join(problems)
    assert world.rows_of(ANA) == before
    assert _restore(carmen, backup).status_code == 303
    assert world.rows_of(CARMEN)["users"][0]["email"] == CARMEN  # her login stays hers
    for path in ("/api/v1/agenda", "/api/v1/contacts", "/", "/contacts"):
        answer = carmen.get(path)
        assert answer.status_code == 200 and leaks(answer) == [], path
        assert "Mairéad" in answer.text or "Mair\\u00e9ad" in answer.text, path
    assert world.rows_of(ANA) == before
    _empty_home(world, CARMEN)
    carmen.client.__exit__(None, None, None)


def _empty_home(world: World, email: str) -> None:
    """Takes away what a restore wrote (so the next one finds an empty home)."""
    from followup.adapters.db import tables as t

    owner = world.hosted.users[email]
    with world.hosted.deps.unit_for(None) as uow:
        connection = uow.repo.connection  # type: ignore[attr-defined]
        for table in (t.notes, t.touches, t.actions, t.participants, t.interviews, t.contacts,
                      t.applications):
            connection.execute(table.delete().where(table.c.owner_id == owner))
        uow.commit()
