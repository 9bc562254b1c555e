"""`followup interview import`: the interview of a calendar invitation, its update and its
cancellation, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.integration.test_cli_errors import failed, snapshot

FILES = Path(__file__).parent.parent / "invitations"
NOW = "2026-12-04T09:00:00+00:00"


@pytest.fixture
def ada(cli: Cli) -> Cli:
    """A user whose address the invitations list among the attendees."""
    result = cli("init", "--name", "Ada Candidate", "--email", "ada@example.org",
                 "--timezone", "Europe/Dublin", "--country", "IE")
    assert result.exit_code == 0, result.output
    return cli


def imported(cli: Cli, name: str, *args: str) -> dict:  # type: ignore[type-arg]
    result = cli("interview", "import", str(FILES / name), *args, "--json", FOLLOWUP_NOW=NOW)
    assert result.exit_code == 0, result.output + result.stderr
    found: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return found


def test_without_yes_it_only_shows_what_it_would_record(ada: Cli) -> None:
    before = snapshot(ada)
    result = ada("interview", "import", str(FILES / "google.ics"), FOLLOWUP_NOW=NOW)
    assert result.exit_code == 0, result.output
    assert "Backend Engineer at Globex" in result.stdout
    assert "Tue 08 Dec 2026 10:00–11:00 (America/New_York)" in result.stdout
    assert "José García <jose.garcia@globex.com>" in result.stdout
    assert "--yes" in result.stdout
    assert snapshot(ada) == before


def test_google_invitation_records_the_interview_with_its_zone_and_interviewers(
        ada: Cli) -> None:
    found = imported(ada, "google.ics", "--yes")
    assert found["recorded"] is True
    interview = found["interview"]["interview"]
    assert interview["timezone"] == "America/New_York"
    assert interview["start"] == "2026-12-08T15:00:00+00:00"  # shown in the user's zone
    assert interview["format"] == "video"
    assert "https://meet.google.com/abc-defg-hij" in interview["notes"]
    assert [p["name"] for p in interview["participants"]] == ["José García",
                                                               "priya.n@globex.com"]
    app = found["interview"]["application"]
    assert (app["company"], app["position"]) == ("Globex", "Backend Engineer")
    plan = ada.json("plan", str(app["id"]), FOLLOWUP_NOW=NOW)
    emails = {c["name"]: c["email"] for c in plan["contacts"]}
    assert emails["José García"] == "jose.garcia@globex.com"


def test_outlook_update_reschedules_and_cancel_cancels(ada: Cli) -> None:
    missing = ada("interview", "import", str(FILES / "outlook.ics"), "--yes",
                  FOLLOWUP_NOW=NOW)
    assert "which company" in failed(missing, 4)
    first = imported(ada, "outlook.ics", "--company", "Contoso", "--yes")
    interview = first["interview"]["interview"]
    assert interview["timezone"] == "Europe/Berlin"
    assert interview["start"] == "2026-12-10T13:00:00+00:00"
    assert interview["format"] == "onsite"
    assert first["interview"]["application"]["position"] == "Data Analyst"
    assert [p["name"] for p in interview["participants"]] == ["Siobhán Ó Briain", "王芳"]

    again = imported(ada, "outlook.ics", "--yes")
    assert again["recorded"] is False and again["proposal"]["change"] == "unchanged"

    moved = imported(ada, "outlook-update.ics", "--yes")
    assert moved["proposal"]["change"] == "reschedule"
    assert moved["proposal"]["interview_id"] == interview["id"]
    assert moved["interview"]["interview"]["start"] == "2026-12-11T09:00:00+00:00"
    thanks = [a for a in moved["interview"]["actions"]
              if a["kind"] == "thank_you" and a["status"] == "planned"]
    assert thanks and all(a["earliest"] == "2026-12-11T10:30:00+00:00" for a in thanks)

    old = imported(ada, "outlook.ics", "--yes")  # an older version changes nothing
    assert old["proposal"]["change"] == "unchanged"

    cancelled = imported(ada, "outlook-cancel.ics", "--yes")
    assert cancelled["proposal"]["change"] == "cancel"
    assert cancelled["interview"]["interview"]["cancelled"] is True
    assert all(a["status"] != "planned" for a in cancelled["interview"]["actions"]
               if a["interview_id"] == interview["id"])
    assert imported(ada, "outlook-cancel.ics", "--yes")["proposal"]["change"] == "unchanged"


def test_teams_invitation_is_a_video_interview_with_the_people_not_the_mailbox(
        ada: Cli) -> None:
    found = imported(ada, "teams.ics", "--yes")
    interview = found["interview"]["interview"]
    assert interview["timezone"] == "America/Los_Angeles"
    assert interview["format"] == "video"
    assert [p["name"] for p in interview["participants"]] == ["Liam O'Neill", "Dana White"]
    assert found["interview"]["application"]["company"] == "Fabrikam"


def test_a_later_round_joins_the_application_that_knows_the_sender(ada: Cli) -> None:
    ada.json("interview", "add", "--company", "Globex Corporation", "--position", "Engineer",
             "--at", "2026-11-20T10:00", "--interviewer", "Priya N <priya.n@globex.com>",
             FOLLOWUP_NOW=NOW)
    found = imported(ada, "google.ics")
    assert found["proposal"]["application_id"] == 1
    assert found["proposal"]["company"] == "Globex Corporation"
    recorded = imported(ada, "google.ics", "--yes")
    interview = recorded["interview"]["interview"]
    assert interview["round"] == 2
    # Priya is on record: her recorded spelling is kept, not the invitation's bare address.
    assert [p["name"] for p in interview["participants"]] == ["José García", "Priya N"]


def test_cancelling_an_invitation_never_recorded_says_so(ada: Cli) -> None:
    before = snapshot(ada)
    line = failed(ada("interview", "import", str(FILES / "outlook-cancel.ics"), "--yes",
                      FOLLOWUP_NOW=NOW), 3)
    assert "nothing to cancel" in line
    assert snapshot(ada) == before
