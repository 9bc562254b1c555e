"""Every page for every user: no serious accessibility fault, phones, keyboards, no JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    Server,
    fill_interview,
    phone_ids,
    serious_violations,
    status_of,
    step_ids,
)

pytestmark = pytest.mark.browser

PAGES = ["Today", "Coming up", "New interview", "Edit interview", "Application", "Call", "Note",
         "Applications", "Contacts", "Contact", "Insights", "Outbox", "Settings", "Setup",
         "Checker rules", "Import"]
SUBMIT = re.compile(r"save|record|plan", re.I)
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def sample(server: Server) -> Any:
    """One application with a thank-you to write and a call to make, seen on every page; its
    long names and addresses are what a narrow screen must wrap."""
    return server.json(
        "interview", "add", "--company", "Ærø Čapek & Søn Internationale Vertriebsgesellschaft",
        "--position", "Senior data analyst, customer insights and pricing",
        "--at", "2026-11-30 14:00",
        "--interviewer", "Siobhán Ó Briain <siobhan.obriain.talent-acquisition@aero-capek.example>",
        "--interviewer", "王芳 <wang@aero.example>", "--next-step", "a case study",
        "--decision-by", "next Friday")


@pytest.fixture
def url_of(request: pytest.FixtureRequest, server: Server, sample: Any) -> Callable[[str], str]:
    """The address of a page by its name; Setup is on a home nobody has used yet."""

    contact = next(a["contact"]["id"] for a in sample["actions"] if a["contact"])

    def url(name: str) -> str:
        if name == "Setup":
            return request.getfixturevalue("empty_server").url + "/setup"
        path = {
            "Today": "/",
            "Coming up": "/coming",
            "New interview": "/interviews/new",
            "Edit interview": f"/interviews/{sample['interview']['id']}/edit",
            "Application": f"/applications/{sample['application']['id']}",
            "Call": f"/actions/{phone_ids(sample)[0]}/call",
            "Note": f"/actions/{step_ids(sample, 'thank_you')[0]}/note",
            "Applications": "/applications",
            "Contacts": "/contacts",
            "Contact": f"/contacts/{contact}/edit",
            "Insights": "/insights",
            "Outbox": "/outbox",
            "Settings": "/settings",
            "Checker rules": "/checker",
            "Import": "/import",
        }[name]
        return server.url + path

    return url


@pytest.mark.parametrize("name", PAGES)
def test_the_page_has_no_serious_or_critical_accessibility_violation(
        page: Page, url_of: Callable[[str], str], name: str) -> None:
    response = page.goto(url_of(name))
    assert response is not None and response.ok, f"{name}: {response and response.status}"
    assert serious_violations(page) == []


@pytest.mark.parametrize("name", PAGES)
def test_the_page_loads_everything_from_the_app_itself_and_logs_no_error(
        page: Page, url_of: Callable[[str], str], name: str) -> None:
    url = url_of(name)
    origin = "/".join(url.split("/", 3)[:3]) + "/"
    elsewhere: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((origin, "data:"))
            else elsewhere.append(r.url))
    # A script or style the CSP refuses shows up here, as does a script that breaks.
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    assert elsewhere == []
    assert errors == []


@pytest.mark.parametrize("name", PAGES)
def test_the_page_fits_a_375_pixel_phone_without_scrolling_sideways(
        new_context: Callable[..., Any], url_of: Callable[[str], str], name: str) -> None:
    phone = new_context(viewport=PHONE).new_page()
    response = phone.goto(url_of(name))
    assert response is not None and response.ok, f"{name}: {response and response.status}"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_without_javascript_an_interview_is_captured_and_a_step_marked_done(
        new_context: Callable[..., Any], server: Server) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.set_default_timeout(8_000)
    page.goto("/interviews/new")
    fill_interview(page, "Noscript Oy", [("Aino Virtanen", "aino@noscript.example"),
                                         ("Mikko Mäkelä", "mikko@noscript.example")])
    page.get_by_role("button", name=SUBMIT).click()
    expect(page).to_have_url(re.compile(r"/applications/\d+$"))
    thanks = page.locator("li, tr").filter(has_text=re.compile(r"thank.you\b(?!.*decision)", re.I))
    expect(thanks.filter(has_text="Mikko Mäkelä").first).to_be_visible()
    application = int(page.url.rsplit("/", 1)[1])
    plan = server.json("plan", str(application))
    step = step_ids(plan, "thank_you")[0]

    row = thanks.filter(has_text="Aino Virtanen").first
    done = row.get_by_role("button", name=re.compile("^done", re.I))
    done.click()

    expect(done).to_have_count(0)
    expect(row).to_contain_text("done")
    assert status_of(server, application, step) == "done"


def test_without_javascript_the_checker_reads_a_note_on_request(
        new_context: Callable[..., Any], interview: Callable[..., Any]) -> None:
    record = interview("Noscript Notes Oy", "José García <jose@noscript-notes.example>")
    page = new_context(java_script_enabled=False).new_page()
    page.set_default_timeout(8_000)
    page.goto(f"/actions/{step_ids(record, 'thank_you')[0]}/note")
    page.get_by_label("Note", exact=True).fill("Dear Jose Garcai,\n\nThank you.")
    page.get_by_role("button", name="Check without saving").click()

    expect(page.get_by_text(re.compile("misspelling of García")).first).to_be_visible()
    expect(page.get_by_label("Note", exact=True)).to_have_value(re.compile("Garcai"))


def test_without_javascript_a_finding_s_fix_is_applied_from_its_list(
        new_context: Callable[..., Any], interview: Callable[..., Any]) -> None:
    record = interview("Noscript Fixes Oy", "José García <jose@noscript-fixes.example>")
    page = new_context(java_script_enabled=False).new_page()
    page.set_default_timeout(8_000)
    page.goto(f"/actions/{step_ids(record, 'thank_you')[0]}/note")
    page.get_by_label("Note", exact=True).fill("Dear José García,\n\nThank you.\n\nCheers,\nAlex")
    page.get_by_role("button", name="Check without saving").click()
    page.get_by_text("Suggested fix").first.click()
    page.get_by_role("button", name="Apply this fix").first.click()

    expect(page.get_by_label("Note", exact=True)).to_have_value(re.compile("Kind regards,\nAlex"))
    expect(page.get_by_text("Not saved yet.")).to_be_visible()


def test_the_keyboard_alone_reaches_the_company_field_and_the_save_button(page: Page) -> None:
    page.goto("/interviews/new")
    company = page.get_by_label("Company")
    submit = page.get_by_role("button", name=SUBMIT)
    reached: list[str] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        if not reached and company.evaluate("e => e === document.activeElement"):
            reached.append("Company")
            page.keyboard.type("Tabbed Ltd")
        elif reached and submit.evaluate("e => e === document.activeElement"):
            reached.append("submit")
            break
    assert reached == ["Company", "submit"]
    expect(company).to_have_value("Tabbed Ltd")


def test_the_keyboard_alone_skips_to_the_content_and_ticks_a_step_off_today(
        page: Page, server: Server, interview: Callable[..., Any]) -> None:
    record = interview("Keyboard Kft", "Zoltán Kovács <zoltan@keyboard.example>")
    step = step_ids(record, "thank_you")[0]
    # Every step of the day, whatever the suite's other tests recorded before this one.
    page.goto("/?all=1")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()

    done = page.get_by_role("button", name=re.compile(r"^Done\W+Thank.you.*Zoltán Kovács$"))
    for _ in range(1000):
        page.keyboard.press("Tab")
        if done.evaluate("e => e === document.activeElement"):
            break
    expect(done).to_be_focused()
    page.keyboard.press("Space")
    expect(done).to_have_count(0)
    assert status_of(server, record["application"]["id"], step) == "done"
