"""Sending from the web app over a real SMTP server (aiosmtpd on 127.0.0.1), on SQLite and
PostgreSQL: the note editor's send form, the outbox page, Today's undelivered notes, the mail
passwords and the connection test in Settings."""

from __future__ import annotations

import html
import io
import json
import os
import re
import stat
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from followup.services import contacts, interviews, lookup, notes, outbox, profile, queries
from followup.services.views import jsonable
from tests.mailserver import (  # noqa: F401 - the servers' fixtures
    MailServer,
    plain_session_server,
    smtp_server_fixture,
)
from tests.web_client import Web, web_user_fixture  # noqa: F401

JOSE = "José García"
JOSE_AT_NORDLYS = interviews.PersonIn(JOSE, "jose@nordlys.example")


def thank_you(w: Web, interviewer: interviews.PersonIn = JOSE_AT_NORDLYS) -> dict[str, Any]:
    """An interview yesterday afternoon; its thank-you note's step (planned, by email)."""
    result = jsonable(interviews.add_interview(w.deps, interviews.InterviewForm(
        company="Nordlys AS", position="Data Engineer", at="2026-11-24T14:00",
        interviewers=[interviewer])))
    return next(a for a in result["actions"] if a["kind"] == "thank_you")


def configure(w: Web, server: MailServer) -> None:
    for key, value in (("smtp.host", server.host), ("smtp.port", str(server.port)),
                       ("smtp.security", "none")):
        profile.config_set(w.deps, key, value)


def confirm(w: Web, step: dict[str, Any]) -> None:
    contacts.edit_contact(w.deps, step["contact"]["id"], contacts.ContactForm(confirmed=True))


