"""Hostile import files: each is refused with exit 4 in one line, quickly, and leaves the home
empty; mail settings come from a file only when asked (`--with-settings`)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from followup.domain import limits
from followup.services import transfer
from tests.conftest import Cli
from tests.integration.test_cli_errors import NOW, _emptied, failed, snapshot

HUGE = "x" * 200_000


@pytest.fixture
def story(user: Cli) -> dict[str, Any]:
    """Two applications with a record in every table (a drafted note, a call, mail settings);
    returns their export."""
    user.json("interview", "add", "--company", "Acme", "--position", "Analyst",
              "--at", "2026-11-24T10:00", "--interviewer", "José Núñez <jose@acme.example>",
              "--topic", "José Núñez: the roadmap", "--decision-by", "in two weeks",
              FOLLOWUP_NOW=NOW)
    user.json("interview", "add", "--company", "Initech", "--position", "Engineer",
              "--at", "2026-11-24T08:00", "--interviewer", "王芳 <wang@initech.example>",
              FOLLOWUP_NOW=NOW)
    user.json("note", "draft", "1", FOLLOWUP_NOW=NOW)
    user.json("call", "log", "1", "--outcome", "no_answer",
              FOLLOWUP_NOW="2026-12-01T10:00:00+00:00")
    user("config", "set", "smtp.host", "smtp.example.com")
    user("config", "set", "policy.gap_business_days", "4")
    document: dict[str, Any] = json.loads(user("export").stdout)
    assert all(document[t] for t in transfer.TABLES)
    assert {c["application_id"] for c in document["contacts"]} == {1, 2}
    return document


def _changed(good: dict[str, Any], table: str, n: int, **values: Any) -> dict[str, Any]:
    rows = [dict(r) for r in good[table]]
    rows[n] = {**rows[n], **values}
    return {**good, table: rows}


def _of(good: dict[str, Any], table: str, application_id: int) -> int:
    """The index of `table`'s first record of that application."""
    return next(n for n, r in enumerate(good[table]) if r["application_id"] == application_id)


def _documents(good: dict[str, Any]) -> dict[str, Any]:
    """Export documents that break one rule each (the CLI's rules, or a type)."""
    user, c1, c2 = good["user"], _of(good, "contacts", 1), _of(good, "contacts", 2)
    i1, a1 = _of(good, "interviews", 1), _of(good, "actions", 1)
    wang = good["contacts"][c2]["id"]
    return {
        "company-of-200000-characters": _changed(good, "applications", 0, company=HUGE),
        "company-just-too-long": _changed(good, "applications", 0,
                                          company="Ó" * (limits.SHORT + 1)),
        "company-a-number": _changed(good, "applications", 0, company=42),
        "company-with-escape": _changed(good, "applications", 0, company="Acme\x1b]0;x\x07"),
        "empty-company": _changed(good, "applications", 0, company="  "),
        "url-too-long": _changed(good, "applications", 0, url="https://a.example/" + HUGE),
        "contact-invalid-email": _changed(good, "contacts", c1, email="jose@"),
        "contact-empty-name": _changed(good, "contacts", c1, name=""),
        "contact-blank-name": _changed(good, "contacts", c1, name="   "),
        "contact-name-with-escape": _changed(good, "contacts", c1, name="José\x1b[2J"),
        "contact-phone-too-long": _changed(good, "contacts", c1, phone="1" * 65),
        "contact-confirmed-as-text": _changed(good, "contacts", c1, confirmed="yes"),
        "interview-ends-before-it-starts": _changed(
            good, "interviews", i1, end_at="2026-11-24T09:00:00+00:00"),
        "interview-of-190-years": _changed(
            good, "interviews", i1, end_at="2216-11-24T11:00:00+00:00"),
        "interview-in-year-1": _changed(good, "interviews", i1,
                                        start_at="0001-01-02T10:00:00+00:00",
                                        end_at="0001-01-02T11:00:00+00:00"),
        "decision-in-9999": _changed(good, "interviews", i1, decision_date="9999-12-31"),
        "interview-naive-time": _changed(good, "interviews", i1, start_at="2026-11-24T10:00"),
        "interview-unknown-zone": _changed(good, "interviews", i1, timezone="Mars/Olympus"),
        "next-step-too-long": _changed(good, "interviews", i1, next_step=HUGE),
        "forgotten-not-a-list": _changed(good, "interviews", i1, forgotten="5"),
        "forgotten-not-json": _changed(good, "interviews", i1, forgotten="[never"),
        "topic-too-long": _changed(good, "participants", 0, topic=HUGE),
        "participant-from-another-application": _changed(good, "participants", 0,
                                                         contact_id=wang),
        "action-for-another-applications-contact": _changed(good, "actions", a1,
                                                            contact_id=wang),
        "touch-callback-in-9999": _changed(good, "touches", 0,
                                           callback_at="9999-12-30T10:00:00+00:00"),
        "touch-notes-too-long": _changed(good, "touches", 0, notes=HUGE),
        "note-text-too-long": _changed(good, "notes", 0, body=HUGE),
        "id-as-text": _changed(good, "applications", 0, id="1"),
        "id-as-true": _changed(good, "contacts", c1, application_id=True),
        "id-as-a-fraction": _changed(good, "interviews", i1, id=1.0),
        "id-beyond-32-bits": _changed(good, "applications", 0, id=2**40),
        "round-as-text": _changed(good, "interviews", i1, round="1"),
        "user-empty-name": {**good, "user": {**user, "name": ""}},
        "user-invalid-email": {**good, "user": {**user, "email": "siobhan at example"}},
        "user-name-with-escape": {**good, "user": {**user, "name": "S\x1b]0;x\x07"}},
        "user-country-a-list": {**good, "user": {**user, "country": ["IE"]}},
        "setting-a-number": {**good, "settings": {"policy.gap_business_days": 4}},
        "setting-unknown": {**good, "settings": {"calendar.token": "stolen"}},
        "deep-in-a-record": _changed(good, "applications", 0, url=_nested(40)),
    }


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


