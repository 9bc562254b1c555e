"""Hostile CSV files for `import --from`: each is refused with exit 4 in one line, quickly, and
the home (which already holds an application) is left exactly as it was."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from followup.domain.spreadsheet import MOST_COLUMNS
from followup.services import transfer
from tests.conftest import Cli
from tests.integration.test_cli_errors import NOW, failed, snapshot
from tests.unit.test_moving_in import HUNTR_HEADER, HUNTR_ROWS, huntr_file

GOOD = HUNTR_ROWS[0]
FILES: dict[str, tuple[str, bytes, str]] = {
    "huntr without companyName": (
        "huntr", huntr_file(GOOD).replace(b"companyName", b"company"), "companyName"),
    "huntr with a date in words": (
        "huntr", huntr_file(GOOD.replace("2026-09-26T19:17:05.000Z", "last Tuesday")),
        "line 2: the date applied is 'last Tuesday', not a date"),
    "huntr with an impossible date": (
        "huntr", huntr_file(GOOD.replace("2026-09-26T19", "2026-02-30T19")), "not a date"),
    "a good row then a bad one": (
        "huntr", huntr_file(GOOD, GOOD.replace("Acme", "")), "line 3: the company"),
    "a JSON export": ("csv", b"{\"format\": \"followup-export\", \"version\": 1}", "is JSON"),
    "binary": ("csv", b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, "binary"),
    "not UTF-8": ("csv", "Company,Position\nSão Paulo,Dev\n".encode("cp1252"), "UTF-8"),
    "a quote never closed": ("csv", b'Company,Position\n"Acme,Dev\nB,C\n', "line"),
    "a company of 300 characters": (
        "csv", b"Company,Position\n" + b"A" * 300 + b",Dev\n", "too long"),
    "an escape sequence": ("csv", b"Company,Position\nAcme\x1b[2J,Dev\n", "control character"),
    "a NUL in a cell": ("csv", b"Company,Position\nAc\x00me,Dev\n", "binary"),
    "too many columns": (
        "csv", (",".join(f"c{n}" for n in range(MOST_COLUMNS + 1)) + "\n1\n").encode(),
        "columns"),
    "a cell of a megabyte": ("csv", b'Company,Position\nAcme,"' + b"x" * 2**20 + b'"\n',
                             "characters"),
    "a million empty fields": ("csv", b"Company,Position\nAcme,Dev" + b"," * 1_000_000 + b"x\n",
                               "more than the 2 columns"),
    "a url with a line break": (
        "csv", b'Company,Position,URL\nAcme,Dev,"https://a.example/\nx"\n', "control"),
}


def test_bad_files_are_one_clear_error_and_change_nothing(
        user: Cli, tmp_path: Path, subtests: pytest.Subtests) -> None:
    user.json("interview", "add", "--company", "Globex", "--position", "Analyst",
              "--at", "2026-11-24T10:00", FOLLOWUP_NOW=NOW)
    before = snapshot(user)
    for name, (source, data, said) in FILES.items():
        with subtests.test(name):
            path = tmp_path / "bad.csv"
            path.write_bytes(data)
            maps = ("--map", "company=Company,position=Position,url=URL") if (
                b"URL" in data[:40]) else ()
            started = time.perf_counter()
            line = failed(user("import", "--from", source, str(path), *maps,
                               FOLLOWUP_NOW=NOW), 4)
            assert time.perf_counter() - started < 5
            assert said in line, line
            assert snapshot(user) == before


def test_a_file_larger_than_an_import_takes_is_refused_unread(user: Cli, tmp_path: Path
                                                             ) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as out:
        out.write((HUNTR_HEADER + "\n").encode())
        out.truncate(transfer.LARGEST + 10)
    before = snapshot(user)
    line = failed(user("import", "--from", "huntr", str(path), FOLLOWUP_NOW=NOW), 4)
    assert "larger than 50 MB" in line
    assert snapshot(user) == before
