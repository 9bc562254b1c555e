"""The rich pages in process on SQLite and PostgreSQL: capturing an interview, the application
with its timeline, calls, outcomes, and the note editor with its checker."""

from __future__ import annotations

import html
import re
from typing import Any

import httpx

from followup.services import interviews, notes, queries
from followup.services.views import jsonable
from tests.web_client import Web, web_user_fixture  # noqa: F401

HOSTILE = "<script>alert(1)</script>"


def interview_form(**changes: Any) -> dict[str, Any]:
    """The New interview form as a person fills it: two interviewers, yesterday afternoon
    (the clock is Wed 25 Nov 2026, 09:00 in Dublin)."""
    form: dict[str, Any] = {
        "company": "Nordlys AS", "position": "Data Engineer", "at": "2026-11-24T14:00",
        "duration": "45", "format": "panel", "timezone": "",
        "iv_name": ["José García", "王芳"], "iv_email": ["jose@nordlys.example", ""],
        "iv_title": ["Head of Data", ""], "iv_topic": ["the Berlin migration", ""],
        "hp_name": ["Mary Byrne", ""], "hp_role": ["receptionist", ""],
        "forgot": "my Go experience", "next_step": "a second round with the team",
        "decision_by": "in two weeks", "notes": "", "application": "",
    }
    form.update(changes)
    return form


def capture(w: Web, **changes: Any) -> int:
    """Posts the New interview form; the id of the application it lands on."""
    response = w.form("/interviews/new", interview_form(**changes))
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/applications/(\d+)", response.headers["location"])
    assert match, response.headers["location"]
    return int(match.group(1))


JOSE_GARCIA = interviews.PersonIn("José García", "jose@example.com")


def record(w: Web, company: str = "Callback GmbH",
           interviewer: interviews.PersonIn = JOSE_GARCIA) -> dict[str, Any]:
    """An interview recorded through the services (yesterday 14:00), as `interview add`."""
    return jsonable(interviews.add_interview(w.deps, interviews.InterviewForm(
        company=company, position="Engineer", at="2026-11-24T14:00",
        interviewers=[interviewer])))


def step(result: dict[str, Any], kind: str) -> int:
    return int(next(a["id"] for a in result["actions"] if a["kind"] == kind))


def kinds(w: Web, application_id: int, status: str = "planned") -> list[str]:
    plan = jsonable(queries.application_plan(w.deps, application_id))
    return [a["kind"] for a in plan["actions"] if a["status"] == status]


def value_of(page: httpx.Response, field_id: str) -> str:
    """The value attribute of an input, as the browser would read it."""
    match = re.search(rf'<input id="{field_id}"[^>]*?value="([^"]*)"', page.text)
    assert match, f"no input #{field_id}"
    return html.unescape(match.group(1))


def test_the_new_interview_form_labels_every_field_a_person_fills(web_user: Web) -> None:
    page = web_user.get("/interviews/new")

    assert page.status_code == 200
    for label in ("Company", "Position", "Date and time", "Next step", "Decision date"):
        assert re.search(rf'<label for="[\w-]+">{label}</label>', page.text), label
    assert page.text.count(">Interviewer name</label>") == 2
    assert page.text.count(">Interviewer email</label>") == 2
    assert 'type="datetime-local"' in page.text
    assert "Add another interviewer" in page.text and "Save and plan" in page.text


