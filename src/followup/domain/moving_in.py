"""Moving in from another tracker: the rows of a Huntr export or of any spreadsheet read as the
applications they describe, and the steps of imported history that are long past."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from followup.domain import calendar as cal
from followup.domain import limits
from followup.domain.errors import InvalidInput, Remedy
from followup.domain.model import Action, AppStatus, Status
from followup.domain.spreadsheet import Sheet

HUNTR, CSV = "huntr", "csv"
SOURCES = (HUNTR, CSV)
"""The trackers a file may come from: Huntr's export, or any spreadsheet with a column map."""
TARGETS = ("company", "position", "status", "url", "applied_at", "interview_at", "decision_by",
           "contact", "contact_email", "notes")
"""What a spreadsheet's columns may be mapped to."""
REQUIRED = ("company", "position")
HUNTR_MAP = {"company": "companyName", "position": "title", "status": "listName",
             "url": "url", "applied_at": "createdAt"}
"""Where Huntr's export keeps each thing (its columns, as its CSV export names them)."""
HUNTR_MOVED = "lastMovedAt"
"""When the job was last moved between lists: the date of an offer or a rejection."""
HUNTR_NOT_KEPT = {"location": "location", "salary": "salary",
                  "htmlDescription": "job description"}
"""Huntr columns with no place in Followup, said in the preview so nobody expects them."""
HISTORY = "imported history"
"""Why a step of imported history was not planned for (the reason it is skipped with)."""

GUESSES: dict[str, tuple[str, ...]] = {
    "company": ("company", "company name", "companyname", "employer", "organisation",
                "organization"),
    "position": ("position", "title", "job title", "role", "job", "job position"),
    "status": ("status", "stage", "list", "listname", "state"),
    "url": ("url", "link", "job url", "posting", "job link", "job posting"),
    "applied_at": ("applied_at", "applied", "date applied", "applied on", "application date",
                   "createdat", "created"),
    "interview_at": ("interview_at", "interview", "interview date", "interview time"),
    "decision_by": ("decision_by", "decision date", "decision", "decision by"),
    "contact": ("contact", "contact name", "interviewer", "recruiter"),
    "contact_email": ("contact_email", "contact email", "email", "e-mail"),
    "notes": ("notes", "note", "comments", "comment"),
}
"""Column names (any case) that say plainly what they hold, for a map filled in beforehand."""

STATUS_WORDS: dict[str, AppStatus | None] = {
    "wishlist": None, "wish list": None, "saved": None, "bookmarked": None,
    "offer": AppStatus.OFFER, "offered": AppStatus.OFFER,
    "hired": AppStatus.HIRED, "accepted": AppStatus.HIRED,
    "rejected": AppStatus.REJECTED, "not selected": AppStatus.REJECTED,
    "withdrawn": AppStatus.WITHDRAWN, "withdrew": AppStatus.WITHDRAWN,
}
"""A status in words and the application it makes (None: not applied yet, so none); any other
word (applied, interviewing...) is an application still going."""
EMPTY = ("", "-")
"""Cells that hold nothing (Huntr writes a dash where a field is empty)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One application a row describes, each field checked as a form's would be."""

    line: int
    company: str
    position: str
    status: AppStatus = AppStatus.ACTIVE
    status_at: datetime | None = None
    url: str | None = None
    applied_at: datetime | None = None
    interview_at: datetime | None = None
    decision_by: date | None = None
    contact: str | None = None
    contact_email: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Passed:
    """A row that makes no application, and why."""

    line: int
    company: str
    position: str
    reason: str


def parse_map(items: Iterable[str]) -> dict[str, str]:
    """`company=Company,position=Title` (one or more such texts) as {target: column}."""
    mapping: dict[str, str] = {}
    for item in items:
        for pair in item.split(","):
            if not pair.strip():
                continue
            target, sign, column = pair.partition("=")
            target = target.strip().lower()
            if not sign or not column.strip():
                raise InvalidInput(f"{pair.strip()!r} maps nothing; write it as "
                                   "target=Column, such as company=Company", field="map")
            if target not in TARGETS:
                raise InvalidInput(f"{target!r} is not something Followup records; map to "
                                   + ", ".join(TARGETS), field="map")
            mapping[target] = column.strip()
    return mapping


def guess_map(sheet: Sheet) -> dict[str, str]:
    """The columns whose names say plainly what they hold, by target."""
    found: dict[str, str] = {}
    for target, names in GUESSES.items():
        for name in names:
            at = sheet.column(name)
            if at is not None and sheet.columns[at] not in found.values():
                found[target] = sheet.columns[at]
                break
    return found


def _where(sheet: Sheet, mapping: Mapping[str, str], source: str) -> dict[str, int]:
    """The column of each mapped target; a required target or a column not in the file is an
    error that names the file's columns."""
    listed = ", ".join(repr(c) for c in sheet.columns if c)
    missing = [t for t in REQUIRED if not mapping.get(t)]
    if missing:
        if source == HUNTR:
            raise InvalidInput(f"no column gives the {' or the '.join(missing)} (is this "
                               f"Huntr's CSV export?); the file's columns are {listed}")
        raise InvalidInput(f"no column gives the {' or the '.join(missing)}: say which of the "
                           f"file's columns holds it ({listed})", field="map",
                           remedy=Remedy.GIVE)
    found = {}
    for target, column in mapping.items():
        at = sheet.column(column)
        if at is None:
            hint = " (is this Huntr's CSV export?)" if source == HUNTR else ""
            raise InvalidInput(f"the file has no column {column!r} for the {target}{hint}; its "
                               f"columns are {listed}", field="map")
        found[target] = at
    return found


