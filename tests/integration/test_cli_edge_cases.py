"""Edge cases found in review: each once wrong, now pinned on both databases."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from tests.conftest import Cli

NOW = "2026-11-24T12:00:00+00:00"
ADD = ("interview", "add", "--company", "Acme", "--position", "Data Analyst")


def test_rescheduling_counts_the_decision_phrase_from_the_new_date(user: Cli) -> None:
    user.json(*ADD, "--at", "2026-11-03T10:00", "--decision-by", "in two weeks",
              FOLLOWUP_NOW=NOW)

    moved = user.json("interview", "edit", "1", "--at", "2026-11-24T10:00", FOLLOWUP_NOW=NOW)

    assert moved["interview"]["decision_date"] == "2026-12-08"


def test_an_interviewer_written_last_name_first_is_understood(user: Cli) -> None:
    doc = user.json(*ADD, "--at", "2026-11-24T10:00", "--interviewer",
                    "Smith, John <john@acme.example>", FOLLOWUP_NOW=NOW)

    assert doc["interview"]["participants"][0]["name"] == "Smith, John"


def test_a_name_typed_with_combining_accents_is_the_same_contact(user: Cli) -> None:
    user.json(*ADD, "--at", "2026-11-03T10:00", "--interviewer", "José Núñez",
              FOLLOWUP_NOW=NOW)
    decomposed = unicodedata.normalize("NFD", "José Núñez")

    user.json(*ADD, "--at", "2026-11-24T10:00", "--application", "1",
              "--interviewer", decomposed, "--topic", f"{decomposed}: the roadmap",
              FOLLOWUP_NOW=NOW)

    assert [c["name"] for c in user.json("contact", "list")] == ["José Núñez"]


def test_a_numeric_date_that_reads_two_ways_is_refused(user: Cli) -> None:
    result = user(*ADD, "--at", "2026-11-24T10:00", "--decision-by", "4/12/2026",
                  FOLLOWUP_NOW=NOW)

    assert result.exit_code == 4


def test_a_policy_that_contradicts_itself_is_refused(user: Cli) -> None:
    result = user("config", "set", "policy.business_end", "08:00")

    assert result.exit_code == 4 and "business hours" in result.stderr
    assert user("config", "get", "policy.business_end").stdout.strip() == "17:00"


def test_changing_the_policy_re_plans_open_applications(user: Cli) -> None:
    doc = user.json(*ADD, "--at", "2026-11-24T10:00", FOLLOWUP_NOW=NOW)
    before = next(a for a in doc["actions"] if a["kind"] == "inquiry")

    user("config", "set", "policy.inquiry_after_days", "8", FOLLOWUP_NOW=NOW)

    after = next(a for a in user.json("plan", "1")["actions"] if a["kind"] == "inquiry")
    assert after["id"] == before["id"]
    assert after["earliest"].startswith("2026-12-02")


def test_an_offer_that_becomes_a_hire_is_thanked_once(user: Cli) -> None:
    user.json(*ADD, "--at", "2026-11-24T10:00", "--interviewer", "Ann Lee <ann@acme.example>",
              "--helper", "Zoë Martin", FOLLOWUP_NOW=NOW)
    offered = user.json("outcome", "1", "offer", FOLLOWUP_NOW=NOW)
    helpers = next(a for a in offered["actions"] if a["kind"] == "thank_helpers")
    user.json("done", str(helpers["id"]), FOLLOWUP_NOW=NOW)

    hired = user.json("outcome", "1", "hired", FOLLOWUP_NOW=NOW)

    assert [a["status"] for a in hired["actions"] if a["kind"] == "thank_helpers"] == ["done"]


def test_a_withdrawal_drops_the_steps_of_a_round_not_yet_held(user: Cli) -> None:
    user.json(*ADD, "--at", "2026-11-03T10:00", "--interviewer", "Ann Lee <ann@acme.example>",
              FOLLOWUP_NOW=NOW)
    user.json(*ADD, "--at", "2026-11-30T10:00", "--application", "1",
              "--interviewer", "Bob Ray <bob@acme.example>", FOLLOWUP_NOW=NOW)

    plan = user.json("outcome", "1", "withdrawn", FOLLOWUP_NOW=NOW)

    round_two = [a for a in plan["actions"] if a["interview_id"] == 2]
    assert round_two and all(a["status"] == "cancelled" for a in round_two)
    note = next(a for a in plan["actions"] if a["kind"] == "withdrawal_note")
    assert note["contact"]["name"] == "Ann Lee"


def test_demo_in_a_home_with_records_keeps_their_history(user: Cli) -> None:
    doc = user.json(*ADD, "--at", "2026-11-24T10:00", "--interviewer", "Ann Lee <ann@x.example>",
                    FOLLOWUP_NOW=NOW)
    user.json("done", str(doc["actions"][0]["id"]), FOLLOWUP_NOW=NOW)
    user.json("demo", "--size", "20", "--seed", "3", FOLLOWUP_NOW=NOW)
    before = {a["id"]: a for app in user.json("application", "list", FOLLOWUP_NOW=NOW)
              for a in user.json("plan", str(app["id"]))["actions"]}

    user.json("contact", "edit", "2", "--title", "Lead", FOLLOWUP_NOW=NOW)  # re-plans app 2

    after = {a["id"]: a for app in user.json("application", "list", FOLLOWUP_NOW=NOW)
             for a in user.json("plan", str(app["id"]))["actions"]}
    assert after == before


def test_a_letter_with_errors_is_printed_only_when_forced(user: Cli, tmp_path: Path) -> None:
    doc = user.json(*ADD, "--at", "2026-11-24T10:00", "--interviewer", "Ann Lee <ann@x.example>",
                    FOLLOWUP_NOW=NOW)
    action = str(doc["actions"][0]["id"])
    bad = tmp_path / "bad.txt"
    bad.write_text("Hey Anne!!\n\nThx lol\n\nCheers\n", encoding="utf-8")
    user.json("note", "edit", action, "--file", str(bad), FOLLOWUP_NOW=NOW)
    pdf = tmp_path / "letter.pdf"

    refused = user("note", "pdf", action, "-o", str(pdf), FOLLOWUP_NOW=NOW)
    forced = user("note", "pdf", action, "-o", str(pdf), "--force", FOLLOWUP_NOW=NOW)

    assert refused.exit_code == 5 and "--force" in refused.stderr
    assert forced.exit_code == 0 and pdf.stat().st_size > 0


def test_a_done_step_keeps_its_channel(user: Cli) -> None:
    doc = user.json(*ADD, "--at", "2026-11-24T10:00", "--interviewer", "Ann Lee <ann@x.example>",
                    FOLLOWUP_NOW=NOW)
    action = str(doc["actions"][0]["id"])
    user.json("done", action, FOLLOWUP_NOW=NOW)

    result = user("note", "draft", action, "--channel", "letter", FOLLOWUP_NOW=NOW)

    assert result.exit_code == 5


def test_an_import_with_an_unusable_setting_writes_nothing(user: Cli, cli: Cli,
                                                         tmp_path: Path) -> None:
    user.json(*ADD, "--at", "2026-11-24T10:00", FOLLOWUP_NOW=NOW)
    document = json.loads(user("export").stdout)
    document["settings"] = {"policy.gap_business_days": "lots"}
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    fresh = Cli(cli.runner, {"FOLLOWUP_HOME": str(tmp_path / "fresh")})  # an empty SQLite home

    result = fresh("import", str(broken))

    assert result.exit_code == 4 and "gap_business_days" in result.stderr
    assert fresh("today").exit_code == 5


def test_the_checklist_is_listed_before_its_interview_and_never_once_it_has_started(
        user: Cli) -> None:
    doc = user.json(*ADD, "--at", "2026-11-24T14:00", FOLLOWUP_NOW=NOW)  # 14:00-15:00 Dublin
    checklist = next(a for a in doc["actions"] if a["kind"] == "checklist")

    listed = {when: [a["id"] for a in user.json(command, FOLLOWUP_NOW=when)["actions"]]
              for command in ("today", "agenda")
              for when in ("2026-11-24T13:30:00+00:00", "2026-11-24T14:30:00+00:00",
                           "2026-11-24T16:00:00+00:00")}

    assert checklist["id"] in listed["2026-11-24T13:30:00+00:00"]
    assert checklist["id"] not in listed["2026-11-24T14:30:00+00:00"]
    assert checklist["id"] not in listed["2026-11-24T16:00:00+00:00"]


def test_a_thank_you_done_after_its_deadline_is_called_late(user: Cli) -> None:
    doc = user.json(*ADD, "--at", "2026-11-24T10:00", "--interviewer", "Ann Lee <ann@x.example>",
                    FOLLOWUP_NOW=NOW)
    action = str(doc["actions"][0]["id"])

    result = user("done", action, FOLLOWUP_NOW="2026-11-27T09:00:00+00:00")

    assert result.exit_code == 0 and "late, but sent" in result.stdout