def test_capturing_an_interview_with_two_interviewers_shows_the_plan_and_its_timeline(
        web_user: Web) -> None:
    application_id = capture(web_user)

    page = web_user.get(f"/applications/{application_id}")
    assert page.status_code == 200
    text = page.text
    assert "Saved; the plan below is up to date." in text
    assert "Saved;" not in web_user.get(f"/applications/{application_id}").text  # said once
    assert "Thank-you note to José García" in text and "Thank-you note to 王芳" in text
    assert '<svg viewBox="0 0 360' in text and "Decision expected" in text
    assert ">Today</text>" in text
    assert "Tue 8 Dec" in text  # "in two weeks" from Tue 24 Nov
    plan = jsonable(queries.application_plan(web_user.deps, application_id))
    people = {c["name"]: c for c in plan["contacts"]}
    assert people["José García"]["title"] == "Head of Data"
    assert people["José García"]["email"] == "jose@nordlys.example"
    assert people["Mary Byrne"]["role"] == "helper"
    assert people["Mary Byrne"]["title"] == "receptionist"
    interview = plan["interviews"][0]
    assert interview["format"] == "panel" and interview["forgotten"] == ["my Go experience"]
    assert {p["topic"] for p in interview["participants"]} >= {"the Berlin migration"}
    assert interview["end"].startswith("2026-11-24T14:45")
    assert kinds(web_user, application_id).count("thank_you") == 2


def test_the_same_company_and_position_again_records_a_later_round(web_user: Web) -> None:
    first = capture(web_user)
    second = capture(web_user, company="nordlys  as", at="2026-11-26T10:00",
                     iv_name=["Ann Lee"], iv_email=[""], iv_title=[""], iv_topic=[""])

    assert second == first
    rounds = [i.round for i in queries.application_plan(web_user.deps, first).interviews]
    assert rounds == [1, 2]


def test_the_decision_phrase_is_resolved_before_anything_is_saved(web_user: Web) -> None:
    preview = web_user.get("/interviews/decision-preview",
                           params={"decision_by": "next Friday", "at": "2026-11-24T14:00"})
    assert preview.status_code == 200 and "Fri 04 Dec 2026" in preview.text

    unreadable = web_user.get("/interviews/decision-preview",
                              params={"decision_by": "when the moon is blue"})
    assert unreadable.status_code == 200 and "when the moon is blue" in unreadable.text

    checked = web_user.form("/interviews/new", interview_form(check="1"))
    assert checked.status_code == 200
    assert "Resolves to <strong>Tue 08 Dec 2026</strong>" in checked.text
    assert value_of(checked, "company") == "Nordlys AS"
    assert jsonable(queries.applications(web_user.deps)) == []


def test_an_unreadable_date_keeps_every_value_typed_and_saves_nothing(web_user: Web) -> None:
    page = web_user.form("/interviews/new", interview_form(at="Tuesday afternoon"))

    assert page.status_code == 422
    assert 'id="at-error"' in page.text and "is not a date and time" in page.text
    assert value_of(page, "company") == "Nordlys AS"
    assert value_of(page, "iv-name-0") == "José García"
    assert value_of(page, "iv-name-1") == "王芳"
    assert value_of(page, "at") == "Tuesday afternoon"
    assert value_of(page, "decision_by") == "in two weeks"
    assert jsonable(queries.applications(web_user.deps)) == []


def test_an_empty_company_is_named_next_to_its_field(web_user: Web) -> None:
    page = web_user.form("/interviews/new", interview_form(company="  "))

    assert page.status_code == 422
    assert '<p class="field-error" id="company-error">the company must not be empty</p>' \
        in page.text
    assert 'aria-invalid="true"' in page.text
    assert jsonable(queries.applications(web_user.deps)) == []


def test_another_interviewer_row_keeps_what_was_typed(web_user: Web) -> None:
    page = web_user.form("/interviews/new", interview_form(more="1"))

    assert page.status_code == 200
    assert page.text.count(">Interviewer name</label>") == 3
    assert value_of(page, "iv-name-1") == "王芳" and value_of(page, "iv-name-2") == ""
    row = web_user.get("/interviews/new/rows", params={"count": 3})
    assert 'id="iv-name-3"' in row.text and "Interviewer 4" in row.text
    assert 'hx-swap-oob="true"' in row.text and "count=4" in row.text


