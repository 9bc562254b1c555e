"""Followup on a 375 px phone: every page fits, New interview's controls are thumb-sized, the app
can be put on the home screen, and an interview is captured by tapping."""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import Server, phone_ids, step_ids

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
TOUCH = 44
"""The smallest height of a control a thumb taps (Apple's and WCAG 2.5.5's 44 px)."""
PAGES = ["Today", "Coming up", "New interview", "Edit interview", "Application", "Call", "Note",
         "Applications", "Board", "People", "Contact", "Insights", "Outbox", "Settings",
         "Checker rules", "Import"]


@pytest.fixture
def phone(new_context: Callable[..., BrowserContext]) -> Page:
    """A page in a phone's browser: 375 x 812, touch, the mobile viewport rules."""
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.set_default_timeout(8_000)
    return page


@pytest.fixture(scope="module")
def sample(server: Server) -> Any:
    """An application whose long names a narrow screen must wrap, with a note and a call to do."""
    return server.json(
        "interview", "add", "--company", "Þórsdóttir Ráðgjöf & Samstarfsaðilar Alþjóðlegt ehf.",
        "--position", "Principal platform reliability engineer, payments infrastructure",
        "--at", "2026-11-30 14:00",
        "--interviewer",
        "Guðrún Sigurðardóttir <gudrun.sigurdardottir.recruitment@thorsdottir-radgjof.example>",
        "--interviewer", "王芳 <wang@thorsdottir.example>", "--next-step", "a design exercise",
        "--decision-by", "next Friday")


def path_of(name: str, sample: Any) -> str:
    contact = next(a["contact"]["id"] for a in sample["actions"] if a["contact"])
    return {
        "Today": "/",
        "Coming up": "/coming",
        "New interview": "/interviews/new",
        "Edit interview": f"/interviews/{sample['interview']['id']}/edit",
        "Application": f"/applications/{sample['application']['id']}",
        "Call": f"/actions/{phone_ids(sample)[0]}/call",
        "Note": f"/actions/{step_ids(sample, 'thank_you')[0]}/note",
        "Applications": "/applications",
        "Board": "/applications?view=board",
        "People": "/contacts",
        "Contact": f"/contacts/{contact}/edit",
        "Insights": "/insights",
        "Outbox": "/outbox",
        "Settings": "/settings",
        "Checker rules": "/checker",
        "Import": "/import",
    }[name]


WIDEST = """(width) => {
  return [...document.querySelectorAll("body *")]
    .filter((e) => e.getClientRects().length && !e.closest(".table-wrap, .skip, .default-submit"))
    .map((e) => [e.getBoundingClientRect().right, e.tagName.toLowerCase() + (e.id ? "#" + e.id
                 : e.className && typeof e.className === "string" ? "." + e.className : "")])
    .filter(([right]) => right > width + 0.5)
    .map(([right, what]) => `${what} ends at ${Math.round(right)} px`).slice(0, 5);
}"""
"""What sticks out of a screen `width` px wide on the right (a table scrolls in its own box, by
design). The width is given: a phone's browser widens its layout to what sticks out."""


@pytest.mark.parametrize("name", PAGES)
def test_the_page_fits_a_375_pixel_phone_without_scrolling_sideways(
        phone: Page, server: Server, sample: Any, name: str) -> None:
    response = phone.goto(server.url + path_of(name, sample))
    assert response is not None and response.ok, f"{name}: {response and response.status}"

    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], phone.evaluate(WIDEST, PHONE["width"])
    assert phone.evaluate(WIDEST, PHONE["width"]) == []
    phone.mouse.wheel(400, 0)  # a sideways swipe moves nothing
    assert phone.evaluate("window.scrollX") == 0


CONTROLS = """() => {
  const selector = "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, "
    + "textarea, button, summary, a.button, a.brand, header nav a, "
    + "label:has(input[type=checkbox]), label:has(input[type=radio]), "
    + "input[type=checkbox] + label, input[type=radio] + label";
  const width = window.innerWidth;
  return [...document.querySelectorAll(selector)].filter((e) => {
    const box = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    // What a person can see and tap: on the screen's width, not hidden, not aria-hidden.
    return e.getClientRects().length && style.visibility !== "hidden"
      && box.right > 0 && box.left < width && !e.closest("[aria-hidden=true], [hidden]");
  }).map((e) => ({
    what: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " "
      + (e.getAttribute("aria-label") || e.textContent || e.name || "").trim().slice(0, 40),
    height: e.getBoundingClientRect().height,
  }));
}"""


def test_on_new_interview_every_control_a_thumb_taps_is_at_least_44_pixels_tall(
        phone: Page) -> None:
    phone.goto("/interviews/new")
    rows = phone.get_by_label("Interviewer name").count()
    phone.get_by_role("button", name=re.compile(r"add.*interviewer", re.I)).tap()
    expect(phone.get_by_label("Interviewer name")).to_have_count(rows + 1)  # htmx's row too

    controls = phone.evaluate(CONTROLS)

    kinds = {c["what"].split(" ")[0].split("#")[0] for c in controls}
    assert {"input", "select", "textarea", "button", "a"} <= kinds, kinds
    assert len(controls) > 20
    small = [f"{c['what']}: {c['height']:.1f} px" for c in controls if c["height"] < TOUCH]
    assert small == []


