"""Interviewers, helpers and topics travel as records from every door to the services, on SQLite
and PostgreSQL: names with <, :, quotes, commas or @ are kept exactly as typed; the CLI keeps its
`"Name <email>"` and `"Name: topic"` syntax and reads it at its own edge."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Cli
from tests.integration.test_web_flows import interview_form
from tests.web_client import Web, web_user_fixture  # noqa: F401  (fixture)

API = "/api/v1"
ANNE = "Anne \"Nan\" O'Neil-Smith <Dev: Ops>, Jr. @home"
ANNE_EMAIL = "anne@ops.example"
LEAD = "<Platform: Core> lead"
"""A name with no address that starts like a `<email>`: no string format could carry it."""
WANG = "王芳"
HELPER = "Reception @ Level 2, Mary"
TOPIC = "Q3: the \"on-call\" rota, <draft> v2"


def plan(web: Web, application_id: int) -> Any:
    response = web.get(f"{API}/applications/{application_id}/plan")
    assert response.status_code == 200, response.text
    return response.json()


def people(document: Any) -> dict[str, tuple[str, str | None, str | None, str | None]]:
    """Each person of the application's only interview: role, email, title and topic."""
    contacts = {c["id"]: c for c in document["contacts"]}
    return {p["name"]: (p["role"], contacts[p["contact_id"]]["email"],
                        contacts[p["contact_id"]]["title"], p["topic"])
            for p in document["interviews"][0]["participants"]}


EXPECTED = {
    ANNE: ("interviewer", ANNE_EMAIL, "Head of \"Dev: Ops\"", TOPIC),
    LEAD: ("interviewer", None, None, None),
    WANG: ("interviewer", "wang@acme.example", None, "数据平台"),
    HELPER: ("helper", None, "front desk: visitors", None),
}


def test_the_api_keeps_names_with_brackets_colons_quotes_and_at_signs_exactly(
        web_user: Web) -> None:
    response = web_user.api("POST", f"{API}/interviews", {
        "company": "Acme", "position": "Analyst", "start": "2026-11-24T10:00",
        "interviewers": [
            {"name": ANNE, "email": ANNE_EMAIL, "title": "Head of \"Dev: Ops\"", "topic": TOPIC},
            {"name": LEAD}, {"name": WANG, "email": "wang@acme.example"}],
        "helpers": [{"name": HELPER, "title": "front desk: visitors"}],
        "topics": [{"interviewer": WANG, "topic": "数据平台"}]})

    assert response.status_code == 201, response.text
    assert people(plan(web_user, response.json()["application"]["id"])) == EXPECTED


def test_the_interview_form_keeps_names_with_brackets_colons_quotes_and_at_signs_exactly(
        web_user: Web) -> None:
    response = web_user.form("/interviews/new", interview_form(
        company="Acme", iv_name=[ANNE, LEAD, WANG], iv_email=[ANNE_EMAIL, "", "wang@acme.example"],
        iv_title=["Head of \"Dev: Ops\"", "", ""], iv_topic=[TOPIC, "", "数据平台"],
        hp_name=[HELPER, ""], hp_role=["front desk: visitors", ""]))

    assert response.status_code == 303, response.text
    application_id = int(response.headers["location"].rsplit("/", 1)[1])
    assert people(plan(web_user, application_id)) == EXPECTED


def test_saving_the_edit_form_as_it_came_keeps_every_unusual_name_and_adds_no_one(
        web_user: Web) -> None:
    created = web_user.api("POST", f"{API}/interviews", {
        "company": "Acme", "position": "Analyst", "start": "2026-11-24T10:00",
        "interviewers": [{"name": ANNE, "email": ANNE_EMAIL, "topic": TOPIC}, {"name": LEAD}],
        "helpers": [HELPER]}).json()
    interview_id, app = created["interview"]["id"], created["application"]["id"]
    before = plan(web_user, app)

    page = web_user.get(f"/interviews/{interview_id}/edit")
    saved = web_user.form(f"/interviews/{interview_id}/edit", interview_form(
        company="Acme", position="Analyst", at="2026-11-24T10:00", duration="60",
        format="video", timezone="Europe/Dublin", iv_name=[ANNE, LEAD],
        iv_email=[ANNE_EMAIL, ""], iv_title=["", ""], iv_topic=[TOPIC, ""],
        hp_name=[HELPER, ""], hp_role=["", ""], forgot="", next_step="", decision_by="",
        notes=""))

    assert page.status_code == 200 and "O&#39;Neil-Smith &lt;Dev: Ops&gt;" in page.text
    assert saved.status_code == 303, saved.text
    after = plan(web_user, app)
    assert people(after) == people(before)
    assert len(after["contacts"]) == len(before["contacts"]) == 3