def test_logging_a_call_with_a_call_back_time_plans_the_call_back(web_user: Web) -> None:
    result = record(web_user)
    application_id = result["application"]["id"]
    script = web_user.get(f"/actions/{step(result, 'inquiry')}/call")
    assert script.status_code == 200 and "Could I speak with José García" in script.text

    response = web_user.form(f"/actions/{step(result, 'inquiry')}/call",
                             {"outcome": "reached", "decision": "pending",
                              "callback": "2026-11-27T15:00", "notes": "call Friday"})

    assert response.status_code == 303
    assert response.headers["location"] == f"/applications/{application_id}"
    page = web_user.get(response.headers["location"])
    assert "Call-back to José García" in page.text and "Call logged" in page.text
    assert "callback" in kinds(web_user, application_id)


def test_the_call_page_dials_the_number_and_its_log_answers_that_step(web_user: Web) -> None:
    from followup.services import contacts

    result = record(web_user, "Dialers Ltd")
    inquiry = step(result, "inquiry")
    contact = result["actions"][0]["contact"]["id"]
    contacts.edit_contact(web_user.deps, contact, contacts.ContactForm(phone="+353 (1) 555-0100"))

    page = web_user.get(f"/actions/{inquiry}/call").text
    logged = web_user.form(f"/actions/{inquiry}/call", {"outcome": "voicemail"})

    assert 'href="tel:+35315550100"' in page and "Call José García: +353 (1) 555-0100" in page
    assert "followup call log" not in page
    assert logged.status_code == 303
    plan = jsonable(queries.application_plan(web_user.deps, result["application"]["id"]))
    assert {a["id"]: a["status"] for a in plan["actions"]}[inquiry] == "done"


def test_a_call_that_cannot_be_logged_comes_back_with_what_was_typed(web_user: Web) -> None:
    application_id = record(web_user)["application"]["id"]

    page = web_user.form(f"/applications/{application_id}/calls",
                         {"outcome": "reached", "callback": "2026-11-20T15:00",
                          "notes": "said to ring back"})

    assert page.status_code == 422
    assert "the call-back time must be later than now" in page.text
    assert "said to ring back</textarea>" in page.text
    assert jsonable(queries.application_plan(web_user.deps, application_id))["touches"] == []


def test_they_got_in_touch_stops_the_chasing(web_user: Web) -> None:
    application_id = record(web_user)["application"]["id"]

    response = web_user.form(f"/applications/{application_id}/heard",
                             {"decision_by": "next Friday", "notes": "still deciding"})

    assert response.status_code == 303
    touches = jsonable(queries.application_plan(web_user.deps, application_id))["touches"]
    assert [t["kind"] for t in touches] == ["call_received"]
    assert touches[0]["decision_date"] == "2026-12-04"  # Friday of next week


def test_marking_the_application_rejected_plans_the_thank_after_decision_step(
        web_user: Web) -> None:
    application_id = record(web_user, "Rejecting Inc")["application"]["id"]
    page = web_user.get(f"/applications/{application_id}").text
    assert "Thank-you after the decision" not in page

    response = web_user.form(f"/applications/{application_id}/outcome", {"outcome": "rejected"})

    assert response.status_code == 303
    page = web_user.get(response.headers["location"]).text
    assert "Thank-you after the decision to José García" in page
    assert "Outcome: rejected" in page and "Undo the outcome" in page
    undo = web_user.form(f"/applications/{application_id}/outcome", {"outcome": "active"})
    assert undo.status_code == 303
    assert "thank_after_decision" not in kinds(web_user, application_id)


def test_an_outcome_recorded_twice_is_refused_on_the_page(web_user: Web) -> None:
    application_id = record(web_user)["application"]["id"]
    web_user.form(f"/applications/{application_id}/outcome", {"outcome": "offer"})

    page = web_user.form(f"/applications/{application_id}/outcome", {"outcome": "offer"})

    assert page.status_code == 409 and "is already offer" in page.text


