"""A first pass over the CLI on both databases."""

from __future__ import annotations

from tests.conftest import Cli

NOW = "2026-11-24T12:00:00+00:00"


def test_interview_add_plans_a_thank_you_per_interviewer(user: Cli) -> None:
    doc = user.json("interview", "add", "--company", "Acme", "--position", "Data Analyst",
                    "--at", "2026-11-24T10:00", "--interviewer", "José Núñez <jose@acme.example>",
                    "--interviewer", "王芳 <wang@acme.example>", "--decision-by", "in two weeks",
                    FOLLOWUP_NOW=NOW)
    thanks = [a for a in doc["actions"] if a["kind"] == "thank_you"]
    assert sorted(a["contact"]["name"] for a in thanks) == sorted(["José Núñez", "王芳"])
    assert doc["interview"]["decision_date"] == "2026-12-08"
    today = user.json("today", FOLLOWUP_NOW=NOW)
    assert {a["id"] for a in today["actions"]} == {a["id"] for a in thanks}


def test_a_bare_program_or_group_prints_its_whole_help() -> None:
    from click.testing import CliRunner

    from followup.entrypoints.cli import cli

    runner = CliRunner()
    bare = runner.invoke(cli, [], prog_name="followup")
    groups = {name: runner.invoke(cli, [name], prog_name="followup")
              for name in ("note", "call", "interview")}

    assert bare.exit_code == 0 and bare.stdout.startswith("Usage: followup [OPTIONS] COMMAND")
    assert "\n  today " in bare.stdout and "\n" in bare.stdout.strip()
    for name, result in groups.items():
        assert result.exit_code == 2, name
        assert result.stdout.startswith(f"Usage: followup {name} [OPTIONS] COMMAND"), name
        assert "Commands:\n" in result.stdout, name