RAW = {
    "nested-100000-deep": b"[" * 100_000 + b"]" * 100_000,
    "a-5000-digit-number": b'{"format": "followup-export", "version": ' + b"9" * 5000 + b"}",
    "nan-as-id": b'{"format": "followup-export", "version": 1, "applications": [{"id": NaN}]}',
    "not-utf-8": '{"user": "José"}'.encode("latin-1"),
    "truncated": b'{"format": "followup-export", "version": 1, "applications": [',
    "empty": b"",
}


def _files(good: dict[str, Any], folder: Path) -> dict[str, Path]:
    files = {}
    for name, document in _documents(good).items():
        files[name] = folder / f"{name}.json"
        files[name].write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for name, data in RAW.items():
        files[name] = folder / f"{name}.json"
        files[name].write_bytes(data)
    big = folder / "larger-than-50-mb.json"
    with big.open("wb") as stream:  # sparse: costs no disk
        stream.truncate(transfer.LARGEST + 1)
    files["larger-than-50-mb"] = big
    files["dev-zero"] = Path("/dev/zero")
    return files


SAYS = {
    "nested-100000-deep": "nested too deeply",
    "deep-in-a-record": "nested too deeply",
    "a-5000-digit-number": "more than 4300 digits",
    "larger-than-50-mb": "larger than 50 MB",
    "dev-zero": "larger than 50 MB",
    "id-as-text": "id must be a whole number",
    "id-as-true": "application_id must be a whole number",
    "participant-from-another-application": "is not a record of application 1",
    "interview-ends-before-it-starts": "must end after it starts",
    "company-of-200000-characters": "too long",
    "contact-invalid-email": "'jose@' is not an email address",
    "interview-in-year-1": "must lie between 1990-01-01 and 2100-12-31",
}
"""What the line says for some of the files."""


def test_every_bad_import_file_exits_4_in_one_line_and_leaves_the_home_empty(
    story: dict[str, Any], cli: Cli, tmp_path: Path, database_url: str,
    subtests: pytest.Subtests
) -> None:
    files = _files(story, tmp_path)
    empty = _emptied(cli, database_url, tmp_path)
    for name, path in files.items():
        with subtests.test(name):
            started = time.monotonic()
            line = failed(empty("import", str(path)), 4)
            assert time.monotonic() - started < 15, name  # /dev/zero used to never end
            assert "unexpected" not in line and "Error" not in line, line
            assert SAYS.get(name, "") in line, line
            assert snapshot(empty)[0] == 5, name  # still no profile: nothing was written
    assert len(files) >= 45  # the count the closing note reports
    good = tmp_path / "good.json"
    good.write_text(json.dumps(story, ensure_ascii=False), encoding="utf-8")
    empty.json("import", str(good), "--with-settings")


def test_mail_settings_are_taken_from_a_file_only_when_asked(
    story: dict[str, Any], cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(story, ensure_ascii=False), encoding="utf-8")
    plain = Cli(cli.runner, {"FOLLOWUP_HOME": str(tmp_path / "plain")})
    asked = Cli(cli.runner, {"FOLLOWUP_HOME": str(tmp_path / "asked")})

    result = plain("import", str(path))
    taken = asked.json("import", str(path), "--with-settings")

    assert result.exit_code == 0, result.stderr
    assert "smtp.host" in result.stdout and "--with-settings" in result.stdout
    assert plain("config", "get", "smtp.host").stdout == "\n"
    assert plain("config", "get", "policy.gap_business_days").stdout == "4\n"
    assert taken["settings_left_out"] == []
    assert asked("config", "get", "smtp.host").stdout == "smtp.example.com\n"
