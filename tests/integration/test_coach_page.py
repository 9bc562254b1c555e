"""The coach's page on a scripted history: every number of a client equals the one worked out
in this test from what the client did (through the API, at the web tests' fixed clock), on
SQLite and PostgreSQL; the list's order puts who needs attention first; one client's page adds
up; and 30 clients with 20 applications each are read in a few queries."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from followup.services import accounts, coaching, profile
from tests.web_client import NOW, PASSWORD, Hosted, Web, make_hosted

COACH, ANA, BEA, CARL, OUTSIDER = ("cora@example.org", "ana@example.org", "bea@example.org",
                                   "carl@example.org", "olga@example.org")
CLOCK = datetime.fromisoformat(NOW)
"""Wednesday 25 November 2026, 09:00 in Dublin (which keeps UTC in November)."""


def ok(answer: Any, *codes: int) -> Any:
    assert answer.status_code in (codes or (200, 201)), (answer.status_code, answer.text[:500])
    return answer.json()


def coached(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
            clients: tuple[tuple[str, str], ...] = ((ANA, "Ana Byrne"), (BEA, "Bea Walsh"),
                                                    (CARL, "Carl Doyle"))) -> Hosted:
    """A hosted installation with a seeker of no coach (Olga), a coach (Cora) and her clients,
    each with a profile in Dublin."""
    hosted = make_hosted(monkeypatch, home, database_url, (OUTSIDER,))
    deps = hosted.deps
    coach = accounts.add_user(deps, COACH, "Cora Coach", "coach", PASSWORD)
    hosted.users[COACH] = coach.user.id
    profile.init(deps.acting(coach.user.id), "Cora Coach", COACH, "Europe/Dublin", "IE")
    for email, name in clients:
        added = accounts.add_user(deps, email, name, "seeker", PASSWORD, coach_email=COACH)
        hosted.users[email] = added.user.id
        profile.init(deps.acting(added.user.id), name, email, "Europe/Dublin", "IE")
    return hosted


def interview(web: Web, company: str, start: str, interviewer: str) -> dict[str, Any]:
    plan = ok(web.api("POST", "/api/v1/interviews", {
        "company": company, "position": "Data Analyst", "start": start, "duration": 60,
        "format": "video", "interviewers": [{"name": interviewer}]}), 201)
    return dict(plan)


def thank_you_step(plan: dict[str, Any]) -> int:
    [step] = [a["id"] for a in plan["actions"]
              if a["kind"] == "thank_you" and not a["optional"] and a["status"] == "planned"]
    return int(step)


def script_ana(ana: Web) -> dict[str, int]:
    """Ana's history, with what each interview is there to show; returns the applications."""
    apps = {}
    # Hooli, 1 Oct: inside the 90 days, not the last 30; thanked the same evening (on time).
    hooli = interview(ana, "Hooli", "2026-10-01T10:00", "Harriet Lamb")
    ok(ana.api("POST", f"/api/v1/actions/{thank_you_step(hooli)}/done",
               {"at": "2026-10-01T17:00"}))
    # Acme, Mon 2 Nov: thanked the next day before midnight (on time, deadline Tue 23:59).
    acme = interview(ana, "Acme", "2026-11-02T10:00", "Zebedee Quixotic-Marvell")
    ok(ana.api("POST", f"/api/v1/actions/{thank_you_step(acme)}/done",
               {"at": "2026-11-03T21:00"}))
    # Globex, Mon 9 Nov: thanked on Thursday (late), then rejected.
    globex = interview(ana, "Globex", "2026-11-09T10:00", "Perpetua Fennimore-Lusk")
    ok(ana.api("POST", f"/api/v1/actions/{thank_you_step(globex)}/done",
               {"at": "2026-11-12T10:00"}))
    ok(ana.api("POST", f"/api/v1/applications/{globex['application']['id']}/outcome",
               {"result": "rejected"}))
    # Initech, Mon 16 Nov: never thanked: missed, and overdue since Tue 17 Nov 23:59.
    initech = interview(ana, "Initech", "2026-11-16T10:00", "Isambard Thistlewood")
    # Umbrella, yesterday: its note's deadline is tonight, so it is not due yet.
    umbrella = interview(ana, "Umbrella", "2026-11-24T10:00", "Ottoline Brackenridge")
    for name, plan in (("hooli", hooli), ("acme", acme), ("globex", globex),
                       ("initech", initech), ("umbrella", umbrella)):
        apps[name] = plan["application"]["id"]
    return apps


