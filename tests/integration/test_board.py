"""The Applications page as a list and a board, in process on SQLite and PostgreSQL: stages,
search, filters, sorting, and the outcome each card records."""

from __future__ import annotations

import html
import re

import pytest

from followup.services import applications, interviews
from followup.services.views import jsonable
from tests.conftest import Cli
from tests.web_client import Web, web_user_fixture  # noqa: F401

JOSE = interviews.PersonIn("José Núñez", "jose@olafsson.example", title="Head of Data")
WANG = interviews.PersonIn("王芳", "wang@zhongshan.example")
ANN = interviews.PersonIn("Ann Lee", "ann@acme.example")
SEAN = interviews.PersonIn("Seán Ó Briain", "sean@initech.example")

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
"""For a test whose answer does not hang on the database: the tests of the queries behind
the board and the report also run on PostgreSQL."""


def add(w: Web, company: str, at: str, person: interviews.PersonIn) -> int:
    result = jsonable(interviews.add_interview(w.deps, interviews.InterviewForm(
        company=company, position="Data Analyst", at=at, interviewers=[person])))
    return int(result["application"]["id"])


def four_stages(w: Web) -> dict[str, int]:
    """The clock is Wed 25 Nov 2026, 09:00 in Dublin: one application in each stage."""
    ids = {"Ólafsson Fisheries": add(w, "Ólafsson Fisheries", "2026-11-20T10:00", JOSE),
           "Acme": add(w, "Acme", "2026-11-27T10:00", ANN),
           "Zhongshan Tech": add(w, "Zhongshan Tech", "2026-11-24T10:00", WANG),
           "Initech": add(w, "Initech", "2026-11-23T10:00", SEAN)}
    applications.record_outcome(w.deps, ids["Zhongshan Tech"], "offer")
    applications.record_outcome(w.deps, ids["Initech"], "rejected")
    return ids


def columns(page: str) -> dict[str, str]:
    """Each column of the board's HTML by its stage."""
    parts = re.split(r'<section class="column (\w+)"', page)[1:]
    return {parts[n]: html.unescape(parts[n + 1].split("</section>")[0])
            for n in range(0, len(parts), 2)}


def companies(page: str) -> list[str]:
    """The companies of the list, in its order."""
    return [html.unescape(c) for c in re.findall(r'<td data-label="Company"><a [^>]*>([^<]*)<',
                                                 page)]


@SQLITE_ONLY
def test_the_board_has_a_column_per_stage_and_each_card_its_next_step(web_user: Web) -> None:
    four_stages(web_user)

    board = columns(web_user.get("/applications?view=board").text)

    assert list(board) == ["interviewing", "waiting", "offer", "closed"]
    assert "Acme" in board["interviewing"] and "Interview checklist" in board["interviewing"]
    waiting = board["waiting"]
    assert "Ólafsson Fisheries" in waiting and "Thank-you note to José Núñez" in waiting
    assert "overdue (by 4 days)" in waiting and "deadline Sat 21 Nov, 23:59" in waiting
    assert "Zhongshan Tech" in board["offer"] and "Initech" in board["closed"]
    assert "(1)" in board["closed"] and "Acme" not in board["closed"]


@SQLITE_ONLY
def test_cards_offer_only_the_outcomes_that_can_still_be_recorded(web_user: Web) -> None:
    four_stages(web_user)

    board = columns(web_user.get("/applications?view=board").text)

    assert re.findall(r'value="(\w+)" class="secondary">', board["waiting"]) == [
        "offer", "hired", "rejected", "withdrawn"]
    assert re.findall(r'value="(\w+)" class="secondary">', board["offer"]) == [
        "hired", "rejected", "withdrawn"]
    assert "<form" not in board["closed"]  # nothing to move, and no undo from the board
    assert 'value="active"' not in "".join(board.values())


