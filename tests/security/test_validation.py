"""One set of rules at every door: the CLI, the API, the web forms (and import, in
test_import.py) take the extremes the rules allow and refuse what lies just outside, with the
data unchanged; the calendar export and feed never fail on what is stored."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import pytest
from icalendar import Calendar

from followup.domain import limits
from followup.domain.errors import FollowupError, InvalidInput, NotAllowed, NotFound
from followup.services import interviews
from followup.services.views import jsonable
from tests.conftest import Cli
from tests.integration.test_cli_errors import NOW, failed, rejects
from tests.integration.test_web_flows import interview_form, value_of
from tests.web_client import Web, web_user_fixture  # noqa: F401  (fixture)

API = "/api/v1"
ADD = ("interview", "add", "--position", "Data Analyst")
WANG = "王芳"
LONGEST_NAME = (WANG * limits.SHORT)[: limits.SHORT]
LONGEST_COMPANY = ("Ólafsson " * limits.SHORT)[: limits.SHORT - 1] + "Ó"


def add(*args: str, company: str = "Acme", at: str = "2026-11-24T10:00") -> tuple[str, ...]:
    return (*ADD, "--company", company, "--at", at, *args)


# -- the rules themselves -----------------------------------------------------------------------
def test_errors_carry_the_field_and_the_remedy_and_old_calls_still_work() -> None:
    assert InvalidInput("the company must not be empty", field="company").field == "company"
    assert NotAllowed("checker found errors", remedy="force").remedy == "force"
    plain = NotFound("no application 7")
    assert str(plain) == "no application 7" and plain.field is None and plain.remedy is None
    assert isinstance(plain, FollowupError) and plain.exit_code == 3


@pytest.mark.parametrize("value", ["José\x1b]0;pwned\x07", "Ann\x9bc", "Ann\nLee", "A\x7f"])
def test_a_name_with_a_control_character_is_refused(value: str) -> None:
    with pytest.raises(InvalidInput, match="control character") as caught:
        limits.text(value, "the name", field="name")
    assert caught.value.field == "name"


def test_a_text_of_several_lines_keeps_tabs_and_line_breaks_but_not_escapes() -> None:
    assert limits.text("a\tb\r\nc", "the notes", limits.LONG) == "a\tb\r\nc"
    with pytest.raises(InvalidInput):
        limits.text("a\x1b[2Jb", "the notes", limits.LONG)


def test_the_plausible_dates_are_1990_to_2100_inclusive() -> None:
    assert limits.day(date(1990, 1, 1), "d") == date(1990, 1, 1)
    assert limits.day(date(2100, 12, 31), "d") == date(2100, 12, 31)
    for outside in (date(1989, 12, 31), date(2101, 1, 1), date(1, 1, 1), date(9999, 12, 31)):
        with pytest.raises(InvalidInput, match="between 1990-01-01 and 2100-12-31"):
            limits.day(outside, "the date", "at")


def test_a_duration_is_one_minute_to_a_week() -> None:
    assert limits.duration(limits.LONGEST_MINUTES).days == 7
    for bad in (0, -5, limits.LONGEST_MINUTES + 1, True):
        with pytest.raises(InvalidInput):
            limits.duration(bad)  # type: ignore[arg-type]


# -- the CLI ------------------------------------------------------------------------------------
def test_the_cli_takes_the_extremes_the_rules_allow(user: Cli) -> None:
    first = user.json(*add("--duration", str(limits.LONGEST_MINUTES), "--interviewer",
                           f"{LONGEST_NAME} <wang@acme.example>",
                           company=LONGEST_COMPANY, at="1990-01-01T00:00"), FOLLOWUP_NOW=NOW)
    last = user.json(*add("--decision-by", "2100-12-31", at="2100-12-30T10:00"),
                     FOLLOWUP_NOW=NOW)

    assert first["application"]["company"] == LONGEST_COMPANY
    assert first["interview"]["start"].startswith("1990-01-01T00:00")
    assert first["interview"]["end"].startswith("1990-01-08T00:00")
    assert last["interview"]["decision_date"] == "2100-12-31"


CLI_OUTSIDE = {
    "year-1": add(at="0001-01-02T10:00"),
    "a-minute-before-1990": add(at="1989-12-31T23:59"),
    "year-2101": add(at="2101-01-01T00:00"),
    "a-week-and-a-minute": add("--duration", str(limits.LONGEST_MINUTES + 1)),
    "190-years-by-end": add("--end", "2216-11-24T10:00"),
    "decision-2101": add("--decision-by", "2101-01-01"),
    "company-201": add(company="Ó" * (limits.SHORT + 1)),
    "company-escape": add(company="Acme\x1b]0;owned\x07"),
    "interviewer-escape": add("--interviewer", "Ann\x1b[2J Lee <ann@acme.example>"),
    "notes-20001": add("--notes", "n" * (limits.LONG + 1)),
    "next-step-20001": add("--next-step", "s" * (limits.LONG + 1)),
    "topic-20001": add("--interviewer", "Ann <ann@acme.example>",
                       "--topic", "Ann: " + "t" * (limits.LONG + 1)),
    "callback-9999": ("call", "log", "1", "--outcome", "reached",
                      "--callback", "9999-12-30T10:00"),
    "heard-decision-9999": ("heard", "1", "--decision-by", "9999-12-31"),
    "done-in-1970": ("done", "1", "--at", "1970-01-01T10:00"),
    "contact-name-escape": ("contact", "add", "--application", "1", "--name", "A\x1bB"),
    "url-with-a-line-break": ("application", "edit", "1", "--url", "https://a.example/\nx"),
}


def test_the_cli_refuses_what_lies_just_outside_and_changes_nothing(
    user: Cli, subtests: pytest.Subtests
) -> None:
    user.json(*add(), FOLLOWUP_NOW=NOW)
    for name, args in CLI_OUTSIDE.items():
        with subtests.test(name):
            rejects(user, 4, *args)


def test_a_date_outside_the_rules_says_which_dates_are_allowed(user: Cli) -> None:
    line = failed(user(*add(at="0001-01-02T10:00"), FOLLOWUP_NOW=NOW), 4)
    assert "0001-01-02T10:00" in line and "1990-01-01 and 2100-12-31" in line


# -- the API ------------------------------------------------------------------------------------
def _everything(web: Web) -> Any:
    return web.get(f"{API}/export").json()


def _interview(**changes: Any) -> dict[str, Any]:
    return {"company": "Acme", "position": "Analyst", "start": "2026-11-24T10:00",
            "interviewers": [{"name": "José Núñez", "email": "jose@acme.example"}], **changes}


def test_the_api_takes_the_extremes_the_rules_allow(web_user: Web) -> None:
    response = web_user.api("POST", f"{API}/interviews", _interview(
        company=LONGEST_COMPANY, start="2100-12-24T10:00", duration=limits.LONGEST_MINUTES,
        decision_by="2100-12-31", interviewers=[{"name": LONGEST_NAME}]))

    assert response.status_code == 201, response.text
    assert response.json()["interview"]["end"].startswith("2100-12-31T10:00")


API_OUTSIDE: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/interviews", _interview(start="0001-01-02T10:00")),
    ("POST", "/interviews", _interview(start="2101-01-01T00:00")),
    ("POST", "/interviews", _interview(duration=limits.LONGEST_MINUTES + 1)),
    ("POST", "/interviews", _interview(end="2216-11-24T10:00")),
    ("POST", "/interviews", _interview(decision_by="2101-01-01")),
    ("POST", "/interviews", _interview(company="Acme\x1b[2J")),
    ("POST", "/interviews", _interview(interviewers=[{"name": "Ann\x07"}])),
    ("POST", "/interviews", _interview(helpers=["Mary\x1b]0;x\x07"])),
    ("PATCH", "/interviews/1", {"start": "1989-12-31T23:59"}),
    ("PATCH", "/interviews/1", {"end": "2026-12-24T10:00"}),
    ("POST", "/applications/1/calls", {"outcome": "reached", "callback": "9999-12-30T10:00"}),
    ("POST", "/applications/1/heard", {"decision_by": "2101-01-01"}),
    ("POST", "/applications/1/contacts", {"name": "Ann\x1bLee"}),
    ("PATCH", "/applications/1", {"url": "https://a.example/\nx"}),
]


def test_the_api_refuses_what_lies_just_outside_and_changes_nothing(
    web_user: Web, subtests: pytest.Subtests
) -> None:
    assert web_user.api("POST", f"{API}/interviews", _interview()).status_code == 201
    before = _everything(web_user)
    for method, path, body in API_OUTSIDE:
        with subtests.test(f"{method} {path} {sorted(body)}"):
            response = web_user.api(method, API + path, body)
            assert response.status_code == 422, response.text
            assert response.json()["error"]["type"] == "InvalidInput"
            assert _everything(web_user) == before


def test_the_apis_length_limits_are_the_rules_own(web_user: Web) -> None:
    spec = web_user.get(f"{API}/openapi.json").json()["components"]["schemas"]
    fields = spec["InterviewIn"]["properties"]
    company = next(s for s in fields["company"]["anyOf"] if s.get("type") == "string")
    duration = next(s for s in fields["duration"]["anyOf"] if s.get("type") == "integer")
    assert company["maxLength"] == limits.SHORT
    assert duration["maximum"] == limits.LONGEST_MINUTES


# -- the web forms ------------------------------------------------------------------------------
@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"at": "0001-01-02T10:00"}, "at", "1990-01-01 and 2100-12-31"),
    ({"duration": str(limits.LONGEST_MINUTES + 1)}, "duration", "at most 10080"),
    ({"duration": "²"}, "duration", "whole number of minutes"),
    ({"duration": "9" * 5000}, "duration", "whole number of minutes"),
    ({"company": "Nordlys\x1b[2J"}, "company", "control character"),
    ({"decision_by": "2101-01-01"}, "decision_by", "1990-01-01 and 2100-12-31"),
])
def test_the_interview_form_names_the_field_that_breaks_a_rule_and_saves_nothing(
    web_user: Web, changes: dict[str, str], field: str, words: str
) -> None:
    page = web_user.form("/interviews/new", interview_form(**changes))

    assert page.status_code == 422, page.text[:300]
    error = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', page.text)
    assert error is not None and words in error.group(1), page.text[:2000]
    assert value_of(page, "iv-name-1") == WANG
    assert _everything(web_user)["applications"] == []


def test_the_call_form_refuses_a_call_back_in_9999(web_user: Web) -> None:
    result = jsonable(interviews.add_interview(web_user.deps, interviews.InterviewForm(
        company="Acme", position="Analyst", at="2026-11-24T14:00")))
    app = result["application"]["id"]
    before = _everything(web_user)

    page = web_user.form(f"/applications/{app}/calls",
                         {"outcome": "reached", "callback": "9999-12-30T10:00"})

    assert page.status_code == 422 and "1990-01-01 and 2100-12-31" in page.text
    assert _everything(web_user) == before


# -- the calendar never fails on what is stored -------------------------------------------------
def _events(data: bytes) -> list[Any]:
    return [c for c in Calendar.from_ical(data).walk("VEVENT")]


def test_the_extremes_the_rules_allow_export_to_a_calendar_and_the_feed(
    web_user: Web, cli: Cli, tmp_path: Any
) -> None:
    cli.json(*add("--interviewer", f"{LONGEST_NAME} <wang@acme.example>",
                  "--decision-by", "1990-01-02", company=LONGEST_COMPANY,
                  at="1990-01-01T00:00"), FOLLOWUP_NOW=NOW)
    cli.json(*add("--duration", str(limits.LONGEST_MINUTES), "--interviewer",
                  f"{LONGEST_NAME} <wang@acme.example>", "--decision-by", "2100-12-31",
                  company=LONGEST_COMPANY, at="2100-12-24T23:00"), FOLLOWUP_NOW=NOW)
    cli.json("call", "log", "2", "--outcome", "reached", "--callback", "2100-12-31T23:59",
             FOLLOWUP_NOW=NOW)
    target = tmp_path / "plan.ics"

    exported = cli("calendar", "export", "-o", str(target), FOLLOWUP_NOW=NOW)
    token = re.search(r'id="feed-url" readonly value="[^"]+token=([^"]+)"',
                      web_user.get("/settings").text)
    assert token is not None
    feed = web_user.get(f"/calendar.ics?token={token.group(1)}")

    assert exported.exit_code == 0, exported.output + exported.stderr
    assert feed.status_code == 200
    for data in (target.read_bytes(), feed.content):
        events = _events(data)
        summaries = " ".join(str(e["summary"]) for e in events)
        assert WANG * 10 in summaries and "Decision due" in summaries
        starts = [e.decoded("dtstart") for e in events]
        days = [s.date() if isinstance(s, datetime) else s for s in starts]
        assert min(days) <= date(1990, 1, 2) and max(days) >= date(2100, 12, 31)


def test_a_record_stored_before_the_rules_still_exports(web_user: Web, cli: Cli,
                                                        tmp_path: Any) -> None:
    result = cli.json(*add(), FOLLOWUP_NOW=NOW)
    with web_user.deps.uow() as uow:  # as an older Followup could have stored it
        interview = uow.repo.interview(result["interview"]["id"])
        interview.start = datetime(1, 1, 2, 10, tzinfo=UTC)
        interview.end = datetime(1, 1, 2, 11, tzinfo=UTC)
        uow.repo.update_interview(interview)
        uow.commit()
    cli.json("call", "log", "1", "--outcome", "no_answer", FOLLOWUP_NOW=NOW)

    exported = cli("calendar", "export", "-o", str(tmp_path / "plan.ics"), FOLLOWUP_NOW=NOW)
    token = re.search(r'token=([^"&]+)"', web_user.get("/settings").text)
    assert token is not None

    assert exported.exit_code == 0, exported.stderr
    assert web_user.get(f"/calendar.ics?token={token.group(1)}").status_code == 200
