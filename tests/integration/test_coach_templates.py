"""A coach's examples and templates (issue 11, item 5): published after the checker read them
drafted with demo facts, seen by the coach's own clients only, and drafted with each client's
own facts; on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web_client import Hosted, Web, make_coached

CLIENT, OTHER = "ciara@example.org", "dara@example.org"
COACH, SECOND_COACH = "coach@example.org", "other.coach@example.org"

PANEL = """Subject: Thank you for the {{ position }} interview
Dear {{ recipient.first_name or recipient.name if recipient else "all" }},

Thank you for meeting me about the {{ position }} role at {{ company }}.
{%- if topic %} I enjoyed talking about {{ topic }}.{% endif %} I would be glad to bring my
experience to the team and I look forward to hearing about the next steps from you soon.

Kind regards,
{{ sender }}
"""
NO_GREETING = """Subject: Thanks
Thanks for the {{ position }} interview at {{ company }}, it was great, really great.
"""


def ok(answer: httpx.Response, *codes: int) -> Any:
    assert answer.status_code in (codes or (200, 201)), (answer.status_code, answer.text[:600])
    return answer.json() if "json" in answer.headers.get("content-type", "") else answer


@pytest.fixture(name="hosted")
def hosted_fixture(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Hosted:
    """Two coaches; Ciara is the first one's client, Dara the second one's."""
    return make_coached(monkeypatch, home, database_url, (CLIENT, OTHER),
                        (COACH, SECOND_COACH), other_coach=1)


def _thank_you_step(web: Web, company: str, interviewer: str, topic: str) -> int:
    plan = ok(web.api("POST", "/api/v1/interviews", {
        "company": company, "position": "Site Reliability Engineer",
        "start": "2026-11-24T10:00", "duration": 45,
        "interviewers": [{"name": interviewer, "email": "someone@employer.example",
                          "topic": topic}]}))
    return next(a["id"] for a in plan["actions"]
                if a["kind"] == "thank_you" and a["status"] == "planned")


def test_a_published_template_drafts_a_clients_note_with_her_own_facts(hosted: Hosted) -> None:
    coach, client = hosted.client(COACH), hosted.client(CLIENT)
    made = ok(coach.api("POST", "/api/v1/coach/templates", {
        "kind": "thank_you", "tone": "warm", "title": "Thank-you after a panel",
        "body": PANEL}), 201)
    assert made["demo"]["subject"] == "Thank you for the Data Analyst interview"
    assert "Northwind Analytics" in made["demo"]["body"]
    assert [t["title"] for t in ok(coach.api("GET", "/api/v1/coach/templates"))] == [
        "Thank-you after a panel"]

    step = _thank_you_step(client, "Brightwater Systems", "Róisín Ní Bhriain",
                           "on-call rotations")
    examples = ok(client.api("GET", f"/api/v1/actions/{step}/note/examples"))
    assert [(e["id"], e["title"], e["coach"]) for e in examples] == [
        (made["id"], "Thank-you after a panel", "Maeve Coach")]
    note = ok(client.api("POST", f"/api/v1/actions/{step}/note/examples/{made['id']}"))
    assert note["subject"] == "Thank you for the Site Reliability Engineer interview"
    assert note["body"].startswith("Dear Róisín,\n")
    assert "role at Brightwater Systems. I enjoyed talking about on-call rotations." in (
        note["body"])
    assert note["body"].rstrip().endswith("Ciara")  # signed with her own name
    assert note["tone"] == "warm" and not note["edited"]
    assert "Northwind" not in note["body"]
    assert ok(client.api("GET", f"/api/v1/actions/{step}/note"))["body"] == note["body"]

    # An edited note is replaced only when asked, as a new draft does.
    ok(client.api("PUT", f"/api/v1/actions/{step}/note", {"body": "Dear Róisín,\n\nMine.\n"}))
    refused = client.api("POST", f"/api/v1/actions/{step}/note/examples/{made['id']}")
    assert refused.status_code == 409 and refused.json()["error"]["remedy"] == "force"
    again = ok(client.api("POST", f"/api/v1/actions/{step}/note/examples/{made['id']}",
                          {"force": True}))
    assert again["body"] == note["body"]

    # The editor offers it (htmx loads the list in place); the button drafts the note.
    page = client.get(f"/actions/{step}/note")
    assert f'hx-get="/actions/{step}/note/examples"' in page.text
    listed = client.get(f"/actions/{step}/note/examples", headers={"HX-Request": "true"})
    assert "<html" not in listed.text
    assert "Thank-you after a panel" in listed.text
    ok(client.api("PUT", f"/api/v1/actions/{step}/note", {"body": "Dear Róisín,\n\nMine.\n"}))
    answer = client.form(f"/actions/{step}/note/examples/{made['id']}", {"force": "yes"})
    assert answer.status_code == 303 and answer.headers["location"] == f"/actions/{step}/note"
    assert "I enjoyed talking about on-call rotations" in client.get(
        f"/actions/{step}/note").text


def test_a_template_the_checker_holds_back_is_refused_with_its_findings(hosted: Hosted) -> None:
    coach = hosted.client(COACH)
    refused = coach.api("POST", "/api/v1/coach/templates", {
        "kind": "thank_you", "title": "Too short", "body": NO_GREETING})
    assert refused.status_code == 422, refused.text
    found = refused.json()
    assert found["error"]["type"] == "InvalidInput" and "greeting" in found["error"]["message"]
    errors = {f["rule"] for f in found["findings"] if f["severity"] == "error"}
    assert {"greeting", "closing"} <= errors
    assert "Northwind Analytics" in found["demo"]["body"]
    broken = coach.api("POST", "/api/v1/coach/templates", {
        "kind": "thank_you", "title": "Broken", "body": "Subject: x\n{{ nothing.here }}"})
    assert broken.status_code == 422 and "cannot be used" in broken.json()["error"]["message"]
    no_subject = coach.api("POST", "/api/v1/coach/templates", {
        "kind": "thank_you", "title": "No subject", "body": PANEL.split("\n", 1)[1]})
    assert no_subject.status_code == 422 and "Subject" in no_subject.json()["error"]["message"]
    bad_kind = coach.api("POST", "/api/v1/coach/templates", {
        "kind": "decision_check", "title": "A call", "body": PANEL})
    assert bad_kind.status_code == 422 and bad_kind.json()["error"]["field"] == "kind"
    assert ok(coach.api("GET", "/api/v1/coach/templates")) == []

    # The page shows the demo note with the findings marked, and keeps what was typed.
    page = coach.form("/coach/templates", {"kind": "thank_you", "tone": "", "title": "Too short",
                                           "body": NO_GREETING})
    assert page.status_code == 422
    assert "The checker holds this template back" in page.text
    assert 'class="finding sev-error"' in page.text and 'value="Too short"' in page.text


def test_only_the_coachs_own_clients_see_a_template_and_only_she_withdraws_it(
        hosted: Hosted) -> None:
    coach, second = hosted.client(COACH), hosted.client(SECOND_COACH)
    client, other = hosted.client(CLIENT), hosted.client(OTHER)
    made = ok(coach.api("POST", "/api/v1/coach/templates", {
        "kind": "thank_you", "title": "Thank-you after a panel", "body": PANEL}), 201)
    mine = _thank_you_step(client, "Brightwater Systems", "Róisín Ní Bhriain", "SLOs")
    theirs = _thank_you_step(other, "Ferrybridge Ltd", "Oisín Walsh", "incident reviews")

    assert len(ok(client.api("GET", f"/api/v1/actions/{mine}/note/examples"))) == 1
    assert ok(other.api("GET", f"/api/v1/actions/{theirs}/note/examples")) == []
    refused = other.api("POST", f"/api/v1/actions/{theirs}/note/examples/{made['id']}")
    assert refused.status_code == 404
    assert re.search(rf"no template with id {made['id']}", refused.text)
    assert "Thank-you after a panel" not in other.get(f"/actions/{theirs}/note/examples").text
    # Another user's step is not found, whatever the template.
    for answer in (client.api("GET", f"/api/v1/actions/{theirs}/note/examples"),
                   client.api("POST", f"/api/v1/actions/{theirs}/note/examples/{made['id']}"),
                   client.form(f"/actions/{theirs}/note/examples/{made['id']}")):
        assert answer.status_code == 404 and f"no action with id {theirs}" in answer.text.lower()
    # Only the coach who published it sees it or withdraws it; a seeker has no such routes.
    assert ok(second.api("GET", "/api/v1/coach/templates")) == []
    assert second.api("DELETE", f"/api/v1/coach/templates/{made['id']}").status_code == 404
    assert second.form(f"/coach/templates/{made['id']}/withdraw").status_code == 404
    for seeker in (client, other):
        assert seeker.api("GET", "/api/v1/coach/templates").status_code == 404
        assert seeker.api("POST", "/api/v1/coach/templates", {
            "kind": "thank_you", "title": "x", "body": PANEL}).status_code == 404
        assert seeker.get("/coach/templates").status_code == 404

    ok(coach.api("DELETE", f"/api/v1/coach/templates/{made['id']}"))
    assert ok(client.api("GET", f"/api/v1/actions/{mine}/note/examples")) == []
    assert client.api(
        "POST", f"/api/v1/actions/{mine}/note/examples/{made['id']}").status_code == 404
    assert coach.api("DELETE", f"/api/v1/coach/templates/{made['id']}").status_code == 404


def test_a_coach_publishes_and_withdraws_from_the_page(hosted: Hosted) -> None:
    coach = hosted.client(COACH)
    page = coach.get("/coach/templates")
    assert page.status_code == 200 and "Publish an example" in page.text
    answer = coach.form("/coach/templates", {"kind": "thank_after_decision", "tone": "formal",
                                             "title": "After a rejection", "body": PANEL})
    assert answer.status_code == 303, answer.text[:500]
    page = coach.get("/coach/templates?done=published")
    assert "After a rejection" in page.text and "thank after decision, formal" in page.text
    made = ok(coach.api("GET", "/api/v1/coach/templates"))[0]
    assert (made["kind"], made["tone"]) == ("thank_after_decision", "formal")
    assert coach.form(f"/coach/templates/{made['id']}/withdraw").status_code == 303
    assert ok(coach.api("GET", "/api/v1/coach/templates")) == []
