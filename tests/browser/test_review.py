"""Note review in Chromium on a live hosted installation: the client shares a note, the coach
comments on words selected in it and says it looks good, the client reads the comment marked in
the editor; sending the note ends the sharing (the coach then gets 404, as another coach does
from the start)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import serious_violations
from tests.hosted_server import LiveHosted, csrf_of, start_hosted
from tests.web_client import PASSWORD

pytestmark = pytest.mark.browser

ANA, JOSE = "ana@example.org", "jose@example.org"
CARMEN, DMITRI = "carmen@example.org", "dmitri@example.org"
BODY = ("Dear Ingrid,\n\nThank you for your time on Tuesday. I enjoyed our talk about the "
        "fjord survey.\n\nBest regards,\nAna")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveHosted]:
    """Ana (a client of the coach Carmen) with a thank-you note kept; Dmitri a coach of
    nobody here."""
    from followup.services import accounts

    home: Path = tmp_path_factory.mktemp("review") / "home"
    with pytest.MonkeyPatch.context() as env:
        served = start_hosted(env, home, f"sqlite:///{home / 'followup.db'}", (ANA, JOSE))
        try:
            for address, name in ((CARMEN, "Carmen Ruiz"), (DMITRI, "Dmitri Volkov")):
                served.users[address] = accounts.add_user(served.deps, address, name, "coach",
                                                          PASSWORD).user.id
            with served.deps.unit_for(None) as uow:
                uow.accounts.set_coach(served.users[ANA], served.users[CARMEN])
                uow.commit()
            yield served
        finally:
            served.stop()


def note_of_ana(live: LiveHosted) -> int:
    """A thank-you note of Ana's, kept with BODY."""
    ana = live.client(ANA)
    plan = ana.post("/api/v1/interviews", json={
        "company": "Fjord Analytics", "position": "Data Analyst", "start": "2026-11-24T10:00",
        "interviewers": [{"name": "Ingrid Berg", "email": "ingrid@fjord.example",
                          "topic": "the fjord survey"}]})
    assert plan.status_code == 201, plan.text
    action = next(a["id"] for a in plan.json()["actions"] if a["kind"] == "thank_you")
    kept = ana.put(f"/api/v1/actions/{action}/note", json={"body": BODY})
    assert kept.status_code == 200, kept.text
    return action


def sign_in(page: Page, live: LiveHosted, email: str, to: str) -> None:
    page.goto(f"{live.url}{to}")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live.url}{to}")