def expected_from_plans(web: Web, apps: dict[str, int]) -> dict[str, Any]:
    """The client's overdue steps as her own plans show them (Today's Overdue: open, past the
    deadline, checklists aside), per application and in all."""
    per_app: dict[int, list[datetime]] = {}
    for app_id in apps.values():
        plan = ok(web.api("GET", f"/api/v1/applications/{app_id}/plan"))
        per_app[app_id] = [datetime.fromisoformat(a["deadline"]) for a in plan["actions"]
                           if a["status"] == "planned" and a["kind"] != "checklist"
                           and datetime.fromisoformat(a["deadline"]) < CLOCK]
    every = [d for ds in per_app.values() for d in ds]
    return {"per_app": per_app, "count": len(every),
            "oldest_days": (CLOCK.date() - min(every).date()).days if every else None}


@pytest.fixture
def hosted(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Iterator[Hosted]:
    yield coached(monkeypatch, home, database_url)


def test_a_clients_numbers_equal_those_worked_out_from_her_history(hosted: Hosted) -> None:
    ana = hosted.client(ANA)
    apps = script_ana(ana)
    # Carl: one interview on 5 Nov, thanked on time, and nothing since.
    carl = hosted.client(CARL)
    quiet = interview(carl, "Wonka", "2026-11-05T10:00", "Willy Gloop")
    ok(carl.api("POST", f"/api/v1/actions/{thank_you_step(quiet)}/done",
                {"at": "2026-11-05T16:00"}))
    overdue = expected_from_plans(ana, apps)
    assert overdue["count"] >= 1  # Initech's note at least

    coach = hosted.client(COACH)
    listed = ok(coach.api("GET", "/api/v1/coach/clients"))
    # All three need attention: the oldest overdue first (Ana's, then Carl's), then Bea's
    # empty record.
    assert [c["name"] for c in listed] == ["Ana Byrne", "Carl Doyle", "Bea Walsh"]
    assert listed[0]["oldest_overdue_days"] > listed[1]["oldest_overdue_days"] > 0
    mine = {c["id"]: c for c in listed}
    a = mine[hosted.users[ANA]]
    assert a == {
        "id": hosted.users[ANA], "name": "Ana Byrne",
        "active_applications": 4,  # Hooli, Acme, Initech, Umbrella (Globex rejected)
        "interviews_30d": 4,  # 2, 9, 16 and 24 Nov; 1 Oct is older than 30 days
        "thank_you": {"due": 4, "on_time": 2, "late": 1, "missed": 1, "on_time_rate": 0.5},
        "overdue_steps": overdue["count"],
        "oldest_overdue_days": overdue["oldest_days"],
        "last_activity": "2026-11-24T10:00:00+00:00",  # Umbrella's interview
        "outcomes": {"offer": 0, "hired": 0, "rejected": 1, "withdrawn": 0, "stale": 0},
        "needs_attention": True,
        "attention": ["1 thank-you note overdue (the oldest by 8 days)"],  # 17 -> 25 Nov
    }
    c = mine[hosted.users[CARL]]
    # His last activity is the note of 5 Nov, 16:00: 19 whole days and 17 hours ago.
    assert (c["needs_attention"], c["attention"]) == (True, ["no activity for 19 days"])
    assert c["last_activity"] == "2026-11-05T16:00:00+00:00"
    assert c["thank_you"] == {"due": 1, "on_time": 1, "late": 0, "missed": 0,
                              "on_time_rate": 1.0}
    b = mine[hosted.users[BEA]]
    assert (b["needs_attention"], b["attention"], b["last_activity"]) == (
        True, ["nothing recorded yet"], None)
    assert (b["active_applications"], b["overdue_steps"], b["oldest_overdue_days"]) == (
        0, 0, None)

    # Insights (`followup stats`' read model) counts Ana's notes the same way.
    insights = ok(ana.api("GET", "/api/v1/stats"))["thank_you"]
    assert {k: insights[k] for k in ("due", "on_time", "late", "missed")} == {
        k: a["thank_you"][k] for k in ("due", "on_time", "late", "missed")}

    # One client's page: its applications add up to the list's numbers.
    one = ok(coach.api("GET", f"/api/v1/coach/clients/{hosted.users[ANA]}"))
    assert one["client"] == a
    assert (one["from"], one["to"]) == ("2026-08-28", "2026-11-25")
    by_id = {x["id"]: x for x in one["applications"]}
    assert set(by_id) == set(apps.values())
    for key in ("due", "on_time", "late", "missed"):
        assert sum(x["thank_you"][key] for x in by_id.values()) == a["thank_you"][key]
        assert sum(w[key] for w in one["weeks"] if key in w) == (
            a["thank_you"][key] if key in ("due", "on_time") else 0)
    for app_id, deadlines in overdue["per_app"].items():
        assert by_id[app_id]["overdue_steps"] == len(deadlines)
    assert by_id[apps["globex"]]["status"] == "rejected"
    assert by_id[apps["globex"]]["stage"] == "closed"
    assert by_id[apps["globex"]]["thank_you"]["late"] == 1
    assert by_id[apps["initech"]]["thank_you"]["missed"] == 1
    assert by_id[apps["umbrella"]]["thank_you"]["due"] == 0
    assert by_id[apps["umbrella"]]["interviews_held"] == 1
    assert one["applications"][-1]["id"] == apps["globex"]  # closed ones last
    weeks = {w["week"]: (w["due"], w["on_time"]) for w in one["weeks"]}
    assert weeks["2026-W40"] == (1, 1)  # Hooli
    assert weeks["2026-W45"] == (1, 1)  # Acme
    assert weeks["2026-W46"] == (1, 0)  # Globex, late
    assert weeks["2026-W47"] == (1, 0)  # Initech, missed
    assert weeks["2026-W48"] == (0, 0)  # Umbrella, not due yet
    assert len(one["weeks"]) == 14 and one["weeks"][0]["starts"] == "2026-08-24"

    # The page shows the same numbers, and its rows in the same order.
    page = coach.get("/coach")
    assert page.status_code == 200
    rows = re.findall(r'data-client="(\d+)"', page.text)
    assert [int(r) for r in rows] == [x["id"] for x in listed]
    assert "2 of 4 (50" in page.text and "1 thank-you note overdue (the oldest by 8 days)" \
        in page.text
    detail = coach.get(f"/coach/clients/{hosted.users[ANA]}")
    assert detail.status_code == 200
    assert 'data-week="2026-W45"' in detail.text and "<svg" in detail.text
    assert "Thank-you note to I. T." in detail.text  # Initech's, by initials


def test_the_list_sorts_by_each_column_and_refuses_an_unknown_order(hosted: Hosted) -> None:
    ana, carl = hosted.client(ANA), hosted.client(CARL)
    interview(ana, "Acme", "2026-11-20T10:00", "Zebedee Quixotic-Marvell")
    interview(ana, "Globex", "2026-11-23T10:00", "Perpetua Fennimore-Lusk")
    interview(carl, "Wonka", "2026-11-24T10:00", "Willy Gloop")
    coach = hosted.client(COACH)
    names = {}
    for sort in coaching.SORTS:
        names[sort] = [c["name"] for c in ok(coach.api("GET", f"/api/v1/coach/clients?sort="
                                                              f"{sort}"))]
        page = coach.get(f"/coach?sort={sort}")
        assert page.status_code == 200 and 'aria-sort="' in page.text
    assert names["name"] == ["Ana Byrne", "Bea Walsh", "Carl Doyle"]
    assert names["active"] == ["Ana Byrne", "Carl Doyle", "Bea Walsh"]
    assert names["interviews"] == ["Ana Byrne", "Carl Doyle", "Bea Walsh"]
    assert names["last_activity"] == ["Bea Walsh", "Ana Byrne", "Carl Doyle"]
    assert names["attention"][0] == "Ana Byrne"  # her note of 20 Nov is overdue
    assert names["attention"][1] == "Bea Walsh"  # nothing recorded yet
    answer = coach.api("GET", "/api/v1/coach/clients?sort=salary")
    assert answer.status_code == 422 and "sort" in answer.text


def test_clients_appear_in_the_menu_of_a_coach_only(hosted: Hosted) -> None:
    assert 'href="/coach"' in hosted.client(COACH).get("/").text
    for email in (ANA, OUTSIDER):
        page = hosted.client(email).get("/")
        assert page.status_code == 200 and 'href="/coach"' not in page.text


def test_a_coach_with_thirty_clients_of_twenty_applications_reads_in_few_queries(
        monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> None:
    """30 clients x 20 applications: the list costs a fixed number of queries plus two per
    client (Insights' thank-you count), never one per application; the time is printed."""
    from followup.adapters.db import tables as t

    clients = tuple((f"client{n}@example.org", f"Client {n:02d}") for n in range(30))
    hosted = coached(monkeypatch, home, database_url, clients)
    rows = _history(hosted, [hosted.users[e] for e, _ in clients], 20)
    with hosted.deps.unit_for(None) as uow:
        connection = uow.repo.connection  # type: ignore[attr-defined]
        for table, values in rows.items():
            connection.execute(getattr(t, table).insert(), values)
        uow.commit()
    coach = hosted.client(COACH)
    engine = _engine(hosted)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    listed = ok(coach.api("GET", "/api/v1/coach/clients"))
    client = f"/coach/clients/{listed[0]['id']}"
    timings = {path: _timed(coach, path) for path in (
        "/api/v1/coach/clients", "/coach", client, f"/api/v1{client}")}
    event.listen(engine, "before_cursor_execute", count)
    try:
        coach.get("/api/v1/coach/clients")
        list_queries = len(statements)
        statements.clear()
        one = coach.get(client)
        client_queries = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    page = coach.get("/coach")
    assert page.status_code == 200 and one.status_code == 200
    assert len(listed) == 30
    assert all(c["active_applications"] == 20 for c in listed)
    assert all(c["thank_you"]["due"] == 20 for c in listed)
    # The login's lookups, 5 grouped queries, 2 per client for Insights (and on SQLite its
    # transactions' statements): no query per
    # application (which would be 600 and more).
    assert list_queries <= 20 + 2 * 30, list_queries
    assert client_queries <= 25, client_queries
    print(f"\n{engine.dialect.name}, 30 clients x 20 applications (best of 3, ms): "
          + ", ".join(f"{path} {ms:.0f}" for path, ms in timings.items())
          + f"; queries: the list {list_queries}, one client {client_queries}")
    assert max(timings.values()) < 3000


def _timed(web: Web, path: str) -> float:
    """The fastest of three answers to `path`, in ms (the first also compiles templates)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        assert web.get(path).status_code == 200
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def _engine(hosted: Hosted) -> Any:
    with hosted.deps.unit_for(None) as uow:
        return uow.repo.connection.engine  # type: ignore[attr-defined]


def _history(hosted: Hosted, owners: list[int], per_client: int) -> dict[str, list[Any]]:
    """Rows of `per_client` applications for each owner, each with an interview held in the
    last 30 days, its thank-you note done on time and a follow-up planned."""
    found: dict[str, list[Any]] = {"applications": [], "contacts": [], "interviews": [],
                                   "actions": []}
    ids = iter(range(10_000, 1_000_000))
    for owner in owners:
        for n in range(per_client):
            app, interview, contact = next(ids), next(ids), next(ids)
            start = CLOCK - timedelta(days=1 + n, hours=3)
            found["applications"].append(dict(
                id=app, owner_id=owner, company=f"Company {n}", position="Analyst",
                status="active", url=None, status_at=None, created_at=start))
            found["contacts"].append(dict(
                id=contact, owner_id=owner, application_id=app, name=f"Person {n} Smith",
                role="interviewer", title=None, organisation=None, email=None, phone=None,
                confirmed=True, source="typed", honorific=None, first_name=None,
                family_name=None, emails="[]", phones="[]", website=None))
            found["interviews"].append(dict(
                id=interview, owner_id=owner, application_id=app, start_at=start,
                end_at=start + timedelta(hours=1), timezone="Europe/Dublin", format="video",
                round=1, notes=None, next_step=None, decision_date=None, decision_phrase=None,
                forgotten="[]", cancelled=False, invitation_uid=None, invitation_sequence=None))
            deadline = datetime.combine(start.date() + timedelta(days=1),
                                        datetime.max.time(), UTC).replace(microsecond=0)
            for kind, status, when, done in (
                    ("thank_you", "done", start, start + timedelta(hours=5)),
                    ("inquiry", "planned", start + timedelta(days=7), None)):
                found["actions"].append(dict(
                    id=next(ids), owner_id=owner, application_id=app, kind=kind,
                    interview_id=interview, contact_id=contact, channel="email",
                    earliest=when, due=when, deadline=deadline if done else when
                    + timedelta(days=2), status=status, optional=False, rule="R2",
                    why=f"A short note to Person {n} Smith the same day", reason=None,
                    anchor=f"interview:{interview}", done_at=done))
    return found


def test_an_interview_of_a_day_in_the_window_counts_as_insights_counts_it() -> None:
    """`notes_of` (a client's applications) and Insights' SQL agree on the edges: an
    interview at the window's first instant counts, one at its end does not."""
    lo, hi = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 8, tzinfo=UTC)
    now = datetime(2026, 11, 25, tzinfo=UTC)

    def step(interview: int, status: str, done: datetime | None = None,
             optional: bool = False, kind: str = "thank_you") -> dict[str, Any]:
        return {"kind": kind, "optional": optional, "status": status, "interview_id": interview,
                "done_at": done, "deadline": datetime(2026, 11, 3, tzinfo=UTC)}

    starts = {1: lo, 2: hi, 3: lo + timedelta(days=1)}
    steps = [step(1, "done", datetime(2026, 11, 2, tzinfo=UTC)), step(2, "done"),
             step(3, "planned"), step(3, "skipped"), step(3, "cancelled"),
             step(1, "planned", optional=True), step(1, "planned", kind="inquiry"),
             step(3, "done", datetime(2026, 11, 4, tzinfo=UTC))]
    assert coaching.notes_of(steps, starts, lo, hi, now) == coaching.NotesOnTime(
        4, 1, 1, 2, 0.25)
    assert date(2026, 11, 1) == lo.date()