@SQLITE_ONLY
def test_a_card_records_the_outcome_and_comes_back_to_the_board(web_user: Web) -> None:
    ids = four_stages(web_user)
    app_id = ids["Ólafsson Fisheries"]
    back = f"/applications?view=board&q=fisheries#card-{app_id}"

    answer = web_user.form(f"/applications/{app_id}/outcome",
                           {"outcome": "rejected", "next": back})
    page = web_user.get(answer.headers["location"]).text

    assert answer.status_code == 303 and answer.headers["location"] == back
    assert "Outcome recorded; the plan is updated." in page
    assert "Ólafsson Fisheries" in columns(page)["closed"]
    plan = web_user.get(f"/api/v1/applications/{app_id}/plan").json()
    assert plan["application"]["status"] == "rejected"
    assert any(a["kind"] == "thank_after_decision" and a["status"] == "planned"
               for a in plan["actions"])  # R8, as the application page's form does


@SQLITE_ONLY
def test_a_card_never_sends_the_browser_to_another_site(web_user: Web) -> None:
    app_id = four_stages(web_user)["Acme"]

    answer = web_user.form(f"/applications/{app_id}/outcome",
                           {"outcome": "withdrawn", "next": "//evil.example/"})

    assert answer.headers["location"] == f"/applications/{app_id}"


def test_the_list_searches_whatever_the_accents_filters_and_sorts(web_user: Web) -> None:
    four_stages(web_user)

    def listed(query: str) -> list[str]:
        return companies(web_user.get(f"/applications?{query}").text)

    assert listed("q=olafsson") == ["Ólafsson Fisheries"]
    assert listed("q=JOSE+nunez") == ["Ólafsson Fisheries"]  # the people met count too
    assert listed("q=王芳") == ["Zhongshan Tech"]
    assert listed("stage=interviewing") == ["Acme"]
    assert listed("overdue=1") == ["Ólafsson Fisheries"]
    assert listed("stage=closed&status=rejected") == ["Initech"]
    assert listed("sort=company") == ["Acme", "Initech", "Ólafsson Fisheries", "Zhongshan Tech"]
    # The latest first: two outcomes recorded now, Acme recorded now with nothing held yet,
    # then the interview of last Friday.
    assert listed("sort=last_activity") == ["Acme", "Zhongshan Tech", "Initech",
                                            "Ólafsson Fisheries"]
    assert listed("q=nobody") == []
    assert "No application matches." in web_user.get("/applications?q=nobody").text


@SQLITE_ONLY
def test_filters_are_kept_across_views_and_pages(web_user: Web) -> None:
    four_stages(web_user)

    page = html.unescape(web_user.get("/applications?q=acme&sort=company").text)

    assert 'href="/applications?view=board&q=acme&sort=company"' in page
    assert 'value="acme"' in page and '<option value="company" selected>' in page
    assert "1 of 4 applications match." in page


@SQLITE_ONLY
def test_unknown_filters_are_refused_in_words(web_user: Web) -> None:
    for query, words in (("stage=limbo", "unknown stage"), ("sort=salary", "unknown sort"),
                         ("q=" + "x" * 201, "too long"), ("q=a%07b", "control character")):
        answer = web_user.get(f"/applications?{query}")
        assert answer.status_code == 422 and words in html.unescape(answer.text).lower(), query


def test_the_stage_is_the_same_in_the_cli_the_api_and_the_board(web_user: Web,
                                                                 cli: Cli) -> None:
    ids = four_stages(web_user)

    listed = {a["company"]: a["stage"] for a in cli.json("application", "list")}
    api = {a["company"]: a["stage"] for a in web_user.get("/api/v1/applications").json()}
    board = columns(web_user.get("/applications?view=board").text)

    assert listed == api == {"Ólafsson Fisheries": "waiting", "Acme": "interviewing",
                             "Zhongshan Tech": "offer", "Initech": "closed"}
    for company, stage in listed.items():
        assert f'id="card-{ids[company]}"' in web_user.get(
            "/applications?view=board").text
        assert company in board[stage]


def test_a_later_round_makes_it_interviewing_again_until_it_is_called_off(
        web_user: Web) -> None:
    app_id = add(web_user, "Ólafsson Fisheries", "2026-11-20T10:00", JOSE)
    later = jsonable(interviews.add_interview(web_user.deps, interviews.InterviewForm(
        at="2026-12-02T10:00", interviewers=[JOSE], application_id=app_id)))

    def stage() -> str:
        return str(web_user.get("/api/v1/applications").json()[0]["stage"])

    assert stage() == "interviewing"
    interviews.cancel_interview(web_user.deps, int(later["interview"]["id"]))
    assert stage() == "waiting"
