"""Reading never writes: no GET route of the pages or the API changes the database."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from followup.adapters.db import tables
from followup.services import interviews, notes
from followup.services.views import jsonable
from tests.web_client import Web, route_paths, web_user_fixture  # noqa: F401


def snapshot(web: Web) -> dict[str, list[Any]]:
    """Every row of every table, in a stable order."""
    with web.deps.reading() as uow:
        connection = uow.connection  # type: ignore[attr-defined]
        return {name: [tuple(row) for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns))]
                for name, table in tables.metadata.tables.items()}


def test_no_get_route_changes_the_database(web_user: Web) -> None:
    result = jsonable(interviews.add_interview(web_user.deps, interviews.InterviewForm(
        company="Readers Ltd", position="Data Analyst", at="2026-11-24T10:00",
        interviewers=[interviews.PersonIn("José Núñez", "jose@readers.example"),
                      interviews.PersonIn("王芳", "wang@readers.example")],
        helpers=[interviews.PersonIn("Ann at reception")])))
    steps = {a["kind"]: a for a in result["actions"]}
    note_step = steps["thank_you"]["id"]  # no note kept for it yet: the page drafts one
    other_step = result["actions"][-1]["id"]
    ids = {"application_id": result["application"]["id"],
           "interview_id": result["interview"]["id"],
           "contact_id": result["interview"]["participants"][0]["contact_id"],
           "outbox_id": 1, "invitation_id": 1, "share_id": 1, "client_id": 1,
           "key": "policy.gap_business_days"}
    before = snapshot(web_user)

    answered = {}
    for path in route_paths(web_user.app, "GET"):
        for action in (note_step, other_step):
            url = re.sub(r"\{(\w+)\}", lambda m, a=action: str(
                a if m[1] == "action_id" else ids[m[1]]), path)
            answered[url] = web_user.get(url).status_code

    assert snapshot(web_user) == before, answered
    assert answered[f"/actions/{note_step}/note"] == 200
    assert answered[f"/actions/{note_step}/note.pdf"] == 200
    assert answered[f"/api/v1/actions/{note_step}/note.pdf"] == 200
    assert all(code < 500 for code in answered.values()), answered


def test_the_note_page_keeps_its_draft_only_when_asked(web_user: Web) -> None:
    result = jsonable(interviews.add_interview(web_user.deps, interviews.InterviewForm(
        company="Keepers Ltd", position="Data Analyst", at="2026-11-24T10:00",
        interviewers=[interviews.PersonIn("José Núñez", "jose@keepers.example")])))
    action = next(a["id"] for a in result["actions"] if a["kind"] == "thank_you")

    page = web_user.get(f"/actions/{action}/note")
    shown = jsonable(notes.preview(web_user.deps, action))
    kept = web_user.form(f"/actions/{action}/note/keep")

    assert "Keep this draft" in page.text and shown["kept"] is False
    assert kept.status_code == 303
    assert jsonable(notes.show(web_user.deps, action))["body"] == shown["body"]
    assert "Keep this draft" not in web_user.get(f"/actions/{action}/note").text


def test_i_sent_it_myself_marks_the_step_done_and_returns_to_the_note(web_user: Web) -> None:
    result = jsonable(interviews.add_interview(web_user.deps, interviews.InterviewForm(
        company="Senders Ltd", position="Data Analyst", at="2026-11-24T10:00",
        interviewers=[interviews.PersonIn("José Núñez", "jose@senders.example")])))
    action = next(a["id"] for a in result["actions"] if a["kind"] == "thank_you")
    page = web_user.get(f"/actions/{action}/note").text
    assert "I sent it myself" in page

    sent = web_user.form(f"/actions/{action}/done", {"next": f"/actions/{action}/note"})

    assert sent.status_code == 303 and sent.headers["location"] == f"/actions/{action}/note"
    after = web_user.get(f"/actions/{action}/note").text
    assert "I sent it myself" not in after
    assert notes.preview(web_user.deps, action).kept is False  # nothing was drafted for it
