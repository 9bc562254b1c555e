"""The first visit: an empty home asks who you are, then shows Today."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser


def fill_profile(page: Page) -> None:
    """Fills the setup form by its labels."""
    page.get_by_label(re.compile(r"^(your )?name", re.I)).fill("王芳")
    page.get_by_label(re.compile("email", re.I)).fill("wang@example.com")
    zone = page.get_by_label(re.compile("time ?zone", re.I))
    if zone.evaluate("e => e.tagName") == "SELECT":
        zone.select_option("Asia/Shanghai")
    else:
        zone.fill("Asia/Shanghai")


def test_the_first_visit_to_an_empty_home_goes_through_setup_to_today(
        page: Page, empty_server: Server) -> None:
    page.goto(empty_server.url + "/")
    expect(page).to_have_url(re.compile(r"/setup$"))

    fill_profile(page)
    page.get_by_role("button", name=re.compile(r"save|start|continue|create", re.I)).click()

    expect(page).to_have_url(empty_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("today", re.I))
    profile = empty_server.json("config", "list")
    values = {item["key"]: item["value"] for item in profile}
    assert values["name"] == "王芳"
    assert values["timezone"] == "Asia/Shanghai"
