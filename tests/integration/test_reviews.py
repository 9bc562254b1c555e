"""Note review between a client and their coach (issue 11, item 4), in process on SQLite and
PostgreSQL: the client shares a note, the coach reads it with the checker's findings, comments
on a span or on the whole note and says it looks good; the client reads the comments in the
editor and the digest. Sending, withdrawing or the end of the link ends the sharing, after which
the coach gets 404; another coach gets 404 throughout; a seeker without a coach gets 409."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web_client import PASSWORD, Hosted, Web, make_hosted

ANA, JOSE = "ana@example.org", "jose@example.org"
CARMEN, DMITRI = "carmen@example.org", "dmitri@example.org"
BODY = ("Dear José,\n\nThank you for your time on Tuesday. I enjoyed our talk about the "
        "harbour survey.\n\nBest regards,\nAna")
INTERVIEW: dict[str, Any] = {
    "company": "Ólafsson Fisheries", "position": "Data Analyst",
    "start": "2026-11-24T10:00", "duration": 45, "format": "onsite",
    "interviewers": [{"name": "José Núñez", "email": "jose@olafsson.example",
                      "topic": "the harbour survey"}],
}


@dataclass
class Coached:
    hosted: Hosted
    ana: Web
    carmen: Web
    action_id: int

    def ids(self, email: str) -> int:
        return self.hosted.users[email]


def ok(answer: httpx.Response, *codes: int) -> Any:
    assert answer.status_code in (codes or (200,)), (answer.status_code, answer.text[:500])
    return answer.json() if "json" in answer.headers.get("content-type", "") else answer


def set_coach(hosted: Hosted, client: str, coach: str | None) -> None:
    with hosted.deps.unit_for(None) as uow:
        uow.accounts.set_coach(hosted.users[client], hosted.users[coach] if coach else None)
        uow.commit()


@pytest.fixture
def coached(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Coached:
    """Ana (a client of the coach Carmen) with a thank-you note kept; José a seeker without a
    coach; Dmitri a coach of nobody here."""
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    from followup.services import accounts

    cheap = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024),))
    monkeypatch.setattr(PasswordHash, "recommended", classmethod(lambda cls: cheap))
    hosted = make_hosted(monkeypatch, home, database_url, (ANA, JOSE))
    for address, name in ((CARMEN, "Carmen Ruiz"), (DMITRI, "Dmitri Volkov")):
        hosted.users[address] = accounts.add_user(hosted.deps, address, name, "coach",
                                                  PASSWORD).user.id
    set_coach(hosted, ANA, CARMEN)
    ana = hosted.client(ANA)
    plan = ok(ana.api("POST", "/api/v1/interviews", INTERVIEW), 201)
    action = next(a["id"] for a in plan["actions"]
                  if a["kind"] == "thank_you" and a["status"] == "planned")
    ok(ana.api("PUT", f"/api/v1/actions/{action}/note", {"body": BODY}))
    return Coached(hosted, ana, hosted.client(CARMEN), action)


def test_a_shared_note_goes_to_the_coach_and_comes_back_with_comments(
        coached: Coached) -> None:
    ana, carmen, action = coached.ana, coached.carmen, coached.action_id
    assert ok(carmen.api("GET", "/api/v1/coach/reviews")) == []
    shared = ok(ana.api("POST", f"/api/v1/actions/{action}/note/share"))
    assert shared["shared"] is True and shared["coach"] == "Carmen Ruiz"
    assert ok(ana.api("POST", f"/api/v1/actions/{action}/note/share"))["share_id"] == (
        shared["share_id"])  # sharing again changes nothing

    [item] = ok(carmen.api("GET", "/api/v1/coach/reviews"))
    share_id = item["id"]
    assert (item["client"], item["to"], item["kind"], item["comments"], item["looks_good"]) == (
        "Ana", "J. N.", "thank_you", 0, False)
    assert "José" not in str(item) and "olafsson.example" not in str(item)
    detail = ok(carmen.api("GET", f"/api/v1/coach/reviews/{share_id}"))
    assert detail["body"] == BODY and detail["review"]["id"] == share_id
    assert isinstance(detail["findings"], list) and detail["ok"] in (True, False)

    anchored = ok(carmen.api("POST", f"/api/v1/coach/reviews/{share_id}/comments", {
        "body": "Say what about it you enjoyed.", "quote": "I enjoyed our talk"}), 201)
    start = BODY.index("I enjoyed our talk")
    assert (anchored["start"], anchored["end"], anchored["quote"]) == (
        start, start + len("I enjoyed our talk"), "I enjoyed our talk")
    by_offsets = ok(carmen.api("POST", f"/api/v1/coach/reviews/{share_id}/comments", {
        "body": "A warmer closing?", "start": BODY.index("Best"), "end": len(BODY) - 4}), 201)
    assert by_offsets["quote"] == "Best regards,"
    overall = ok(carmen.api("POST", f"/api/v1/coach/reviews/{share_id}/comments", {
        "body": "Short and clear: send it today."}), 201)
    assert overall["quote"] is None and overall["start"] is None
    assert ok(carmen.api("POST", f"/api/v1/coach/reviews/{share_id}/verdict",
                         {"looks_good": True}))["looks_good"] is True
    assert ok(carmen.api("GET", "/api/v1/coach/reviews"))[0]["comments"] == 3

    seen = ok(ana.api("GET", f"/api/v1/actions/{action}/note/comments"))
    assert seen["looks_good"] is True and seen["shared"] is True
    assert [c["body"] for c in seen["comments"]] == [
        "Say what about it you enjoyed.", "A warmer closing?", "Short and clear: send it today."]
    page = ana.get(f"/actions/{action}/note").text
    assert "Say what about it you enjoyed." in page and "Carmen Ruiz says it looks good" in page
    assert '<mark class="coach" title="Say what about it you enjoyed.">I enjoyed our talk' in page

    # Ana edits the note: the comment follows its words; words she removed are kept, unplaced.
    edited = "Dear José,\n\nMany thanks. " + BODY[BODY.index("Thank you"):].replace(
        "Best regards,", "Warm wishes,")
    ok(ana.api("PUT", f"/api/v1/actions/{action}/note", {"body": edited}))
    moved = {c["body"]: c for c in ok(ana.api(
        "GET", f"/api/v1/actions/{action}/note/comments"))["comments"]}
    start = edited.index("I enjoyed our talk")
    assert (moved["Say what about it you enjoyed."]["start"],
            moved["Say what about it you enjoyed."]["end"]) == (start, start + 18)
    assert moved["A warmer closing?"]["start"] is None
    assert moved["A warmer closing?"]["quote"] == "Best regards,"
    assert ok(carmen.api("GET", f"/api/v1/coach/reviews/{share_id}"))["body"] == edited


def test_the_digest_tells_the_client_what_the_coach_said(coached: Coached) -> None:
    from followup.services import digest

    ana, carmen, action = coached.ana, coached.carmen, coached.action_id
    share_id = ok(ana.api("POST", f"/api/v1/actions/{action}/note/share"))["share_id"]
    ok(carmen.api("POST", f"/api/v1/coach/reviews/{share_id}/comments", {
        "body": "Name the survey's harbour.", "quote": "harbour survey"}), 201)
    for key, value in (("smtp.host", "smtp.example.org"), ("digest.enabled", "true")):
        ok(ana.api("PUT", f"/api/v1/settings/{key}", {"value": value}))
    deps = coached.hosted.deps.acting(coached.ids(ANA))
    queued = digest.enqueue_due(deps)
    assert queued is not None
    with deps.uow() as uow:
        item = uow.outbox.get(coached.ids(ANA), queued.id)
    text = email.message_from_string(item.message, policy=email.policy.default)
    content = text.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Your coach commented on your notes:" in content
    assert f"Thank-you note to José Núñez at Ólafsson Fisheries [step {action}]" in content
    assert "on “harbour survey”: Name the survey's harbour." in content


def test_sending_the_note_ends_the_sharing(coached: Coached) -> None:
    ana, carmen, action = coached.ana, coached.carmen, coached.action_id
    share_id = ok(ana.api("POST", f"/api/v1/actions/{action}/note/share"))["share_id"]
    ok(carmen.api("GET", f"/api/v1/coach/reviews/{share_id}"))
    ok(ana.api("PUT", "/api/v1/settings/smtp.host", {"value": "smtp.example.org"}))
    ok(ana.api("POST", f"/api/v1/actions/{action}/note/send", {
        "at": "2026-11-25T17:00", "force": True, "confirm_spelling": True}), 200, 201)
    for method, path, body in (
            ("GET", f"/api/v1/coach/reviews/{share_id}", None),
            ("POST", f"/api/v1/coach/reviews/{share_id}/comments", {"body": "Too late?"}),
            ("POST", f"/api/v1/coach/reviews/{share_id}/verdict", {"looks_good": True})):
        answer = carmen.api(method, path, body)
        assert answer.status_code == 404, answer.text
        assert f"no shared note with id {share_id}" in answer.text
    assert carmen.get(f"/coach/reviews/{share_id}").status_code == 404
    assert ok(carmen.api("GET", "/api/v1/coach/reviews")) == []
    seen = ok(ana.api("GET", f"/api/v1/actions/{action}/note/comments"))
    assert (seen["shared"], seen["ended_by"]) == (False, "sent")
    answer = ana.api("POST", f"/api/v1/actions/{action}/note/share")
    assert answer.status_code == 409 and "it can no longer be shared" in answer.text


def test_withdrawing_and_unlinking_end_the_sharing(coached: Coached) -> None:
    ana, carmen, action = coached.ana, coached.carmen, coached.action_id
    share_id = ok(ana.api("POST", f"/api/v1/actions/{action}/note/share"))["share_id"]
    withdrawn = ok(ana.api("DELETE", f"/api/v1/actions/{action}/note/share"))
    assert (withdrawn["shared"], withdrawn["ended_by"]) == (False, "withdrawn")
    assert carmen.api("GET", f"/api/v1/coach/reviews/{share_id}").status_code == 404
    again = ana.api("DELETE", f"/api/v1/actions/{action}/note/share")
    assert again.status_code == 409 and "is not shared" in again.text

    second = ok(ana.api("POST", f"/api/v1/actions/{action}/note/share"))["share_id"]
    assert second != share_id
    ok(carmen.api("GET", f"/api/v1/coach/reviews/{second}"))
    set_coach(coached.hosted, ANA, None)  # the link ends
    assert carmen.api("GET", f"/api/v1/coach/reviews/{second}").status_code == 404
    assert ok(carmen.api("GET", "/api/v1/coach/reviews")) == []
    seen = ok(ana.api("GET", f"/api/v1/actions/{action}/note/comments"))
    assert (seen["coach"], seen["shared"], seen["ended_by"]) == (None, False, "unlinked")
    set_coach(coached.hosted, ANA, CARMEN)  # linked again: the old share stays ended
    assert carmen.api("GET", f"/api/v1/coach/reviews/{second}").status_code == 404
    third = ok(ana.api("POST", f"/api/v1/actions/{action}/note/share"))["share_id"]
    assert third not in (share_id, second)
    assert [r["id"] for r in ok(carmen.api("GET", "/api/v1/coach/reviews"))] == [third]


def test_another_coach_and_a_seeker_get_404_for_a_shared_note(coached: Coached) -> None:
    share_id = ok(coached.ana.api(
        "POST", f"/api/v1/actions/{coached.action_id}/note/share"))["share_id"]
    dmitri, jose = coached.hosted.client(DMITRI), coached.hosted.client(JOSE)
    assert ok(dmitri.api("GET", "/api/v1/coach/reviews")) == []
    for web in (dmitri, jose):
        for method, path, body in (
                ("GET", f"/api/v1/coach/reviews/{share_id}", None),
                ("POST", f"/api/v1/coach/reviews/{share_id}/comments", {"body": "Hi"}),
                ("POST", f"/api/v1/coach/reviews/{share_id}/verdict", None)):
            answer = web.api(method, path, body)
            assert answer.status_code == 404, (method, path, answer.text)
            assert "Thank you for your time" not in answer.text
        page = web.get(f"/coach/reviews/{share_id}")
        assert page.status_code == 404 and "Thank you for your time" not in page.text
        assert web.form(f"/coach/reviews/{share_id}/comments", {"body": "Hi"}).status_code == 404
    assert jose.api("GET", "/api/v1/coach/reviews").status_code == 404
    assert jose.get("/coach/reviews").status_code == 404
    # Her step is not José's to share, withdraw or read: 404 naming the step.
    for method in ("POST", "DELETE"):
        answer = jose.api(method, f"/api/v1/actions/{coached.action_id}/note/share")
        assert answer.status_code == 404, answer.text
        assert f"no action with id {coached.action_id}" in answer.text
    assert jose.api("GET", f"/api/v1/actions/{coached.action_id}/note/comments"
                    ).status_code == 404
    assert ok(coached.carmen.api("GET", f"/api/v1/coach/reviews/{share_id}"))["body"] == BODY


def test_a_seeker_without_a_coach_cannot_share(coached: Coached) -> None:
    jose = coached.hosted.client(JOSE)
    plan = ok(jose.api("POST", "/api/v1/interviews", INTERVIEW), 201)
    action = next(a["id"] for a in plan["actions"] if a["kind"] == "thank_you")
    answer = jose.api("POST", f"/api/v1/actions/{action}/note/share")
    assert answer.status_code == 409
    assert answer.json()["error"]["message"].startswith("you have no coach to share this note with")
    page = jose.get(f"/actions/{action}/note").text
    assert "Share with my coach" not in page and "review-heading" not in page
    refused = jose.form(f"/actions/{action}/note/share")
    assert refused.status_code == 409 and "You have no coach to share this note with" in (
        refused.text)


def test_the_pages_work_without_script(coached: Coached) -> None:
    ana, carmen, action = coached.ana, coached.carmen, coached.action_id
    editor = ana.get(f"/actions/{action}/note").text
    assert "Share with my coach" in editor and "Carmen Ruiz" in editor
    ok(ana.form(f"/actions/{action}/note/share"), 303)
    editor = ana.get(f"/actions/{action}/note").text
    assert "Stop sharing" in editor and "Shared with Carmen Ruiz since" in editor

    listing = carmen.get("/coach/reviews").text
    [share_id] = {int(n) for n in __import__("re").findall(r"/coach/reviews/(\d+)", listing)}
    assert "Ana: Thank-you note to J. N." in listing and "José" not in listing
    page = carmen.get(f"/coach/reviews/{share_id}")
    assert page.status_code == 200 and "I enjoyed our talk" in page.text
    wrong = carmen.form(f"/coach/reviews/{share_id}/comments", {
        "quote": "words she never wrote", "body": "Hm."})
    assert wrong.status_code == 422 and "the note does not have those words" in wrong.text.lower()
    assert 'value="words she never wrote"' in wrong.text  # what was typed stays
    ok(carmen.form(f"/coach/reviews/{share_id}/comments", {
        "quote": "harbour survey", "body": "Which harbour?"}), 303)
    start = BODY.index("Tuesday")
    ok(carmen.form(f"/coach/reviews/{share_id}/comments", {
        "start": str(start), "end": str(start + 7), "body": "Say the date."}), 303)
    bad = carmen.form(f"/coach/reviews/{share_id}/comments", {
        "start": "x", "end": "4", "body": "Hm."})
    assert bad.status_code == 422
    ok(carmen.form(f"/coach/reviews/{share_id}/verdict", {"looks_good": "yes"}), 303)
    page = carmen.get(f"/coach/reviews/{share_id}").text
    assert '<mark class="coach" title="Which harbour?">harbour survey' in page
    assert '<mark class="coach" title="Say the date.">Tuesday' in page
    assert "you said it looks good" in page

    editor = ana.get(f"/actions/{action}/note").text
    assert "Which harbour?" in editor and "Say the date." in editor
    assert "2 comments from your coach" in editor
    ok(ana.form(f"/actions/{action}/note/withdraw"), 303)
    assert carmen.get(f"/coach/reviews/{share_id}").status_code == 404
    assert "Share with my coach" in ana.get(f"/actions/{action}/note").text


def test_local_mode_has_no_review(monkeypatch: pytest.MonkeyPatch, home: Path,
                                  database_url: str) -> None:
    from tests.web_client import make_web

    for web in make_web(monkeypatch, home, database_url, profile=True):
        plan = ok(web.api("POST", "/api/v1/interviews", INTERVIEW), 201)
        action = next(a["id"] for a in plan["actions"] if a["kind"] == "thank_you")
        assert "review-heading" not in web.get(f"/actions/{action}/note").text
        answer = web.api("POST", f"/api/v1/actions/{action}/note/share")
        assert answer.status_code == 409 and "hosted mode" in answer.text
        assert web.api("GET", "/api/v1/coach/reviews").status_code == 409


def test_deleting_the_client_or_the_coach_deletes_their_shares(coached: Coached) -> None:
    from sqlalchemy import func, select

    from followup.adapters.db import tables as t
    from followup.services import accounts

    share_id = ok(coached.ana.api(
        "POST", f"/api/v1/actions/{coached.action_id}/note/share"))["share_id"]
    ok(coached.carmen.api("POST", f"/api/v1/coach/reviews/{share_id}/comments",
                          {"body": "Good."}), 201)
    deps = coached.hosted.deps

    def count(table: Any) -> int:
        with deps.unit_for(None) as uow:
            return int(uow.connection.execute(  # type: ignore[attr-defined]
                select(func.count()).select_from(table)).scalar_one())

    assert (count(t.note_shares), count(t.review_comments)) == (1, 1)
    deleted = accounts.delete_user(deps, CARMEN)
    assert deleted.rows["users"] == 1
    assert (count(t.note_shares), count(t.review_comments)) == (0, 0)
    seen = ok(coached.ana.api("GET", f"/api/v1/actions/{coached.action_id}/note/comments"))
    assert (seen["coach"], seen["share_id"]) == (None, None)
    set_coach(coached.hosted, ANA, DMITRI)
    ok(coached.ana.api("POST", f"/api/v1/actions/{coached.action_id}/note/share"))
    assert accounts.delete_user(deps, ANA).rows["note_shares"] == 1
    assert count(t.note_shares) == 0
