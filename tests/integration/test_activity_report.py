"""The activity report, on SQLite and PostgreSQL: read back as CSV with Python's csv module and
as PDF text, from the CLI and from the web, with the answers written from its definition."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pypdf
import pytest

from tests.conftest import Cli
from tests.web_client import Web, web_user_fixture  # noqa: F401

NOW = "2026-11-25T12:00:00+00:00"
HEADER = ["date", "employer", "position", "contact", "title", "method", "activity", "result"]
FORMULA = '=HYPERLINK("http://evil.example","Click")'
EXPECTED = [
    ["2026-11-10", "Ólafsson Fisheries", "Data Analyst", "José Núñez; 王芳",
     "Head of Data; \u2014", "in person", "interview",
     "next step: a take-home exercise; decision by Fri 20 Nov 2026"],
    ["2026-11-10", "Ólafsson Fisheries", "Data Analyst", "José Núñez", "Head of Data",
     "email", "thank-you note", "sent"],
    ["2026-11-12", "'" + FORMULA, "Analyst", "Zoë Martin", "", "video", "interview", ""],
    ["2026-11-18", "Ólafsson Fisheries", "Data Analyst", "José Núñez", "Head of Data",
     "phone", "call", "left a voicemail"],
    ["2026-11-19", "Ólafsson Fisheries", "Data Analyst", "José Núñez", "Head of Data",
     "phone", "reply received", "They liked the exercise"],
]
"""A panel of two (and a helper, who is not a contact of their own) is one row; the thank-you
to 王芳 was never sent; the inquiry call named nobody, so it went to the first person met; a
company that reads as a formula is kept as text; the interview of 2 December is still to
come, the one of 1 October outside the period."""

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
"""For a test whose answer does not hang on the database: the tests of the queries behind
the board and the report also run on PostgreSQL."""


def history(user: Cli) -> None:
    """Siobhán's November, recorded as it happened (the clock moves with each step)."""
    def run(*args: str, now: str) -> dict[str, object]:
        result = user(*args, "--json", FOLLOWUP_NOW=now)
        assert result.exit_code == 0, result.output + result.stderr
        return dict(json.loads(result.stdout))

    first = run("interview", "add", "--company", "Ólafsson Fisheries", "--position",
                "Data Analyst", "--at", "2026-11-10T10:00", "--format", "panel",
                "--interviewer", "José Núñez <jose@olafsson.example>",
                "--interviewer", "王芳 <wang@olafsson.example>", "--helper", "Ann Lee",
                "--next-step", "a take-home exercise", "--decision-by", "2026-11-20",
                now="2026-11-10T12:00:00+00:00")
    app = first["application"]["id"]  # type: ignore[index]
    people = {p["name"]: p["contact_id"]
              for p in first["interview"]["participants"]}  # type: ignore[index]
    run("contact", "edit", str(people["José Núñez"]), "--title", "Head of Data",
        now="2026-11-10T12:00:00+00:00")
    thanks = next(a for a in first["actions"]  # type: ignore[attr-defined]
                  if a["kind"] == "thank_you" and a["contact"]["name"] == "José Núñez")
    run("done", str(thanks["id"]), "--at", "2026-11-10T18:00", now="2026-11-10T19:00:00+00:00")
    run("interview", "add", "--company", FORMULA, "--position", "Analyst",
        "--at", "2026-11-12T15:00", "--interviewer", "Zoë Martin <zoe@evil.example>",
        now="2026-11-12T16:00:00+00:00")
    run("interview", "add", "--company", "Initech", "--position", "Analyst",
        "--at", "2026-10-01T15:00", "--interviewer", "Ann Lee <ann@initech.example>",
        now="2026-11-12T16:00:00+00:00")
    run("call", "log", str(app), "--outcome", "voicemail", now="2026-11-18T10:00:00+00:00")
    run("heard", str(app), "--notes", "They liked the exercise",
        now="2026-11-19T15:00:00+00:00")
    run("interview", "add", "--company", "Globex", "--position", "Analyst",
        "--at", "2026-12-02T10:00", "--interviewer", "Grace Kim <grace@globex.example>",
        now=NOW)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM, so that Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def pdf_text(data: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_csv_has_one_row_per_contact_with_an_employer(user: Cli, tmp_path: Path) -> None:
    history(user)
    out = tmp_path / "activity.csv"

    said = user.json("report", "activity", "--from", "2026-11-01", "--to", "2026-12-31",
                     "-o", str(out), FOLLOWUP_NOW=NOW)

    rows = read_csv(out.read_bytes())
    assert rows[0] == HEADER and rows[1:] == EXPECTED
    assert said == {"file": str(out), "format": "csv", "rows": 5}
    assert out.read_bytes().count(b"\r\n") == 6


@SQLITE_ONLY
def test_the_pdf_is_a_dated_table_with_the_users_name(user: Cli, tmp_path: Path) -> None:
    history(user)
    out = tmp_path / "activity.pdf"

    result = user("report", "activity", "--from", "2026-11-01", "--to", "2026-12-31", "-o",
                  str(out), FOLLOWUP_NOW=NOW)

    assert result.exit_code == 0 and "Wrote 5 contacts" in result.stdout
    text = pdf_text(out.read_bytes())
    for words in ("Job search activity", "Siobhán Ó Briain <siobhan@example.com>",
                  "From 1 November 2026 to 31 December 2026", "Made on 25 November 2026",
                  "Date Employer Position Contact Title Method Activity Result or next step",
                  "2026-11-10", "Ólafsson Fisheries", "José Núñez; 王芳", "Zoë Martin",
                  "reply received", "They liked the exercise", "5 contacts with employers.",
                  "page 1 of 1"):
        assert words in text, words
    assert "Initech" not in text and "Globex" not in text


@SQLITE_ONLY
def test_the_web_downloads_are_the_same_report(web_user: Web, cli: Cli) -> None:
    history(cli)
    query = "from=2026-11-01&to=2026-12-31"

    as_csv = web_user.get(f"/reports/activity.csv?{query}")
    as_pdf = web_user.get(f"/reports/activity.pdf?{query}")
    cli_csv = cli("report", "activity", "--from", "2026-11-01", "--to", "2026-12-31",
                  FOLLOWUP_NOW=web_user.deps.clock().isoformat()).stdout_bytes

    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.headers["content-disposition"] == (
        'attachment; filename="activity-2026-11-01-to-2026-12-31.csv"')
    assert as_csv.content == cli_csv and read_csv(as_csv.content)[1:] == EXPECTED
    assert as_pdf.headers["content-type"] == "application/pdf"
    assert "José Núñez; 王芳" in pdf_text(as_pdf.content)
    page = web_user.get("/insights").text
    assert 'action="/reports/activity.pdf"' in page
    assert 'formaction="/reports/activity.csv"' in page


@SQLITE_ONLY
def test_an_empty_period_still_makes_a_report(user: Cli, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"

    csv_out = user("report", "activity", FOLLOWUP_NOW=NOW)  # the last seven days, as CSV
    pdf_out = user("report", "activity", "-o", str(out), FOLLOWUP_NOW=NOW)

    assert read_csv(csv_out.stdout_bytes) == [HEADER]
    assert pdf_out.exit_code == 0
    text = pdf_text(out.read_bytes())
    assert "From 19 November 2026 to 25 November 2026" in text
    assert "No contact with an employer was recorded in this period." in text


@SQLITE_ONLY
def test_a_wrong_period_is_one_clear_error_and_no_file(user: Cli, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    for args, words in ((("--from", "2026-11-31"), "'2026-11-31' is not a date"),
                        (("--from", "2026-12-01", "--to", "2026-11-01"), "starts (2026-12-01)"),
                        (("--to", "1900-01-01"), "1900")):
        result = user("report", "activity", *args, "-o", str(out), FOLLOWUP_NOW=NOW)
        assert result.exit_code == 4 and words in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert user("report", "activity", "--format", "xls", FOLLOWUP_NOW=NOW).exit_code == 2
    assert not out.exists()


@SQLITE_ONLY
def test_the_format_follows_the_file_name(user: Cli, tmp_path: Path) -> None:
    out = tmp_path / "Activity.PDF"

    assert user("report", "activity", "-o", str(out), FOLLOWUP_NOW=NOW).exit_code == 0

    assert out.read_bytes().startswith(b"%PDF-")
    assert re.search(r"Made on 25 November 2026", pdf_text(out.read_bytes()))