@pytest.mark.parametrize("name", PAGES)
def test_on_every_page_every_control_a_thumb_taps_is_at_least_44_pixels_tall(
        phone: Page, server: Server, sample: Any, name: str) -> None:
    phone.goto(server.url + path_of(name, sample))
    controls = phone.evaluate(CONTROLS)

    small = [f"{c['what']}: {c['height']:.1f} px" for c in controls if c["height"] < TOUCH]
    assert small == []


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG, read from its header; fails on anything else."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def css_colour(css: str, name: str) -> str:
    found = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", css)
    assert found, name
    return found.group(1).lower()


def test_the_manifest_and_its_icons_let_a_phone_put_followup_on_its_home_screen(
        phone: Page, server: Server) -> None:
    phone.goto("/")
    href = phone.locator("link[rel=manifest]").get_attribute("href")
    assert href
    manifest_url = urljoin(phone.url, href)
    response = phone.request.get(manifest_url)
    assert response.ok
    assert response.headers["content-type"].split(";")[0] == "application/manifest+json"
    manifest = json.loads(response.body())

    assert manifest["name"] == "Followup" and manifest["short_name"]
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    css = phone.request.get(server.url + "/static/app.css").text()
    assert manifest["theme_color"].lower() == css_colour(css, "accent")
    assert manifest["background_color"].lower() == css_colour(css, "bg")
    theme = phone.locator("meta[name=theme-color]").get_attribute("content")
    assert theme and theme.lower() == manifest["theme_color"].lower()
    assert phone.locator("meta[name=apple-mobile-web-app-capable]").get_attribute(
        "content") == "yes"

    icons = {(icon["sizes"], icon.get("purpose", "any")): icon for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= set(icons)
    touch = phone.locator("link[rel=apple-touch-icon]").get_attribute("href")
    assert touch
    declared = [(urljoin(manifest_url, i["src"]), i["sizes"]) for i in manifest["icons"]]
    for url, sizes in [*declared, (urljoin(phone.url, touch), "180x180")]:
        icon = phone.request.get(url)
        assert icon.ok, url
        assert icon.headers["content-type"] == "image/png", url
        width, height = png_size(icon.body())
        assert f"{width}x{height}" == sizes, url

    # Chromium itself reads the manifest (the CSP lets it) and finds nothing wrong with it.
    cdp = phone.context.new_cdp_session(phone)
    read = cdp.send("Page.getAppManifest")
    assert read["url"] == manifest_url
    assert read["errors"] == []
    assert json.loads(read["data"])["name"] == "Followup"
    # What would stop Chrome offering "Install app": nothing but the test's private window.
    problems = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert {p["errorId"] for p in problems} <= {"in-incognito"}, problems


def test_a_manifest_is_served_before_setup_too(empty_server: Server, phone: Page) -> None:
    response = phone.request.get(empty_server.url + "/manifest.webmanifest")
    assert response.ok and json.loads(response.body())["name"] == "Followup"
    phone.goto(empty_server.url + "/")
    expect(phone).to_have_url(re.compile(r"/setup$"))
    assert phone.locator("link[rel=manifest]").count() == 1


def tap_and_type(page: Page, label: str, text: str) -> None:
    """Taps a field by its label (scrolling to it as a thumb would) and types into it."""
    field = page.get_by_label(label, exact=True).last
    field.tap()
    expect(field).to_be_focused()
    page.keyboard.type(text)


def test_an_interview_is_captured_with_one_thumb_and_its_application_shows_it(
        phone: Page, server: Server) -> None:
    phone.goto("/interviews/new")

    tap_and_type(phone, "Company", "Polegar Lda")
    tap_and_type(phone, "Position", "Mobile developer")
    when = phone.get_by_label("Date and time")
    when.tap()
    expect(when).to_be_focused()
    when.fill("2026-11-30T09:30")  # what the phone's date and time picker sets
    tap_and_type(phone, "Interviewer name", "Inês Conceição")
    tap_and_type(phone, "Interviewer email", "ines@polegar.example")
    phone.get_by_role("button", name="Save and plan").tap()

    expect(phone).to_have_url(re.compile(r"/applications/\d+$"))
    heading = phone.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Polegar Lda")
    expect(heading).to_contain_text("Mobile developer")
    interviews = phone.get_by_role("region", name="Interviews")
    expect(interviews).to_contain_text("30 Nov 2026")
    expect(interviews).to_contain_text("09:30")
    expect(phone.locator("li").filter(has_text=re.compile("thank.you", re.I))
           .filter(has_text="Inês Conceição").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    plan = server.json("plan", phone.url.rsplit("/", 1)[1])
    assert plan["application"]["company"] == "Polegar Lda"
    assert [c["email"] for c in plan["contacts"]] == ["ines@polegar.example"]
