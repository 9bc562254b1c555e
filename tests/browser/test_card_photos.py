"""On a phone, the New interview form takes a photo of an interviewer's card: the camera
opens (capture="environment"), the card is read, its person fills an interviewer row beside
the card's image, and saving plans a thank-you note to the name spelled as on the card."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server
from tests.card_photos import CARDS

pytestmark = pytest.mark.browser

CARD = CARDS / "siobhan.jpg"


def test_a_card_photo_fills_an_interviewer_on_new_interview_and_is_saved(
        page: Page, server: Server) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/interviews/new")
    page.get_by_label("Company").fill("Card Photo Ltd")
    page.get_by_label("Position").fill("Engineer")
    page.get_by_label("Date and time").fill("2026-11-30T14:00")
    upload = page.get_by_label("Add from a card photo")
    expect(upload).to_have_attribute("capture", "environment")
    expect(upload).to_have_attribute("accept", "image/*")
    upload.set_input_files(str(CARD))
    # reading takes about a second; a loaded CI machine may take many more
    page.get_by_role("button", name="Read the cards").click(timeout=60_000)
    expect(page.get_by_label("Interviewer name").first).to_have_value("Siobhán Ó Briain",
                                                                       timeout=60_000)
    expect(page.get_by_label("Interviewer email").first).to_have_value(
        "siobhan.obriain@acmewidgets.ie")
    expect(page.get_by_label("Interviewer title").first).to_have_value("Senior Talent Partner")
    expect(page.get_by_role("img", name=re.compile("Card 1"))).to_be_visible()
    expect(page.get_by_label("Company")).to_have_value("Card Photo Ltd")  # what was typed stays
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width} px)"
    page.get_by_role("button", name=re.compile("save and plan", re.I)).click()
    expect(page).to_have_url(re.compile(r"/applications/\d+$"))
    expect(page.get_by_role("listitem").filter(
        has_text="Thank-you note to Siobhán Ó Briain").first).to_be_visible()
    contacts = server.json("contact", "list")
    card = next(c for c in contacts if c["name"] == "Siobhán Ó Briain")
    assert (card["source"], card["phone"], card["confirmed"]) == ("card", "+35312345678", False)