def test_a_topic_for_a_recorded_interviewer_whose_name_has_a_colon_leaves_the_others(
        web_user: Web) -> None:
    created = web_user.api("POST", f"{API}/interviews", {
        "company": "Acme", "position": "Analyst", "start": "2026-11-24T10:00",
        "interviewers": [{"name": ANNE, "email": ANNE_EMAIL}, {"name": WANG}],
        "helpers": ["Mary Byrne"]}).json()

    response = web_user.api("PATCH", f"{API}/interviews/{created['interview']['id']}",
                            {"topics": [{"interviewer": f"  {ANNE.upper()} ", "topic": TOPIC}]})

    assert response.status_code == 200, response.text
    assert {p["name"]: p["topic"] for p in response.json()["interview"]["participants"]} == {
        ANNE: TOPIC, WANG: None, "Mary Byrne": None}


@pytest.mark.parametrize(("change", "words"), [
    ({"helpers": [{"name": "Mary", "title": "r" * 201}]}, "at most 200"),
    ({"helpers": [{"name": " "}]}, "must not be empty"),
    ({"interviewers": [{"name": WANG, "email": "wang at acme"}]}, "not an email address"),
    ({"topics": [{"interviewer": "Nobody", "topic": "x"}]}, "not an interviewer"),
    ({"topics": [{"interviewer": WANG, "topic": "t\x07"}]}, "control character"),
    ({"interviewers": [{"name": "\u0958" * 101}]}, "too long"),  # 202 once composed
])
def test_each_field_of_a_person_or_topic_is_held_to_the_limits_and_nothing_is_written(
        web_user: Web, change: dict[str, Any], words: str) -> None:
    before = web_user.get(f"{API}/export").json()["applications"]

    response = web_user.api("POST", f"{API}/interviews", {
        "company": "Acme", "position": "Analyst", "start": "2026-11-24T10:00",
        "interviewers": [{"name": WANG}], **change})

    assert response.status_code == 422 and words in response.text, response.text
    assert web_user.get(f"{API}/export").json()["applications"] == before


def test_the_cli_reads_name_email_and_name_topic_at_its_edge(user: Cli) -> None:
    result = user.json("interview", "add", "--company", "Acme", "--position", "Analyst",
                       "--at", "2026-11-24T10:00",
                       "--interviewer", "Anne \"Nan\" O'Neil-Smith <anne@ops.example>",
                       "--interviewer", "王芳", "--helper", HELPER,
                       "--topic", "Anne \"Nan\" O'Neil-Smith: Q3: the rota")

    contacts = user.json("contact", "list")
    assert {p["name"]: p["topic"] for p in result["interview"]["participants"]} == {
        "Anne \"Nan\" O'Neil-Smith": "Q3: the rota", WANG: None, HELPER: None}
    assert {c["name"]: c["email"] for c in contacts}["Anne \"Nan\" O'Neil-Smith"] == ANNE_EMAIL


@pytest.mark.parametrize(("option", "value", "words"), [
    ("--interviewer", "José <jose@x", "write an interviewer as 'Name <email>'"),
    ("--interviewer", "José <jose at x>", "is not an email address"),
    ("--topic", "José Núñez the roadmap", "write a topic as 'Interviewer Name: what"),
])
def test_the_cli_refuses_a_malformed_person_or_topic_in_one_line_and_writes_nothing(
        user: Cli, option: str, value: str, words: str) -> None:
    result = user("interview", "add", "--company", "Acme", "--position", "Analyst",
                  "--at", "2026-11-24T10:00", "--interviewer", "José Núñez", option, value)

    assert result.exit_code != 0 and words in result.stderr, result.output + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert user.json("application", "list") == []
