"""Moving in from another tracker: a Huntr export or any spreadsheet added to the home (which
may already hold applications), all of it or nothing, or first shown as a dry run."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import count

from followup.domain.errors import InvalidInput
from followup.domain.model import (
    Application,
    ApplicationState,
    AppStatus,
    Contact,
    Interview,
    Participant,
    Role,
    Status,
)
from followup.domain.moving_in import (
    HUNTR,
    HUNTR_MAP,
    HUNTR_NOT_KEPT,
    SOURCES,
    Job,
    Passed,
    guess_map,
    jobs,
    long_past,
)
from followup.domain.playbook import plan
from followup.domain.policy import Policy
from followup.domain.spreadsheet import Sheet, read_sheet
from followup.services.context import Deps, holidays_around, policy_of, user_of
from followup.services.ports import Repository
from followup.services.transfer import LARGEST
from followup.services.views import local


@dataclass(frozen=True, slots=True)
class Made:
    """One application the file makes (or would make, in a dry run)."""

    line: int = field(metadata={"doc": "The line of the file it comes from."})
    company: str
    position: str
    status: AppStatus
    applied_at: datetime | None
    interview_at: datetime | None = field(metadata={"doc": "In the user's time zone."})
    contact: str | None
    planned: int = field(metadata={"doc": "Steps planned from now on."})
    skipped: int = field(metadata={"doc": "Steps long past, recorded as skipped."})


@dataclass(frozen=True, slots=True)
class Columns:
    """A file's columns and what each target is read from."""

    columns: tuple[str, ...]
    mapping: dict[str, str] = field(metadata={"doc": "Column of each target, by target."})
    delimiter: str


@dataclass(frozen=True, slots=True)
class MoveIn:
    """What an import made, or what it would make (`dry_run`), row by row and in all."""

    source: str
    dry_run: bool
    file: Columns
    applications: int
    interviews: int
    contacts: int
    steps_planned: int
    steps_skipped: int = field(metadata={
        "doc": "Steps whose deadline passed long before the import (policy "
               "import_history_days), recorded as skipped with the reason 'imported history'."})
    made: tuple[Made, ...]
    passed: tuple[Passed, ...] = field(metadata={
        "doc": "Rows that made no application: a job not applied for yet, or one already "
               "recorded."})
    not_kept: tuple[str, ...] = field(metadata={"doc": "What the file holds that has no place."})


def columns(data: bytes, source: str, name: str = "the file") -> Columns:
    """The file's columns and the map Followup would use (Huntr's own, or the columns whose
    names say what they hold): what a page shows before asking for a map."""
    sheet = _sheet(data, name)
    mapping = dict(HUNTR_MAP) if source == HUNTR else guess_map(sheet)
    return Columns(sheet.columns, mapping, sheet.delimiter)


def move_in(deps: Deps, data: bytes, source: str, mapping: Mapping[str, str] | None = None,
            dry_run: bool = False, name: str = "the file") -> MoveIn:
    """Adds the applications a CSV file describes (`source` huntr: Huntr's export; csv: any
    spreadsheet, read by `mapping` {target: column}, or by the column names when None). Every
    row is checked before anything is written: one bad row imports nothing. Rows already
    recorded (same company and position) are passed over, so importing twice adds nothing."""
    if source not in SOURCES:
        raise InvalidInput(f"unknown source {source!r}; use one of {', '.join(SOURCES)}",
                           field="from")
    sheet = _sheet(data, name)
    used = dict(HUNTR_MAP) if source == HUNTR else dict(
        mapping if mapping is not None else guess_map(sheet))
    with deps.reading() if dry_run else deps.uow() as uow:
        repo = uow.repo
        user = user_of(repo)
        found, passed = jobs(sheet, source, used, user.timezone)
        found = _new(repo, found, passed)
        now, policy = deps.clock(), policy_of(repo)
        batch = _Batch(now, policy, user.timezone, holidays_around(deps, user, now))
        states = [batch.state(job) for job in found]
        if not dry_run:
            repo.add_states(states)
            uow.commit()
    return _result(source, dry_run, sheet, used, found, passed, states, user.timezone)


def _sheet(data: bytes, name: str) -> Sheet:
    if len(data) > LARGEST:
        raise InvalidInput(f"{name} is larger than {LARGEST // 2**20} MB; split it and import "
                           "the parts one after the other")
    return read_sheet(data, name)


