"""Reading another tracker's CSV: encodings, delimiters, Huntr's columns, a column map, and the
steps of imported history that are long past."""

from __future__ import annotations

import codecs
from datetime import UTC, date, datetime, timedelta

import pytest

from followup.domain.errors import InvalidInput
from followup.domain.model import Action, AppStatus, Channel, Kind, Status
from followup.domain.moving_in import (
    CSV,
    HISTORY,
    HUNTR,
    guess_map,
    jobs,
    long_past,
    parse_map,
)
from followup.domain.spreadsheet import MOST_ROWS, read_sheet

HUNTR_HEADER = ("id,createdAt,title,salary,location,url,rootDomain,htmlDescription,deadline,"
                "color,lastMovedAt,boardId,boardName,listId,listName,companyId,companyName,"
                "companyDomain,creatorUserId,creatorUserFirstName,creatorUserLastName,"
                "creatorUserEmail")
"""The header of Huntr's CSV export of a board, column for column."""
HUNTR_ROWS = (
    '6561a7cb175c52e0028bec585,2026-09-26T19:17:05.000Z,"Analyst, Data & Reporting",'
    '"€55,000",Dublin,https://jobs.example/1,jobs.example,"<p>We are, ""truly"", hiring</p>",'
    ",#1E88E5,2026-10-02T08:00:00.000Z,b1,Job Search 2026,l2,Applied,c1,Acme,acme.example,"
    "u1,Siobhán,Ó Briain,siobhan@example.com",
    "6561a7db675c52e0028bec61c,2026-09-27T10:00:00.000Z,Engineer,,,,,,,,"
    "2026-11-11T16:47:21.000Z,b1,Job Search 2026,l5,Rejected,c2,王芳 Tech,,u1,Siobhán,"
    "Ó Briain,siobhan@example.com",
    "6561a7e0c75c52e0028bec67b,2026-09-28T10:00:00.000Z,Designer,-,-,-,-,-,-,-,-,b1,"
    "Job Search 2026,l1,Wishlist,c3,Box,box.example,u1,Siobhán,Ó Briain,siobhan@example.com",
    "6561a82f575c52e0028bec896,2026-09-29T10:00:00.000Z,Nurse,,,,,,,,2026-11-20T09:30:00.000Z,"
    "b1,Job Search 2026,l4,Offer,c4,Café Müller,,u1,Siobhán,Ó Briain,siobhan@example.com",
)


def huntr_file(*rows: str) -> bytes:
    return ("\r\n".join((HUNTR_HEADER, *(rows or HUNTR_ROWS))) + "\r\n").encode()


def test_a_huntr_export_makes_applications_by_its_lists() -> None:
    made, passed = jobs(read_sheet(huntr_file()), HUNTR, {}, "Europe/Dublin")
    assert [(j.company, j.position, j.status) for j in made] == [
        ("Acme", "Analyst, Data & Reporting", AppStatus.ACTIVE),
        ("王芳 Tech", "Engineer", AppStatus.REJECTED),
        ("Café Müller", "Nurse", AppStatus.OFFER)]
    assert [(p.line, p.company) for p in passed] == [(4, "Box")]
    acme, wang, cafe = made
    assert acme.url == "https://jobs.example/1"
    assert acme.applied_at == datetime(2026, 9, 26, 19, 17, 5, tzinfo=UTC)
    assert acme.status_at is None  # an application still going has no decision date
    assert wang.status_at == datetime(2026, 11, 11, 16, 47, 21, tzinfo=UTC)
    assert wang.url is None
    assert cafe.status_at == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def test_huntr_times_without_an_offset_are_utc() -> None:
    row = HUNTR_ROWS[1].replace("2026-11-11T16:47:21.000Z", "2026-11-11 16:47:21")
    (job,), _ = jobs(read_sheet(huntr_file(row)), HUNTR, {}, "America/New_York")
    assert job.status_at == datetime(2026, 11, 11, 16, 47, 21, tzinfo=UTC)


def test_a_file_without_huntr_columns_is_not_taken_for_huntr() -> None:
    with pytest.raises(InvalidInput, match=r"companyName.*Huntr's CSV export"):
        jobs(read_sheet(b"Company,Title\nAcme,Analyst\n"), HUNTR, {}, "UTC")


def test_a_semicolon_spreadsheet_with_a_bom_is_read_by_its_map() -> None:
    data = codecs.BOM_UTF8 + (
        "Firma;Stelle;Status;Gespräch;Kontakt;E-Mail;Notizen\r\n"
        'Café Müller;Barista;Interviewing;2026-11-20 10:00;Siobhán Ó Briain;'
        's@cafe.example;"Nett; und ""freundlich"""\r\n'
        "\r\n"
        "Acme;Dev;;2026-07-01;;;\r\n").encode()
    sheet = read_sheet(data)
    assert sheet.delimiter == ";"
    assert sheet.columns[0] == "Firma"  # the byte order mark is not part of the name
    mapping = parse_map(["company=Firma,position=Stelle,status=Status",
                         "interview_at=Gespräch,contact=Kontakt,contact_email=E-Mail,"
                         "notes=Notizen"])
    (cafe, acme), passed = jobs(sheet, CSV, mapping, "Europe/Berlin")
    assert not passed
    assert cafe.notes == 'Nett; und "freundlich"'
    assert cafe.interview_at == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    assert (cafe.contact, cafe.contact_email) == ("Siobhán Ó Briain", "s@cafe.example")
    assert acme.status is AppStatus.ACTIVE
    assert acme.interview_at == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)  # a date alone: 09:00
    assert (cafe.line, acme.line) == (2, 4)


