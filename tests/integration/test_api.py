"""The JSON API in process on SQLite and PostgreSQL: every endpoint, the CLI's shapes, errors."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import Cli
from tests.web_client import Web, web_fixture, web_user_fixture  # noqa: F401  (fixtures)

API = "/api/v1"
INTERVIEW: dict[str, Any] = {
    "company": "Ólafsson Fisheries", "position": "Data Analyst",
    "start": "2026-11-24T10:00", "duration": 45, "format": "onsite",
    "interviewers": [
        {"name": "José Núñez", "email": "jose@olafsson.example", "title": "Head of Data",
         "topic": "the data platform migration"},
        {"name": "王芳", "email": "wang@olafsson.example"},
    ],
    "helpers": ["Zoë Martin"], "forgotten": ["my SQL certificate"],
    "next_step": "a second interview with the team", "decision_by": "in two weeks",
}


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def error(response: Any, status: int, kind: str) -> str:
    """The error's message, after checking the status and the JSON error's shape."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["type"] == kind, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return str(body["error"]["message"])


def record(web: Web, **changes: Any) -> Any:
    return ok(web.api("POST", f"{API}/interviews", {**INTERVIEW, **changes}), 201)


def step(result: Any, kind: str) -> Any:
    return next(a for a in result["actions"] if a["kind"] == kind and a["status"] == "planned")


def everything(web: Web) -> Any:
    """Every record of the home (the export), to show that a failed request changed nothing."""
    document = ok(web.get(f"{API}/export"))
    return {k: v for k, v in document.items() if k != "exported_at"}


# -- the CLI's shapes -------------------------------------------------------------------------
def test_an_interview_recorded_by_the_api_reads_the_same_through_the_cli(web_user: Web,
                                                                         cli: Cli) -> None:
    result = record(web_user)
    app = result["application"]["id"]

    plan = ok(web_user.get(f"{API}/applications/{app}/plan"))

    assert plan == cli.json("plan", str(app))
    assert result["application"] == plan["application"]
    assert result["interview"] in plan["interviews"]
    assert sorted(result["actions"], key=lambda a: a["id"]) == sorted(
        plan["actions"], key=lambda a: a["id"])
    assert [p["name"] for p in result["interview"]["participants"]] == [
        "José Núñez", "王芳", "Zoë Martin"]
    assert result["interview"]["participants"][0]["topic"] == "the data platform migration"
    assert result["interview"]["decision_date"] == "2026-12-08"
    assert result["interview"]["format"] == "onsite"
    assert ok(web_user.get(f"{API}/today")) == cli.json("today")
    assert ok(web_user.get(f"{API}/agenda", params={"days": 30})) == cli.json(
        "agenda", "--days", "30")
    assert ok(web_user.get(f"{API}/agenda")) == cli.json("agenda")
    assert ok(web_user.get(f"{API}/applications")) == cli.json("application", "list")
    assert ok(web_user.get(f"{API}/applications", params={"status": "rejected"})) == []
    assert ok(web_user.get(f"{API}/contacts")) == cli.json("contact", "list")
    assert ok(web_user.get(f"{API}/settings")) == cli.json("config", "list")


def test_the_interviewers_title_is_kept_on_their_contact(web_user: Web) -> None:
    result = record(web_user)
    people = ok(web_user.get(f"{API}/contacts",
                             params={"application_id": result["application"]["id"]}))

    titles = {c["name"]: (c["title"], c["role"], c["email"]) for c in people}
    assert titles == {"José Núñez": ("Head of Data", "interviewer", "jose@olafsson.example"),
                      "王芳": (None, "interviewer", "wang@olafsson.example"),
                      "Zoë Martin": (None, "helper", None)}


def test_a_later_round_joins_its_application(web_user: Web) -> None:
    first = record(web_user)
    second = record(web_user, company=None, position=None, start="2026-12-01T15:00",
                    application_id=first["application"]["id"], interviewers=[])

    assert second["application"]["id"] == first["application"]["id"]
    assert second["interview"]["round"] == 2


