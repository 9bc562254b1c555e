"""`followup calendar export` on both databases, read back by icalendar and by vobject."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import vobject

import followup.entrypoints.cli.calendar  # noqa: F401  (registers `calendar` until __init__ does)
from tests.conftest import Cli

NOW = "2026-11-24T12:00:00+00:00"
LATER = "2026-11-26T08:30:00+00:00"
INTERVIEW = (
    "interview",
    "add",
    "--company",
    "Acme",
    "--position",
    "Data Analyst",
    "--at",
    "2026-11-24T10:00",
    "--interviewer",
    "José Núñez <jose@acme.example>",
    "--interviewer",
    "王芳 <wang@acme.example>",
    "--next-step",
    "a second round",
    "--decision-by",
    "in two weeks",
)
WHERE = "Acme (Data Analyst)"


def export(user: Cli, path: Path, now: str = NOW) -> tuple[dict[str, Any], bytes]:
    """The JSON report and the file's bytes."""
    report = user.json("calendar", "export", "-o", str(path), FOLLOWUP_NOW=now)
    return report, path.read_bytes()


def events(data: bytes) -> dict[str, Any]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def vevents(data: bytes) -> dict[str, Any]:
    return {e.uid.value: e for e in vobject.readOne(data.decode("utf-8")).vevent_list}