def test_tabs_and_utf16_as_excel_saves_unicode_text() -> None:
    data = "Company\tPosition\n王芳 Tech\tEngineer\n".encode("utf-16")
    sheet = read_sheet(data)
    assert (sheet.delimiter, sheet.rows) == ("\t", (("王芳 Tech", "Engineer"),))


def test_plain_column_names_are_mapped_without_being_told() -> None:
    sheet = read_sheet(b"Company,Job Title,Date Applied,Link,Notes\nAcme,Analyst,,,\n")
    assert guess_map(sheet) == {"company": "Company", "position": "Job Title",
                                "applied_at": "Date Applied", "url": "Link", "notes": "Notes"}


def test_spreadsheet_statuses_in_words() -> None:
    data = (b"Company,Position,Status\nA,P,Saved\nB,P,offered\nC,P,Accepted\nD,P,Withdrawn\n"
            b"E,P,Not Selected\nF,P,Phone screen\n")
    made, passed = jobs(read_sheet(data), CSV, {"company": "Company", "position": "Position",
                                                "status": "Status"}, "UTC")
    assert [j.status for j in made] == [AppStatus.OFFER, AppStatus.HIRED, AppStatus.WITHDRAWN,
                                        AppStatus.REJECTED, AppStatus.ACTIVE]
    assert [p.company for p in passed] == ["A"]


BAD_FILES = {
    "empty": (b"", "is empty"),
    "header only": (b"Company,Position\n", "no rows"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "latin-1": ("Company,Position\nCafé,Barista\n".encode("latin-1"), "not UTF-8"),
    "quote left open": (b'Company,Position\n"Acme,Analyst\n', "line"),
    "row longer than the header": (b"Company,Position\nAcme,Analyst,surprise\n",
                                   "more than the 2 columns"),
    "two columns of one name": (b"Company,company\nA,B\n", "two columns named"),
    "too many columns": ((",".join(f"c{n}" for n in range(300)) + "\nx\n").encode(),
                         "at most 200"),
    "a huge cell": (b'Company,Position\nAcme,"' + b"x" * 200_000 + b'"\n', "characters"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_one_clear_error(name: str) -> None:
    data, said = BAD_FILES[name]
    with pytest.raises(InvalidInput, match=said):
        read_sheet(data, "jobs.csv")


def test_more_rows_than_allowed_is_an_error() -> None:
    data = b"Company,Position\n" + b"Acme,Analyst\n" * (MOST_ROWS + 1)
    with pytest.raises(InvalidInput, match="more than 20,000 rows"):
        read_sheet(data)


BAD_ROWS = {
    "a date in words": ("Acme,Analyst,next Tuesday,,", "line 2: the interview date is "
                        "'next Tuesday', not a date"),
    "a day-first date": ("Acme,Analyst,25/11/2026,,", "not a date"),
    "a date out of range": ("Acme,Analyst,1850-01-01,,", "must lie between"),
    "no company": (",Analyst,,,", "line 2: the company must not be empty"),
    "a control character": ("Ac\x1bme,Analyst,,,", "control character"),
    "a bad email": ("Acme,Analyst,,José,not-an-address", "is not an email address"),
    "an email without a name": ("Acme,Analyst,,,a@b.example", "no contact name"),
    "a decision before the interview": ("Acme,Analyst,2026-11-20,,,2026-11-19",
                                        "before the interview"),
    "a url of two lines": ('Acme,Analyst,,,,,"https://a.example/\nx"', "control character"),
}


@pytest.mark.parametrize("name", BAD_ROWS)
def test_a_bad_row_is_one_error_that_names_its_line(name: str) -> None:
    row, said = BAD_ROWS[name]
    data = f"Company,Position,Interview,Contact,Email,Decision,URL\n{row}\n".encode()
    with pytest.raises(InvalidInput, match=said):
        jobs(read_sheet(data), CSV, {"company": "Company", "position": "Position",
                                     "interview_at": "Interview", "contact": "Contact",
                                     "contact_email": "Email", "decision_by": "Decision",
                                     "url": "URL"}, "UTC")


def test_a_map_to_a_missing_column_names_the_files_columns() -> None:
    with pytest.raises(InvalidInput, match=r"no column 'Titel'.*'Company', 'Title'"):
        jobs(read_sheet(b"Company,Title\nA,B\n"), CSV, parse_map(["company=Company,"
                                                                  "position=Titel"]), "UTC")


@pytest.mark.parametrize("text", ["company", "salary=Salary", "company="])
def test_a_bad_map_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_map([text])


def _action(deadline: datetime, status: Status = Status.PLANNED) -> Action:
    return Action(1, 1, Kind.THANK_YOU, 1, 1, Channel.EMAIL, deadline, deadline, deadline,
                  "R2", "why", status)


def test_only_open_steps_past_the_history_window_are_skipped() -> None:
    now = datetime(2026, 12, 4, 12, tzinfo=UTC)
    old, recent = _action(now - timedelta(days=31)), _action(now - timedelta(days=29))
    done = _action(now - timedelta(days=90), Status.DONE)
    (skipped,) = long_past([old, recent, done], now, 30)
    assert (skipped.status, skipped.reason, skipped.deadline) == (Status.SKIPPED, HISTORY,
                                                                  old.deadline)
    assert date(2026, 11, 3) == skipped.deadline.date()
