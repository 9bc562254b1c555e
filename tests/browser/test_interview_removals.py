"""Removing a helper, a topic or the forgotten points on the interview form, in Chromium with
htmx and without JavaScript, against a live server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, serious_violations

pytestmark = pytest.mark.browser


def recorded(interview: Callable[..., Any], company: str) -> Any:
    """An interview with a topic, two helpers and a forgotten point."""
    return interview(company, "Siobhán Ó Briain <siobhan@example.com>",
                     topic="Siobhán Ó Briain: the pricing model", helper="Ann at reception",
                     forgot="my Go experience")


def on_record(server: Server, result: Any) -> Any:
    plan = server.json("plan", str(result["application"]["id"]))
    return next(i for i in plan["interviews"] if i["id"] == result["interview"]["id"])


def test_with_htmx_each_remove_button_takes_its_row_off_in_place(
        page: Page, server: Server, interview: Callable[..., Any]) -> None:
    result = recorded(interview, "Htmx Removals Ltd")
    url = f"/interviews/{result['interview']['id']}/edit"
    page.goto(url)
    assert serious_violations(page) == []
    page.evaluate("window.stillHere = true")  # gone if the page were loaded anew

    page.get_by_role("button", name="Remove Ann at reception").click()
    expect(page.get_by_text("Removed; the plan is updated.")).to_be_visible()
    page.get_by_role("button", name="Forget the topic of Siobhán Ó Briain").click()
    expect(page.get_by_role("button", name="Forget the topic of Siobhán Ó Briain")).to_have_count(0)

    expect(page.get_by_role("button", name="Remove Ann at reception")).to_have_count(0)
    assert page.evaluate("window.stillHere") is True  # htmx swapped the form in place
    recorded_now = on_record(server, result)
    assert [(p["name"], p["topic"]) for p in recorded_now["participants"]] == [
        ("Siobhán Ó Briain", None)]
    assert recorded_now["forgotten"] == ["my Go experience"]


def test_on_a_phone_without_javascript_clear_forgotten_points_saves_and_comes_back(
        new_context: Callable[..., Any], server: Server,
        interview: Callable[..., Any]) -> None:
    result = recorded(interview, "Noscript Removals Oy")
    page = new_context(java_script_enabled=False, viewport={"width": 375, "height": 740}
                       ).new_page()
    page.set_default_timeout(8_000)
    url = f"/interviews/{result['interview']['id']}/edit"
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # a phone's width

    page.get_by_role("button", name="Clear forgotten points").click()

    expect(page.get_by_text("Removed; the plan is updated.")).to_be_visible()
    expect(page.get_by_label("Forgotten points")).to_have_value("")
    assert on_record(server, result)["forgotten"] == []
