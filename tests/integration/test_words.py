"""One meaning of every word: every kind of step says the same label in the same order on the
CLI (text and JSON), the fast path, the web page, the API, the digest and the calendar."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

from followup.domain import wording
from followup.domain.model import Action, Channel, Kind, Status, User
from followup.services import digest, interviews, queries
from followup.services.views import jsonable
from tests.conftest import Cli
from tests.web_client import Web, make_web, web_user_fixture  # noqa: F401

BASE = datetime.fromisoformat("2026-12-01T00:00:00+00:00")  # Tue 1 Dec; Dublin is on UTC
CLOCKS = {
    "before every target": "2026-12-01T07:30:00+00:00",
    "past some targets": "2026-12-01T12:30:00+00:00",
    "past some deadlines": "2026-12-02T12:30:00+00:00",
}
OTHERS = [k for k in Kind if k is not Kind.CHECKLIST]


def every_kind(web: Web) -> dict[int, Kind]:
    """One open step of every kind for José at Acme, in place of the planned ones: the i-th is
    due at 08:00 + i hours on Tue 1 Dec and late a day after; the checklist starts at 15:00."""
    done = jsonable(interviews.add_interview(web.deps, interviews.InterviewForm(
        company="Acme", position="Data Analyst", at="2026-11-20T10:00",
        interviewers=[interviews.PersonIn("José Núñez", "jose@acme.example")])))
    app_id, interview_id = done["application"]["id"], done["interview"]["id"]
    contact_id = done["interview"]["participants"][0]["contact_id"]
    steps = [Action(None, app_id, Kind.CHECKLIST, interview_id, None, Channel.EMAIL,
                    BASE + timedelta(hours=15), BASE + timedelta(hours=16),
                    BASE + timedelta(hours=17), "R1", "Read it before you go.")]
    for i, kind in enumerate(OTHERS):
        due = BASE + timedelta(hours=8 + i)
        channel = Channel.PHONE if kind in (Kind.INQUIRY, Kind.CALLBACK) else Channel.EMAIL
        steps.append(Action(None, app_id, kind, interview_id, contact_id, channel,
                            BASE + timedelta(hours=7), due, due + timedelta(days=1), "R5",
                            f"Step {i}."))
    with web.deps.uow() as uow:
        planned = [replace(a, status=Status.SKIPPED, reason="replaced by the test")
                   for a in uow.repo.state(app_id).actions if a.is_open]
        uow.repo.save_actions(planned + steps)
        uow.commit()
        found = uow.repo.state(app_id).actions
    return {a.id or 0: a.kind for a in found if a.is_open}


@pytest.fixture
def clocked(monkeypatch: pytest.MonkeyPatch, home: Path,
            database_url: str) -> Iterator[Any]:
    """Opens the web app over the same home at another clock (closed at the end)."""
    opened = []

    def at(now: str) -> Web:
        made = make_web(monkeypatch, home, database_url, now=now)
        opened.append(made)
        return next(made)

    yield at
    for made in opened:
        made.close()


def cli_text(cli: Cli, now: str) -> tuple[list[tuple[int, str]], list[str]]:
    """(id, line) of each step and the section headings of `followup today`'s text."""
    out = cli("today", FOLLOWUP_NOW=now, COLUMNS="250")
    assert out.exit_code == 0, out.output
    steps = [(int(m[1]), m[0]) for m in re.finditer(r"^  #(\d+) .*$", out.stdout, re.M)]
    headings = re.findall(r"^(\w[\w ]+) \(\d+\)$", out.stdout, re.M)
    return steps, headings


def web_page(web: Web) -> tuple[list[tuple[int, str, str]], list[str]]:
    """(id, title, label) of each step on Today's page, and the ids of its sections that
    list steps, in order."""
    page = web.get("/?all=1").text
    steps = [(int(m[1]), html.unescape(m[2]), html.unescape(m[3])) for m in re.finditer(
        r'id="step-(\d+)".*?class="item-title">([^<]*)<.*?class="step-when">([^<]*)<',
        page, re.S)]
    sections = re.findall(r'<section aria-labelledby="(overdue|past_target|due)-title"'
                          r'[^>]*>\s*<h2[^>]*>(?:(?!</h2>).)*</h2>\s*<ul class="items">',
                          page, re.S)
    return steps, sections