def _key(company: str, position: str) -> tuple[str, str]:
    return " ".join(company.split()).casefold(), " ".join(position.split()).casefold()


def _new(repo: Repository, found: list[Job], passed: list[Passed]) -> list[Job]:
    """The jobs not recorded yet: one with the company and position of an application in the
    home or of an earlier row is passed over."""
    known: dict[tuple[str, str], int | None] = {
        _key(a.company, a.position): None for a in repo.applications()}
    fresh = []
    for job in found:
        key = _key(job.company, job.position)
        if key in known:
            line = known[key]
            reason = ("already in Followup" if line is None
                      else f"the same company and position as line {line}")
            passed.append(Passed(job.line, job.company, job.position, reason))
            continue
        known[key] = job.line
        fresh.append(job)
    passed.sort(key=lambda p: p.line)
    return fresh


@dataclass
class _Batch:
    """Builds the records of the jobs with ids unique within the batch (the repository moves
    them past those the home holds), and plans each as recording it now would."""

    now: datetime
    policy: Policy
    tz: str
    holidays: Collection[date]
    ids: dict[str, count[int]] = field(default_factory=dict)

    def next(self, table: str) -> int:
        return next(self.ids.setdefault(table, count(1)))

    def state(self, job: Job) -> ApplicationState:
        app = Application(self.next("applications"), job.company, job.position, job.status,
                          job.url, job.status_at or (None if job.status is AppStatus.ACTIVE
                                                     else self.now),
                          created_at=job.applied_at or self.now)
        state = ApplicationState(app, [], [], [], [])
        if job.contact is not None:
            role = Role.INTERVIEWER if job.interview_at is not None else Role.RECRUITER
            state.contacts.append(Contact(self.next("contacts"), app.id, job.contact, role,
                                          organisation=job.company, email=job.contact_email))
        if job.interview_at is not None:
            start = job.interview_at
            state.interviews.append(Interview(
                self.next("interviews"), app.id, start,
                start + timedelta(minutes=self.policy.interview_minutes), self.tz,
                notes=job.notes, decision_date=job.decision_by,
                decision_phrase=job.decision_by.isoformat() if job.decision_by else None,
                participants=[Participant(c.id or 0) for c in state.contacts]))
        result = plan(state, self.now, self.policy, self.holidays)
        for action in result.actions:
            action.id = self.next("actions")
        skipped = {a.id: a for a in long_past(result.actions, self.now,
                                              self.policy.import_history_days)}
        state.actions = [skipped.get(a.id, a) for a in result.actions]
        app.status = result.status
        return state


def _not_kept(source: str, sheet: Sheet, found: Iterable[Job]) -> tuple[str, ...]:
    """What the file holds that Followup has no place for, in words."""
    said = []
    if source == HUNTR:
        there = [w for c, w in HUNTR_NOT_KEPT.items() if sheet.column(c) is not None]
        if there:
            said.append("the " + ", ".join(there) + " of Huntr's jobs are not kept: Followup "
                        "has no place for them")
    alone = [j.line for j in found if j.interview_at is None
             and (j.notes is not None or j.decision_by is not None)]
    if alone:
        lines = ", ".join(map(str, alone[:10])) + (" and more" if len(alone) > 10 else "")
        said.append("notes and decision dates are kept with an interview; rows without an "
                    f"interview date lose theirs (lines {lines})")
    return tuple(said)


def _result(source: str, dry_run: bool, sheet: Sheet, used: dict[str, str], found: list[Job],
            passed: list[Passed], states: list[ApplicationState], tz: str) -> MoveIn:
    made = tuple(
        Made(job.line, job.company, job.position, state.application.status,
             job.applied_at and local(job.applied_at, tz),
             job.interview_at and local(job.interview_at, tz), job.contact,
             sum(a.status is Status.PLANNED for a in state.actions),
             sum(a.status is Status.SKIPPED for a in state.actions))
        for job, state in zip(found, states, strict=True))
    return MoveIn(
        source, dry_run, Columns(sheet.columns, used, sheet.delimiter),
        applications=len(states), interviews=sum(len(s.interviews) for s in states),
        contacts=sum(len(s.contacts) for s in states),
        steps_planned=sum(m.planned for m in made), steps_skipped=sum(m.skipped for m in made),
        made=made, passed=tuple(passed), not_kept=_not_kept(source, sheet, found))