def test_a_coach_reviews_a_shared_note_and_sending_it_ends_the_review(
        browser: Browser, live: LiveHosted) -> None:
    action = note_of_ana(live)
    client, coach = browser.new_context(), browser.new_context()
    try:
        ana, carmen = client.new_page(), coach.new_page()
        errors: list[str] = []  # a script or style the CSP refuses, or a script that breaks
        for page in (ana, carmen):
            page.set_default_timeout(8_000)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
        sign_in(ana, live, ANA, f"/actions/{action}/note")
        ana.get_by_role("button", name="Share with my coach").click()
        expect(ana.get_by_text("Shared with your coach: they read the note")).to_be_visible()
        expect(ana.get_by_role("button", name="Stop sharing")).to_be_visible()

        sign_in(carmen, live, CARMEN, "/coach/reviews")
        carmen.get_by_role("link", name="Ana: Thank-you note to I. B.").click()
        expect(carmen).to_have_url(re.compile(r"/coach/reviews/\d+$"))
        share_id = int(carmen.url.rsplit("/", 1)[1])
        expect(carmen.locator("#review-text")).to_contain_text("I enjoyed our talk")
        carmen.wait_for_load_state()  # review.js listens once the page has loaded
        # Selecting words in the note fills "The words you comment on" (review.js).
        carmen.evaluate("""() => {
            const text = document.querySelector('#review-text').firstChild;
            const at = text.data.indexOf('I enjoyed our talk');
            const range = document.createRange();
            range.setStart(text, at); range.setEnd(text, at + 'I enjoyed our talk'.length);
            const chosen = window.getSelection();
            chosen.removeAllRanges(); chosen.addRange(range);
            document.querySelector('#review-text').dispatchEvent(
                new MouseEvent('mouseup', {bubbles: true}));
        }""")
        expect(carmen.get_by_label("The words you comment on")).to_have_value(
            "I enjoyed our talk")
        carmen.get_by_label("Your comment", exact=True).fill("Say what about it you enjoyed.")
        carmen.get_by_role("button", name="Add the comment").click()
        expect(carmen.locator("mark.coach")).to_have_text(re.compile(r"^I enjoyed our talk"))
        carmen.get_by_label("Your comment", exact=True).fill("Short and clear: send it today.")
        carmen.get_by_role("button", name="Add the comment").click()
        expect(carmen.locator("ol.comments li")).to_have_count(2)
        carmen.get_by_role("button", name="Looks good").click()
        expect(carmen.get_by_text("you said it looks good")).to_be_visible()
        assert serious_violations(carmen) == []

        ana.reload()
        expect(ana.get_by_text("Carmen Ruiz says it looks good.")).to_be_visible()
        mark = ana.locator("mark.coach")
        expect(mark).to_have_text(re.compile(r"^I enjoyed our talk"))
        expect(mark).to_have_attribute("title", "Say what about it you enjoyed.")
        expect(ana.locator("ol.comments")).to_contain_text("Short and clear: send it today.")
        assert serious_violations(ana) == []
        assert errors == []

        # Ana sends it (later today, from the outbox): the review ends with it.
        http = live.client(ANA)
        assert http.put("/api/v1/settings/smtp.host",
                        json={"value": "smtp.example.org"}).status_code == 200
        sent = http.post(f"/api/v1/actions/{action}/note/send", json={
            "at": "2026-11-25T17:00", "force": True, "confirm_spelling": True})
        assert sent.status_code in (200, 201), sent.text
        answer = carmen.goto(f"{live.url}/coach/reviews/{share_id}")
        assert answer is not None and answer.status == 404
        carmen.goto(f"{live.url}/coach/reviews")
        expect(carmen.get_by_text("No client shares a note with you now.")).to_be_visible()
        ana.reload()
        expect(ana.get_by_text("the note was sent")).to_be_visible()
        expect(ana.locator("ol.comments li")).to_have_count(2)  # the comments stay hers
    finally:
        client.close()
        coach.close()


def test_another_coach_gets_404_and_a_seeker_without_a_coach_409(live: LiveHosted) -> None:
    action = note_of_ana(live)
    ana = live.client(ANA)
    share = ana.post(f"/api/v1/actions/{action}/note/share",
                     headers={"X-Requested-With": "fetch"})
    assert share.status_code == 200, share.text
    share_id = share.json()["share_id"]
    dmitri = live.client(DMITRI)
    page = dmitri.get(f"/coach/reviews/{share_id}")
    assert page.status_code == 404 and "I enjoyed our talk" not in page.text
    form = dmitri.post(f"/coach/reviews/{share_id}/comments", data={
        "csrftoken": csrf_of(dmitri.get("/coach/reviews")), "body": "Hi"})
    assert form.status_code == 404
    assert live.client(CARMEN).get(f"/coach/reviews/{share_id}").status_code == 200

    jose = live.client(JOSE)
    plan = jose.post("/api/v1/interviews", json={
        "company": "Brindle & Co", "position": "Surveyor", "start": "2026-11-24T15:00",
        "interviewers": [{"name": "Mairéad Clancy"}]})
    own = next(a["id"] for a in plan.json()["actions"] if a["kind"] == "thank_you")
    refused = jose.post(f"/api/v1/actions/{own}/note/share",
                        headers={"X-Requested-With": "fetch"})
    assert refused.status_code == 409
    assert "you have no coach" in refused.json()["error"]["message"]
