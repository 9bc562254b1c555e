"""Forgot password, end to end: the page asks, the outbox keeps the message, the worker sends it
through the installation's relay (aiosmtpd), and the link in it sets a new password once.
An invitation made by `followup user add` goes the same way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from followup.entrypoints import worker
from followup.services import accounts
from tests.mailserver import MailServer, start
from tests.web_client import PASSWORD, Hosted, make_hosted

ANA = "ana@example.org"
LINK = re.compile(r"https?://\S+/(reset|invitation)/([\w-]+)")


@pytest.fixture
def relay(monkeypatch: pytest.MonkeyPatch) -> Iterator[MailServer]:
    server = start()
    monkeypatch.setenv("FOLLOWUP_RELAY_HOST", server.host)
    monkeypatch.setenv("FOLLOWUP_RELAY_PORT", str(server.port))
    monkeypatch.setenv("FOLLOWUP_RELAY_SECURITY", "none")
    monkeypatch.setenv("FOLLOWUP_RELAY_FROM", "Followup <no-reply@followup.example>")
    monkeypatch.setenv("FOLLOWUP_BASE_URL", "https://followup.example")
    yield server
    server.stop()


@pytest.fixture
def hosted(relay: MailServer, monkeypatch: pytest.MonkeyPatch, home: Path,
           database_url: str) -> Hosted:
    return make_hosted(monkeypatch, home, database_url, (ANA,))


def _delivered(hosted: Hosted, relay: MailServer) -> tuple[str, str]:
    """Runs the worker once; the one message the relay received: (recipient, link path)."""
    counts = worker.run_once(hosted.deps, "test", tasks=[])
    assert counts.get("sent") == 1, counts
    (message,) = relay.handler.messages()
    relay.handler.received.clear()
    body = message.message.get_body(("plain",)).get_content()
    found = LINK.search(body)
    assert found and found.group(0).startswith("https://followup.example/"), body
    return message.recipients[0], f"/{found.group(1)}/{found.group(2)}"


def test_forgot_password_mails_a_link_that_sets_a_new_password_once(
        hosted: Hosted, relay: MailServer) -> None:
    stranger = hosted.client()
    asked = stranger.form("/forgot", {"email": ANA.upper()})
    unknown = stranger.form("/forgot", {"email": "nobody@example.org"})
    assert asked.status_code == unknown.status_code == 200
    assert asked.text.replace(ANA.upper(), "") == unknown.text.replace("nobody@example.org", "")
    signed_in = hosted.client(ANA)  # a login from before the reset

    recipient, path = _delivered(hosted, relay)  # one message: none for the unknown address
    assert recipient == ANA and path.startswith("/reset/")
    assert stranger.get(path).status_code == 200
    weak = stranger.form(path, {"password": "password123", "again": "password123"})
    assert weak.status_code == 422 and "most common" in weak.text
    chosen = "a brand new passphrase"
    done = stranger.form(path, {"password": chosen, "again": chosen})
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert stranger.get("/", follow_redirects=False).status_code == 200  # signed in by it
    assert signed_in.get("/", follow_redirects=False).status_code == 303  # ended by the reset
    again = hosted.client().form(path, {"password": "yet another phrase", "again":
                                        "yet another phrase"})
    assert again.status_code == 404  # the link works once
    old = hosted.client().form("/login", {"email": ANA, "password": PASSWORD})
    assert old.status_code == 401
    new = hosted.client().form("/login", {"email": ANA, "password": chosen})
    assert new.status_code == 303


def test_an_invitation_is_mailed_and_its_link_chooses_the_first_password(
        hosted: Hosted, relay: MailServer) -> None:
    added = accounts.add_user(hosted.deps, "Jose@Example.org", "José Núñez")
    assert added.emailed is True and added.invitation is not None
    recipient, path = _delivered(hosted, relay)
    assert recipient == "jose@example.org" and added.invitation.endswith(path)
    browser = hosted.client()
    assert "Choose your password" in browser.get(path).text
    chosen = "josé's own passphrase"
    assert browser.form(path, {"password": chosen, "again": chosen}).status_code == 303
    assert browser.api("GET", "/api/v1/account").json()["email"] == "jose@example.org"