def test_editing_and_deleting_the_application_needs_the_box_ticked(web_user: Web) -> None:
    application_id = record(web_user)["application"]["id"]
    edited = web_user.form(f"/applications/{application_id}/edit",
                           {"company": "Callback AG", "position": "Engineer",
                            "url": "https://jobs.example/1"})
    assert edited.status_code == 303
    assert "Callback AG" in web_user.get(f"/applications/{application_id}").text

    refused = web_user.form(f"/applications/{application_id}/delete", {})
    assert refused.status_code == 422 and "tick the box" in refused.text
    deleted = web_user.form(f"/applications/{application_id}/delete", {"confirm": "yes"})
    assert deleted.status_code == 303 and deleted.headers["location"] == "/applications"
    assert jsonable(queries.applications(web_user.deps)) == []


def test_rescheduling_and_cancelling_an_interview(web_user: Web) -> None:
    result = record(web_user)
    interview_id = result["interview"]["id"]
    form = web_user.get(f"/interviews/{interview_id}/edit")
    assert form.status_code == 200 and value_of(form, "at") == "2026-11-24T14:00"
    assert value_of(form, "iv-email-0") == "jose@example.com"

    moved = web_user.form(f"/interviews/{interview_id}/edit", interview_form(
        company="Callback GmbH", position="Engineer", at="2026-11-30T11:00", duration="60",
        iv_name=["José García"], iv_email=["jose@example.com"], iv_title=[""], iv_topic=[""],
        hp_name=[""], hp_role=[""], forgot="", decision_by=""))
    assert moved.status_code == 303
    plan = jsonable(queries.application_plan(web_user.deps, result["application"]["id"]))
    assert plan["interviews"][0]["start"].startswith("2026-11-30T11:00")

    refused = web_user.form(f"/interviews/{interview_id}/cancel", {})
    assert refused.status_code == 422
    cancelled = web_user.form(f"/interviews/{interview_id}/cancel", {"confirm": "yes"})
    assert cancelled.status_code == 303
    plan = jsonable(queries.application_plan(web_user.deps, result["application"]["id"]))
    assert plan["interviews"][0]["cancelled"] is True


def test_the_note_editor_marks_a_misspelled_name_as_you_type_and_on_save(
        web_user: Web) -> None:
    action = step(record(web_user, "Misspelt Ltd"), "thank_you")
    page = web_user.get(f"/actions/{action}/note")
    assert page.status_code == 200 and "Dear José García" in page.text
    assert "misspelling" not in page.text
    assert "mailto:jose@example.com?subject=" in page.text

    typed = "Dear José Garcai,\n\nThank you for your time on Tuesday.\n\nSiobhán"
    checked = web_user.htmx(f"/actions/{action}/note/check", {"body": typed})

    assert checked.status_code == 200
    assert "looks like a misspelling of García" in checked.text
    assert re.search(r'<mark class="sev-\w+"[^>]*>Garcai<sup', checked.text)
    assert web_user.get(f"/actions/{action}/note").text.count("Garcai") == 0  # not kept

    saved = web_user.form(f"/actions/{action}/note", {"body": typed.replace("\n", "\r\n")})
    assert saved.status_code == 303
    page = web_user.get(saved.headers["location"]).text
    assert "looks like a misspelling of García" in page and "Garcai" in page
    assert jsonable(notes.show(web_user.deps, action))["body"] == typed  # the browser's CRLF as LF


def test_the_note_editor_changes_the_subject_and_keeps_a_refused_one_typed(
        web_user: Web) -> None:
    action = step(record(web_user, "Subjects Ltd"), "thank_you")
    body = jsonable(notes.draft(web_user.deps, action))["body"]

    saved = web_user.form(f"/actions/{action}/note", {"body": body, "subject": "Our talk"})
    refused = web_user.form(f"/actions/{action}/note", {"body": body, "subject": "   "})

    assert saved.status_code == 303
    assert jsonable(notes.show(web_user.deps, action))["subject"] == "Our talk"
    assert refused.status_code == 422 and 'id="subject-error"' in refused.text
    assert jsonable(notes.show(web_user.deps, action))["subject"] == "Our talk"