def test_rescheduling_and_cancelling_an_interview_re_plan(web_user: Web, cli: Cli) -> None:
    first = record(web_user)
    interview = first["interview"]["id"]

    moved = ok(web_user.api("PATCH", f"{API}/interviews/{interview}",
                            {"start": "2026-11-24T16:00", "company": "Ólafsson Fisk"}))
    cancelled = ok(web_user.api("POST", f"{API}/interviews/{interview}/cancel"))
    again = web_user.api("POST", f"{API}/interviews/{interview}/cancel")

    assert moved["interview"]["start"].startswith("2026-11-24T16:00")
    assert moved["interview"]["end"].startswith("2026-11-24T16:45")
    assert moved["application"]["company"] == "Ólafsson Fisk"
    assert cancelled["interview"]["cancelled"] is True
    assert "already cancelled" in error(again, 409, "NotAllowed")
    assert ok(web_user.get(f"{API}/applications/{first['application']['id']}/plan")) == (
        cli.json("plan", str(first["application"]["id"])))


# -- steps, calls and outcomes ----------------------------------------------------------------
def test_done_and_skip_answer_with_the_action(web_user: Web, cli: Cli) -> None:
    result = record(web_user)
    thanks = [a for a in result["actions"] if a["kind"] == "thank_you"]

    done = ok(web_user.api("POST", f"{API}/actions/{thanks[0]['id']}/done",
                           {"at": "2026-11-24T18:00"}))
    skipped = ok(web_user.api("POST", f"{API}/actions/{thanks[1]['id']}/skip",
                              {"reason": "we spoke on the phone"}))
    twice = web_user.api("POST", f"{API}/actions/{thanks[0]['id']}/done")

    assert ok(web_user.get(f"{API}/actions/{thanks[0]['id']}")) == {
        **{k: v for k, v in done.items() if k not in ("late", "held_back", "findings")},
        "application": result["application"]}
    assert done["status"] == "done" and done["late"] is False
    assert done["held_back"] is False and done["findings"] == []
    assert skipped["status"] == "skipped" and skipped["reason"] == "we spoke on the phone"
    assert "already done" in error(twice, 409, "NotAllowed")
    plan = cli.json("plan", str(result["application"]["id"]))
    assert {a["id"]: a["status"] for a in plan["actions"]}[thanks[0]["id"]] == "done"
    assert [t["kind"] for t in plan["touches"]] == ["note_sent"]


def test_a_call_with_a_call_back_time_puts_the_call_on_the_agenda(web_user: Web) -> None:
    app = record(web_user)["application"]["id"]

    plan = ok(web_user.api("POST", f"{API}/applications/{app}/calls",
                           {"outcome": "reached", "callback": "2026-11-27T11:00",
                            "notes": "Call Friday, said Siobhán"}))
    agenda = ok(web_user.get(f"{API}/agenda", params={"days": 3}))

    callback = step(plan, "callback")
    assert plan["touches"][-1]["callback_at"].startswith("2026-11-27T11:00")
    assert plan["touches"][-1]["notes"] == "Call Friday, said Siobhán"
    assert callback["id"] in [a["id"] for a in agenda["actions"]]
    assert next(a for a in agenda["actions"] if a["id"] == callback["id"])["company"] == (
        "Ólafsson Fisheries")


def test_a_rejection_plans_the_thank_you_after_the_decision_and_can_be_undone(
        web_user: Web) -> None:
    app = record(web_user)["application"]["id"]

    rejected = ok(web_user.api("POST", f"{API}/applications/{app}/outcome",
                               {"result": "rejected"}))
    twice = web_user.api("POST", f"{API}/applications/{app}/outcome", {"result": "rejected"})
    call = web_user.api("POST", f"{API}/applications/{app}/calls", {"outcome": "no_answer"})
    undone = ok(web_user.api("POST", f"{API}/applications/{app}/outcome", {"result": "active"}))

    assert rejected["application"]["status"] == "rejected"
    assert step(rejected, "thank_after_decision")["why"]
    assert "already rejected" in error(twice, 409, "NotAllowed")
    assert "already rejected" in error(call, 409, "NotAllowed")
    assert undone["application"]["status"] == "active"


def test_hearing_from_the_employer_with_a_new_decision_date(web_user: Web) -> None:
    app = record(web_user)["application"]["id"]

    plan = ok(web_user.api("POST", f"{API}/applications/{app}/heard",
                           {"decision_by": "2026-12-15", "notes": "they are still deciding"}))
    bare = ok(web_user.api("POST", f"{API}/applications/{app}/heard"))

    assert plan["touches"][-1]["kind"] == "call_received"
    assert plan["touches"][-1]["decision_date"] == "2026-12-15"
    assert len(bare["touches"]) == 2


