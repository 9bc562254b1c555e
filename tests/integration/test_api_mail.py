"""Sending notes through the JSON API over a real SMTP server (aiosmtpd on 127.0.0.1), and the
outbox, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tests.conftest import Cli
from tests.integration.test_api import API, error, ok, record, step
from tests.mailserver import (  # noqa: F401 - the servers' fixtures
    MailServer,
    plain_session_server,
    smtp_server_fixture,
)
from tests.web_client import Web, web_user_fixture  # noqa: F401  (fixtures)


def set_up_mail(web: Web, server: MailServer) -> None:
    for key, value in (("smtp.host", server.host), ("smtp.port", str(server.port)),
                       ("smtp.security", "none")):
        ok(web.api("PUT", f"{API}/settings/{key}", {"value": value}))


def test_a_note_sent_through_the_api_arrives_and_its_step_is_done(
        web_user: Web, smtp_server: MailServer, cli: Cli) -> None:
    result = record(web_user)
    thank_you = step(result, "thank_you")
    set_up_mail(web_user, smtp_server)

    sent = ok(web_user.api("POST", f"{API}/actions/{thank_you['id']}/note/send"))
    again = web_user.api("POST", f"{API}/actions/{thank_you['id']}/note/send")

    received = smtp_server.handler.messages()
    assert sent["state"] == "sent" and sent["action_status"] == "done"
    assert sent["to"] == ["jose@olafsson.example"] and sent["from"] == "siobhan@example.com"
    assert [r.message["Message-ID"] for r in received] == [sent["message_id"]]
    assert "José Núñez" in received[0].message.get_body(("plain",)).get_content()
    assert any("not confirmed" in w for w in sent["warnings"])
    assert "already done" in error(again, 409, "NotAllowed")
    assert ok(web_user.get(f"{API}/outbox")) == cli.json("outbox")
    assert ok(web_user.get(f"{API}/outbox/{sent['id']}")) == ok(web_user.get(f"{API}/outbox"))[0]


def test_a_note_scheduled_for_later_waits_and_can_be_cancelled(
        web_user: Web, smtp_server: MailServer) -> None:
    result = record(web_user)
    thank_you = step(result, "thank_you")["id"]
    set_up_mail(web_user, smtp_server)

    scheduled = ok(web_user.api("POST", f"{API}/actions/{thank_you}/note/send",
                                {"at": "2026-11-25T18:30", "body": "Dear José Núñez,\n\n"
                                 "Thank you for the conversation about the data platform "
                                 "migration yesterday.\n\nKind regards,\nSiobhán Ó Briain"}))
    cancelled = ok(web_user.api("POST", f"{API}/outbox/{scheduled['id']}/cancel"))
    resend = web_user.api("POST", f"{API}/outbox/{scheduled['id']}/resend")
    note = ok(web_user.get(f"{API}/actions/{thank_you}/note"))

    assert scheduled["state"] == "scheduled" and scheduled["attempts"] == 0
    assert scheduled["due_at"].startswith("2026-11-25T18:30")
    assert scheduled["action_status"] == "planned"
    assert cancelled["state"] == "cancelled"
    assert "only a message whose delivery is unknown or failed" in error(resend, 409,
                                                                          "NotAllowed")
    assert note["edited"] is True and "data platform migration" in note["body"]
    assert smtp_server.handler.messages() == []


def test_sending_is_refused_when_it_cannot_go(web_user: Web, smtp_server: MailServer) -> None:
    result = record(web_user, interviewers=[
        {"name": "José Núñez", "email": "jose@olafsson.example"}, {"name": "Ann Lee"}])
    thank_you, unreachable = (a["id"] for a in result["actions"] if a["kind"] == "thank_you")

    not_set_up = web_user.api("POST", f"{API}/actions/{thank_you}/note/send")
    set_up_mail(web_user, smtp_server)
    no_address = web_user.api("POST", f"{API}/actions/{unreachable}/note/send")
    past = web_user.api("POST", f"{API}/actions/{thank_you}/note/send",
                        {"at": "2026-11-20T10:00"})
    errors = web_user.api("POST", f"{API}/actions/{thank_you}/note/send",
                          {"body": "hey jose thx lol"})
    bad: list[Any] = [web_user.api("POST", f"{API}/actions/{thank_you}/note/send", body)
                      for body in ({"at": "soon"}, {"body": ""}, {"force": "maybe"},
                                   {"body": "x\x00"})]

    assert "mail is not set up" in error(not_set_up, 409, "NotAllowed")
    assert "no email address" in error(no_address, 422, "InvalidInput")
    assert "has passed" in error(past, 422, "InvalidInput")
    assert "has errors" in error(errors, 409, "NotAllowed")
    for response in bad:
        error(response, 422, "InvalidInput")
    error(web_user.get(f"{API}/outbox/{2**31}"), 404, "NotFound")
    assert ok(web_user.get(f"{API}/outbox")) == []
    assert smtp_server.handler.messages() == []