def test_a_letter_with_errors_is_printed_only_when_asked(web_user: Web) -> None:
    action = step(record(web_user, "Letters Ltd"), "thank_you")
    web_user.get(f"/actions/{action}/note")
    web_user.form(f"/actions/{action}/note", {"body": "Hey Jose,\n\nthanks!!"})

    held = web_user.get(f"/actions/{action}/note.pdf")
    assert held.status_code == 409 and "The checker holds this note back" in held.text

    printed = web_user.get(f"/actions/{action}/note.pdf", params={"force": "yes"})
    assert printed.status_code == 200
    assert printed.headers["content-type"] == "application/pdf"
    assert printed.content.startswith(b"%PDF")


def test_a_hostile_company_name_is_shown_as_text(web_user: Web) -> None:
    application_id = record(web_user, HOSTILE)["application"]["id"]

    for path in (f"/applications/{application_id}", "/interviews/new"):
        text = web_user.get(path).text if path != "/interviews/new" else web_user.form(
            path, interview_form(company=HOSTILE, at="bad")).text
        assert HOSTILE not in text, path
        assert html.escape(HOSTILE, quote=False) in text or "&lt;script&gt;" in text, path


def test_a_step_is_ticked_off_from_the_application_page(web_user: Web) -> None:
    result = record(web_user, "Ticking Ltd")
    application_id, thanks = result["application"]["id"], step(result, "thank_you")
    page = web_user.get(f"/applications/{application_id}").text
    assert f'action="/actions/{thanks}/done"' in page

    response = web_user.form(f"/actions/{thanks}/done",
                             {"next": f"/applications/{application_id}"})

    assert response.status_code == 303
    assert response.headers["location"] == f"/applications/{application_id}"
    assert "thank_you" in kinds(web_user, application_id, "done")


def test_overlapping_findings_are_marked_piece_by_piece_and_numbered_where_they_end() -> None:
    from followup.domain.notes.facts import Severity
    from followup.entrypoints.web.pages.notes import highlight
    from followup.services.note_views import FindingView

    body = "Hey Jose Garcai, thanks"
    findings = [FindingView("name_spelling", Severity.ERROR, "Jose", 4, 8),
                FindingView("tone", Severity.WARNING, "tone", 0, 23),
                FindingView("length", Severity.WARNING, "length", None, None)]

    pieces = highlight(body, findings)

    assert "".join(p["text"] for p in pieces) == body
    assert [(p["text"], p["findings"], p["ends"], p["severity"]) for p in pieces] == [
        ("Hey ", [2], [], "warning"), ("Jose", [1, 2], [1], "error"),
        (" Garcai, thanks", [2], [2], "warning")]


def test_a_decision_phrase_that_names_no_date_is_refused_next_to_its_field(
        web_user: Web) -> None:
    page = web_user.form("/interviews/new", interview_form(decision_by="when pigs fly"))

    assert page.status_code == 422
    assert re.search(r'<p class="field-error" id="decision_by-error">\'when pigs fly\' names no '
                     r'date', html.unescape(page.text))
    assert jsonable(queries.applications(web_user.deps)) == []


def test_a_later_round_from_the_application_page_keeps_its_company(web_user: Web) -> None:
    application_id = record(web_user, "Rounds Ltd")["application"]["id"]
    form = web_user.get(f"/interviews/new?application={application_id}")
    assert value_of(form, "company") == "Rounds Ltd" and "readonly" in form.text
    assert f'name="application" value="{application_id}"' in form.text

    response = web_user.form("/interviews/new", interview_form(
        company="Rounds Ltd", position="Engineer", application=str(application_id),
        at="2026-11-27T10:00", iv_name=["Ann Lee"], iv_email=[""], iv_title=[""],
        iv_topic=[""]))

    assert response.headers["location"] == f"/applications/{application_id}"
    plan = jsonable(queries.application_plan(web_user.deps, application_id))
    assert [i["round"] for i in plan["interviews"]] == [1, 2]