def page_text(response: Any) -> str:
    """The page's words, tags and entities aside (for assertions about what a person reads)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.text)).split())


def send(w: Web, action_id: int, **fields: str) -> Any:
    return w.form(f"/actions/{action_id}/note/send", fields)


def test_a_note_sent_from_the_editor_arrives_once_and_its_step_is_done(
        web_user: Web, smtp_server: MailServer) -> None:
    step = thank_you(web_user)
    confirm(web_user, step)
    configure(web_user, smtp_server)
    editor = web_user.get(f"/actions/{step['id']}/note")
    assert editor.status_code == 200
    assert "Send by email" in editor.text and 'for="send-at"' in editor.text
    assert "I checked the spelling" not in editor.text

    response = send(web_user, step["id"])
    shown = web_user.get(response.headers["location"])

    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/actions/{step['id']}/note")
    (received,) = smtp_server.handler.messages()
    (row,) = jsonable(outbox.listing(web_user.deps))
    assert received.recipients == ["jose@nordlys.example"]
    assert received.message["Message-ID"] == row["message_id"] and row["state"] == "sent"
    assert jsonable(lookup.action(web_user.deps, step["id"]))["status"] == "done"
    assert "Sent to jose@nordlys.example" in page_text(shown)
    assert "Send by email" not in shown.text  # sent: no second send form
    again = send(web_user, step["id"])
    assert again.status_code == 409 and "already done" in page_text(again)
    assert len(smtp_server.handler.messages()) == 1
    application = web_user.get(f"/applications/{step['application_id']}")
    assert "By email: Sent to jose@nordlys.example" in page_text(application)


def test_an_unconfirmed_name_needs_the_box_and_the_answer_is_recorded(
        web_user: Web, smtp_server: MailServer) -> None:
    step = thank_you(web_user)
    configure(web_user, smtp_server)
    editor = web_user.get(f"/actions/{step['id']}/note")
    assert f"I checked the spelling: {JOSE}" in page_text(editor)
    assert re.search(r'<input type="checkbox" id="send-confirm" name="confirm_spelling" '
                     r'value="yes" required', editor.text)

    refused = send(web_user, step["id"])
    assert refused.status_code == 422 and "tick the box" in page_text(refused).lower()
    assert smtp_server.handler.messages() == []
    assert jsonable(outbox.listing(web_user.deps)) == []

    sent = send(web_user, step["id"], confirm_spelling="yes")

    assert sent.status_code == 303
    assert len(smtp_server.handler.messages()) == 1
    plan = jsonable(queries.application_plan(web_user.deps, step["application_id"]))
    (jose,) = [c for c in plan["contacts"] if c["name"] == JOSE]
    assert jose["confirmed"] is True


def test_checker_errors_block_sending_unless_send_anyway_is_ticked(
        web_user: Web, smtp_server: MailServer) -> None:
    step = thank_you(web_user)
    confirm(web_user, step)
    configure(web_user, smtp_server)
    notes.edit(web_user.deps, step["id"], "Hey Jose!!\n\nThx 4 the chat lol.\n\nCheers\n")
    editor = web_user.get(f"/actions/{step['id']}/note")
    assert "Send anyway, even with errors" in editor.text

    held = send(web_user, step["id"])
    assert held.status_code == 409
    assert "The checker holds this note back" in page_text(held)
    assert smtp_server.handler.messages() == [] and jsonable(outbox.listing(web_user.deps)) == []

    forced = send(web_user, step["id"], force="yes")

    assert forced.status_code == 303
    (received,) = smtp_server.handler.messages()
    plain = received.message.get_body(("plain",))
    assert plain is not None and "Thx 4 the chat" in plain.get_content()


def test_a_connection_dropped_after_the_data_is_unknown_and_today_offers_one_click_resend(
        web_user: Web, smtp_server: MailServer) -> None:
    step = thank_you(web_user)
    confirm(web_user, step)
    configure(web_user, smtp_server)
    smtp_server.handler.mode = "drop"

    response = send(web_user, step["id"])
    shown = web_user.get(response.headers["location"])

    assert response.status_code == 303
    assert "we could not tell whether it went out" in page_text(shown).lower()
    assert "Traceback" not in shown.text
    (row,) = jsonable(outbox.listing(web_user.deps))
    assert row["state"] == "unknown"
    assert jsonable(lookup.action(web_user.deps, step["id"]))["status"] == "planned"
    today = web_user.get("/")
    assert "Notes that may not have arrived" in today.text
    assert f'action="/outbox/{row["id"]}/resend"' in today.text and 'href="/outbox' in today.text
    (listed,) = jsonable(queries.today(web_user.deps))["undelivered"]
    assert (listed["id"], listed["state"], listed["to"]) == (row["id"], "unknown",
                                                            ["jose@nordlys.example"])

    smtp_server.handler.mode = "ok"
    resent = web_user.form(f"/outbox/{row['id']}/resend", {"next": "/"})
    back = web_user.get(resent.headers["location"])

    assert resent.status_code == 303 and resent.headers["location"] == "/"
    first, second = smtp_server.handler.messages()
    assert first.message["Message-ID"] == second.message["Message-ID"] == row["message_id"]
    assert jsonable(outbox.show(web_user.deps, row["id"]))["state"] == "sent"
    assert jsonable(lookup.action(web_user.deps, step["id"]))["status"] == "done"
    assert "Sent again, with the same Message-ID" in back.text
    assert "Notes that may not have arrived" not in back.text
    assert jsonable(queries.today(web_user.deps))["undelivered"] == []
    refused = web_user.form(f"/outbox/{row['id']}/resend", {"next": "/"})
    assert refused.status_code == 409 and len(smtp_server.handler.messages()) == 2


def test_a_refused_message_shows_the_servers_words_and_is_resent_from_its_note(
        web_user: Web, smtp_server: MailServer) -> None:
    step = thank_you(web_user)
    confirm(web_user, step)
    configure(web_user, smtp_server)
    smtp_server.handler.mode = "perm"

    shown = web_user.get(send(web_user, step["id"]).headers["location"])

    words = page_text(shown)
    assert "Not sent: the mail server said" in words
    assert "554 5.7.1 Message rejected: looks like spam to us" in words
    assert "554 5.7.1" in page_text(web_user.get("/outbox"))
    (row,) = jsonable(outbox.listing(web_user.deps))
    smtp_server.handler.mode = "ok"
    resent = web_user.form(f"/outbox/{row['id']}/resend", {"next": f"/actions/{step['id']}/note"})
    back = web_user.get(resent.headers["location"])
    assert resent.headers["location"] == f"/actions/{step['id']}/note"
    assert "Sent again, with the same Message-ID" in back.text
    assert "Sent to jose@nordlys.example" in page_text(back)
    (received,) = smtp_server.handler.messages()
    assert received.message["Message-ID"] == row["message_id"]
    away = web_user.form(f"/outbox/{row['id']}/cancel", {"next": "https://evil.example/"})
    assert away.status_code == 409 and "only a scheduled message" in page_text(away)


def test_a_scheduled_note_waits_in_the_outbox_and_can_be_cancelled(
        web_user: Web, smtp_server: MailServer) -> None:
    step = thank_you(web_user)
    confirm(web_user, step)
    configure(web_user, smtp_server)

    response = send(web_user, step["id"], at="2026-11-25T18:00")
    shown = web_user.get(response.headers["location"])
    listing = web_user.get("/outbox")
    (row,) = jsonable(outbox.listing(web_user.deps))

    assert response.status_code == 303 and row["state"] == "scheduled"
    assert row["due_at"].startswith("2026-11-25T18:00")
    assert "Scheduled for Wed 25 Nov 2026, 18:00" in page_text(shown)
    assert f'action="/outbox/{row["id"]}/cancel"' in listing.text
    assert 'aria-current="page">Outbox' in listing.text

    cancelled = web_user.form(f"/outbox/{row['id']}/cancel", {"next": "/outbox"})
    after = web_user.get(cancelled.headers["location"])

    assert cancelled.status_code == 303
    assert jsonable(outbox.show(web_user.deps, row["id"]))["state"] == "cancelled"
    assert "Cancelled: the message will not be sent." in after.text
    assert smtp_server.handler.messages() == []
    assert jsonable(lookup.action(web_user.deps, step["id"]))["status"] == "planned"
    past = send(web_user, step["id"], at="2026-11-24T08:00")
    assert past.status_code == 422 and "has passed" in page_text(past)


def test_without_mail_settings_or_an_address_the_editor_says_what_is_missing(
        web_user: Web, smtp_server: MailServer) -> None:
    step = thank_you(web_user)
    nameless = thank_you(web_user, interviews.PersonIn("Mary Byrne"))

    unset = web_user.get(f"/actions/{step['id']}/note")
    configure(web_user, smtp_server)
    no_address = web_user.get(f"/actions/{nameless['id']}/note")

    assert "Send by email" not in unset.text
    assert 'href="/settings#mail"' in unset.text and "not set up yet" in unset.text
    assert "Send by email" not in no_address.text
    assert "no email address is recorded for Mary Byrne" in page_text(no_address)


def test_the_password_form_keeps_the_password_and_never_shows_it(
        web_user: Web, monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    from followup.adapters.mail import secrets

    monkeypatch.setenv("FOLLOWUP_NO_KEYRING", "1")
    monkeypatch.delenv("FOLLOWUP_SMTP_PASSWORD", raising=False)
    secret = "pässwörd ✓ 42"
    before = web_user.get("/settings")
    assert 'for="smtp-password">SMTP password' in before.text
    assert 'for="imap-password">IMAP password' in before.text
    assert "No password is kept yet" in before.text

    kept = web_user.form("/settings/passwords", {"smtp_password": secret, "imap_password": ""})
    after = web_user.get(kept.headers["location"])
    empty = web_user.form("/settings/passwords", {"smtp_password": "", "imap_password": ""})

    assert kept.status_code == 303
    assert secrets.password("smtp") == secret and secrets.password("imap") is None
    assert stat.S_IMODE(os.stat(home / "secrets.json").st_mode) == 0o600
    assert secret not in after.text and html.escape(secret) not in after.text
    assert "A password is kept in" in after.text and str(home) in after.text
    assert empty.status_code == 422 and secrets.password("smtp") == secret


def test_the_mail_test_button_says_in_plain_words_what_it_found(
        web_user: Web, smtp_server: MailServer) -> None:
    unset = web_user.form("/settings/mail/test")
    configure(web_user, smtp_server)
    good = web_user.form("/settings/mail/test")

    assert unset.status_code == 200 and "SMTP: problem" in page_text(unset)
    assert "no SMTP server is set" in page_text(unset)
    assert f"SMTP: ok — connected to 127.0.0.1:{smtp_server.port}" in page_text(good)
    assert "IMAP: not set" in page_text(good)


def test_the_api_records_a_confirmed_spelling(
        web_user: Web, smtp_server: MailServer) -> None:
    step = thank_you(web_user)
    configure(web_user, smtp_server)

    response = web_user.api("POST", f"/api/v1/actions/{step['id']}/note/send",
                            {"confirm_spelling": True})

    assert response.status_code == 200, response.text
    assert response.json()["state"] == "sent" and response.json()["warnings"] == []
    plan = jsonable(queries.application_plan(web_user.deps, step["application_id"]))
    assert [c["confirmed"] for c in plan["contacts"] if c["name"] == JOSE] == [True]


def test_today_json_lists_the_undelivered_notes_the_same_on_the_fast_path(
        web_user: Web, smtp_server: MailServer, database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the fast path reads only a SQLite home")
    step = thank_you(web_user)
    confirm(web_user, step)
    configure(web_user, smtp_server)
    smtp_server.handler.mode = "perm"
    send(web_user, step["id"])
    from followup.entrypoints import fast, text

    out = io.StringIO()
    with redirect_stdout(out):
        assert fast._answer(0, True)
    fast_today = json.loads(out.getvalue())
    typed = queries.today(web_user.deps)
    service_today = json.loads(json.dumps(jsonable(typed)))

    assert fast_today == service_today
    (listed,) = fast_today["undelivered"]
    assert listed["state"] == "failed" and "554" in listed["error"]
    assert listed["company"] == "Nordlys AS" and listed["contact"] == JOSE
    assert f"followup outbox resend {listed['id']}" in text.news(typed)
    api = web_user.api("GET", "/api/v1/today").json()
    assert api["undelivered"] == service_today["undelivered"]