def actions(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [a for a in doc["actions"] if a["kind"] == kind and a["status"] == "planned"]


def uid(action: dict[str, Any]) -> str:
    return f"action-{action['id']}@followup.local"


def test_the_export_holds_each_thank_you_the_calls_with_their_script_and_the_decision_date(
    user: Cli, tmp_path: Path
) -> None:
    doc = user.json(*INTERVIEW, FOLLOWUP_NOW=NOW)
    planned = [a for a in doc["actions"] if a["status"] == "planned"]
    jose, wang = actions(doc, "thank_you")
    calls = actions(doc, "inquiry") + actions(doc, "decision_check")

    report, data = export(user, tmp_path / "plan.ics")

    found, parsed = events(data), vevents(data)
    decision = "decision-1@followup.local"
    assert report == {
        "file": str(tmp_path / "plan.ics"),
        "events": len(planned) + 1,
        "cancelled": 0,
    }
    assert set(found) == set(parsed) == {uid(a) for a in planned} | {decision}
    calendar = vobject.readOne(data.decode("utf-8"))
    assert calendar.prodid.value == "-//Followup//followup//EN"
    assert calendar.vtimezone.tzid.value == "Europe/Dublin"

    # Thank-you notes: from the end of the interview to the end of the day, Dublin time.
    assert parsed[uid(jose)].summary.value == f"Thank-you note to José Núñez — {WHERE}"
    assert parsed[uid(wang)].summary.value == f"Thank-you note to 王芳 — {WHERE}"
    for thanks in (jose, wang):
        start, end = parsed[uid(thanks)].dtstart.value, parsed[uid(thanks)].dtend.value
        assert start == datetime.fromisoformat(thanks["earliest"])
        assert end == datetime.fromisoformat(thanks["due"])
        assert found[uid(thanks)]["DTSTART"].params["TZID"] == "Europe/Dublin"
        assert parsed[uid(thanks)].valarm.trigger.value == timedelta(minutes=-15)
        assert f"tick step {thanks['id']} off" in parsed[uid(thanks)].description.value
        assert "R2" in parsed[uid(thanks)].description.value

    # The calls carry the script of R5.
    assert {a["kind"] for a in calls} == {"inquiry", "decision_check"}
    for call in calls:
        text = parsed[uid(call)].description.value
        assert call["why"] in text and call["rule"] in text
        assert "Call script:" in text and "Could I speak with José Núñez, please?" in text
        assert "Hello, this is Siobhán Ó Briain." in text
        assert parsed[uid(call)].summary.value.endswith(f"to José Núñez — {WHERE}")
        assert parsed[uid(call)].status.value == "CONFIRMED"
    inquiry = actions(doc, "inquiry")[0]
    # The inquiry's window spans days: an all-day event on its first day, ringing at 09:00.
    assert parsed[uid(inquiry)].dtstart.value == date.fromisoformat(inquiry["earliest"][:10])
    assert parsed[uid(inquiry)].valarm.trigger.value == timedelta(hours=9)
    assert found[uid(inquiry)].walk("VALARM")[0]["TRIGGER"].params["RELATED"] == "START"

    # The decision date of the interview, all day.
    assert parsed[decision].summary.value == f"Decision due: {WHERE}"
    assert parsed[decision].dtstart.value == date.fromisoformat(doc["interview"]["decision_date"])
    assert parsed[decision].dtend.value == parsed[decision].dtstart.value + timedelta(days=1)


def test_exporting_again_keeps_every_uid_so_apps_update_rather_than_duplicate(
    user: Cli, tmp_path: Path
) -> None:
    user.json(*INTERVIEW, FOLLOWUP_NOW=NOW)

    _, first = export(user, tmp_path / "a.ics")
    _, again = export(user, tmp_path / "a.ics")
    _, later = export(user, tmp_path / "b.ics", now=LATER)

    assert again == first  # same records, same clock: the same file
    assert list(events(later)) == list(events(first))
    stamps = {e.decoded("DTSTAMP") for e in events(later).values()}
    assert stamps == {datetime.fromisoformat(LATER)}


def test_a_cancelled_interview_turns_its_events_cancelled(user: Cli, tmp_path: Path) -> None:
    doc = user.json(*INTERVIEW, FOLLOWUP_NOW=NOW)
    _, before = export(user, tmp_path / "plan.ics")

    user.json("interview", "cancel", str(doc["interview"]["id"]), FOLLOWUP_NOW=NOW)
    report, after = export(user, tmp_path / "plan.ics")

    found, parsed = events(after), vevents(after)
    assert set(found) == set(events(before))
    assert report["events"] == len(found) and report["cancelled"] == len(found)
    for key, event in parsed.items():
        assert event.status.value == "CANCELLED", key
        assert found[key].walk("VALARM") == []
        assert found[key].decoded("SEQUENCE") == 1
    assert (
        "Cancelled: the interview was cancelled."
        in parsed[uid(actions(doc, "thank_you")[0])].description.value
    )


def test_done_steps_leave_the_calendar(user: Cli, tmp_path: Path) -> None:
    doc = user.json(*INTERVIEW, FOLLOWUP_NOW=NOW)
    thanks = actions(doc, "thank_you")[0]
    user.json("done", str(thanks["id"]), FOLLOWUP_NOW=NOW)

    report, data = export(user, tmp_path / "plan.ics")

    assert uid(thanks) not in events(data)
    assert report["cancelled"] == 0


def test_dash_writes_the_calendar_to_standard_output(user: Cli) -> None:
    user.json(*INTERVIEW, FOLLOWUP_NOW=NOW)

    result = user("calendar", "export", "-o", "-", FOLLOWUP_NOW=NOW)
    refused = user("calendar", "export", "-o", "-", "--json", FOLLOWUP_NOW=NOW)

    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    assert "王芳" in vevents(result.stdout_bytes)["action-2@followup.local"].summary.value
    assert refused.exit_code == 2 and "-o FILE" in refused.stderr


def test_plain_output_says_what_was_written(user: Cli, tmp_path: Path) -> None:
    user.json(*INTERVIEW, FOLLOWUP_NOW=NOW)
    path = tmp_path / "plan.ics"

    result = user("calendar", "export", "-o", str(path), FOLLOWUP_NOW=NOW)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Wrote 5 events to ") and path.exists()


def test_an_unwritable_file_is_one_line_and_exit_4(user: Cli, tmp_path: Path) -> None:
    result = user(
        "calendar", "export", "-o", str(tmp_path / "missing" / "plan.ics"), FOLLOWUP_NOW=NOW
    )

    assert result.exit_code == 4
    assert result.stderr.startswith("followup: cannot write ") and result.stderr.count("\n") == 1


def test_without_a_profile_the_export_asks_for_init(cli: Cli, tmp_path: Path) -> None:
    result = cli("calendar", "export", "-o", str(tmp_path / "plan.ics"), FOLLOWUP_NOW=NOW)

    assert result.exit_code == 5 and "followup init" in result.stderr