def moment(text: str, tz: str, what: str) -> datetime:
    """A date and time as spreadsheets and Huntr write it in ISO 8601 (2026-11-25,
    2026-11-25 14:00, 2026-11-25T14:00:00.000Z); without an offset it is in `tz`, and a date
    alone is 09:00 that day."""
    try:
        found = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} is {text.strip()!r}, not a date; write dates like "
                           "2026-11-25 or 2026-11-25 14:00") from None
    limits.moment(found, what)
    if found.tzinfo is None:
        at = found.time() if len(text.strip()) > 10 else time(9, 0)
        return cal.at(found.date(), at, tz)
    return found


def day(text: str, what: str) -> date:
    """A date in ISO 8601 (a time after it is ignored)."""
    try:
        found = datetime.fromisoformat(text.strip()).date()
    except ValueError:
        raise InvalidInput(f"{what} is {text.strip()!r}, not a date; write dates like "
                           "2026-11-25") from None
    return limits.day(found, what)


def status_of(word: str) -> AppStatus | None:
    """The application a status in words makes; None for a job not applied for yet."""
    key = " ".join(word.split()).casefold()
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    return AppStatus.ACTIVE


def jobs(sheet: Sheet, source: str, mapping: Mapping[str, str], tz: str
         ) -> tuple[list[Job], list[Passed]]:
    """The applications the sheet's rows describe (Huntr's export by its own columns, any
    other sheet by `mapping`), and the rows passed over (a job on a wish list). The first bad
    cell is an error that names its line: nothing is imported from a file with one."""
    if source not in SOURCES:
        raise InvalidInput(f"unknown source {source!r}; use one of {', '.join(SOURCES)}",
                           field="from")
    where = _where(sheet, HUNTR_MAP if source == HUNTR else mapping, source)
    moved = sheet.column(HUNTR_MOVED) if source == HUNTR else None
    # Huntr writes its times in UTC; a spreadsheet's are the user's.
    zone = "UTC" if source == HUNTR else tz
    made: list[Job] = []
    passed: list[Passed] = []
    for line, row in zip(sheet.lines, sheet.rows, strict=True):
        cells = {t: row[at].strip() for t, at in where.items()
                 if row[at].strip() not in EMPTY}
        try:
            word = limits.optional_text(cells.get("status"), "the status", field="status")
            status = status_of(word or "")
            if status is None:
                passed.append(Passed(line, cells.get("company", ""), cells.get("position", ""),
                                     f"on the list {word!r}: not applied for yet"))
                continue
            when = row[moved].strip() if moved is not None else ""
            made.append(_dated(_job(line, cells, zone), status, when, zone))
        except InvalidInput as exc:
            raise InvalidInput(f"line {line}: {exc}", field=exc.field) from None
    return made, passed


def _job(line: int, cells: Mapping[str, str], tz: str) -> Job:
    def text(target: str, what: str, longest: int = limits.SHORT,
             lines: bool = False) -> str | None:
        return limits.optional_text(cells.get(target), what, longest, field=target,
                                    lines=lines)

    company = limits.text(cells.get("company"), "the company", field="company")
    position = limits.text(cells.get("position"), "the position", field="position")
    email = cells.get("contact_email")
    contact = text("contact", "the contact's name")
    if email is not None and contact is None:
        raise InvalidInput(f"the contact's email {email!r} has no contact name beside it",
                           field="contact")
    interview = moment(cells["interview_at"], tz, "the interview date") if (
        "interview_at" in cells) else None
    decision = day(cells["decision_by"], "the decision date") if "decision_by" in cells else None
    if interview is not None and decision is not None and decision < interview.date():
        raise InvalidInput(f"the decision date {decision.isoformat()} is before the interview "
                           "of that row; a decision date lies ahead of it", field="decision_by")
    return Job(
        line, company, position,
        url=text("url", "the url", limits.URL),
        applied_at=moment(cells["applied_at"], tz, "the date applied")
        if "applied_at" in cells else None,
        interview_at=interview, decision_by=decision,
        contact=contact,
        contact_email=limits.email(email, "contact_email") if email is not None else None,
        notes=text("notes", "the notes", limits.LONG, lines=True))


def _dated(job: Job, status: AppStatus, moved: str, tz: str) -> Job:
    """The job with its status, dated when it was decided: Huntr's last move, else the latest
    date the row gives (None: when it is imported)."""
    if status is AppStatus.ACTIVE:
        return replace(job, status=status)
    if moved not in EMPTY:
        at: datetime | None = moment(moved, tz, "the date of the last move")
    else:
        known = [d for d in (job.applied_at, job.interview_at) if d is not None]
        at = max(known) if known else None
    return replace(job, status=status, status_at=at)


def long_past(actions: Iterable[Action], now: datetime, days: int) -> list[Action]:
    """The open steps whose deadline is more than `days` before `now`, skipped as imported
    history: nobody thanks an interviewer months later because a file was loaded today."""
    before = now.astimezone(UTC) - timedelta(days=days)
    return [replace(a, status=Status.SKIPPED, reason=HISTORY)
            for a in actions if a.is_open and a.deadline < before]