# -- applications, contacts, profile, settings ------------------------------------------------
def test_an_application_is_edited_then_deleted_with_its_records(web_user: Web) -> None:
    app = record(web_user)["application"]["id"]

    edited = ok(web_user.api("PATCH", f"{API}/applications/{app}",
                             {"company": "Åkesson & Søn", "url": "https://jobs.example/42"}))
    deleted = ok(web_user.api("DELETE", f"{API}/applications/{app}"))

    assert (edited["company"], edited["url"]) == ("Åkesson & Søn", "https://jobs.example/42")
    assert deleted == {**edited}
    error(web_user.get(f"{API}/applications/{app}/plan"), 404, "NotFound")
    assert ok(web_user.get(f"{API}/contacts")) == []


def test_contacts_are_added_corrected_and_confirmed(web_user: Web, cli: Cli) -> None:
    app = record(web_user)["application"]["id"]

    added = ok(web_user.api("POST", f"{API}/applications/{app}/contacts",
                            {"name": "Siobhán Ní Bhriain", "email": "sb@olafsson.example"}), 201)
    fixed = ok(web_user.api("PATCH", f"{API}/contacts/{added['id']}",
                            {"name": "Siobhán Ní Bhriain-Walsh", "confirmed": True,
                             "role": "coordinator", "phone": "+353 1 555 0100"}))

    assert added["role"] == "recruiter" and added["confirmed"] is False
    assert fixed["confirmed"] is True and fixed["role"] == "coordinator"
    assert ok(web_user.get(f"{API}/contacts/{added['id']}")) == fixed
    assert fixed == cli.json("contact", "show", str(added["id"]))


def test_the_profile_and_a_setting_are_read_and_changed(web_user: Web, cli: Cli) -> None:
    before = ok(web_user.get(f"{API}/profile"))
    changed = ok(web_user.api("PUT", f"{API}/profile",
                              {**before, "name": "王芳", "timezone": "Asia/Shanghai"}))
    setting = ok(web_user.api("PUT", f"{API}/settings/policy.gap_business_days",
                              {"value": "4"}))
    unknown = web_user.api("PUT", f"{API}/settings/policy.nonsense", {"value": "4"})

    assert before == {"name": "Siobhán Ó Briain", "email": "siobhan@example.com",
                      "timezone": "Europe/Dublin", "country": "IE"}
    assert changed["name"] == "王芳" and ok(web_user.get(f"{API}/profile")) == changed
    assert setting == {"key": "policy.gap_business_days", "value": "4"}
    assert ok(web_user.get(f"{API}/settings/policy.gap_business_days"))["value"] == "4"
    assert "unknown setting" in error(unknown, 422, "InvalidInput")
    assert ok(web_user.get(f"{API}/settings")) == cli.json("config", "list")


def test_a_home_without_a_profile_says_so(web: Web) -> None:
    error(web.get(f"{API}/today"), 409, "NotAllowed")
    error(web.get(f"{API}/profile"), 409, "NotAllowed")
    error(web.api("POST", f"{API}/interviews", INTERVIEW), 409, "NotAllowed")
    created = ok(web.api("PUT", f"{API}/profile",
                         {"name": "José", "email": "jose@example.com",
                          "timezone": "Europe/Madrid", "country": "ES"}))
    assert created["country"] == "ES" and ok(web.get(f"{API}/today"))["actions"] == []


# -- notes ------------------------------------------------------------------------------------
def test_notes_are_drafted_edited_checked_and_printed(web_user: Web, cli: Cli) -> None:
    result = record(web_user)
    action = step(result, "thank_you")["id"]

    draft = ok(web_user.api("POST", f"{API}/actions/{action}/note/draft", {"tone": "warm"}))
    shown = ok(web_user.get(f"{API}/actions/{action}/note"))
    mine = ok(web_user.api("PUT", f"{API}/actions/{action}/note",
                           {"body": "Dear Jose Nunez,\n\nThank you.\n\nSiobhán Ó Briain\n"}))
    refused = web_user.api("POST", f"{API}/actions/{action}/note/draft")
    checked = ok(web_user.get(f"{API}/actions/{action}/note/check"))
    titled = ok(web_user.api("PUT", f"{API}/actions/{action}/note",
                             {"body": mine["body"], "subject": "Thank you, José"}))
    pdf = web_user.get(f"{API}/actions/{action}/note.pdf", params={"force": "true"})

    assert draft["to"] == {"name": "José Núñez", "email": "jose@olafsson.example"}
    assert draft["tone"] == "warm" and "arrival" not in draft
    assert shown == draft
    assert mine["edited"] is True and mine["ok"] is False
    assert "name_spelling" in {f["rule"] for f in mine["findings"]}
    assert "force" in error(refused, 409, "NotAllowed")
    assert checked == {"ok": mine["ok"], "findings": mine["findings"]}
    assert mine["subject"] == draft["subject"] and titled["subject"] == "Thank you, José"
    assert ok(web_user.get(f"{API}/actions/{action}/note")) == cli.json(
        "note", "show", str(action))
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    error(web_user.get(f"{API}/actions/{action}/note.pdf"), 409, "NotAllowed")


