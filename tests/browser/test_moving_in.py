"""Moving in from another tracker in the browser: on a phone, with the keyboard and without
JavaScript, a spreadsheet is uploaded, its columns mapped, previewed and imported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser

SHEET = ("\ufeffFirma;Stelle;Status;Gespräch;Kontakt\r\n"
         "Ærø Čapek & Søn Internationale Vertriebsgesellschaft;Senior data analyst, customer "
         "insights and pricing;Interviewing;2026-11-27 10:00;Siobhán Ó Briain\r\n"
         "王芳 Moving Tech;Engineer;Wishlist;;\r\n")


def test_a_spreadsheet_is_mapped_previewed_and_imported_on_a_phone_without_javascript(
        new_context: Callable[..., Any], server: Server, tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(SHEET, encoding="utf-8")
    page = new_context(java_script_enabled=False, viewport={"width": 375, "height": 740}
                       ).new_page()
    page.set_default_timeout(8_000)
    page.goto("/applications")
    page.get_by_role("link", name="Import from Huntr or a spreadsheet").click()
    page.get_by_label("Another spreadsheet (CSV)").check()
    page.get_by_label("CSV file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and preview").click()
    # The German headers say nothing to Followup: it asks which column holds what.
    expect(page.get_by_role("alert")).to_contain_text("No column gives the company")
    for label, column in (("Company (needed)", "Firma"), ("Position (needed)", "Stelle"),
                          ("Status", "Status"), ("Interview date and time", "Gespräch"),
                          ("Contact's name", "Kontakt")):
        page.get_by_label(label, exact=True).select_option(column)
    page.get_by_label("Contact's name").focus()
    page.keyboard.press("Tab")  # on to the contact's email, then to the preview button
    page.get_by_role("button", name="Preview with these columns").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="3. What the import makes")).to_be_visible()
    expect(page.get_by_text("Passed over (1)")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Import 1 application").click()
    expect(page.locator("#flash")).to_contain_text("Imported 1 application; 1 row was passed over")
    listed = server.json("application", "list")
    assert "Ærø Čapek & Søn Internationale Vertriebsgesellschaft" in {a["company"]
                                                                      for a in listed}
