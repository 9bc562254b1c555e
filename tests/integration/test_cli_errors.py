"""Bad input: the right exit code, one line on stderr, no traceback, and nothing written.

Exit codes of the contract: 2 usage, 3 not found, 4 invalid input, 5 not allowed in this state,
1 unexpected. "Nothing written" is checked by comparing `followup export` before and after.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from tests.conftest import Cli

NOW = "2026-11-24T12:00:00+00:00"  # Tuesday; the interview below was 10:00-11:00 that day
ADD = ("interview", "add", "--company", "Acme", "--position", "Data Analyst")
AT = ("--at", "2026-11-24T10:00")
ADD_, AT_ = shlex.join(ADD), shlex.join(AT)
JOSE = "José Núñez <jose@acme.example>"
MISSING = "424242"
TABLES = ("applications", "contacts", "interviews", "participants", "actions", "touches")


def failed(result: Result, code: int) -> str:
    """The command failed with `code` and said so in one line; returns that line."""
    everything = result.stdout + result.stderr
    assert result.exit_code == code, (result.exit_code, everything)
    assert "Traceback" not in everything
    assert result.stdout == "", result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("followup: "), lines[0]
    return lines[0]


def snapshot(cli: Cli) -> tuple[int, str]:
    """What `followup export` says: the whole home, or the error of a home without a profile."""
    result = cli("export")
    return result.exit_code, result.stdout


def rejects(cli: Cli, code: int, *args: str, **env: str) -> str:
    """Runs a bad command; it fails with `code`, in one line, and changes nothing."""
    before = snapshot(cli)
    line = failed(cli(*args, **{"FOLLOWUP_NOW": NOW, **env}), code)
    assert snapshot(cli) == before
    return line


@pytest.fixture
def recorded(user: Cli) -> dict[str, Any]:
    """One interview (application 1) with one interviewer, its thank-you and its inquiry."""
    return user.json(*ADD, *AT, "--interviewer", JOSE, FOLLOWUP_NOW=NOW)


def ids(recorded: dict[str, Any], kind: str) -> str:
    return str(next(a["id"] for a in recorded["actions"] if a["kind"] == kind))


def is_postgresql(database_url: str) -> bool:
    return database_url.startswith("postgresql")


# -- invalid input (4) ------------------------------------------------------------------------
INIT = "init --name S --email s@example.com --timezone Europe/Dublin"
INVALID = {
    "impossible-date": f"{ADD_} --at 2026-02-30T10:00",
    "not-a-date": f"{ADD_} --at 'tomorrow at ten'",
    "empty-company": f"interview add --company '' --position X {AT_}",
    "blank-company": f"interview add --company '   ' --position X {AT_}",
    "empty-position": f"interview add --company Acme --position '' {AT_}",
    "no-at": "interview add --company Acme --position X",
    "unknown-zone": f"{ADD_} {AT_} --timezone Mars/Olympus",
    "malformed-email": f"{ADD_} {AT_} --interviewer 'X <not-an-email>'",
    "nameless-interviewer": f"{ADD_} {AT_} --interviewer ' <x@acme.example>'",
    "phrase-no-date": f"{ADD_} {AT_} --decision-by 'when they feel like it'",
    "phrase-soon": f"{ADD_} {AT_} --decision-by soon",
    "phrase-next-year": f"{ADD_} {AT_} --decision-by 'next year'",
    "phrase-next-month": f"{ADD_} {AT_} --decision-by 'next month'",
    "too-long-company": f"interview add --company {'A' * 300} --position X {AT_}",
    "ends-before-it-starts": f"{ADD_} {AT_} --end 2026-11-24T09:00",
    "zero-duration": f"{ADD_} {AT_} --duration 0",
    "topic-of-a-stranger": f"{ADD_} {AT_} --interviewer '{JOSE}' --topic 'Nobody: the weather'",
    "topic-without-colon": f"{ADD_} {AT_} --interviewer '{JOSE}' --topic 'no colon here'",
    "edit-bad-date": "interview edit 1 --at 2026-13-01T10:00",
    "edit-blank-company": "interview edit 1 --company ' '",
    "application-blank-company": "application edit 1 --company ''",
    "contact-bad-email": "contact add --application 1 --name A --email a@",
    "contact-no-name": "contact add --application 1 --name ' '",
    "too-long-phone": f"contact add --application 1 --name A --phone {'1' * 65}",
    "contact-edit-bad-email": "contact edit 1 --email nope",
    "heard-phrase-no-date": "heard 1 --decision-by soon",
    "callback-in-the-past": "heard 1 --callback 2026-11-20T10:00",
    "call-phrase-no-date": "call log 1 --outcome reached --decision-by whenever",
    "callback-not-reached": "call log 1 --outcome no_answer --callback 2026-11-30T10:00",
    "done-in-the-future": "done 1 --at 2026-11-25T10:00",
    "done-at-not-a-date": "done 1 --at yesterday",
    "skip-without-reason": "skip 2 --reason '  '",
    "init-unknown-zone": "init --name S --email s@example.com --timezone Mars/X",
    "init-bad-email": "init --name S --email not-an-email --timezone Europe/Dublin",
    "init-unknown-country": f"{INIT} --country XX",
    "config-unknown-zone": "config set timezone Nowhere/Land",
    "negative-gap": "config set policy.gap_business_days -- -1",
    "word-gap": "config set policy.gap_business_days three",
    "bad-hour": "config set policy.business_start 25:00",
    "unknown-setting": "config set no.such.key 1",
    "get-unknown-setting": "config get no.such.key",
    "negative-days": "agenda --days -1",
}
"""Each of these exits 4 on the home of `recorded` (application 1, actions 1 and 2)."""


def test_invalid_input_exits_4_in_one_line_and_writes_nothing(
    user: Cli, recorded: dict[str, Any], subtests: pytest.Subtests
) -> None:
    for name, line in INVALID.items():
        with subtests.test(name):
            rejects(user, 4, *shlex.split(line))
    with subtests.test("bad-clock"):
        rejects(user, 4, "today", FOLLOWUP_NOW="next tuesday")


def test_an_impossible_date_names_what_was_typed(user: Cli) -> None:
    line = rejects(user, 4, *ADD, "--at", "2026-02-30T10:00")
    assert "2026-02-30T10:00" in line


def test_an_unknown_time_zone_in_init_leaves_the_home_without_a_profile(cli: Cli) -> None:
    line = rejects(cli, 4, *shlex.split(f"{INIT} --timezone Europe/Atlantis"))
    assert "Europe/Atlantis" in line
    assert snapshot(cli)[0] == 5


def test_an_unknown_time_zone_in_init_leaves_the_profile_as_it_was(user: Cli) -> None:
    rejects(user, 4, *shlex.split(f"{INIT} --timezone Europe/Atlantis"))
    assert user("config", "get", "name").stdout == "Siobhán Ó Briain\n"


# -- not found (3) ----------------------------------------------------------------------------
NOT_FOUND: dict[str, tuple[str, ...]] = {
    "plan": ("plan", MISSING),
    "application-edit": ("application", "edit", MISSING, "--company", "X"),
    "application-delete": ("application", "delete", MISSING, "--yes"),
    "interview-add-application": (*ADD, *AT, "--application", MISSING),
    "interview-edit": ("interview", "edit", MISSING, "--notes", "x"),
    "interview-cancel": ("interview", "cancel", MISSING),
    "contact-add": ("contact", "add", "--application", MISSING, "--name", "A"),
    "contact-list": ("contact", "list", "--application", MISSING),
    "contact-show": ("contact", "show", MISSING),
    "contact-edit": ("contact", "edit", MISSING, "--name", "A"),
    "done": ("done", MISSING),
    "skip": ("skip", MISSING, "--reason", "x"),
    "call-script": ("call", "script", MISSING),
    "call-log": ("call", "log", MISSING, "--outcome", "reached"),
    "heard": ("heard", MISSING),
    "outcome": ("outcome", MISSING, "rejected"),
}


def test_an_unknown_id_exits_3_in_one_line_and_writes_nothing(
    user: Cli, recorded: dict[str, Any], subtests: pytest.Subtests
) -> None:
    for name, args in NOT_FOUND.items():
        with subtests.test(name):
            line = rejects(user, 3, *args)
            assert MISSING in line


def test_an_id_beyond_32_bits_is_simply_not_found(user: Cli, recorded: dict[str, Any]) -> None:
    for args in (
        ("plan", "99999999999"),
        ("done", "99999999999"),
        ("contact", "show", "99999999999"),
        ("call", "log", "2147483648", "--outcome", "reached"),
        ("heard", "2147483648"),
        ("outcome", "2147483648", "rejected"),
    ):
        rejects(user, 3, *args)


def test_an_id_beyond_64_bits_is_simply_not_found(user: Cli, recorded: dict[str, Any]) -> None:
    rejects(user, 3, "plan", str(2**63))


# -- not allowed in this state (5) ------------------------------------------------------------
def test_done_on_an_action_already_done_exits_5(user: Cli, recorded: dict[str, Any]) -> None:
    note = ids(recorded, "thank_you")
    user.json("done", note, FOLLOWUP_NOW=NOW)
    line = rejects(user, 5, "done", note)
    assert "already done" in line
    rejects(user, 5, "skip", note, "--reason", "changed my mind")


def test_skip_on_a_skipped_action_exits_5(user: Cli, recorded: dict[str, Any]) -> None:
    inquiry = ids(recorded, "inquiry")
    user.json("skip", inquiry, "--reason", "not needed", FOLLOWUP_NOW=NOW)
    rejects(user, 5, "skip", inquiry, "--reason", "again")
    rejects(user, 5, "done", inquiry)


def test_actions_not_allowed_in_the_applications_state_exit_5(
    user: Cli, recorded: dict[str, Any]
) -> None:
    rejects(user, 5, "outcome", "1", "active")  # nothing to undo
    rejects(user, 5, "call", "script", ids(recorded, "thank_you"))  # not a call
    user.json("outcome", "1", "rejected", FOLLOWUP_NOW=NOW)
    rejects(user, 5, "outcome", "1", "rejected")
    rejects(user, 5, "call", "log", "1", "--outcome", "reached")
    user.json("interview", "cancel", "1", FOLLOWUP_NOW=NOW)
    rejects(user, 5, "interview", "cancel", "1")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("today",), id="today"),
        pytest.param(("agenda",), id="agenda"),
        pytest.param(("application", "list"), id="application-list"),
        pytest.param((*ADD, *AT), id="interview-add"),
        pytest.param(("export",), id="export"),
        pytest.param(("config", "set", "name", "Siobhán"), id="config-set-name"),
        pytest.param(("contact", "list"), id="contact-list"),
        pytest.param(("config", "set", "policy.gap_business_days", "4"), id="config-set-policy"),
    ],
)
def test_a_command_before_init_exits_5(cli: Cli, args: tuple[str, ...]) -> None:
    line = rejects(cli, 5, *args)
    assert "followup init" in line


def test_a_rejected_demo_leaves_a_fresh_home_as_it_was(cli: Cli) -> None:
    rejects(cli, 4, "demo", "--size", "0")


# -- usage errors (2) -------------------------------------------------------------------------
USAGE: dict[str, tuple[str, ...]] = {
    "unknown-command": ("bogus",),
    "unknown-option": ("interview", "add", "--bogus"),
    "bad-choice": (*ADD, *AT, "--format", "carrier-pigeon"),
    "id-not-a-number": ("plan", "one"),
    "missing-argument": ("plan",),
    "option-without-value": ("call", "log", "1", "--outcome"),
    "bad-outcome": ("call", "log", "1", "--outcome", "maybe"),
    "bad-result": ("outcome", "1", "ghosted"),
    "skip-without-reason-option": ("skip", "1"),
    "delete-without-yes": ("application", "delete", "1"),
    "import-missing-file": ("import", "/no/such/file.json"),
    "days-not-a-number": ("agenda", "--days", "a week"),
}


def test_a_usage_error_exits_2_in_one_line(
    user: Cli, recorded: dict[str, Any], subtests: pytest.Subtests
) -> None:
    for name, args in USAGE.items():
        with subtests.test(name):
            line = rejects(user, 2, *args)
            assert "--help" in line


@pytest.mark.parametrize(
    "args",
    [("call", "log", "1"), ("outcome", "1")],
    ids=["call-log-without-outcome", "outcome-without-result"],
)
def test_a_missing_choice_is_a_one_line_usage_error(
    user: Cli, recorded: dict[str, Any], args: tuple[str, ...]
) -> None:
    rejects(user, 2, *args)


# -- import: all or nothing -------------------------------------------------------------------
def _exported(user: Cli) -> dict[str, Any]:
    result = user("export")
    assert result.exit_code == 0
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _broken_files(good: dict[str, Any], folder: Path) -> dict[str, Path]:
    """Files that must all be refused, each for one reason."""

    def changed(table: str, n: int, **values: Any) -> dict[str, Any]:
        rows = [dict(r) for r in good[table]]
        rows[n] = {**rows[n], **values}
        return {**good, table: rows}

    documents: dict[str, Any] = {
        "json-list": [1, 2, 3],
        "not-an-export": {"hello": "world"},
        "wrong-version": {**good, "version": 99},
        "applications-not-a-list": {**good, "applications": {"id": 1}},
        "records-not-objects": {**good, "contacts": ["José"]},
        "no-user": {k: v for k, v in good.items() if k != "user"},
        "user-bad-zone": {**good, "user": {**good["user"], "timezone": "Mars/Olympus"}},
        "contact-of-missing-application": changed("contacts", 0, application_id=999),
        "action-of-missing-interview": changed("actions", 1, interview_id=999),
        "touch-of-missing-action": changed("touches", 0, action_id=999),
        "participant-of-missing-contact": changed("participants", 0, contact_id=999),
        "bad-time": changed("actions", 0, earliest="the day after"),
        "bad-kind": changed("actions", 0, kind="serenade"),
        "duplicate-ids": {**good, "contacts": good["contacts"] + good["contacts"][:1]},
    }
    files = {}
    for name, document in documents.items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        files[name] = path
    (folder / "not-json.json").write_text("{not json", encoding="utf-8")
    files["not-json"] = folder / "not-json.json"
    (folder / "latin1.json").write_bytes('{"user": "José"}'.encode("latin-1"))
    files["not-utf8"] = folder / "latin1.json"
    return files


@pytest.fixture
def story(user: Cli, recorded: dict[str, Any]) -> dict[str, Any]:
    """A home with something in every table; returns its export."""
    user.json("done", ids(recorded, "thank_you"), FOLLOWUP_NOW=NOW)
    user.json(
        "call", "log", "1", "--outcome", "no_answer", FOLLOWUP_NOW="2026-12-01T10:00:00+00:00"
    )
    document = _exported(user)
    assert all(document[t] for t in TABLES)
    return document


def test_a_broken_import_file_leaves_an_empty_home_empty(
    story: dict[str, Any], cli: Cli, tmp_path: Path, database_url: str
) -> None:
    # the same database, emptied: the export above is what should be refused piece by piece
    empty = _emptied(cli, database_url, tmp_path)
    for name, path in _broken_files(story, tmp_path).items():
        before = snapshot(empty)
        assert before[0] == 5, name
        line = failed(empty("import", str(path)), 4)
        assert snapshot(empty) == before, name
        assert line, name
    good = tmp_path / "good.json"
    good.write_text(json.dumps(story, ensure_ascii=False), encoding="utf-8")
    empty.json("import", str(good))
    assert _exported(empty) == story


def test_a_broken_import_into_a_home_with_a_profile_keeps_the_profile(
    story: dict[str, Any], cli: Cli, tmp_path: Path, database_url: str
) -> None:
    empty = _emptied(cli, database_url, tmp_path)
    empty.json(
        "init", "--name", "Ólafur", "--email", "o@example.com", "--timezone", "Atlantic/Reykjavik"
    )
    empty("config", "set", "policy.gap_business_days", "5")
    before = snapshot(empty)
    for name in ("contact-of-missing-application", "bad-kind", "touch-of-missing-action"):
        path = _broken_files(story, tmp_path)[name]
        failed(empty("import", str(path)), 4)
        assert snapshot(empty) == before, name


def test_import_into_a_home_that_holds_applications_exits_5(
    story: dict[str, Any], user: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    line = rejects(user, 5, "import", str(path))
    assert "empty home" in line


def _emptied(cli: Cli, database_url: str, tmp_path: Path) -> Cli:
    """A home with no profile: a new SQLite file, or the PostgreSQL schema truncated."""
    if not is_postgresql(database_url):
        home = tmp_path / "empty"
        return Cli(
            cli.runner,
            {
                "FOLLOWUP_HOME": str(home),
                "FOLLOWUP_DATABASE_URL": f"sqlite:///{home / 'followup.db'}",
            },
        )
    from sqlalchemy import create_engine, text

    from tests.conftest import TABLES as ALL

    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {ALL} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return cli


# -- bugs: input that ends as an "unexpected error" -------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        pytest.param((*ADD, "--at", "9999-12-31T23:30"), id="at-year-9999"),
        pytest.param((*ADD, *AT, "--duration", "100000000000"), id="huge-duration"),
        pytest.param((*ADD, *AT, "--decision-by", "9999-12-31"), id="decision-year-9999"),
        pytest.param(("agenda", "--days", "100000000"), id="agenda-huge-days"),
    ],
)
def test_dates_out_of_range_are_invalid_input(
    user: Cli, recorded: dict[str, Any], args: tuple[str, ...]
) -> None:
    rejects(user, 4, *args)


def test_a_policy_number_that_would_break_planning_is_refused(user: Cli) -> None:
    for key, value in [
        ("policy.inquiry_after_days", "99999999999"),
        ("policy.gap_business_days", "99999999999999999999"),
    ]:
        rejects(user, 4, "config", "set", key, value)
    assert user("config", "get", "policy.gap_business_days").stdout == "3\n"