def test_a_text_is_checked_without_being_saved(web_user: Web) -> None:
    result = record(web_user)
    thank_you = step(result, "thank_you")["id"]
    before = everything(web_user)

    checked = ok(web_user.api("POST", f"{API}/notes/check", {
        "body": "Dear Jose Nunez,\n\nThanks.\n\nSiobhán", "to": "José Núñez",
        "application_id": result["application"]["id"]}))
    nobody = web_user.api("POST", f"{API}/notes/check", {
        "body": "Dear X,", "to": "Nobody", "application_id": result["application"]["id"]})
    as_step = ok(web_user.api("POST", f"{API}/notes/check", {
        "body": "  Dear Jose Nunez,\n\nThanks.\n\nSiobhán", "action_id": thank_you}))
    neither = web_user.api("POST", f"{API}/notes/check", {"body": "Dear X,"})

    assert checked["ok"] is False
    assert "name_spelling" in {f["rule"] for f in checked["findings"]}
    assert "Nobody" in error(nobody, 404, "NotFound")
    assert as_step["body"] == "Dear Jose Nunez,\n\nThanks.\n\nSiobhán"  # as it would be kept
    assert "name_spelling" in {f["rule"] for f in as_step["findings"]}
    assert "action_id" in error(neither, 422, "InvalidInput")
    assert everything(web_user) == before
    assert ok(web_user.get(f"{API}/notes/templates"))[0] == {
        "kind": "inquiry", "tone": "formal", "template": "built-in"}


def test_a_call_script_names_the_position(web_user: Web) -> None:
    result = record(web_user)
    inquiry = step(result, "inquiry")["id"]

    script = ok(web_user.get(f"{API}/actions/{inquiry}/script"))
    thank_you = web_user.get(f"{API}/actions/{step(result, 'thank_you')['id']}/script")

    assert script["action_id"] == inquiry and "Data Analyst" in script["script"]
    assert script["phone"] is None and "followup" not in script["script"]
    error(thank_you, 409, "NotAllowed")


# -- bad input --------------------------------------------------------------------------------
@pytest.mark.parametrize("record_id", [0, -1, 2**31, 2**63, 10**30])
def test_ids_out_of_range_are_not_found(web_user: Web, record_id: int) -> None:
    for method, path, body in [
        ("GET", f"/applications/{record_id}/plan", None),
        ("GET", f"/contacts/{record_id}", None),
        ("GET", f"/actions/{record_id}", None),
        ("GET", f"/contacts?application_id={record_id}", None),
        ("GET", f"/actions/{record_id}/note", None),
        ("POST", f"/actions/{record_id}/done", None),
        ("POST", f"/applications/{record_id}/calls", {"outcome": "reached"}),
        ("POST", f"/applications/{record_id}/outcome", {"result": "hired"}),
        ("PATCH", f"/interviews/{record_id}", {"notes": "x"}),
        ("DELETE", f"/applications/{record_id}", None),
        ("POST", "/interviews", {**INTERVIEW, "application_id": record_id}),
    ]:
        error(web_user.api(method, API + path, body), 404, "NotFound")


