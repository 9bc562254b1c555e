"""Realistic demo data: applications at every stage, relative to the clock, the same per seed."""

from __future__ import annotations

import random
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import count

from followup.domain import calendar as cal
from followup.domain.errors import InvalidInput
from followup.domain.model import (
    CALLS,
    Application,
    ApplicationState,
    AppStatus,
    CallOutcome,
    Contact,
    Format,
    Interview,
    Kind,
    Participant,
    Role,
    Source,
    Status,
    Touch,
    TouchKind,
    User,
)
from followup.domain.playbook import plan
from followup.domain.policy import Policy
from followup.services.context import Deps, holidays_around, policy_of

COMPANIES = ("Acme", "Globex", "Initech", "Umbrella Health", "Stark Logistics", "Wayne Foods",
             "Tyrell Systems", "Cyberdyne", "Soylent Labs", "Hooli", "Pied Piper", "Vandelay",
             "Nordwind", "Bluth & Co", "Kaffeehaus", "Aurora Grid", "Lumen Bank", "Zhongshan Tech",
             "Ólafsson Fisheries", "Café Müller", "Dunder Mifflin", "Monarch", "Oceanic",
             "Sterling Cooper", "Gringotts")
SUFFIXES = ("", " Ltd", " GmbH", " Inc.", " Group", " Partners")
POSITIONS = ("Software Engineer", "Data Analyst", "Product Manager", "UX Designer",
             "Accountant", "Marketing Coordinator", "Nurse", "Operations Lead",
             "Customer Success Manager", "Site Reliability Engineer", "Teacher", "Paralegal")
PEOPLE = ("José Núñez", "Siobhán Ó Briain", "王芳", "Anna Schmidt", "Kwame Mensah",
          "Priya Raman", "Liam O'Connor", "Zoë Martin", "Mateusz Wójcik", "Aiko Tanaka",
          "Fatima Al-Sayed", "Sam Taylor", "Chloé Dubois", "Dmitri Ivanov", "Grace Kim",
          "Noah Williams", "Ingrid Johansson", "Carlos Pérez", "Amara Okafor", "Ruth Levi")
TOPICS = ("the data migration roadmap", "how the team runs code reviews", "the new clinic opening",
          "their move to a four-day week", "the Berlin expansion", "on-call and incident reviews",
          "mentoring junior staff", "the customer onboarding redesign")
STEPS = ("a second interview with the team", "a short take-home exercise",
         "a call with the hiring manager", "references")


@dataclass
class _Ids:
    """Batch-local ids; the repository shifts them past what the home already holds."""

    counters: dict[str, Iterator[int]] = field(default_factory=dict)

    def __call__(self, table: str) -> int:
        return next(self.counters.setdefault(table, count(1)))


def _email(name: str, company: str) -> str:
    local = "".join(ch for ch in name.lower() if ch.isascii() and ch.isalpha()) or "contact"
    domain = "".join(ch for ch in company.lower() if ch.isascii() and ch.isalnum())
    return f"{local}@{domain or 'example'}.example"


def _application(rng: random.Random, ids: _Ids, now: datetime, tz: str) -> ApplicationState:
    company = rng.choice(COMPANIES) + rng.choice(SUFFIXES)
    app_id = ids("applications")
    start_day = (now - timedelta(days=rng.randint(-14, 180))).date()
    start = cal.at(start_day, time(rng.randint(9, 16), rng.choice((0, 30))), tz)
    app = Application(app_id, company, rng.choice(POSITIONS),
                      created_at=start - timedelta(days=rng.randint(3, 20)))
    names = rng.sample(PEOPLE, rng.choice((1, 1, 2, 2, 3)))
    contacts = [Contact(ids("contacts"), app_id, n, Role.INTERVIEWER, rng.choice(
        (None, "Hiring Manager", "Team Lead", "Director")), company, _email(n, company),
        confirmed=rng.random() < 0.7, source=rng.choice(list(Source))) for n in names]
    people = [Participant(c.id or 0, rng.choice(TOPICS) if rng.random() < 0.8 else None)
              for c in contacts]
    if rng.random() < 0.3:
        helper = Contact(ids("contacts"), app_id, rng.choice(PEOPLE), Role.HELPER,
                         organisation=company)
        contacts.append(helper)
        people.append(Participant(helper.id or 0))
    interview = Interview(
        ids("interviews"), app_id, start, start + timedelta(minutes=rng.choice((30, 45, 60))),
        tz, rng.choice(list(Format)), 1,
        next_step=rng.choice(STEPS) if rng.random() < 0.6 else None,
        decision_date=start_day + timedelta(days=rng.choice((5, 10, 14, 21)))
        if rng.random() < 0.5 else None,
        forgotten=["I hold a current first-aid certificate"] if rng.random() < 0.1 else [],
        participants=people)
    if interview.decision_date:
        interview.decision_phrase = f"by {interview.decision_date:%B %d}"
    return ApplicationState(app, [interview], contacts, [], [])


