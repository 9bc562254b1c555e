"""Errors carry facts (the field, a remedy code, the record it acts on) and each front door says
them in its own words: the CLI names a command or option, the API returns `field` and `remedy`
in its JSON error, a page offers a link or its own box. SQLite is enough: no storage is at stake."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from followup.domain.errors import InvalidInput, NotAllowed, Remedy
from followup.entrypoints.remedies import said
from followup.entrypoints.web.errors import remedy_link
from tests.conftest import Cli
from tests.web_client import NOW, Web, make_web

SERVICES = Path(__file__).parents[2] / "src" / "followup" / "services"
CLI_WORDS = re.compile(r"`followup [a-z]|(?<![\w-])--[a-z]")
ADD = ("interview", "add", "--company", "Acme", "--position", "Data Analyst",
       "--at", "2026-11-24T10:00", "--interviewer", "José Núñez <jose@acme.example>")
INTERVIEW = {"company": "Acme", "position": "Data Analyst", "start": "2026-11-24T10:00",
             "interviewers": [{"name": "José Núñez", "email": "jose@acme.example"}]}
MISSPELT = "Dear Jose,\n\nThank you for your time today.\n\nSiobhán\n"


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """SQLite only: these tests are about words, not storage."""
    yield f"sqlite:///{tmp_path / 'home' / 'followup.db'}"


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Iterator[Web]:
    yield from make_web(monkeypatch, home, database_url, profile=True)


def thank_you(user: Cli) -> str:
    """The id of José's thank-you step, from a CLI interview."""
    doc = user.json(*ADD, FOLLOWUP_NOW=NOW)
    return str(next(a["id"] for a in doc["actions"] if a["kind"] == "thank_you"))


def misspelt(user: Cli, step: str, folder: Path) -> None:
    """The step's note, edited by hand with the interviewer's name misspelt."""
    edit = folder / "note.txt"
    edit.write_text(MISSPELT, encoding="utf-8")
    result = user("note", "edit", step, "--file", str(edit), FOLLOWUP_NOW=NOW)
    assert result.exit_code == 0, result.stderr


def api_thank_you(web: Web) -> int:
    result = web.api("POST", "/api/v1/interviews", INTERVIEW)
    assert result.status_code == 201, result.text
    return int(next(a["id"] for a in result.json()["actions"] if a["kind"] == "thank_you"))


def error_of(response: Any) -> dict[str, Any]:
    detail: dict[str, Any] = response.json()["error"]
    return detail


