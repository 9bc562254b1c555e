"""What a job seeker does in the web app, in a real browser against a live server."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    Server,
    fill_interview,
    serious_violations,
    status_of,
    step_ids,
)

pytestmark = pytest.mark.browser

SUBMIT = re.compile(r"save|record|plan", re.I)
# Step names as pages word them ("Thank-you note to Ann").
THANK_YOU = r"thank.you\b(?!.*decision)"
THANK_AFTER = r"thank.*after.*decision"


def steps(page: Page, text: str) -> Any:
    """The steps (list items or table rows) of the page that mention `text`."""
    return page.locator("li, tr").filter(has_text=re.compile(text, re.I))


def test_capturing_an_interview_with_two_interviewers_plans_a_thank_you_for_each(
        page: Page, server: Server) -> None:
    page.goto("/interviews/new")
    fill_interview(page, "Nordlys Fjord AS", [("José García", "jose@nordlys.example"),
                                             ("Siobhán Kelly", "siobhan@nordlys.example")],
                   next_step="a second round", decision="in two weeks")
    # The phrase is resolved, against the interview's date, before anything is saved.
    expect(page.get_by_text(re.compile(r"Resolves to .*14 Dec"))).to_be_visible()
    page.get_by_role("button", name=SUBMIT).click()

    expect(page).to_have_url(re.compile(r"/applications/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nordlys Fjord AS")
    for name in ("José García", "Siobhán Kelly"):
        expect(steps(page, THANK_YOU).filter(has_text=name).first).to_be_visible()
    timeline = page.get_by_role("img", name=re.compile("timeline", re.I))
    expect(timeline).to_be_visible()
    for name in ("José García", "Siobhán Kelly"):  # drawn, and told to a screen reader
        expect(timeline).to_have_accessible_name(re.compile(f"Thank-you note to {name}"))


def test_on_a_phone_an_interview_is_captured_and_its_plan_shown(
        new_context: Callable[..., Any]) -> None:
    phone = new_context(viewport={"width": 375, "height": 740}, has_touch=True,
                        is_mobile=True).new_page()
    phone.set_default_timeout(8_000)
    phone.goto("/interviews/new")
    fill_interview(phone, "Lobby Lda", [("João Conceição", "joao@lobby.example")])
    phone.get_by_role("button", name=SUBMIT).tap()

    expect(phone).to_have_url(re.compile(r"/applications/\d+$"))
    expect(steps(phone, THANK_YOU).filter(has_text="João Conceição").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_misspelling_an_interviewers_name_in_a_note_shows_the_checkers_finding_as_you_type(
        page: Page, interview: Callable[..., Any]) -> None:
    record = interview("Misspelt Ltd", "José García <jose@misspelt.example>")
    page.goto(f"/actions/{step_ids(record, 'thank_you')[0]}/note")
    finding = page.get_by_text(re.compile("misspelling of García"))
    editor = page.get_by_label("Note", exact=True)
    expect(editor).not_to_have_value("")
    expect(finding).to_have_count(0)

    editor.fill("")
    editor.press_sequentially("Dear Jose Garcai,\n\nThank you for your time.", delay=5)

    expect(finding.first).to_be_visible()  # no button pressed: the page checks as you type
    expect(page.locator("mark").filter(has_text="Garcai")).to_be_visible()
    expect(page.get_by_text(re.compile("should be spelled José")).first).to_be_visible()


def test_logging_a_call_with_a_call_back_time_puts_the_call_back_on_today(
        page: Page, interview: Callable[..., Any]) -> None:
    record = interview("Telefonía Sur SL", "Ann Lee <ann@telefonia.example>")
    page.goto("/")
    call_back = steps(page, "call.?back to Ann Lee").filter(has_text="Telefonía Sur SL")
    expect(call_back).to_have_count(0)

    page.goto(f"/actions/{step_ids(record, 'inquiry')[0]}/call")
    page.get_by_label(re.compile("reached", re.I)).check()
    back = page.get_by_label(re.compile("call.?back", re.I))
    back.fill("2026-12-01T15:00" if back.get_attribute("type") == "datetime-local"
              else "2026-12-01 15:00")
    page.get_by_role("button", name=re.compile(r"log|save|record", re.I)).click()

    page.goto("/")
    expect(call_back).to_have_count(1)


def test_today_shows_the_time_agreed_for_a_call_back(
        page: Page, server: Server, interview: Callable[..., Any]) -> None:
    record = interview("Agreed Time SL", "Ann Lee <ann@agreed.example>")
    server.cli("call", "log", str(record["application"]["id"]), "--outcome", "reached",
               "--callback", "2026-12-01 15:00")
    page.goto("/")
    call_back = steps(page, "call.?back to Ann Lee").filter(has_text="Agreed Time SL")
    expect(call_back).to_contain_text("15:00", timeout=1_000)


def test_marking_an_application_rejected_plans_the_thank_after_decision_note(
        page: Page, interview: Callable[..., Any]) -> None:
    record = interview("Rejecting Inc", "Ann Lee <ann@rejecting.example>")
    page.goto(f"/applications/{record['application']['id']}")
    expect(steps(page, THANK_AFTER)).to_have_count(0)

    page.get_by_role("button", name=re.compile("^rejected$", re.I)).click()

    expect(page.get_by_text(re.compile("rejected", re.I)).first).to_be_visible()
    expect(steps(page, THANK_AFTER).first).to_be_visible()


def test_today_marks_one_step_done_and_skips_another_with_a_reason_in_place(
        page: Page, server: Server, interview: Callable[..., Any]) -> None:
    record = interview("Inplace SA", "Chloé Dubois <chloe@inplace.example>",
                       "Øystein Berg <oystein@inplace.example>")
    thank_chloe, thank_oystein = step_ids(record, "thank_you")
    page.goto("/")
    page.evaluate("window.stayed = true")  # gone if a click loads a new page

    done = page.get_by_role("button", name=re.compile(r"^Done\W+Thank.you.*Chloé Dubois$"))
    done.click()
    expect(done).to_have_count(0)
    page.get_by_text(re.compile(r"^Skip\W+Thank.you.*Øystein Berg$")).click()
    step = page.locator(f"#step-{thank_oystein}")
    step.get_by_label("Why skip it?").fill("thanked him in person")
    step.get_by_role("button", name="Skip this step").click()
    expect(page.get_by_text(re.compile(r"^Skip\W+Thank.you.*Øystein Berg$"))).to_have_count(0)

    assert page.evaluate("window.stayed") is True
    application = record["application"]["id"]
    assert status_of(server, application, thank_chloe) == "done"
    plan = server.json("plan", str(application))
    skipped = next(a for a in plan["actions"] if a["id"] == thank_oystein)
    assert (skipped["status"], skipped["reason"]) == ("skipped", "thanked him in person")


def test_a_form_with_a_mistake_keeps_what_was_typed_and_says_what_is_wrong(
        page: Page) -> None:
    page.goto("/interviews/new")
    fill_interview(page, "", [("Ann Lee", "ann@halfdone.example")], position="Tester")
    page.get_by_role("button", name=SUBMIT).click()

    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(page.get_by_label("Position")).to_have_value("Tester")
    expect(page.get_by_label("Interviewer name").first).to_have_value("Ann Lee")
    expect(page.get_by_label("Company")).to_have_attribute("aria-invalid", "true")
    assert serious_violations(page) == []


def test_an_unreadable_decision_phrase_is_marked_on_the_decision_date_field(
        page: Page) -> None:
    page.goto("/interviews/new")
    fill_interview(page, "Halfdone Ltd", [("Ann Lee", "ann@halfdone.example")],
                   decision="when pigs fly")
    page.get_by_role("button", name=SUBMIT).click()

    expect(page.get_by_role("alert")).to_contain_text("when pigs fly")
    expect(page.get_by_label("Company")).to_have_value("Halfdone Ltd")
    expect(page.get_by_label("Decision date")).to_have_attribute("aria-invalid", "true")


def test_they_got_in_touch_is_recorded_and_a_mistaken_outcome_is_undone(
        page: Page, server: Server, interview: Callable[..., Any]) -> None:
    record = interview("Touching AB", "Ann Lee <ann@touching.example>")
    application = record["application"]["id"]
    page.goto(f"/applications/{application}")

    page.get_by_label("What they said").fill("Décision la semaine prochaine")
    page.get_by_role("button", name="They got in touch").click()
    expect(page.locator("li").filter(has_text=re.compile("call received", re.I))).to_be_visible()

    page.get_by_role("button", name=re.compile("^rejected$", re.I)).click()
    page.get_by_role("button", name="Undo the outcome").click()
    expect(page.get_by_role("button", name="Undo the outcome")).to_have_count(0)

    plan = server.json("plan", str(application))
    assert plan["application"]["status"] == "active"
    assert [t["notes"] for t in plan["touches"]] == ["Décision la semaine prochaine"]
    assert {a["status"] for a in plan["actions"] if a["kind"] == "thank_after_decision"} == {
        "cancelled"}


def test_an_edited_note_is_kept_opens_in_the_mail_program_and_prints_as_a_letter(
        page: Page, interview: Callable[..., Any]) -> None:
    record = interview("Letterpress Ltd", "José García <jose@letterpress.example>")
    step = step_ids(record, "thank_you")[0]
    page.goto(f"/actions/{step}/note")
    editor = page.get_by_label("Note", exact=True)
    draft = editor.input_value()
    edited = draft.replace("Dear José García,",
                           "Dear José García,\n\nI enjoyed hearing about the Bergen office.")
    assert edited != draft
    editor.fill(edited)
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("Saved and checked.")).to_be_visible()
    expect(editor).to_have_value(edited)
    mailto = page.get_by_role("link", name="Open in your mail program")
    expect(mailto).to_have_attribute("href", re.compile(
        r"^mailto:jose@letterpress\.example\?.*Bergen%20office"))
    with page.expect_response(re.compile(r"/note\.pdf")) as letter:
        page.get_by_role("button", name="PDF letter").click()
    assert letter.value.status == 200
    assert letter.value.headers["content-type"] == "application/pdf"
    # The browser shows the letter in its PDF viewer; the same address, fetched with the
    # browser's cookies, is the file itself.
    assert page.context.request.get(letter.value.url).body().startswith(b"%PDF-")
