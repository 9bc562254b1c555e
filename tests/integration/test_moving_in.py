"""Moving in from another tracker through the CLI: a Huntr export and a spreadsheet are added
to a home that already holds applications; a dry run writes nothing; long-past steps of the
imported history are skipped, recent ones planned."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

from tests.conftest import Cli
from tests.integration.test_cli_errors import failed, snapshot
from tests.unit.test_moving_in import huntr_file

NOW = "2026-12-04T12:00:00+00:00"  # a Friday
SHEET = codecs.BOM_UTF8 + (
    "Firma;Stelle;Status;Gespräch;Kontakt;E-Mail;Entscheidung;Notizen\r\n"
    "Café Müller;Barista;Interviewing;2026-08-10 10:00;Siobhán Ó Briain;s@cafe.example;;"
    '"Nett; freundlich"\r\n'
    "Initech;Engineer;Applied;2026-12-02 14:00;José Núñez;jose@initech.example;2026-12-18;\r\n"
    "Acme;Dev;Rejected;2026-07-01;;;;\r\n").encode()
MAP = ("company=Firma,position=Stelle,status=Status,interview_at=Gespräch,contact=Kontakt,"
       "contact_email=E-Mail,decision_by=Entscheidung,notes=Notizen")


def _file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _with_one_application(user: Cli) -> None:
    user.json("interview", "add", "--company", "Globex", "--position", "Analyst",
              "--at", "2026-12-01T10:00", "--interviewer", "王芳 <wang@globex.example>",
              FOLLOWUP_NOW=NOW)


def _plan(user: Cli, application_id: int) -> dict[str, Any]:
    result: dict[str, Any] = user.json("plan", str(application_id),
                                       FOLLOWUP_NOW=NOW)
    return result


def test_a_huntr_export_is_added_to_a_home_with_applications(user: Cli, tmp_path: Path
                                                             ) -> None:
    _with_one_application(user)
    path = _file(tmp_path, "huntr.csv", huntr_file())
    result = user.json("import", "--from", "huntr", path, FOLLOWUP_NOW=NOW)
    assert (result["applications"], result["dry_run"]) == (3, False)
    assert [(p["line"], p["company"]) for p in result["passed"]] == [(4, "Box")]
    listed = user.json("application", "list", FOLLOWUP_NOW=NOW)
    rows = {(a["company"], a["position"]): a for a in listed}
    assert set(rows) == {("Globex", "Analyst"), ("Acme", "Analyst, Data & Reporting"),
                         ("王芳 Tech", "Engineer"), ("Café Müller", "Nurse")}
    assert rows[("王芳 Tech", "Engineer")]["status"] == "rejected"
    assert rows[("Café Müller", "Nurse")]["status"] == "offer"
    wang = _plan(user, rows[("王芳 Tech", "Engineer")]["id"])["application"]
    assert wang["status_at"].startswith("2026-11-11T16:47:21")  # lastMovedAt, in Dublin (UTC+0)
    # Importing the same file again adds nothing.
    again = user.json("import", "--from", "huntr", path, FOLLOWUP_NOW=NOW)
    assert again["applications"] == 0
    assert {p["reason"] for p in again["passed"]} >= {"already in Followup"}
    assert len(user.json("application", "list", FOLLOWUP_NOW=NOW)) == 4


def test_a_dry_run_shows_what_would_be_made_and_writes_nothing(user: Cli, tmp_path: Path
                                                               ) -> None:
    _with_one_application(user)
    before = snapshot(user)
    path = _file(tmp_path, "jobs.csv", SHEET)
    result = user("import", "--from", "csv", path, "--map", MAP, "--dry-run", FOLLOWUP_NOW=NOW)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Would import 3 applications (3 interviews, 2 contacts)")
    assert "line 3: Initech — Engineer (active), interview Wed 02 Dec 2026 14:00" in result.stdout
    assert "Nothing was written" in result.stdout
    assert snapshot(user) == before


def test_a_spreadsheet_is_imported_and_long_past_steps_are_skipped(user: Cli, tmp_path: Path
                                                                   ) -> None:
    path = _file(tmp_path, "jobs.csv", SHEET)
    result = user.json("import", "--from", "csv", path, "--map", MAP, FOLLOWUP_NOW=NOW)
    assert (result["applications"], result["interviews"], result["contacts"]) == (3, 3, 2)
    cafe, initech, acme = (_plan(user, n) for n in (1, 2, 3))
    # August's interview: its thank-you and inquiry were due months ago.
    assert {(a["kind"], a["status"], a["reason"]) for a in cafe["actions"]} == {
        ("thank_you", "skipped", "imported history"), ("inquiry", "skipped", "imported history")}
    assert cafe["interviews"][0]["notes"] == "Nett; freundlich"
    assert cafe["contacts"][0]["name"] == "Siobhán Ó Briain"
    # Wednesday's interview is recent: its thank-you is still owed (late), the rest planned.
    assert {(a["kind"], a["status"]) for a in initech["actions"]} == {
        ("thank_you", "planned"), ("inquiry", "planned"), ("decision_check", "planned")}
    assert initech["interviews"][0]["decision_date"] == "2026-12-18"
    # A rejection in July: the note after the decision and the keep-in-touch are both past.
    assert acme["application"]["status"] == "rejected"
    assert {a["status"] for a in acme["actions"]} == {"skipped"}
    assert (result["steps_skipped"], result["steps_planned"]) == (4, 3)
    today = user.json("today", FOLLOWUP_NOW=NOW)
    assert "Café Müller" not in str(today)


def test_the_history_window_is_a_setting(user: Cli, tmp_path: Path) -> None:
    user("config", "set", "policy.import_history_days", "365")
    path = _file(tmp_path, "jobs.csv", SHEET)
    result = user.json("import", "--from", "csv", path, "--map", MAP, FOLLOWUP_NOW=NOW)
    assert result["steps_skipped"] == 0


def test_plain_column_names_need_no_map(user: Cli, tmp_path: Path) -> None:
    path = _file(tmp_path, "jobs.csv", b"Company,Position,Status\nHooli,Engineer,Applied\n")
    result = user.json("import", "--from", "csv", path, FOLLOWUP_NOW=NOW)
    assert result["file"]["mapping"] == {"company": "Company", "position": "Position",
                                         "status": "Status"}
    assert result["made"][0]["company"] == "Hooli"


def test_import_from_needs_a_profile(cli: Cli, tmp_path: Path) -> None:
    path = _file(tmp_path, "huntr.csv", huntr_file())
    line = failed(cli("import", "--from", "huntr", path), 5)
    assert "profile" in line


def test_map_and_dry_run_go_with_from(user: Cli, tmp_path: Path) -> None:
    path = _file(tmp_path, "x.json", b"{}")
    failed(user("import", path, "--dry-run"), 2)
    failed(user("import", "--from", "huntr", path, "--map", "company=A"), 2)
