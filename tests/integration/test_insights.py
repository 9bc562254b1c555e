"""Insights on a scripted history whose every number is worked out below from the definitions
(README, "How Insights counts"), on SQLite and PostgreSQL; and the same numbers in the CLI, the
API and the page."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from followup import bootstrap
from followup.domain.model import (
    Action,
    Application,
    ApplicationState,
    AppStatus,
    CallOutcome,
    Channel,
    Interview,
    Kind,
    Status,
    Touch,
    TouchKind,
    User,
)
from followup.domain.playbook import UNDONE
from followup.services import stats
from followup.services.context import Deps
from followup.services.views import jsonable
from tests.web_client import Web, make_web

NOW = "2026-11-25T09:00:00+00:00"
"""A Wednesday; Dublin keeps UTC in November, so local dates are the UTC dates below."""
WINDOW = ("2026-11-02", "2026-11-22")
"""Three ISO weeks, Monday 2 to Sunday 22 November: 2026-W45, W46 and W47."""


def at(day: int, hour: int = 10, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


class History:
    """Builds applications with exactly the interviews, steps and touches a test wants."""

    def __init__(self) -> None:
        self.states: list[ApplicationState] = []
        self.ids = iter(range(1, 10_000))

    def application(self, company: str, status: AppStatus = AppStatus.ACTIVE,
                    status_at: datetime | None = None,
                    created_at: datetime | None = None) -> ApplicationState:
        app = Application(next(self.ids), company, "Data Analyst", status, None, status_at,
                          created_at or at(1, month=10))
        state = ApplicationState(app, [], [], [], [])
        self.states.append(state)
        return state

    def interview(self, state: ApplicationState, start: datetime, decision: date | None = None,
                  cancelled: bool = False) -> Interview:
        interview = Interview(next(self.ids), state.application.id, start,
                              start + timedelta(hours=1), "Europe/Dublin",
                              round=len(state.interviews) + 1, decision_date=decision,
                              cancelled=cancelled)
        state.interviews.append(interview)
        return interview

    def step(self, state: ApplicationState, kind: Kind, status: Status = Status.DONE,
             done_at: datetime | None = None, deadline: datetime | None = None,
             interview: Interview | None = None, channel: Channel = Channel.EMAIL,
             optional: bool = False, reason: str | None = None) -> Action:
        when = done_at or at(1)
        action = Action(next(self.ids), state.application.id, kind,
                        interview.id if interview else None, None, channel, when, when,
                        deadline or when + timedelta(days=1), "R2", "scripted", status,
                        optional, reason, "", done_at if status is Status.DONE else None)
        state.actions.append(action)
        if status is Status.DONE and kind is not Kind.CHECKLIST and done_at is not None:
            touch = TouchKind.CALL_MADE if channel is Channel.PHONE else TouchKind.NOTE_SENT
            self.touch(state, touch, done_at, action)
        return action

    def thank_you(self, state: ApplicationState, interview: Interview, done_at: datetime | None,
                  status: Status = Status.DONE, optional: bool = False) -> Action:
        deadline = interview.start.replace(hour=23, minute=59, second=59) + timedelta(days=1)
        return self.step(state, Kind.THANK_YOU, status, done_at, deadline, interview,
                         optional=optional)

    def touch(self, state: ApplicationState, kind: TouchKind, when: datetime,
              action: Action | None = None, decision: date | None = None) -> None:
        state.touches.append(Touch(
            next(self.ids), state.application.id, kind, when,
            action_id=action.id if action else None,
            outcome=CallOutcome.NO_ANSWER if kind is TouchKind.CALL_MADE else None,
            decision_date=decision))


def scripted() -> list[ApplicationState]:
    """Ten applications; the comments say what each is there to show."""
    h = History()
    phone = Channel.PHONE

    # Acme: two rounds, hired on 20 Nov; the date given (17 Nov) was not kept; one note on
    # time, one 10 hours late; an inquiry call on 17 Nov answered by the decision 3 days on.
    acme = h.application("Acme", AppStatus.HIRED, at(20, 12))
    first = h.interview(acme, at(3), decision=date(2026, 11, 17))
    second = h.interview(acme, at(10), decision=date(2026, 11, 19))
    h.thank_you(acme, first, at(3, 18))
    h.thank_you(acme, second, at(12, 10))
    h.step(acme, Kind.INQUIRY, done_at=at(17), channel=phone)
    h.step(acme, Kind.THANK_HELPERS, Status.PLANNED, interview=second, optional=True)

    # Globex: rejected 9 Nov, before the date given (10 Nov): kept. One note skipped (missed),
    # one cancelled by the rejection (not due).
    globex = h.application("Globex", AppStatus.REJECTED, at(9, 9))
    interview = h.interview(globex, at(4, 14), decision=date(2026, 11, 10))
    h.thank_you(globex, interview, None, Status.SKIPPED)
    h.thank_you(globex, interview, None, Status.CANCELLED)

    # Initech: stale after three unanswered calls (17, 18 and 19 Nov: the last still within
    # its 7 days); its note still open past the deadline (missed); an optional note to the
    # coordinator sent late does not count as due.
    initech = h.application("Initech", AppStatus.STALE)
    interview = h.interview(initech, at(16))
    h.thank_you(initech, interview, None, Status.PLANNED)
    h.thank_you(initech, interview, at(19, 12), optional=True)
    h.step(initech, Kind.INQUIRY, done_at=at(17), channel=phone)
    h.step(initech, Kind.CALL_RETRY, done_at=at(18, 8), channel=phone)
    h.step(initech, Kind.CALL_RETRY, done_at=at(19, 9), channel=phone)
    h.step(initech, Kind.LAST_NOTE, Status.PLANNED, optional=True)

    # Umbrella: the date given (21 Nov) passed with no decision; a call that answered no step
    # (21 Nov) is a follow-up, and their call on 23 Nov is its answer.
    umbrella = h.application("Umbrella")
    interview = h.interview(umbrella, at(20, 15), decision=date(2026, 11, 21))
    h.thank_you(umbrella, interview, at(20, 17))
    h.touch(umbrella, TouchKind.CALL_MADE, at(21))
    h.touch(umbrella, TouchKind.CALL_RECEIVED, at(23))

    # Hooli: its interview (30 Nov) is after the window.
    hooli = h.application("Hooli")
    interview = h.interview(hooli, at(30))
    h.thank_you(hooli, interview, None, Status.PLANNED)

    # Vandelay: no interview; recorded on 5 Nov, withdrawn on 6 Nov.
    h.application("Vandelay", AppStatus.WITHDRAWN, at(6), created_at=at(5))

    # Old Co: interviewed in October (not in the window), but its inquiry on 3 Nov is: the
    # reply (12 Nov) and the offer (14 Nov) came more than 7 days later.
    old = h.application("Old Co", AppStatus.OFFER, at(14))
    interview = h.interview(old, at(1, month=10), decision=date(2026, 10, 8))
    h.thank_you(old, interview, at(9, month=10))
    h.step(old, Kind.INQUIRY, done_at=at(3), channel=phone)
    h.touch(old, TouchKind.REPLY, at(12))

    # Called Off: its only interview (12 Nov) was cancelled; recorded in October.
    called_off = h.application("Called Off")
    h.interview(called_off, at(12), cancelled=True)

    # Pied Piper: offered, then withdrawn on 12 Nov, before the date they gave on a call on
    # 6 Nov (13 Nov): that date is not judged.
    piper = h.application("Pied Piper", AppStatus.WITHDRAWN, at(12))
    interview = h.interview(piper, at(5))
    h.thank_you(piper, interview, at(5, 20))
    h.touch(piper, TouchKind.CALL_RECEIVED, at(6), decision=date(2026, 11, 13))
    h.step(piper, Kind.THANK_HELPERS, Status.CANCELLED, interview=interview,
           reason="the application is withdrawn")

    # Soylent: an offer recorded by mistake and undone is no offer; its note went out 36
    # hours late.
    soylent = h.application("Soylent")
    interview = h.interview(soylent, at(6))
    h.thank_you(soylent, interview, at(9, 12))
    h.step(soylent, Kind.THANK_HELPERS, Status.CANCELLED, interview=interview, reason=UNDONE)
    return h.states


EXPECTED: dict[str, Any] = {
    "from": "2026-11-02", "to": "2026-11-22",
    # In the window by first interview held or not cancelled (else by recording): Acme, Globex,
    # Initech, Umbrella, Vandelay, Pied Piper, Soylent. Interviewed: all but Vandelay; two
    # rounds: Acme; offers: Acme (hired) and Pied Piper (withdrawn after an offer).
    "funnel": {"applications": 7, "interviewed": 6, "later_rounds": 1, "offers": 2,
               "hired": 1, "rejected": 1, "withdrawn": 2,
               "stages": [
                   {"stage": "application", "reached": 7, "rejected": 0, "withdrawn": 1},
                   {"stage": "first_interview", "reached": 6, "rejected": 1, "withdrawn": 0},
                   {"stage": "later_rounds", "reached": 1, "rejected": 0, "withdrawn": 0},
                   {"stage": "offer", "reached": 2, "rejected": 0, "withdrawn": 1}]},
    # On time: Acme's first, Umbrella, Pied Piper; late: Acme's second (10 h), Soylent (36 h);
    # missed: Globex (skipped), Initech (open past its deadline).
    "thank_you": {"due": 7, "on_time": 3, "late": 2, "missed": 2, "on_time_rate": 0.4286,
                  "late_by": {"within_a_day": 1, "one_to_three_days": 1,
                              "more_than_three_days": 0, "median_hours": 23.0}},
    # Acme's inquiry (answered by the hire), Initech's first two calls, Umbrella's call
    # (answered by theirs), Old Co's inquiry (news only after 9 days); Initech's third call
    # is still within its 7 days.
    "response": {"follow_ups": 5, "answered_within_7_days": 2, "rate": 0.4, "waiting": 1},
    # Acme 3 -> 20 Nov: 17 days; Globex 4 -> 9 Nov: 5 days.
    "days_to_decision": {"n": 2, "median": 11.0, "q1": 8.0, "q3": 14.0},
    # Acme (17 Nov, decided 20 Nov), Globex (10 Nov, decided 9 Nov: kept), Umbrella (21 Nov,
    # no decision yet).
    "decision_date_kept": {"given": 3, "kept": 1, "rate": 0.3333},
    "stale": {"applications": 7, "stale": 1, "share": 0.1429},
    # Acme 1, Initech 3, Umbrella 1.
    "per_application": {"applications": 7, "follow_ups": 5, "mean": 0.71},
    "weeks": [
        # Notes: Acme 3 Nov, Pied Piper 5 Nov; calls: Old Co 3 Nov; interviews: Acme, Globex,
        # Pied Piper, Soylent.
        {"week": "2026-W45", "starts": "2026-11-02", "notes": 2, "calls": 1, "interviews": 4},
        # Notes: Acme 12 Nov, Soylent 9 Nov; interviews: Acme's second (Called Off's was
        # cancelled).
        {"week": "2026-W46", "starts": "2026-11-09", "notes": 2, "calls": 0, "interviews": 1},
        # Notes: Initech's optional one, Umbrella; calls: Acme, Initech's three, Umbrella;
        # interviews: Initech, Umbrella.
        {"week": "2026-W47", "starts": "2026-11-16", "notes": 2, "calls": 5, "interviews": 2},
    ],
}


@pytest.fixture
def scripted_home(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Deps:
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    monkeypatch.setenv("FOLLOWUP_NOW", NOW)
    deps = bootstrap.build()
    with deps.uow() as uow:
        uow.repo.add_user(User(None, "Siobhán Ó Briain", "siobhan@example.com",
                               "Europe/Dublin", "IE"))
        uow.repo.add_states(scripted())
        uow.commit()
    return deps


def test_every_number_of_the_scripted_history_is_as_defined(scripted_home: Deps) -> None:
    assert jsonable(stats.stats(scripted_home, *WINDOW)) == EXPECTED


def test_the_thank_you_part_is_counted_per_user(scripted_home: Deps) -> None:
    user_id = scripted_home.acting_user()
    assert user_id is not None
    found = stats.thank_you_for(dataclasses.replace(scripted_home, acting_user=lambda: None),
                                user_id, *WINDOW)
    assert jsonable(found) == EXPECTED["thank_you"]


def test_rates_are_null_when_nothing_is_counted(scripted_home: Deps) -> None:
    found = jsonable(stats.stats(scripted_home, "2025-01-01", "2025-01-31"))
    assert found["funnel"]["applications"] == 0
    assert found["thank_you"]["on_time_rate"] is None
    assert found["thank_you"]["late_by"]["median_hours"] is None
    assert found["response"]["rate"] is None
    assert found["days_to_decision"] == {"n": 0, "median": None, "q1": None, "q3": None}
    assert found["decision_date_kept"]["rate"] is None
    assert found["stale"]["share"] is None
    assert found["per_application"]["mean"] is None
    assert [w["week"] for w in found["weeks"]] == [
        "2025-W01", "2025-W02", "2025-W03", "2025-W04", "2025-W05"]


def test_the_window_defaults_to_the_90_days_up_to_today(scripted_home: Deps) -> None:
    found = jsonable(stats.stats(scripted_home))
    assert (found["from"], found["to"]) == ("2026-08-28", "2026-11-25")
    assert jsonable(stats.stats(scripted_home, None, "2026-11-22"))["from"] == "2026-08-25"


@pytest.mark.parametrize(("first", "last", "said"), [
    ("2026-11-30", "2026-11-01", "starts (2026-11-30) after it ends (2026-11-01)"),
    ("2026-13-01", None, "the start '2026-13-01' is not a date"),
    ("yesterday", None, "the start 'yesterday' is not a date"),
    (None, "0001-01-01", "the end 0001-01-01 must lie between 1990-01-01 and 2100-12-31"),
    ("1990-01-01", "2100-12-31", "the window is too long"),
])
def test_a_bad_window_is_a_clear_error(scripted_home: Deps, first: str | None,
                                       last: str | None, said: str) -> None:
    from followup.domain.errors import InvalidInput

    with pytest.raises(InvalidInput, match=re.escape(said)):
        stats.stats(scripted_home, first, last)


@pytest.fixture
def scripted_web(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
                 scripted_home: Deps) -> Iterator[Web]:
    yield from make_web(monkeypatch, home, database_url, now=NOW)


def _page_numbers(html: str) -> dict[str, str]:
    """The numbers the page shows, by the `data-stat` name of each."""
    return dict(re.findall(r'data-stat="([\w.-]+)"[^>]*>\s*([^<]*?)\s*<', html))


def test_the_cli_the_api_and_the_page_show_the_same_numbers(scripted_web: Web,
                                                             home: Path,
                                                             database_url: str) -> None:
    from followup.entrypoints.cli import cli

    env = {"FOLLOWUP_HOME": str(home), "FOLLOWUP_DATABASE_URL": database_url,
           "FOLLOWUP_NOW": NOW}
    args = ["stats", "--from", WINDOW[0], "--to", WINDOW[1]]
    printed = CliRunner().invoke(cli, [*args, "--json"], env=env, catch_exceptions=False)
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.stdout) == EXPECTED

    answer = scripted_web.api("GET", f"/api/v1/stats?from={WINDOW[0]}&to={WINDOW[1]}")
    assert answer.status_code == 200, answer.text
    assert answer.json() == EXPECTED

    page = scripted_web.get(f"/insights?from={WINDOW[0]}&to={WINDOW[1]}")
    assert page.status_code == 200
    shown = _page_numbers(page.text)
    flat = _flatten(EXPECTED)
    assert shown, "the page marks its numbers"
    for name, value in shown.items():
        assert name in flat, name
        assert value == _as_shown(name, flat[name]), name
    assert {"funnel.applications", "thank_you.on_time_rate", "response.rate",
            "days_to_decision.median", "decision_date_kept.kept", "stale.stale",
            "per_application.mean", "weeks.2026-W47.calls"} <= shown.keys()

    text = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert text.exit_code == 0, text.output
    assert "How this is counted:" in text.stdout
    assert "3 of 7 on time (43%)" in text.stdout


def _flatten(document: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for part, value in document.items():
        if isinstance(value, dict):
            for name, item in value.items():
                if not isinstance(item, dict | list):
                    flat[f"{part}.{name}"] = item
        elif part == "weeks":
            for week in value:
                for name in ("notes", "calls", "interviews"):
                    flat[f"weeks.{week['week']}.{name}"] = week[name]
    return flat


def _as_shown(name: str, value: Any) -> str:
    """A number as the page writes it: rates as percentages, none as a dash."""
    if value is None:
        return "–"
    if name.endswith(("rate", "share")):
        return f"{value:.0%}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def test_bad_dates_are_refused_by_every_door(scripted_web: Web, home: Path,
                                             database_url: str) -> None:
    from followup.entrypoints.cli import cli

    env = {"FOLLOWUP_HOME": str(home), "FOLLOWUP_DATABASE_URL": database_url,
           "FOLLOWUP_NOW": NOW}
    result = CliRunner().invoke(cli, ["stats", "--from", "2026-11-30", "--to", "2026-11-01"],
                                env=env, catch_exceptions=False)
    assert result.exit_code == 4
    assert "starts (2026-11-30) after it ends (2026-11-01)" in result.stderr
    answer = scripted_web.api("GET", "/api/v1/stats?from=2026-02-30")
    assert answer.status_code == 422
    assert "is not a date" in answer.text
    page = scripted_web.get("/insights?from=2026-11-30&to=2026-11-01")
    assert page.status_code == 422
    assert "after it ends" in page.text


def test_days_and_weeks_are_the_users_own(monkeypatch: pytest.MonkeyPatch, home: Path,
                                          database_url: str) -> None:
    """At 23:30 UTC on Sunday 29 March 2026 it is already Monday 00:30 in Dublin (summer time
    began that morning): the interview is in the week of 30 March, and not in a window that
    ends on the 29th."""
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    monkeypatch.setenv("FOLLOWUP_NOW", NOW)
    deps = bootstrap.build()
    h = History()
    h.interview(h.application("Late Night Ltd"), at(29, 23, 30, month=3))
    with deps.uow() as uow:
        uow.repo.add_user(User(None, "王芳", "wang@example.com", "Europe/Dublin", None))
        uow.repo.add_states(h.states)
        uow.commit()

    weeks = jsonable(stats.stats(deps, "2026-03-23", "2026-04-05"))["weeks"]
    assert [(w["week"], w["interviews"]) for w in weeks] == [("2026-W13", 0), ("2026-W14", 1)]
    assert stats.stats(deps, "2026-03-01", "2026-03-29").funnel.applications == 0
    assert stats.stats(deps, "2026-03-30", "2026-03-30").funnel.applications == 1
