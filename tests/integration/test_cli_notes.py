"""Notes from the CLI on both databases: drafts, edits, checks, templates and letters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pypdf

from tests.conftest import Cli

NOW = "2026-11-24T12:00:00+00:00"
INTERVIEW = ("interview", "add", "--company", "Acme", "--position", "Data Analyst",
             "--at", "2026-11-24T10:00", "--interviewer", "José Núñez <jose@acme.example>",
             "--interviewer", "王芳 <wang@acme.example>", "--helper", "Zoë Martin",
             "--topic", "José Núñez: the data platform migration",
             "--next-step", "a second interview with the team", "--decision-by", "in two weeks")


def thank_yous(user: Cli) -> list[dict[str, Any]]:
    doc = user.json(*INTERVIEW, FOLLOWUP_NOW=NOW)
    return [a for a in doc["actions"] if a["kind"] == "thank_you"]


def test_a_draft_greets_by_the_exact_name_and_passes_the_checker(user: Cli) -> None:
    first, second = thank_yous(user)

    draft = user.json("note", "draft", str(first["id"]), FOLLOWUP_NOW=NOW)
    other = user.json("note", "draft", str(second["id"]), "--tone", "warm", FOLLOWUP_NOW=NOW)

    assert {"action_id", "to", "subject", "body", "findings"} <= set(draft)
    assert draft["to"] == {"name": "José Núñez", "email": "jose@acme.example"}
    assert "Dear José Núñez," in draft["body"] and "Data Analyst" in draft["body"]
    assert "data platform migration" in draft["body"]
    assert draft["body"].rstrip().endswith("Siobhán Ó Briain")  # the user signs
    assert "Zoë Martin" in draft["body"] + other["body"]  # the helper, in one of the notes
    assert [f for f in draft["findings"] if f["severity"] == "error"] == []
    assert other["body"] != draft["body"] and "王芳" in other["body"]
    assert user.json("note", "show", str(first["id"]))["body"] == draft["body"]


def test_an_edited_note_is_kept_unless_a_new_draft_is_forced(user: Cli, tmp_path: Path) -> None:
    action = thank_yous(user)[0]["id"]
    user.json("note", "draft", str(action), FOLLOWUP_NOW=NOW)
    mine = tmp_path / "mine.txt"
    mine.write_text("Hey Jose!!\n\nThx 4 the chat lol.\n\nCheers\n", encoding="utf-8")

    edited = user.json("note", "edit", str(action), "--file", str(mine), FOLLOWUP_NOW=NOW)
    refused = user("note", "draft", str(action), FOLLOWUP_NOW=NOW)
    forced = user.json("note", "draft", str(action), "--force", FOLLOWUP_NOW=NOW)

    rules = {f["rule"] for f in edited["findings"] if f["severity"] == "error"}
    assert {"greeting", "tone", "closing", "name_spelling"} <= rules
    assert edited["ok"] is False and edited["edited"] is True
    assert refused.exit_code == 5 and "--force" in refused.stderr
    assert forced["edited"] is False and forced["body"].startswith("Dear José Núñez,")


def test_the_subject_is_edited_alone_by_option_or_by_the_files_first_line(
        user: Cli, tmp_path: Path) -> None:
    action = str(thank_yous(user)[0]["id"])
    draft = user.json("note", "draft", action, FOLLOWUP_NOW=NOW)
    mine = tmp_path / "mine.txt"
    mine.write_text("Subject: Our talk about the migration\n\nDear José Núñez,\n\nThanks.\n",
                    encoding="utf-8")

    alone = user.json("note", "edit", action, "--subject", "Thank you, José", FOLLOWUP_NOW=NOW)
    from_file = user.json("note", "edit", action, "--file", str(mine), FOLLOWUP_NOW=NOW)
    twice = user("note", "edit", action, "--file", str(mine), "--subject", "x", FOLLOWUP_NOW=NOW)
    broken = user("note", "edit", action, "--subject", "one\nBcc: all@example.com",
                  FOLLOWUP_NOW=NOW)

    assert alone["subject"] == "Thank you, José" and alone["body"] == draft["body"]
    assert alone["edited"] is True
    assert from_file["subject"] == "Our talk about the migration"
    assert from_file["body"] == "Dear José Núñez,\n\nThanks."  # no Subject line in the body
    assert twice.exit_code == 2
    assert broken.exit_code == 4 and "the subject" in broken.stderr
    assert user.json("note", "show", action)["subject"] == "Our talk about the migration"


def test_done_on_a_note_the_checker_holds_back_warns_and_says_why(
        user: Cli, tmp_path: Path) -> None:
    held, clean = (str(a["id"]) for a in thank_yous(user))
    mine = tmp_path / "mine.txt"
    mine.write_text("Hey Jose!!\n\nThx 4 the chat lol.\n", encoding="utf-8")
    user.json("note", "edit", held, "--file", str(mine), FOLLOWUP_NOW=NOW)
    user.json("note", "draft", clean, FOLLOWUP_NOW=NOW)

    warned = user("done", held, FOLLOWUP_NOW=NOW)
    quiet = user.json("done", clean, FOLLOWUP_NOW=NOW)

    assert warned.exit_code == 0 and "held this note back" in warned.stdout
    assert "greeting" in warned.stdout
    assert quiet["held_back"] is False and quiet["status"] == "done"
    assert all(f["severity"] != "error" for f in quiet["findings"])


def test_checking_a_file_names_the_rule_and_the_span(user: Cli, tmp_path: Path) -> None:
    thank_yous(user)
    text = ("Dear Jose Nunez,\n\nThank you for your time today. I enjoyed hearing about the data "
            "platform migration and I remain very interested in the Data Analyst position. "
            "I look forward to the second interview with the team and to hearing from you "
            "about the next steps in the process.\n\nKind regards,\nSiobhán Ó Briain\n")
    note = tmp_path / "note.txt"
    note.write_text(text, encoding="utf-8")

    ran = user("note", "check", "--file", str(note), "--application", "1", "--to", "José Núñez",
               "--json", FOLLOWUP_NOW=NOW)
    result = json.loads(ran.stdout)

    assert ran.exit_code == 1  # an error: a script can gate on it, the findings still printed
    spelling = [f for f in result["findings"] if f["rule"] == "name_spelling"]
    assert result["ok"] is False and spelling
    assert text[spelling[0]["start"]:spelling[0]["end"]] in ("Jose", "Nunez", "Jose Nunez")
    assert spelling[0]["fix"]["text"] in ("José", "Núñez", "José Núñez")


def test_checking_prints_each_fix_and_exits_0_without_errors(user: Cli, tmp_path: Path) -> None:
    thank_yous(user)
    text = ("Dear José Núñez,\n\nThank you for your time today. I enjoyed hearing about the data "
            "platform migration and I remain very interested in the Data Analyst position. "
            "I look forward to the second interview with the team and to hearing from you "
            "about the next steps in the process.\n\n{closing}\nSiobhán Ó Briain\n")
    note = tmp_path / "note.txt"
    args = ("note", "check", "--file", str(note), "--application", "1", "--to", "José Núñez")

    note.write_text(text.format(closing="Cheers,"), encoding="utf-8")
    casual = user(*args, FOLLOWUP_NOW=NOW)
    note.write_text(text.format(closing="Kind regards,"), encoding="utf-8")
    fixed = user(*args, FOLLOWUP_NOW=NOW)

    assert casual.exit_code == 1
    assert 'fix: replace "Cheers," with "Kind regards,"' in casual.stdout
    assert fixed.exit_code == 0, fixed.stdout


def test_a_letter_prints_every_name_exactly(user: Cli, tmp_path: Path) -> None:
    action = thank_yous(user)[1]["id"]
    pdf = tmp_path / "letter.pdf"

    result = user.json("note", "pdf", str(action), "-o", str(pdf), FOLLOWUP_NOW=NOW)

    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert len(pypdf.PdfReader(pdf).pages) == 1
    for name in ("王芳", "Siobhán Ó Briain", "Acme"):  # recipient, sender, company
        assert name in text
    assert result["arrival"]["by"] == "2026-12-01"
    assert result["arrival"]["after_decision"] is False


def test_a_letter_that_arrives_after_the_decision_date_suggests_email(user: Cli,
                                                                      tmp_path: Path) -> None:
    doc = user.json("interview", "add", "--company", "Initech", "--position", "Analyst",
                    "--at", "2026-11-24T10:00", "--interviewer", "Ann Lee <ann@initech.example>",
                    "--decision-by", "Friday", FOLLOWUP_NOW=NOW)
    action = next(a["id"] for a in doc["actions"] if a["kind"] == "thank_you")

    result = user.json("note", "draft", str(action), "--channel", "letter", FOLLOWUP_NOW=NOW)

    assert result["channel"] == "letter" and result["arrival"]["after_decision"] is True
    assert "by email as well" in result["arrival"]["message"]


def test_user_templates_replace_the_composer_for_their_kind(user: Cli, home: Path) -> None:
    action = thank_yous(user)[0]["id"]
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "thank_you.txt").write_text(
        "Subject: Thanks, {{ recipient.name }}\n\nDear {{ recipient.name }},\n\n"
        "Thank you for your time on the {{ position }} interview.\n\nKind regards,\n"
        "{{ sender }}\n", encoding="utf-8")

    draft = user.json("note", "draft", str(action), FOLLOWUP_NOW=NOW)
    listing = user.json("note", "templates")

    assert draft["subject"] == "Thanks, José Núñez"
    assert draft["body"].startswith("Dear José Núñez,")
    used = {(r["kind"], r["tone"]): r["template"] for r in listing}
    assert used[("thank_you", "formal")].endswith("thank_you.txt")
    assert used[("inquiry", "formal")] == "built-in"


def test_a_sandboxed_template_cannot_reach_python_internals(user: Cli, home: Path) -> None:
    action = thank_yous(user)[0]["id"]
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "thank_you.txt").write_text(
        "Subject: x\n\n{{ recipient.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")

    result = user("note", "draft", str(action), FOLLOWUP_NOW=NOW)

    assert result.exit_code == 4 and "cannot be used" in result.stderr


def test_a_step_without_a_note_has_no_draft(user: Cli) -> None:
    doc = user.json(*INTERVIEW, FOLLOWUP_NOW=NOW)
    inquiry_call = next(a for a in doc["actions"] if a["kind"] in ("inquiry", "decision_check")
                        and a["channel"] == "phone")
    checklist = user("note", "draft", "999", FOLLOWUP_NOW=NOW)

    assert checklist.exit_code == 3
    assert user("note", "show", str(inquiry_call["id"])).exit_code == 3


def test_a_draft_keeps_within_the_users_word_limit(user: Cli) -> None:
    action = thank_yous(user)[0]["id"]
    roomy = user.json("note", "draft", str(action), FOLLOWUP_NOW=NOW)
    user("config", "set", "policy.note_max_words", "110")

    tight = user.json("note", "draft", str(action), FOLLOWUP_NOW=NOW)

    assert len(tight["body"].split()) < len(roomy["body"].split())
    assert "length" not in {f["rule"] for f in tight["findings"]}
