"""Taking a helper, a topic or the forgotten points off an interview, on every door (CLI, web
form with and without htmx, API), on SQLite and PostgreSQL: each removal re-plans, and a name
that is not on the interview is refused and changes nothing."""

from __future__ import annotations

import html
import json
from typing import Any

from followup.services import interviews, notes, queries
from followup.services.views import jsonable
from tests.conftest import Cli
from tests.web_client import Web, web_user_fixture  # noqa: F401  (fixture)

NOW = "2026-11-24T12:00:00+00:00"  # Tuesday, two hours after the interview started
JOSE = "José Núñez <jose@acme.example>"
WANG = "王芳 <wang@acme.example>"
TOPIC = "the migration roadmap"
FORGOT = "my Go experience"


def record_cli(user: Cli) -> dict[str, Any]:
    """Tuesday's interview with two interviewers, a topic, two helpers and a forgotten point."""
    return user.json("interview", "add", "--company", "Acme", "--position", "Data Analyst",
                     "--at", "2026-11-24T10:00", "--interviewer", JOSE, "--interviewer", WANG,
                     "--topic", f"José Núñez: {TOPIC}", "--helper", "Ann at reception",
                     "--helper", "Mary Byrne", "--forgot", FORGOT, FOLLOWUP_NOW=NOW)


def record_web(web: Web) -> dict[str, Any]:
    """The same interview, recorded through the services behind the web app."""
    return jsonable(interviews.add_interview(web.deps, interviews.InterviewForm(
        company="Acme", position="Data Analyst", at="2026-11-24T10:00",
        interviewers=[interviews.PersonIn("José Núñez", "jose@acme.example", topic=TOPIC),
                      interviews.PersonIn("王芳", "wang@acme.example")],
        helpers=[interviews.PersonIn("Ann at reception"), interviews.PersonIn("Mary Byrne")],
        forgot=[FORGOT])))


def people(interview: dict[str, Any]) -> dict[str, str | None]:
    """Each participant's name and topic."""
    return {p["name"]: p["topic"] for p in interview["participants"]}


def draft_body(web_or_cli: Web | Cli, action_id: int) -> str:
    if isinstance(web_or_cli, Web):
        return str(jsonable(notes.preview(web_or_cli.deps, action_id))["body"])
    return str(web_or_cli.json("note", "draft", str(action_id), FOLLOWUP_NOW=NOW)["body"])


def thank_you_to_jose(result: dict[str, Any]) -> int:
    return int(next(a["id"] for a in result["actions"]
                    if a["kind"] == "thank_you" and a["contact"]["name"] == "José Núñez"))


def assert_all_removed(interview: dict[str, Any], contacts: list[str], body: str) -> None:
    """No Ann, no topic, no forgotten point: on record, in the contacts, in José's draft."""
    assert people(interview) == {"José Núñez": None, "王芳": None, "Mary Byrne": None}
    assert interview["forgotten"] == []
    assert "Ann at reception" not in contacts and "Mary Byrne" in contacts
    assert "Ann" not in body and TOPIC not in body and FORGOT not in body
    assert "Mary Byrne" in body  # the helper who stays is still thanked


# -- the CLI ----------------------------------------------------------------------------------
def test_interview_edit_removes_a_helper_a_topic_and_the_forgotten_points(user: Cli) -> None:
    first = record_cli(user)
    note = thank_you_to_jose(first)
    before = draft_body(user, note)
    assert "Ann at reception" in before and TOPIC in before and FORGOT in before
    user.json("note", "draft", str(note), "--force", FOLLOWUP_NOW=NOW)  # a stored draft too

    edited = user.json("interview", "edit", str(first["interview"]["id"]),
                       "--remove-helper", "ann at reception", "--remove-topic", "José Núñez",
                       "--clear-forgot", FOLLOWUP_NOW=NOW)

    plan = user.json("plan", str(first["application"]["id"]), FOLLOWUP_NOW=NOW)
    body = user.json("note", "draft", str(note), "--force", FOLLOWUP_NOW=NOW)["body"]
    assert_all_removed(edited["interview"], [c["name"] for c in plan["contacts"]], body)


