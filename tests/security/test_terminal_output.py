"""Text from records and mail reaches a terminal as text: no escape sequence, no control
character, whichever path prints it (click commands, the stdlib fast path, JSON, errors)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.entrypoints import text
from tests.conftest import Cli

NOW = "2026-11-24T12:00:00+00:00"
# Retitles the window, clears the screen, turns text red (8-bit CSI), rings the bell.
HOSTILE_COMPANY = "\x1b]0;pwned\x07Acme\x1b[2J\u009b31m Ltd\x7f"
HOSTILE_SUBJECT = "Re: thanks\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\\r\x1b[1A"
# Anything a terminal would act on rather than show: ESC, C1, BEL, CR, DEL and the rest.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown(cli: Cli, *args: str) -> Result:
    """The command as a terminal would get it: click does not strip what it takes for colour."""
    from followup.entrypoints.cli import cli as group

    return cli.runner.invoke(group, list(args), env={**cli.env, "FOLLOWUP_NOW": NOW},
                             color=True, catch_exceptions=False)


def strings(document: Any) -> set[str]:
    """Every string value in a JSON document."""
    if isinstance(document, str):
        return {document}
    values = document.values() if isinstance(document, dict) else (
        document if isinstance(document, list) else [])
    return set().union(*(strings(value) for value in values)) if values else set()


@pytest.fixture
def hostile(user: Cli, database_url: str) -> Cli:
    """A home whose application's company and a received reply's subject carry escapes (the
    company written behind the app's back, as an older version or another tool could have:
    every way in refuses control characters now)."""
    result = user("interview", "add", "--company", "Acme", "--position", "Analyst",
                  "--at", "2026-11-24T10:00", "--interviewer", "José Núñez <jose@acme.example>",
                  FOLLOWUP_NOW=NOW)
    assert result.exit_code == 0, result.stderr
    from sqlalchemy import create_engine, insert, update

    from followup.adapters.db.tables import applications, mail_seen

    engine = create_engine(database_url)
    moment = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(update(applications).values(company=HOSTILE_COMPANY))
        connection.execute(insert(mail_seen).values(
            owner_id=1, folder="INBOX", uidvalidity=1, uid=7, verdict="reply",
            application_id=1, address="jose@acme.example", subject=HOSTILE_SUBJECT,
            snippet="Dear Siobhán,\x1b[2J see you\x9d0;x\x9c soon", received_at=moment,
            seen_at=moment))
    engine.dispose()
    return user


@pytest.mark.parametrize("args, word", [
    (("today",), "Acme Ltd"), (("agenda", "--days", "14"), "Acme Ltd"), (("plan", "1"), "Acme"),
    (("application", "list"), "Acme Ltd"), (("note", "draft", "1"), "José Núñez"),
])
def test_records_and_mail_print_as_plain_text_on_every_command(
        hostile: Cli, args: tuple[str, ...], word: str) -> None:
    result = shown(hostile, *args)

    assert result.exit_code == 0, result.stderr
    assert not CONTROL.search(result.stdout), repr(result.stdout)
    assert word in result.stdout


def test_today_shows_a_reply_whose_subject_carries_escapes_as_its_words(hostile: Cli) -> None:
    out = shown(hostile, "today").stdout

    assert "Re: thanksclick" in out and "see you soon" in out
    assert not CONTROL.search(out)


def test_json_output_keeps_the_stored_text_exactly_and_no_raw_control_reaches_the_terminal(
        hostile: Cli) -> None:
    for args in (("today", "--json"), ("plan", "1", "--json"), ("export",)):
        out = shown(hostile, *args).stdout

        assert not CONTROL.search(out), args
        assert HOSTILE_COMPANY in strings(json.loads(out)), args


def test_the_fast_path_of_today_prints_plain_text_too(
        hostile: Cli, database_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the fast path reads SQLite only")
    from followup.entrypoints import fast

    for name, value in {**hostile.env, "FOLLOWUP_NOW": NOW}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(text, "colour", lambda: True)  # the app's own colours stay

    assert fast._answer(0, False)
    out = capsys.readouterr().out
    assert fast._answer(0, True)
    document = capsys.readouterr().out

    plain = out
    for code in (text.RED, text.DIM, text.BOLD, text.RESET):
        plain = plain.replace(code, "")
    assert text.BOLD in out  # the app's own styling is kept
    assert "Re: thanksclick" in plain and "Acme" in plain
    assert not CONTROL.search(plain), repr(plain)
    assert not CONTROL.search(document)
    assert json.loads(document)["actions"][0]["company"] == HOSTILE_COMPANY


def test_an_error_quoting_stored_text_prints_it_without_its_escapes() -> None:
    import click
    from click.testing import CliRunner

    from followup.domain.errors import InvalidInput
    from followup.entrypoints.cli import Followup

    @click.group(cls=Followup)
    def group() -> None:
        """A top group as `followup`'s, with one command that fails."""

    @group.command()
    def refuse() -> None:
        raise InvalidInput(f"{HOSTILE_COMPANY} cannot be used")

    result = CliRunner().invoke(group, ["refuse"], color=True)

    assert result.exit_code == 4
    assert result.stderr == "followup: Acme Ltd cannot be used\n"


@pytest.mark.parametrize("raw, plain", [
    ("\x1b]0;pwned\x07Acme\x1b[2J", "Acme"),
    ("a\x1b[31;1mb\x1b[0mc", "abc"),
    ("\x1bP1;2|secret\x1b\\after", "after"),
    ("\x9b2Jx\x9d0;t\x9cy", "xy"),
    ("tab\tand\nnewline\r\x00\x07\x7f\x85", "tab\tand\nnewline"),
    ("\x1b(Bplain\x1b7\x1b8", "plain"),
    ("José Núñez, Siobhán Ó Briain, 王芳 — ok", "José Núñez, Siobhán Ó Briain, 王芳 — ok"),
])
def test_clean_removes_whole_sequences_and_keeps_every_letter(raw: str, plain: str) -> None:
    assert text.clean(raw) == plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=40))
def test_clean_leaves_no_control_character_and_is_stable(raw: str) -> None:
    once = text.clean(raw)

    assert not CONTROL.search(once)
    assert text.clean(once) == once


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.text(max_size=20) | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12))
def test_json_for_a_terminal_means_the_same_document(document: Any) -> None:
    dumped = text.json_text(document)

    assert json.loads(dumped) == document
    assert not CONTROL.search(dumped.replace("\n", ""))


def test_say_and_errors_on_stderr_go_through_the_same_cleaning(tmp_path: Path) -> None:
    import click
    from click.testing import CliRunner

    from followup.entrypoints.cli.output import say, to_stderr

    @click.command()
    def speak() -> None:
        say(f"Synced: {HOSTILE_SUBJECT}")
        to_stderr(f"warning: {HOSTILE_COMPANY}")

    result = CliRunner().invoke(speak, [], color=True)

    assert result.stdout == "Synced: Re: thanksclick\n"
    assert result.stderr == "followup: warning: Acme Ltd\n"
