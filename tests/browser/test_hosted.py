"""A hosted installation in Chromium: sign in on a phone, capture an interview, sign out; and
the same door at desktop width."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import fill_interview
from tests.hosted_server import LiveHosted, start_hosted
from tests.web_client import PASSWORD

pytestmark = pytest.mark.browser

ANA = "ana@example.org"
SUBMIT = re.compile(r"save|record|plan", re.I)
PHONE = {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True}


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveHosted]:
    """A hosted installation on SQLite, served live, passwords hashed at the installation's
    own cost (as a real login pays it)."""
    home: Path = tmp_path_factory.mktemp("hosted") / "home"
    with pytest.MonkeyPatch.context() as env:
        live = start_hosted(env, home, f"sqlite:///{home / 'followup.db'}", quick=False)
        try:
            yield live
        finally:
            live.stop()


def sign_in(page: Page, live: LiveHosted, email: str = ANA) -> None:
    page.goto(live.url + "/")
    expect(page).to_have_url(re.compile(r"/login$"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")


def test_on_a_phone_a_seeker_signs_in_captures_an_interview_and_signs_out(
        browser: Browser, hosted: LiveHosted) -> None:
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.set_default_timeout(8_000)
        sign_in(page, hosted)

        page.get_by_role("link", name="New interview").click()
        expect(page).to_have_url(hosted.url + "/interviews/new")
        fill_interview(page, "Fjord Analytics", [("Ingrid Berg", "ingrid@fjord.example")],
                       when="2026-11-24T14:00")
        page.get_by_role("button", name=SUBMIT).tap()
        expect(page).to_have_url(re.compile(r"/applications/\d+$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Fjord Analytics")
        thank_you = re.compile("Thank-you note to Ingrid Berg")
        expect(page.locator("li").filter(has_text=thank_you).first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.get_by_role("link", name="Today").tap()
        expect(page.locator("li, tr").filter(has_text=thank_you).first).to_be_visible()

        page.get_by_role("button", name="Sign out").tap()
        expect(page).to_have_url(re.compile(r"/login$"))
        assert not [c for c in context.cookies() if c["name"] == "followup_session"]
        page.goto(hosted.url + "/")
        expect(page).to_have_url(re.compile(r"/login$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Followup")
    finally:
        context.close()


def test_at_desktop_width_the_same_login_works(browser: Browser, hosted: LiveHosted) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.set_default_timeout(8_000)
        page.goto(hosted.url + "/contacts")  # a page asked for first comes back after login
        expect(page).to_have_url(re.compile(r"/login\?next=/contacts$"))
        page.get_by_label("Email").fill(ANA)
        page.get_by_label("Password", exact=True).fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_contain_text("The email or the password is not right")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(hosted.url + "/contacts")
        page.get_by_role("link", name="Today").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    finally:
        context.close()
