"""Between two rounds, through the CLI on SQLite and on PostgreSQL: what the user agreed counts.

Round one is on Tuesday 1 December 2026 at 10:00 in Dublin (UTC in winter); on Thursday 3
December a second round is booked for Tuesday 15 December.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar

import followup.entrypoints.cli.calendar  # noqa: F401  (registers `calendar` until __init__ does)
from tests.conftest import Cli

BOOKED = "2026-11-30T12:00:00+00:00"
HELD = "2026-12-01T12:00:00+00:00"
JOSE = "José Núñez <jose@acme.example>"
WANG = "王芳 <wang@acme.example>"
MAIRE = "Máire Ní Bhriain <maire@acme.example>"


def steps(doc: dict[str, Any], kind: str, status: str = "planned") -> list[dict[str, Any]]:
    return [a for a in doc["actions"] if a["kind"] == kind and a["status"] == status]


def round_one(user: Cli) -> dict[str, Any]:
    """Round one, recorded the day before it, with José Núñez and 王芳."""
    return user.json(
        "interview", "add", "--company", "Acme", "--position", "Data Analyst",
        "--at", "2026-12-01T10:00", "--interviewer", JOSE, "--interviewer", WANG,
        FOLLOWUP_NOW=BOOKED,
    )


def round_two(user: Cli, application: int) -> dict[str, Any]:
    return user.json(
        "interview", "add", "--application", str(application), "--at", "2026-12-15T10:00",
        "--interviewer", MAIRE, FOLLOWUP_NOW="2026-12-03T12:00:00+00:00",
    )


def own_steps(doc: dict[str, Any], interview: int) -> list[tuple[int, str, str]]:
    """A round's checklist and thank-you notes: id, kind and status."""
    return sorted(
        (a["id"], a["kind"], a["status"]) for a in doc["actions"]
        if a["interview_id"] == interview and a["kind"] in ("checklist", "thank_you")
    )


def test_a_call_back_agreed_between_rounds_is_planned_and_the_next_round_keeps_its_steps(
    user: Cli,
) -> None:
    first = round_one(user)
    app = first["application"]["id"]
    second = round_two(user, app)
    later = second["interview"]["id"]
    booked = own_steps(second, later)

    called = user.json(
        "call", "log", str(app), "--outcome", "reached", "--callback", "2026-12-10T15:00",
        FOLLOWUP_NOW="2026-12-08T10:00:00+00:00",
    )

    [callback] = steps(called, "callback")
    assert (callback["earliest"], callback["due"]) == (
        "2026-12-10T15:00:00+00:00",
        "2026-12-10T17:00:00+00:00",
    )
    assert callback["interview_id"] == first["interview"]["id"]
    assert callback["contact"]["name"] == "José Núñez"
    assert own_steps(called, later) == booked
    assert [(k, s) for _, k, s in booked] == [("checklist", "planned"), ("thank_you", "planned")]
    [inquiry] = steps(called, "inquiry")
    assert (inquiry["interview_id"], inquiry["earliest"]) == (later, "2026-12-22T09:00:00+00:00")
    assert user.json("plan", str(app), FOLLOWUP_NOW="2026-12-08T10:05:00+00:00") == called


def test_a_decision_date_heard_between_rounds_is_in_force_and_the_next_round_keeps_its_steps(
    user: Cli,
) -> None:
    first = round_one(user)
    app = first["application"]["id"]
    second = round_two(user, app)
    later = second["interview"]["id"]

    heard = user.json(
        "heard", str(app), "--decision-by", "2026-12-18", FOLLOWUP_NOW="2026-12-08T10:00:00+00:00",
    )

    [check] = steps(heard, "decision_check")
    assert (check["interview_id"], check["earliest"]) == (later, "2026-12-21T09:00:00+00:00")
    [merged] = [a for a in steps(heard, "inquiry", "cancelled") if a["interview_id"] == later]
    assert (merged["status"], merged["reason"]) == (
        "cancelled", "merged into the call after the promised decision date (Fri 18 Dec)",
    )
    assert own_steps(heard, later) == own_steps(second, later)


def test_a_held_interviews_checklist_reads_as_settled_before_anything_replans(
    user: Cli, tmp_path: Path,
) -> None:
    first = round_one(user)
    [checklist] = steps(first, "checklist")

    plan = user.json("plan", str(first["application"]["id"]), FOLLOWUP_NOW=HELD)
    user.json("calendar", "export", "-o", str(tmp_path / "plan.ics"), FOLLOWUP_NOW=HELD)

    [shown] = [a for a in plan["actions"] if a["id"] == checklist["id"]]
    assert (shown["status"], shown["reason"]) == ("cancelled", "the interview took place")
    found = {
        str(e["UID"]): e
        for e in icalendar.Calendar.from_ical((tmp_path / "plan.ics").read_bytes()).walk("VEVENT")
    }
    assert str(found[f"action-{checklist['id']}@followup.local"]["STATUS"]) == "CANCELLED"


def test_a_checklist_ticked_before_the_interview_stays_done(user: Cli) -> None:
    first = round_one(user)
    [checklist] = steps(first, "checklist")
    user.json("done", str(checklist["id"]), FOLLOWUP_NOW="2026-12-01T09:30:00+00:00")

    plan = user.json("plan", str(first["application"]["id"]), FOLLOWUP_NOW=HELD)

    assert [a["status"] for a in plan["actions"] if a["id"] == checklist["id"]] == ["done"]
