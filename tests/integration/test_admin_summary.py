"""The operator's report (issue 11, item 6): installation-wide counts for an admin, checked
against a scripted installation, and nothing of it for anyone else; SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web_client import PASSWORD, SECRET, Hosted, Web, make_hosted

ANA, JOSE, OLD = "ana@example.org", "jose@example.org", "old@example.org"
ADMIN, COACH, GONE = "admin@example.org", "coach@example.org", "gone@example.org"
NOW = "2026-11-25T09:00:00+00:00"
"""make_hosted's clock; the 90 days end today, 25 Nov, and start on 27 Aug (Dublin)."""


def ok(answer: httpx.Response, *codes: int) -> Any:
    assert answer.status_code in (codes or (200, 201)), (answer.status_code, answer.text[:600])
    return answer.json() if "json" in answer.headers.get("content-type", "") else answer


def at(hosted: Hosted, moment: str) -> Hosted:
    """The same installation with its clock at `moment` (a user who used it back then)."""
    from followup.entrypoints.web.app import create_app

    then = datetime.fromisoformat(moment)
    deps = dataclasses.replace(hosted.deps, clock=lambda: then)
    return Hosted(create_app(deps, secret=SECRET), deps, hosted.users)


def interview(web: Web, company: str, start: str) -> int:
    """An interview with one interviewer; its thank-you step's id."""
    plan = ok(web.api("POST", "/api/v1/interviews", {
        "company": company, "position": "Analyst", "start": start, "duration": 45,
        "interviewers": [{"name": "Róisín Ní Bhriain", "email": "r@employer.example"}]}))
    return next(a["id"] for a in plan["actions"]
                if a["kind"] == "thank_you" and a["status"] == "planned")


@pytest.fixture(name="hosted")
def hosted_fixture(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Hosted:
    """Six accounts: Ana (records, logs in, now), José (used it 33 days ago), Old (used it in
    August only), an admin (logs in), a coach (never used it) and a disabled seeker."""
    from followup.services import accounts

    hosted = make_hosted(monkeypatch, home, database_url, (ANA, JOSE, OLD))
    for email, role in ((ADMIN, "admin"), (COACH, "coach"), (GONE, "seeker")):
        hosted.users[email] = accounts.add_user(hosted.deps, email, email[:4], role,
                                                PASSWORD).user.id
    accounts.set_disabled(hosted.deps, GONE, True)

    # Ana, now: a thank-you sent on time (25 Nov, for the 24th) and one missed (10 Nov).
    ana = hosted.client(ANA)
    on_time = interview(ana, "Brightwater", "2026-11-24T10:00")
    ok(ana.api("POST", f"/api/v1/actions/{on_time}/done", {"at": "2026-11-25T08:30"}))
    interview(ana, "Ferrybridge", "2026-11-10T10:00")
    # José, on 23 Oct (within the 90 days, not the 30): a thank-you sent late, on the 23rd
    # for an interview of the 20th.
    jose = at(hosted, "2026-10-23T12:00:00+00:00").client(JOSE)
    late = interview(jose, "Gullhaven", "2026-10-20T10:00")
    ok(jose.api("POST", f"/api/v1/actions/{late}/done", {"at": "2026-10-23T11:00"}))
    # Old, in August: an interview and its thank-you on time, all before the 90 days.
    old = at(hosted, "2026-08-03T09:00:00+00:00").client(OLD)
    sent = interview(old, "Harrowgate", "2026-08-01T10:00")
    ok(old.api("POST", f"/api/v1/actions/{sent}/done", {"at": "2026-08-02T09:00"}))
    return hosted


def test_the_admin_summary_counts_the_scripted_installation(hosted: Hosted) -> None:
    admin = hosted.client(ADMIN)
    summary = ok(admin.api("GET", "/api/v1/admin/summary"))
    assert summary["users"] == {"total": 6, "seekers": 4, "coaches": 1, "admins": 1,
                                "disabled": 1}
    # Ana (records and a login) and the admin (a login); not José (33 days ago), Old
    # (August), the coach (never) or the disabled seeker.
    assert summary["active_users"] == 2
    assert summary["notes_sent"] == 2  # Ana's and José's; Old's was in August
    assert summary["thank_you"] == {"due": 3, "on_time": 1, "late": 1, "missed": 1,
                                    "on_time_rate": 0.3333}
    assert summary["days"] == 90
    # The same read model as each user's Insights: the sums of their numbers.
    from followup.services.stats import thank_you_for

    each = [thank_you_for(hosted.deps, hosted.users[e]) for e in (ANA, JOSE, OLD)]
    assert sum(t.due for t in each) == 3 and sum(t.on_time for t in each) == 1

    page = admin.get("/admin")
    assert page.status_code == 200
    text = page.text
    for said in ("Accounts</dt><dd>6", "Active in the last 30 days</dt><dd>2",
                 "Notes sent</dt><dd>2", "On-time rate</dt><dd>33%"):
        assert said in text, said
    # Counts only: no user's address, name or company appears.
    for private in (ANA, JOSE, OLD, "Brightwater", "Gullhaven", "Róisín"):
        assert private not in text and private not in str(summary)


def test_the_admin_pages_are_not_there_for_anyone_else(hosted: Hosted) -> None:
    for email in (ANA, COACH):
        web = hosted.client(email)
        assert web.get("/admin").status_code == 404
        refused = web.api("GET", "/api/v1/admin/summary")
        assert refused.status_code == 404 and "admin" not in refused.text.lower()
    signed_out = hosted.client(None)
    assert signed_out.api("GET", "/api/v1/admin/summary").status_code == 401