def raised_texts(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every string written into a raise statement (f-string parts included), with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for part in ast.walk(node.exc):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    yield node.lineno, part.value


def test_no_error_a_service_raises_names_a_cli_command_or_flag() -> None:
    found = [f"{path.name}:{line}: {text!r}" for path in sorted(SERVICES.glob("*.py"))
             for line, text in raised_texts(ast.parse(path.read_text()))
             if CLI_WORDS.search(text)]
    assert found == []


@pytest.mark.parametrize("remedy", [r for r in Remedy if r is not Remedy.GIVE])
def test_every_remedy_has_cli_words_and_a_web_link(remedy: Remedy) -> None:
    error = NotAllowed("it cannot be done", remedy=remedy, record=7)
    line = said(error)
    assert line.startswith("it cannot be done; ")
    assert "`followup " in line or "--force" in line
    assert "{" not in line
    link = remedy_link(error)
    assert link is not None and link["href"].startswith("/") and "{" not in link["href"]


def test_a_missing_input_names_its_option_on_the_cli() -> None:
    error = InvalidInput("give the interview's date and time", field="at", remedy=Remedy.GIVE)
    assert said(error) == "give the interview's date and time (--at)"
    assert said(InvalidInput("no remedy here", field="at")) == "no remedy here"


def test_without_a_profile_the_cli_says_run_init_and_the_api_says_put_profile(
        cli: Cli, monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> None:
    result = cli("today", FOLLOWUP_NOW=NOW)
    assert result.exit_code == 5
    assert result.stderr.strip() == "followup: no profile yet; run `followup init` first"
    for empty in make_web(monkeypatch, home, database_url):
        answer = empty.api("GET", "/api/v1/today")
        assert answer.status_code == 409
        assert error_of(answer) == {
            "type": "NotAllowed", "message": "no profile yet; PUT /api/v1/profile creates it",
            "field": None, "remedy": "init"}


def test_a_missing_date_names_the_option_on_the_cli_and_the_field_in_the_api(
        user: Cli, web: Web) -> None:
    result = user("interview", "add", "--company", "Acme", "--position", "Analyst",
                  FOLLOWUP_NOW=NOW)
    assert result.exit_code == 4
    assert result.stderr.strip() == "followup: give the interview's date and time (--at)"
    answer = web.api("POST", "/api/v1/interviews", {"company": "Acme", "position": "Analyst"})
    assert answer.status_code == 422
    assert error_of(answer)["field"] == "start" and error_of(answer)["remedy"] == "give"


def test_replacing_edits_needs_force_said_by_each_front_door(user: Cli, web: Web,
                                                              tmp_path: Path) -> None:
    step = thank_you(user)
    misspelt(user, step, tmp_path)
    refused = user("note", "draft", step, FOLLOWUP_NOW=NOW)
    assert refused.exit_code == 5
    assert refused.stderr.strip().endswith("; use --force to do it anyway")
    ours = api_thank_you(web)
    assert web.api("PUT", f"/api/v1/actions/{ours}/note", {"body": MISSPELT}).status_code == 200
    answer = web.api("POST", f"/api/v1/actions/{ours}/note/draft", {})
    assert answer.status_code == 409
    assert error_of(answer)["remedy"] == "force"
    assert error_of(answer)["message"].endswith("; ask again with force set to do it anyway")
    page = web.form(f"/actions/{ours}/note/draft", {"tone": "warm"})
    assert page.status_code == 409
    assert "tick “Replace my edits with the new draft” to go ahead" in page.text
    assert "--force" not in page.text.replace('id="draft-force"', "")


def test_a_note_the_checker_holds_back_is_fixed_or_forced_in_each_front_doors_words(
        user: Cli, web: Web, tmp_path: Path) -> None:
    step = thank_you(user)
    misspelt(user, step, tmp_path)
    refused = user("note", "pdf", step, "-o", str(tmp_path / "n.pdf"), FOLLOWUP_NOW=NOW)
    assert refused.exit_code == 5
    assert (f"; fix it with `followup note edit {step}`, or use --force to go ahead anyway"
            in refused.stderr)
    ours = api_thank_you(web)
    web.api("PUT", f"/api/v1/actions/{ours}/note", {"body": MISSPELT})
    answer = web.api("GET", f"/api/v1/actions/{ours}/note.pdf")
    assert answer.status_code == 409 and error_of(answer)["remedy"] == "fix_note"
    page = web.get(f"/actions/{ours}/note.pdf")
    assert page.status_code == 409
    assert "The checker holds this note back" in page.text and "--force" not in page.text


def test_sending_without_a_mail_server_points_to_the_setup_in_each_front_door(
        user: Cli, web: Web) -> None:
    step = thank_you(user)
    user("contact", "edit", "1", "--confirmed", FOLLOWUP_NOW=NOW)
    refused = user("note", "send", step, FOLLOWUP_NOW=NOW)
    assert refused.exit_code == 5
    assert refused.stderr.strip().startswith(
        "followup: mail is not set up; set it up with `followup config set smtp.host")
    ours = api_thank_you(web)
    answer = web.api("POST", f"/api/v1/actions/{ours}/note/send", {})
    assert answer.status_code == 409
    assert error_of(answer)["remedy"] == "smtp" and "followup" not in error_of(answer)["message"]
    page = web.get(f"/actions/{ours}/note")
    assert 'href="/settings#mail"' in page.text


def test_a_step_without_a_note_says_how_to_draft_one(user: Cli, web: Web) -> None:
    step = thank_you(user)
    result = user("note", "show", step, FOLLOWUP_NOW=NOW)
    assert result.exit_code == 3
    assert result.stderr.strip() == (f"followup: no note for action {step} yet; "
                                     f"`followup note draft {step}` writes one")
    ours = api_thank_you(web)
    answer = web.api("GET", f"/api/v1/actions/{ours}/note")
    assert answer.status_code == 404 and error_of(answer)["remedy"] == "draft"


def test_the_error_page_and_the_htmx_message_offer_the_remedys_link(web: Web) -> None:
    def refused() -> None:
        raise NotAllowed("mail is not set up", remedy=Remedy.SMTP)

    web.app.add_api_route("/refused-for-test", refused, methods=["GET", "POST"])
    page = web.get("/refused-for-test")
    assert page.status_code == 409
    assert '<a class="button" href="/settings#mail">Set up mail</a>' in page.text
    flash = web.htmx("/refused-for-test")
    assert flash.status_code == 409 and 'href="/settings#mail"' in flash.text


def test_the_interview_form_marks_the_field_an_error_names_without_reading_its_words(
        web: Web) -> None:
    base = {"company": "Acme", "position": "Analyst", "at": "2026-11-24T10:00"}
    zone = web.form("/interviews/new", {**base, "timezone": "Mars/Olympus"})
    assert zone.status_code == 422
    assert 'id="timezone-error"' in zone.text
    when = web.form("/interviews/new", {**base, "decision_by": "when pigs fly"})
    assert when.status_code == 422
    assert 'id="decision_by-error"' in when.text



def test_the_fast_today_path_says_run_init_as_the_cli_does(
        cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from followup.entrypoints import fast

    assert cli("today", FOLLOWUP_NOW=NOW).exit_code == 5  # the home exists, with no profile
    for name, value in {**cli.env, "FOLLOWUP_NOW": NOW}.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as exited:
        fast._answer(0, False)
    assert exited.value.code == 5
    assert capsys.readouterr().err.strip() == (
        "followup: no profile yet; run `followup init` first")


def test_the_api_names_the_field_a_service_refuses(web: Web) -> None:
    answer = web.api("POST", "/api/v1/interviews", {**INTERVIEW, "timezone": "Mars/Olympus"})
    assert answer.status_code == 422
    assert error_of(answer)["field"] == "timezone" and error_of(answer)["remedy"] is None