def test_removing_the_helpers_after_an_offer_readdresses_the_thank_helpers_note(
        user: Cli) -> None:
    first = record_cli(user)
    interview = str(first["interview"]["id"])
    user.json("outcome", str(first["application"]["id"]), "offer", FOLLOWUP_NOW=NOW)

    def thanked(result: dict[str, Any]) -> list[str]:
        return [a["contact"]["name"] for a in result["actions"]
                if a["kind"] == "thank_helpers" and a["status"] == "planned"]

    one = user.json("interview", "edit", interview, "--remove-helper", "Ann at reception",
                    FOLLOWUP_NOW=NOW)
    assert thanked(one) == ["Mary Byrne"]
    none = user.json("interview", "edit", interview, "--remove-helper", "Mary Byrne",
                     FOLLOWUP_NOW=NOW)
    assert thanked(none) == ["José Núñez"]  # no helper left: the interviewer is thanked


def test_a_helper_taken_off_one_round_stays_a_contact_while_another_round_has_them(
        user: Cli) -> None:
    first = record_cli(user)
    app = str(first["application"]["id"])
    user.json("interview", "add", "--application", app, "--at", "2026-12-01T10:00",
              "--interviewer", JOSE, "--helper", "Ann at reception", FOLLOWUP_NOW=NOW)

    edited = user.json("interview", "edit", str(first["interview"]["id"]),
                       "--remove-helper", "Ann at reception", FOLLOWUP_NOW=NOW)

    assert "Ann at reception" not in people(edited["interview"])
    plan = user.json("plan", app, FOLLOWUP_NOW=NOW)
    assert "Ann at reception" in [c["name"] for c in plan["contacts"]]
    assert "Ann at reception" in people(plan["interviews"][1])


def test_a_removal_not_on_the_interview_is_refused_in_one_line_and_changes_nothing(
        user: Cli) -> None:
    first = record_cli(user)
    interview, app = str(first["interview"]["id"]), str(first["application"]["id"])
    before = user.json("plan", app, FOLLOWUP_NOW=NOW)
    refused = {
        ("--remove-helper", "Ann at reception", "--remove-helper", "Nobody"): "'Nobody'",
        ("--remove-helper", "José Núñez"): "is not a helper",  # an interviewer, not a helper
        ("--remove-topic", "Nobody", "--clear-forgot"): "'Nobody'",
        ("--remove-topic", "王芳"): "no topic is recorded for '王芳'",
        ("--helper", "Ann at reception", "--remove-helper", "Ann at reception"): "both",
        ("--forgot", "my SQL", "--clear-forgot"): "not both",
    }
    for args, words in refused.items():
        result = user("interview", "edit", interview, *args, FOLLOWUP_NOW=NOW)
        assert result.exit_code == 4, (args, result.output)
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1, args
    assert user.json("plan", app, FOLLOWUP_NOW=NOW) == before


# -- the web form -----------------------------------------------------------------------------
def edit_form(**changes: Any) -> dict[str, Any]:
    """The edit form as the page shows the recorded interview (clock: Wed 25 Nov)."""
    form: dict[str, Any] = {
        "company": "Acme", "position": "Data Analyst", "at": "2026-11-24T10:00",
        "duration": "60", "format": "video", "timezone": "Europe/Dublin",
        "iv_name": ["José Núñez", "王芳"], "iv_email": ["jose@acme.example", "wang@acme.example"],
        "iv_title": ["", ""], "iv_topic": [TOPIC, ""],
        "hp_name": ["Ann at reception", "Mary Byrne"], "hp_role": ["", ""],
        "forgot": FORGOT, "next_step": "", "decision_by": "", "notes": "", "application": "",
    }
    form.update(changes)
    return form


def recorded(web: Web, result: dict[str, Any]) -> tuple[dict[str, Any], list[str], str]:
    """The interview, the application's contacts and José's thank-you draft, as stored now."""
    plan = jsonable(queries.application_plan(web.deps, result["application"]["id"]))
    interview = next(i for i in plan["interviews"] if i["id"] == result["interview"]["id"])
    return (interview, [c["name"] for c in plan["contacts"]],
            draft_body(web, thank_you_to_jose(result)))


