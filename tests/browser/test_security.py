"""Hostile input and hostile sites: what a browser does with them against the live app."""

from __future__ import annotations

import html
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import REBOUND, Server, status_of, step_ids

pytestmark = pytest.mark.browser

HOSTILE = "<script>window.pwned=1</script><img src=x onerror=window.pwned=2>"


def test_a_hostile_company_name_is_shown_as_text_and_never_runs(
        page: Page, interview: Callable[..., Any]) -> None:
    record = interview(HOSTILE, "Ann Lee <ann@hostile.example>")
    for path in (f"/applications/{record['application']['id']}", "/", "/applications"):
        page.goto(path)
        expect(page.get_by_text(HOSTILE).first).to_be_visible()
        assert page.evaluate("typeof window.pwned") == "undefined", path


@pytest.fixture
def other_site() -> Iterator[Callable[[str], str]]:
    """A second web site on this machine (another origin: `localhost`, another port) that
    serves one page; returns a function that sets the page and gives its URL."""
    body: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body["page"])

        def log_message(self, *args: Any) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()

    def serve(page: str) -> str:
        body["page"] = page.encode()
        return f"http://localhost:{site.server_address[1]}/"

    try:
        yield serve
    finally:
        site.shutdown()
        site.server_close()


def test_a_form_posted_from_another_site_is_refused_and_changes_nothing(
        page: Page, server: Server, interview: Callable[..., Any],
        other_site: Callable[[str], str]) -> None:
    record = interview("Crosssite Ltd", "Ann Lee <ann@crosssite.example>")
    step = step_ids(record, "thank_you")[0]
    # The user has the app open (its cookies are in the browser), and the target is the very
    # form the app itself uses to mark this step done.
    page.goto(f"/applications/{record['application']['id']}")
    expect(page.locator(f'form[action$="/actions/{step}/done"]').first).to_be_attached()
    target = html.escape(f"{server.url}/actions/{step}/done")
    page.goto(other_site(
        f'<!doctype html><title>Win a prize</title><form method="post" action="{target}">'
        '<input type="hidden" name="csrftoken" value="guessed">'
        '<button>Claim your prize</button></form>'))

    with page.expect_response(lambda r: r.url.endswith(f"/actions/{step}/done")) as answer:
        page.get_by_role("button", name="Claim your prize").click()

    assert answer.value.status == 403
    assert status_of(server, record["application"]["id"], step) == "planned"


def test_the_app_reached_through_a_foreign_host_name_answers_nothing_of_the_user(
        page: Page, server: Server, interview: Callable[..., Any]) -> None:
    """DNS rebinding: a site whose name now points at 127.0.0.1 must not read the app."""
    interview("Rebinding Ltd", "Ann Lee <ann@rebinding.example>")
    answer = page.goto(server.url.replace("127.0.0.1", REBOUND) + "/applications")
    assert answer is not None and answer.status == 400
    expect(page.get_by_text("Rebinding Ltd")).to_have_count(0)
    answer = page.goto(server.url + "/applications")  # the same server, by its own name
    assert answer is not None and answer.ok
    expect(page.get_by_text("Rebinding Ltd").first).to_be_visible()
