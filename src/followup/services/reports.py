"""The activity report: every contact with an employer in a period, as the CSV a spreadsheet
opens or the dated PDF an unemployment office accepts as proof of search."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Protocol

from followup.domain import calendar as cal
from followup.domain import limits
from followup.domain.activity import ActivityRow, activity_rows
from followup.domain.errors import InvalidInput
from followup.services.context import Deps, user_of
from followup.services.views import local

HEADER = ("date", "employer", "position", "contact", "title", "method", "activity", "result")
"""The CSV's first line, exactly."""
WEEK = timedelta(days=6)
"""The period when only its end is given: that day and the six before it."""
LONGEST = timedelta(days=3660)
"""The longest period a report covers (ten years); longer is a typo."""
FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet would run as a formula at the start of a cell (CSV injection)."""


class Format(StrEnum):
    CSV = "csv"
    PDF = "pdf"


FORMATS = tuple(f.value for f in Format)
MEDIA = {Format.CSV: "text/csv; charset=utf-8", Format.PDF: "application/pdf"}


@dataclass(frozen=True, slots=True)
class ActivityReport:
    """The contacts of a period, oldest first, with who searched and when it was made."""

    name: str
    email: str
    start: date = field(metadata={"json": "from"})
    end: date = field(metadata={"json": "to"})
    made: datetime = field(metadata={"doc": "When the report was made, in the user's zone."})
    rows: tuple[ActivityRow, ...]


class Printer(Protocol):
    """Lays the report out as a PDF's bytes (the PDF adapter)."""

    def __call__(self, report: ActivityReport) -> bytes: ...


@dataclass(frozen=True, slots=True)
class ReportFile:
    """A report ready to save or download."""

    name: str = field(metadata={"doc": "A file name for it, with its period."})
    media_type: str
    data: bytes
    rows: int


def _date(text: str | None, name: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        found = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{text.strip()!r} is not a date; write it like 2026-11-30",
                           field=name) from None
    return limits.day(found, repr(text.strip()), name)


def period(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    """The dates typed (ISO 8601, both included): without `end`, up to today; without
    `start`, the week that ends on `end`."""
    last = _date(end, "to") or today
    first = _date(start, "from") or last - WEEK
    if first > last:
        raise InvalidInput(f"the period starts ({first}) after it ends ({last}); give a "
                           "first day on or before the last", field="from")
    if last - first > LONGEST:
        raise InvalidInput("the period is longer than ten years; give a shorter one",
                           field="from")
    return first, last


def activity(deps: Deps, start: str | None = None, end: str | None = None) -> ActivityReport:
    """Every contact with an employer from `start` to `end` (dates, both included)."""
    with deps.reading() as uow:
        repo = uow.repo
        user = user_of(repo)
        now = deps.clock()
        first, last = period(start, end, cal.local_date(now, user.timezone))
        # A day's local dates lie within a day of its UTC date, whatever the zone.
        states = repo.activity_states(
            datetime.combine(first - timedelta(days=1), time.min, UTC),
            datetime.combine(last + timedelta(days=2), time.min, UTC))
    rows = [row for state in states
            for row in activity_rows(state, first, last, now, user.timezone)]
    rows.sort(key=lambda r: (r.at, r.employer, r.activity))
    return ActivityReport(user.name, user.email, first, last, local(now, user.timezone),
                          tuple(rows))


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs: a leading formula sign gets a quote."""
    return f"'{value}" if value.startswith(FORMULA) else value


def as_csv(report: ActivityReport) -> bytes:
    """UTF-8 with a byte order mark (so that Excel reads accents and 王芳 right), the header
    line HEADER, one line per contact (CRLF ends, as the CSV standard says)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in report.rows:
        writer.writerow([r.day.isoformat(), *(_cell(v) for v in (
            r.employer, r.position, r.contact, r.title, str(r.method), str(r.activity),
            r.result))])
    return out.getvalue().encode("utf-8-sig")


def activity_file(deps: Deps, start: str | None, end: str | None, form: str,
                  printer: Printer) -> ReportFile:
    """The activity report as a file in `form` (csv or pdf), named after its period."""
    try:
        chosen = Format(form)
    except ValueError:
        raise InvalidInput(f"unknown format {form!r}; use csv or pdf", field="format") from None
    report = activity(deps, start, end)
    data = as_csv(report) if chosen is Format.CSV else printer(report)
    return ReportFile(f"activity-{report.start}-to-{report.end}.{chosen}", MEDIA[chosen], data,
                      len(report.rows))