def test_the_edit_form_offers_a_remove_button_for_each_recorded_helper_and_topic(
        web_user: Web) -> None:
    first = record_web(web_user)
    page = html.unescape(web_user.get(f"/interviews/{first['interview']['id']}/edit").text)

    for name, value in (("remove_helper", "Ann at reception"), ("remove_helper", "Mary Byrne"),
                        ("remove_topic", "José Núñez"), ("clear_forgot", "1")):
        assert f'type="submit" name="{name}" value="{value}"' in page, (name, value)
    assert 'name="remove_topic" value="王芳"' not in page  # no topic recorded for 王芳


def test_the_edit_form_removes_each_without_javascript_and_comes_back(web_user: Web) -> None:
    first = record_web(web_user)
    url = f"/interviews/{first['interview']['id']}/edit"

    shown = edit_form()
    for button, after in (
            ({"remove_helper": "Ann at reception"}, {"hp_name": ["Mary Byrne", ""]}),
            ({"remove_topic": "José Núñez"}, {"iv_topic": ["", ""]}),
            ({"clear_forgot": "1"}, {"forgot": ""})):
        response = web_user.form(url, {**shown, **button})
        assert response.status_code == 303, response.text
        assert response.headers["location"] == url
        shown.update(after)  # the form the page shows next
    back = web_user.get(url)

    assert "Removed; the plan is updated." in back.text
    assert 'value="Ann at reception"' not in back.text
    assert_all_removed(*recorded(web_user, first))


def test_the_edit_form_removes_with_htmx_and_swaps_the_form_in_place(web_user: Web) -> None:
    first = record_web(web_user)
    url = f"/interviews/{first['interview']['id']}/edit"
    page = web_user.get(url).text
    assert f'hx-post="{url}" hx-target="#interview-editor"' in page

    response = web_user.htmx(url, edit_form(remove_helper="Ann at reception",
                                            remove_topic="José Núñez", clear_forgot="1"))
    assert response.status_code == 303 and response.headers["location"] == url
    swapped = web_user.client.get(url, headers={"hx-request": "true"}).text

    assert 'id="interview-editor"' in swapped and "Removed; the plan is updated." in swapped
    assert_all_removed(*recorded(web_user, first))


def test_a_bad_removal_on_the_form_is_named_beside_the_field_and_changes_nothing(
        web_user: Web) -> None:
    first = record_web(web_user)
    url = f"/interviews/{first['interview']['id']}/edit"
    before = recorded(web_user, first)

    for bad, field in (({"remove_helper": "Nobody"}, "helpers"),
                       ({"remove_topic": "王芳"}, "interviewers")):
        page = web_user.htmx(url, edit_form(notes="typed, not yet saved", **bad))
        assert page.status_code == 422
        assert f'id="{field}-error"' in page.text, page.text
        assert 'id="interview-editor"' in page.text and "typed, not yet saved" in page.text
    assert recorded(web_user, first) == before


# -- the API ----------------------------------------------------------------------------------
def test_the_api_patch_removes_only_what_its_remove_fields_name(web_user: Web) -> None:
    first = record_web(web_user)
    path = f"/api/v1/interviews/{first['interview']['id']}"

    kept = web_user.api("PATCH", path, {"helpers": [], "forgotten": []})
    assert kept.status_code == 200 and kept.json()["interview"]["forgotten"] == [FORGOT]
    removed = web_user.api("PATCH", path, {"remove_helpers": ["Ann at reception"],
                                           "remove_topics": ["josé núñez"],
                                           "clear_forgotten": True})

    assert removed.status_code == 200, removed.text
    assert_all_removed(*recorded(web_user, first))


def test_a_bad_removal_through_the_api_is_a_422_and_changes_nothing(web_user: Web) -> None:
    first = record_web(web_user)
    path = f"/api/v1/interviews/{first['interview']['id']}"
    before = recorded(web_user, first)

    for body in ({"remove_helpers": ["Mary Byrne", "Nobody"]}, {"remove_topics": ["王芳"]},
                 {"remove_helpers": ["x" * 201]}, {"clear_forgotten": "sometimes"}):
        response = web_user.api("PATCH", path, body)
        assert response.status_code == 422, (body, response.text)
        assert json.loads(response.text)["error"]["type"] == "InvalidInput"
    assert recorded(web_user, first) == before
