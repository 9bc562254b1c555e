"""The board of applications in Chromium: without JavaScript, on a 375 px phone, by keyboard."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, serious_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def card(page: Page, column: str, company: str) -> Any:
    """The card of `company` in the board's column named `column`."""
    return page.get_by_role("region", name=re.compile(f"^{column}")).get_by_role(
        "article").filter(has_text=company)


def tab_to(page: Page, target: Any, presses: int = 80) -> None:
    """Presses Tab until `target` has the focus (or fails when it never gets it)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            break
    expect(target).to_be_focused()


def status(server: Server, application_id: int) -> str:
    return str(server.json("plan", str(application_id))["application"]["status"])


def test_without_javascript_on_a_phone_a_card_records_the_outcome(
        new_context: Callable[..., Any], server: Server,
        interview: Callable[..., Any]) -> None:
    record = interview("Tavlan Noscript AB", "Åsa Lindqvist <asa@tavlan.example>")
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    page.set_default_timeout(8_000)
    page.goto("/applications")
    page.get_by_role("link", name="Board", exact=True).click()
    page.get_by_label("Search").fill("tavlan noscript")
    page.get_by_role("button", name="Show").click()

    waiting = card(page, "Waiting", "Tavlan Noscript AB")
    expect(waiting).to_contain_text("Thank-you note to Åsa Lindqvist")
    expect(waiting).to_contain_text("deadline")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    waiting.get_by_role("button", name="Rejected").click()

    expect(page.get_by_text("Outcome recorded; the plan is updated.")).to_be_visible()
    expect(card(page, "Closed", "Tavlan Noscript AB")).to_be_visible()
    expect(card(page, "Waiting", "Tavlan Noscript AB")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"view=board&q=tavlan\+noscript#card-\d+$"))
    assert status(server, record["application"]["id"]) == "rejected"


def test_the_keyboard_alone_searches_and_moves_a_card_to_offer(
        page: Page, server: Server, interview: Callable[..., Any]) -> None:
    record = interview("Tavlan Tangent Oy", "Jūratė Kazlauskienė <jurate@tangent.example>")
    page.goto("/applications?view=board")
    tab_to(page, page.get_by_label("Search"))
    page.keyboard.type("tavlan tangent")
    page.keyboard.press("Enter")
    expect(card(page, "Waiting", "Tavlan Tangent Oy")).to_be_visible()

    tab_to(page, card(page, "Waiting", "Tavlan Tangent Oy").get_by_role("button", name="Offer"))
    page.keyboard.press("Enter")

    expect(card(page, "Offer", "Tavlan Tangent Oy")).to_be_visible()
    assert status(server, record["application"]["id"]) == "offer"


def test_the_board_and_the_filtered_list_have_no_serious_accessibility_violation(
        page: Page, interview: Callable[..., Any]) -> None:
    interview("Tavlan Axe GmbH", "王芳 <wang@axe.example>")
    for address in ("/applications?view=board", "/applications?q=tavlan&sort=company"):
        page.goto(address)
        assert serious_violations(page) == [], address