@pytest.mark.parametrize("moment", CLOCKS)
def test_every_kind_of_step_says_the_same_label_in_the_same_order_everywhere(
        web_user: Web, cli: Cli, clocked: Any, moment: str, database_url: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    kinds = every_kind(web_user)
    now = CLOCKS[moment]

    listed = cli.json("today", FOLLOWUP_NOW=now)["actions"]
    order = [a["id"] for a in listed]
    label = {a["id"]: a["when"] for a in listed}
    title = {a["id"]: wording.step_to(a["kind"], a["channel"], (a["contact"] or {}).get("name"))
             for a in listed}
    # Today's order: overdue, then past target, then by deadline.
    ranks = [0 if a["overdue"] else 1 if a["past_target"] else 2 for a in listed]
    assert ranks == sorted(ranks)
    for rank in set(ranks):
        deadlines = [a["deadline"] for a, r in zip(listed, ranks, strict=True) if r == rank]
        assert deadlines == sorted(deadlines)
    assert set(order) <= set(kinds) and len(order) >= len(OTHERS)

    text, headings = cli_text(cli, now)
    assert [i for i, _ in text] == order
    for i, line in text:
        assert label[i] in line and title[i] in line, line
    wanted = [name for name, flag in (("Overdue", any(a["overdue"] for a in listed)),
              ("Still in time", any(a["past_target"] for a in listed)),
              ("To do today", any(not a["overdue"] and not a["past_target"] for a in listed)))
              if flag]
    assert headings == wanted

    web = clocked(now)
    shown, sections = web_page(web)
    assert [(i, title[i], label[i]) for i in order] == shown
    assert sections == [{"Overdue": "overdue", "Still in time": "past_target",
                         "To do today": "due"}[h] for h in headings]

    api = web.api("GET", "/api/v1/today").json()["actions"]
    assert [(a["id"], a["when"], a["overdue"], a["past_target"]) for a in api] == [
        (a["id"], a["when"], a["overdue"], a["past_target"]) for a in listed]

    user = User("Siobhán Ó Briain", "siobhan@example.com", "Europe/Dublin", "IE")
    _, body = digest.body(user, BASE.date(), queries.today(web.deps).actions)
    assert [int(i) for i in re.findall(r"\[step (\d+)\]", body)] == order
    for i in order:
        assert f"{title[i]} at Acme (Data Analyst): {label[i]} [step {i}]" in body

    exported = cli("calendar", "export", "-o", "-", FOLLOWUP_NOW=now).stdout_bytes
    summaries = {str(e["UID"]): str(e["SUMMARY"])
                 for e in icalendar.Calendar.from_ical(exported).walk("VEVENT")}
    for i in order:
        assert summaries[f"action-{i}@followup.local"] == f"{title[i]} — Acme (Data Analyst)"

    if database_url.startswith("sqlite"):  # `followup today`'s fast path prints the same
        from followup.entrypoints import fast

        monkeypatch.setenv("FOLLOWUP_NOW", now)
        monkeypatch.setenv("COLUMNS", "250")
        capsys.readouterr()
        assert fast._answer(0, False)
        assert capsys.readouterr().out.strip() == cli("today", FOLLOWUP_NOW=now,
                                                      COLUMNS="250").stdout.strip()


def test_people_see_words_not_identifiers(web_user: Web, cli: Cli) -> None:
    every_kind(web_user)
    now = CLOCKS["past some targets"]
    text = cli("today", FOLLOWUP_NOW=now, COLUMNS="250").stdout
    page = web_user.get("/?all=1").text
    for shown in (text, page):
        for word in ("decision_check", "decision check by", "checklist by email", "thank_you",
                     "call_retry", ", late"):
            assert word not in shown
    assert "Decision-check call to José Núñez" in text and "Interview checklist" in text
    assert "kind" in str(cli.json("today", FOLLOWUP_NOW=now)["actions"][0])  # JSON keeps ids


def test_text_fits_the_terminal_width(web_user: Web, cli: Cli) -> None:
    every_kind(web_user)
    now = CLOCKS["past some deadlines"]
    for columns in (60, 80):
        out = cli("today", FOLLOWUP_NOW=now, COLUMNS=str(columns)).stdout
        assert max(len(line) for line in out.splitlines()) <= columns, out
        assert "Acme — Data Analyst" in " ".join(out.split())  # wrapped, nothing cut


NOW = "2026-11-24T12:00:00+00:00"


def letter_step(cli: Cli) -> int:
    doc = cli.json("interview", "add", "--company", "Initech", "--position", "Analyst",
                   "--at", "2026-11-24T10:00", "--interviewer", "Ann Lee <ann@initech.example>",
                   "--decision-by", "2026-11-25", FOLLOWUP_NOW=NOW)
    return int(next(a["id"] for a in doc["actions"] if a["kind"] == "thank_you"))


def test_a_letters_arrival_warning_uses_the_decision_date_heard_last(user: Cli) -> None:
    action = letter_step(user)
    first = user.json("note", "draft", str(action), "--channel", "letter", FOLLOWUP_NOW=NOW)
    assert first["arrival"]["after_decision"] is True and "Wed 25 Nov" in first["arrival"][
        "message"]

    user.json("heard", "1", "--decision-by", "2026-12-18", FOLLOWUP_NOW=NOW)
    again = user.json("note", "show", str(action), FOLLOWUP_NOW=NOW)

    assert again["arrival"]["after_decision"] is False
    assert "decision" not in again["arrival"]["message"]


def test_a_letter_says_nothing_of_a_decision_date_once_the_outcome_is_known(
        user: Cli) -> None:
    action = letter_step(user)
    user.json("note", "draft", str(action), "--channel", "letter", FOLLOWUP_NOW=NOW)

    user.json("outcome", "1", "rejected", FOLLOWUP_NOW=NOW)
    shown = user.json("note", "show", str(action), FOLLOWUP_NOW=NOW)

    assert shown["arrival"]["after_decision"] is False
    assert "decision" not in shown["arrival"]["message"]


def test_the_application_page_and_list_say_each_step_as_today_does(
        web_user: Web, cli: Cli, clocked: Any) -> None:
    every_kind(web_user)
    now = CLOCKS["past some deadlines"]
    listed = cli.json("today", FOLLOWUP_NOW=now)["actions"]
    web = clocked(now)

    page = html.unescape(web.get("/applications/1").text)
    for step in listed:
        assert f"{step['when']} · {step['channel']}" in page, step["when"]
        titled = wording.step_to(step["kind"], step["channel"], (step["contact"] or {}).get("name"))
        assert f"{titled}, {step['when']}." in page  # the timeline's words, too
    assert 'class="badge overdue">overdue<' in page and ">still in time<" in page
    first = cli.json("application", "list", FOLLOWUP_NOW=now)[0]["next_action"]
    assert first["when"] in html.unescape(web.get("/applications").text)