def _live(rng: random.Random, ids: _Ids, state: ApplicationState, now: datetime,
          policy: Policy, holidays: Collection[date]) -> None:
    """Plays the application forward to `now`: steps taken, calls made, outcomes."""
    interview = state.interviews[0]
    age = (now - interview.end).days
    if age > 10 and rng.random() < min(0.9, age / 60):
        status = rng.choice((AppStatus.REJECTED, AppStatus.REJECTED, AppStatus.OFFER,
                             AppStatus.WITHDRAWN))
        decided = interview.end + timedelta(days=rng.randint(3, 10))
        state.application.status, state.application.status_at = status, decided
    for _ in range(12):
        result = plan(state, now, policy, holidays)
        state.actions = result.actions
        state.application.status = result.status
        for action in state.actions:
            if action.id is None:
                action.id = ids("actions")
        due = [a for a in state.actions if a.is_open and a.due < now]
        if not due:
            return
        action = min(due, key=lambda a: a.earliest)
        if now - action.due < timedelta(days=5) and rng.random() < 0.2:
            return  # the user has fallen a little behind
        if rng.random() < 0.1:
            action.status, action.reason = Status.SKIPPED, "not needed this time"
            continue
        action.status = Status.DONE
        action.done_at = min(action.earliest + timedelta(hours=1), action.due)
        if action.kind in CALLS:
            outcome = rng.choice((CallOutcome.REACHED, CallOutcome.VOICEMAIL,
                                  CallOutcome.NO_ANSWER))
            state.touches.append(Touch(ids("touches"), state.application.id,
                                       TouchKind.CALL_MADE, action.done_at, action.contact_id,
                                       action.id, outcome))
        elif action.kind is not Kind.CHECKLIST:
            state.touches.append(Touch(ids("touches"), state.application.id,
                                       TouchKind.NOTE_SENT, action.done_at, action.contact_id,
                                       action.id))


DEMO_USER = User(None, "Alex Demo", "alex@example.com", "Europe/Dublin", "IE")


@dataclass(frozen=True, slots=True)
class DemoFilled:
    applications: int
    seed: int
    actions: int


def fill(deps: Deps, size: int = 25, seed: int = 1) -> DemoFilled:
    """Adds `size` demo applications to the current home (and a demo profile if it has none)."""
    if not 1 <= size <= 100_000:
        raise InvalidInput("the size must be between 1 and 100000", field="size")
    rng = random.Random(seed)
    ids = _Ids()
    with deps.uow() as uow:
        repo = uow.repo
        user = repo.user() or repo.add_user(replace(DEMO_USER))
        now = deps.clock()
        policy = policy_of(repo)
        holidays = holidays_around(deps, user, now)
        zones = (user.timezone,) * 4 + ("Europe/London", "America/New_York", "Asia/Tokyo")
        states = []
        for _ in range(size):
            state = _application(rng, ids, now, rng.choice(zones))
            _live(rng, ids, state, now, policy, holidays)
            states.append(state)
        repo.add_states(states)
        uow.commit()
    return DemoFilled(size, seed, sum(len(s.actions) for s in states))
