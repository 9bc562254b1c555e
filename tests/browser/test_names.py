"""Every name whole and in its own script: the timeline on a phone, and the bundled font."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
FONT = "/fonts/DroidSansFallbackFull.ttf"
FAMILY = "Followup Fallback"
# Each text of the timeline: its words, its size in CSS pixels once the drawing is scaled to
# the page, and how far it stays inside the drawing's left and right edges.
MEASURE = """svg => {
  const box = svg.getBoundingClientRect(), scale = svg.getScreenCTM().a;
  return [...svg.querySelectorAll("text")].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
            left: r.left - box.left, right: box.right - r.right};
  });
}"""
# The width of 王芳 in each text that has it, in ems.
WANG_WIDTHS = """texts => texts.filter(t => t.textContent.includes("王芳")).map(t =>
  t.getSubStringLength(t.textContent.indexOf("王芳"), 2)
  / parseFloat(getComputedStyle(t).fontSize))"""
FALLBACK_STATUS = f"""() => [...document.fonts]
  .filter(f => f.family.replaceAll('"', "") === "{FAMILY}").map(f => f.status)"""


def test_on_a_375_pixel_phone_the_timeline_writes_every_name_whole_in_12_pixel_text_or_more(
        new_context: Callable[..., Any], interview: Callable[..., Any]) -> None:
    names = ["Siobhán Ó Briain-Featherstonehaugh", "Maximiliano Alejandro Núñez de la Fuente",
             "王芳"]
    record = interview("Long Names Ltd", *(f"{n} <p{i}@long-names.example>"
                                           for i, n in enumerate(names)))
    phone = new_context(viewport=PHONE).new_page()
    phone.goto(f"/applications/{record['application']['id']}", wait_until="networkidle")
    phone.evaluate("document.fonts.ready.then(() => true)")  # widths with the final fonts

    texts = phone.locator("svg.tl").evaluate(MEASURE)

    titles = [t["text"] for t in texts]
    for name in names:
        assert f"Thank-you note to {name}" in titles
    assert not [t for t in titles if "…" in t]
    assert [t for t in texts if t["px"] < 12] == []
    assert [t for t in texts if min(t["left"], t["right"]) < -0.5] == []


def test_a_page_with_a_chinese_name_fetches_the_bundled_font_from_the_app(
        page: Page, server: Server, interview: Callable[..., Any]) -> None:
    record = interview("Wang Fonts Ltd", "王芳 <wang@fonts.example>")

    with page.expect_response(lambda r: r.url.endswith(FONT)) as font:
        page.goto(f"/applications/{record['application']['id']}")
    page.evaluate("document.fonts.ready.then(() => true)")

    assert font.value.url == server.url + FONT and font.value.status == 200
    assert page.evaluate(FALLBACK_STATUS) == ["loaded"]
    assert page.evaluate(f"""document.fonts.check('16px "{FAMILY}"', "王芳")""")
    # Drawn with it: its ideographs are one em wide each, where a missing glyph's box is not.
    widths = page.locator("svg.tl text").evaluate_all(WANG_WIDTHS)
    assert widths and [round(w, 2) for w in widths] == [2.0] * len(widths)


def test_a_page_with_latin_names_only_fetches_no_font(
        page: Page, interview: Callable[..., Any]) -> None:
    record = interview("Latin Fonts Ltd", "Siobhán Ó Briain <siobhan@latin.example>",
                       "Ærø Čapek <aero@latin.example>")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))

    page.goto(f"/applications/{record['application']['id']}", wait_until="networkidle")

    assert [url for url in asked if "/fonts/" in url] == []
    assert page.evaluate(FALLBACK_STATUS) == ["unloaded"]