@pytest.mark.parametrize("change", [
    {"format": "carrier pigeon"}, {"company": "Acme\x00"}, {"company": "x" * 201},
    {"notes": "n" * 20_001}, {"duration": 0}, {"duration": 10**12}, {"start": "tomorrowish"},
    {"start": "9999-12-31T23:30"}, {"decision_by": "when pigs fly"}, {"timezone": "Mars/Base"},
    {"interviewers": [{"name": "José", "email": "jose@x"}]}, {"colour": "blue"},
    {"helpers": ["\x00"]},
    {"interviewers": [{"name": "Ann", "topic": "  "}]}, {"next_step": "x\x00y"},
    {"interviewers": [{"name": "Ann", "title": "\u0958" * 200}]},  # longer once composed
])
def test_bad_interview_input_is_refused_and_nothing_is_written(web_user: Web,
                                                               change: dict[str, Any]) -> None:
    record(web_user)
    before = everything(web_user)

    error(web_user.api("POST", f"{API}/interviews", {**INTERVIEW, **change}), 422,
          "InvalidInput")

    assert everything(web_user) == before


def test_failed_changes_leave_the_data_as_it_was(web_user: Web) -> None:
    result = record(web_user)
    app, interview = result["application"]["id"], result["interview"]["id"]
    before = everything(web_user)

    for method, path, body, status in [
        ("PATCH", f"/interviews/{interview}", {"decision_by": "yesterday, maybe"}, 422),
        ("PATCH", f"/interviews/{interview}", {"start": "2026-11-24T10:00",
                                               "end": "2026-11-24T09:00"}, 422),
        ("POST", f"/applications/{app}/calls", {"outcome": "voicemail",
                                                "decision": "offer"}, 422),
        ("POST", f"/applications/{app}/calls", {"outcome": "reached",
                                                "callback": "2026-11-01T10:00"}, 422),
        ("POST", f"/applications/{app}/outcome", {"result": "maybe"}, 422),
        ("POST", f"/applications/{app}/outcome", {"result": "active"}, 409),
        ("POST", f"/actions/{step(result, 'thank_you')['id']}/done",
         {"at": "2027-01-01T10:00"}, 422),
        ("POST", f"/actions/{step(result, 'thank_you')['id']}/skip", {"reason": " "}, 422),
        ("PATCH", f"/applications/{app}", {"company": ""}, 422),
        ("POST", f"/applications/{app}/contacts", {"name": "Ann", "email": "not-mail"}, 422),
        ("PUT", "/settings/policy.gap_business_days", {"value": "-3"}, 422),
        ("PUT", "/profile", {"name": "Ann", "email": "a@b.example", "timezone": "Nowhere"},
         422),
        ("POST", f"/actions/{step(result, 'thank_you')['id']}/note/draft",
         {"tone": "sarcastic"}, 422),
    ]:
        response = web_user.api(method, API + path, body)
        assert response.status_code == status, (path, body, response.text)
        assert set(response.json()) == {"error"}

    assert everything(web_user) == before


def test_a_lone_surrogate_or_broken_json_is_invalid_input(web_user: Web) -> None:
    headers = {"content-type": "application/json"}
    for raw in ['{"company": "\\ud800", "position": "x", "start": "2026-11-24T10:00"}',
                '{"company": ', "[]", "null"]:
        response = web_user.client.post(f"{API}/interviews", content=raw, headers=headers)
        error(response, 422, "InvalidInput")
    error(web_user.get(f"{API}/agenda", params={"days": 3651}), 422, "InvalidInput")
    error(web_user.get(f"{API}/applications", params={"status": "x"}), 422, "InvalidInput")


# -- the description ------------------------------------------------------------------------
def test_every_operation_documents_its_errors_and_the_docs_page_lists_it(web_user: Web) -> None:
    spec = ok(web_user.get(f"{API}/openapi.json"))
    page = web_user.get(f"{API}/docs")

    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    api = {path: item for path, item in spec["paths"].items() if path.startswith(API)}
    assert len(api) >= 25
    for path, item in api.items():
        for method, operation in item.items():
            assert operation["responses"]["422"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorOut"}, (method, path)
            assert f"{method.upper()} {path}" in page.text.replace("<wbr>", "")
    assert "Body_setup" not in page.text and "<code>GET /setup</code>" not in page.text
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text)  # no inline script
    for link in re.findall(r'(?:src|href)="(\w+:[^"]*)"', page.text):
        assert link.startswith(("http://127.0.0.1:8000/", "mailto:")), link  # nothing elsewhere


def test_the_openapi_document_describes_the_api_only(web_user: Web) -> None:
    spec = ok(web_user.get(f"{API}/openapi.json"))

    assert [path for path in spec["paths"] if not path.startswith(f"{API}/")] == []
