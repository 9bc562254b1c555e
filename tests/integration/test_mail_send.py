"""Sending notes over a real SMTP server (aiosmtpd on 127.0.0.1), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli
from tests.dovecot import SENT, Dovecot
from tests.dovecot import dovecot as dovecot  # the session's IMAP server, as a fixture here
from tests.mailserver import (  # noqa: F401 - the servers' fixtures
    PASSWORD,
    USER,
    Certificates,
    MailServer,
    certificates_fixture,
    plain_session_server,
    smtp_server_fixture,
    start,
    tls_server_fixture,
    tls_session_server,
)

NOW = "2026-11-24T12:00:00+00:00"
INTERVIEW = ("interview", "add", "--company", "Acme", "--position", "Data Analyst",
             "--at", "2026-11-24T10:00", "--interviewer", "José Núñez <jose@acme.example>",
             "--interviewer", "王芳 <wang@acme.example>")


def thank_yous(user: Cli) -> list[dict[str, Any]]:
    doc = user.json(*INTERVIEW, FOLLOWUP_NOW=NOW)
    return [a for a in doc["actions"] if a["kind"] == "thank_you"]


def configure(user: Cli, server: MailServer, security: str = "none",
              username: str | None = None) -> None:
    settings = {"smtp.host": server.host, "smtp.port": str(server.port),
                "smtp.security": security}
    if username:
        settings["smtp.username"] = username
    for key, value in settings.items():
        result = user("config", "set", key, value)
        assert result.exit_code == 0, result.output + result.stderr


def send(user: Cli, action: int, *options: str, **env: str) -> dict[str, Any]:
    result = user("note", "send", str(action), *options, "--json", FOLLOWUP_NOW=NOW, **env)
    assert result.exit_code in (0, 1), result.output + result.stderr
    sent: dict[str, Any] = json.loads(result.stdout)
    assert result.exit_code == (1 if sent["state"] in ("failed", "unknown") else 0)
    return sent


def test_a_note_sent_over_smtp_arrives_once_and_its_step_is_done(
        user: Cli, smtp_server: MailServer) -> None:
    first = thank_yous(user)[0]
    configure(user, smtp_server)

    result = send(user, first["id"])

    received = smtp_server.handler.messages()
    assert result["state"] == "sent" and result["action_status"] == "done"
    assert len(received) == 1
    assert received[0].recipients == ["jose@acme.example"]
    assert received[0].sender == "siobhan@example.com"
    assert received[0].message["Message-ID"] == result["message_id"]
    plan = user.json("plan", str(first["application_id"]), FOLLOWUP_NOW=NOW)
    assert [t["kind"] for t in plan["touches"]] == ["note_sent"]
    again = user("note", "send", str(first["id"]), FOLLOWUP_NOW=NOW)
    assert again.exit_code != 0 and "already done" in again.stderr
    assert len(smtp_server.handler.messages()) == 1


def test_starttls_with_login_delivers_and_unicode_names_survive(
        user: Cli, tls_server: MailServer) -> None:
    second = thank_yous(user)[1]
    configure(user, tls_server, "starttls", USER)
    user("config", "set", "mail.from_name", "Siobhán Ó Briain (José's referral)")

    result = send(user, second["id"], FOLLOWUP_SMTP_PASSWORD=PASSWORD)

    (received,) = tls_server.handler.messages()
    message = received.message
    assert result["state"] == "sent" and received.login == USER
    assert message["To"].addresses[0].display_name == "王芳"
    assert message["From"].addresses[0].display_name == "Siobhán Ó Briain (José's referral)"
    plain = message.get_body(("plain",))
    assert plain is not None and "王芳" in plain.get_content()


def test_a_server_that_refuses_the_login_fails_the_message_with_its_words(
        user: Cli, tls_server: MailServer) -> None:
    first = thank_yous(user)[0]
    configure(user, tls_server, "starttls", USER)

    result = send(user, first["id"], FOLLOWUP_SMTP_PASSWORD="wrong password")

    assert result["state"] == "failed" and result["action_status"] == "planned"
    assert "535" in result["error"] and USER in result["error"]
    assert tls_server.handler.messages() == []
    listing = user("outbox", FOLLOWUP_NOW=NOW)
    assert "failed" in listing.stdout and "535" in listing.stdout


def test_a_permanent_refusal_fails_the_message_with_the_servers_words(
        user: Cli, smtp_server: MailServer) -> None:
    first = thank_yous(user)[0]
    configure(user, smtp_server)
    smtp_server.handler.mode = "perm"

    result = send(user, first["id"])

    assert result["state"] == "failed" and result["attempts"] == 1
    assert "554 5.7.1 Message rejected: looks like spam to us" in result["error"]
    assert result["action_status"] == "planned"


def test_an_untrusted_certificate_is_a_plain_failure_not_a_traceback(
        user: Cli, tls_server: MailServer, tmp_path: Path) -> None:
    first = thank_yous(user)[0]
    configure(user, tls_server, "starttls", USER)
    empty = tmp_path / "no-authorities.pem"
    empty.write_text("")

    result = send(user, first["id"], FOLLOWUP_SMTP_PASSWORD=PASSWORD, SSL_CERT_FILE=str(empty))

    assert result["state"] == "failed" and "not trusted" in result["error"]


def test_a_note_with_checker_errors_is_held_back_unless_forced(
        user: Cli, smtp_server: MailServer, tmp_path: Path) -> None:
    first = thank_yous(user)[0]
    configure(user, smtp_server)
    sloppy = tmp_path / "note.txt"
    sloppy.write_text("Hey Jose!!\n\nThx 4 the chat lol.\n\nCheers\n", encoding="utf-8")

    refused = user("note", "send", str(first["id"]), "--file", str(sloppy), FOLLOWUP_NOW=NOW)
    forced = send(user, first["id"], "--file", str(sloppy), "--force")

    assert refused.exit_code == 5 and "--force" in refused.stderr
    assert forced["state"] == "sent"
    (received,) = smtp_server.handler.messages()
    plain = received.message.get_body(("plain",))
    assert plain is not None and "Thx 4 the chat" in plain.get_content()


def test_without_a_terminal_an_unconfirmed_name_is_sent_with_a_warning(
        user: Cli, smtp_server: MailServer) -> None:
    first = thank_yous(user)[0]
    configure(user, smtp_server)

    result = user("note", "send", str(first["id"]), FOLLOWUP_NOW=NOW)

    assert result.exit_code == 0
    assert "not confirmed" in result.stderr and "Sent to jose@acme.example" in result.stdout
    assert (f"`followup contact edit {first['contact']['id']} --confirmed` confirms the spelling"
            in result.stderr)


def test_sending_needs_the_mail_settings_and_an_address(user: Cli) -> None:
    first = thank_yous(user)[0]

    result = user("note", "send", str(first["id"]), FOLLOWUP_NOW=NOW)

    assert result.exit_code != 0 and "smtp.host" in result.stderr
    assert user.json("outbox") == []


def test_a_bad_mail_setting_is_refused_with_the_choices(user: Cli) -> None:
    bad_security = user("config", "set", "smtp.security", "tls")
    injected = user("config", "set", "mail.from_name", "Me\nBcc: victim@example.org")
    bad_port = user("config", "set", "smtp.port", "70000")

    assert bad_security.exit_code == 4 and "starttls or ssl or none" in bad_security.stderr
    assert injected.exit_code == 4 and bad_port.exit_code == 4
    assert user("config", "get", "smtp.security").stdout.strip() == "starttls"


def test_the_password_is_kept_readable_only_by_the_user_and_never_printed(
        user: Cli, tls_server: MailServer, home: Path) -> None:
    first = thank_yous(user)[0]
    configure(user, tls_server, "starttls", USER)

    kept = user("mail", "password", "smtp", input=PASSWORD + "\n", FOLLOWUP_NO_KEYRING="1")
    result = send(user, first["id"], FOLLOWUP_NO_KEYRING="1")
    listing = user("config", "list", FOLLOWUP_NO_KEYRING="1")

    secret = home / "secrets.json"
    assert kept.exit_code == 0 and PASSWORD not in kept.output
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    assert result["state"] == "sent"
    assert PASSWORD not in listing.output


def test_mail_test_says_in_plain_words_what_is_wrong(
        user: Cli, tls_server: MailServer) -> None:
    unset = user("mail", "test")
    configure(user, tls_server, "starttls", USER)
    no_password = user("mail", "test", FOLLOWUP_NO_KEYRING="1")
    wrong = user("mail", "test", FOLLOWUP_SMTP_PASSWORD="nope")
    good = user("mail", "test", FOLLOWUP_SMTP_PASSWORD=PASSWORD)
    user("config", "set", "smtp.port", "1")
    down = user("mail", "test", FOLLOWUP_SMTP_PASSWORD=PASSWORD)

    assert unset.exit_code == 1 and "no SMTP server is set" in unset.stdout
    assert no_password.exit_code == 1 and "mail password smtp" in no_password.stdout
    assert wrong.exit_code == 1 and "refused the login" in wrong.stdout
    assert good.exit_code == 0 and "SMTP: ok" in good.stdout, good.stdout
    assert down.exit_code == 1 and "refused the connection" in down.stdout


@pytest.mark.parametrize("when", ["2026-11-24T18:00"])
def test_note_send_at_schedules_and_the_worker_sends_it_when_due(
        user: Cli, smtp_server: MailServer, when: str) -> None:
    first = thank_yous(user)[0]
    configure(user, smtp_server)

    scheduled = send(user, first["id"], "--at", when)
    early = user("worker", "--once", FOLLOWUP_NOW="2026-11-24T17:59:00+00:00")
    on_time = user("worker", "--once", FOLLOWUP_NOW="2026-11-24T18:00:30+00:00")
    past = user("note", "send", str(thank_yous_second(user)), "--at", "2026-11-24T09:00",
                FOLLOWUP_NOW=NOW)

    assert scheduled["state"] == "scheduled" and scheduled["due_at"].startswith(when)
    assert early.exit_code == 0 and "nothing due" in early.stdout
    assert on_time.exit_code == 0 and "1 sent" in on_time.stdout
    assert len(smtp_server.handler.messages()) == 1
    assert user.json("outbox")[0]["state"] == "sent"
    assert past.exit_code == 4 and "has passed" in past.stderr


def thank_yous_second(user: Cli) -> int:
    plan = user.json("plan", "1", FOLLOWUP_NOW=NOW)
    return int([a for a in plan["actions"] if a["kind"] == "thank_you"][1]["id"])


def test_a_note_sent_is_filed_once_in_the_sent_folder_when_imap_is_set(
        user: Cli, smtp_server: MailServer, dovecot: Dovecot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    login, secret = dovecot.add_user()
    monkeypatch.setenv("SSL_CERT_FILE", dovecot.ca_file)
    user.env.update({"FOLLOWUP_IMAP_PASSWORD": secret, "FOLLOWUP_NO_KEYRING": "1",
                     "SSL_CERT_FILE": dovecot.ca_file})
    for key, value in (("imap.host", "127.0.0.1"), ("imap.port", str(dovecot.port)),
                       ("imap.security", "starttls"), ("imap.username", login)):
        assert user("config", "set", key, value).exit_code == 0
    first, second = thank_yous(user)
    configure(user, smtp_server)

    sent = send(user, first["id"])
    later = send(user, second["id"], "--at", "2026-11-24T18:00")
    worker = user("worker", "--once", FOLLOWUP_NOW="2026-11-24T18:01:00+00:00")

    copies = dovecot.messages(login, SENT)
    assert worker.exit_code == 0 and later["state"] == "scheduled"
    assert len(copies) == 2 and len(smtp_server.handler.messages()) == 2
    assert {sent["message_id"].encode(), later["message_id"].encode()} == {
        next(line.split(b":", 1)[1].strip() for line in copy.splitlines()
             if line.lower().startswith(b"message-id:")) for copy in copies}


def test_the_sender_address_setting_takes_only_an_address(user: Cli) -> None:
    refused = user("config", "set", "mail.from_address", "siobhan at example")
    kept = user("config", "set", "mail.from_address", "jobs@example.ie")

    assert refused.exit_code == 4 and "an email address" in refused.stderr
    assert kept.exit_code == 0
    assert user("config", "get", "mail.from_address").stdout.strip() == "jobs@example.ie"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls_on_its_own_port_delivers(
        user: Cli, certificates: Certificates, monkeypatch: pytest.MonkeyPatch) -> None:
    server = start(tls=True, implicit=True, cafile=certificates.cafile,
                   server_context=certificates.server_context)
    monkeypatch.setenv("SSL_CERT_FILE", certificates.cafile)
    try:
        first = thank_yous(user)[0]
        configure(user, server, "ssl", USER)

        result = send(user, first["id"], FOLLOWUP_SMTP_PASSWORD=PASSWORD,
                      SSL_CERT_FILE=certificates.cafile)
        plain = user("mail", "test", FOLLOWUP_SMTP_PASSWORD=PASSWORD, SSL_CERT_FILE="/dev/null")
    finally:
        server.stop()

    assert result["state"] == "sent"
    assert [r.login for r in server.handler.messages()] == [USER]
    assert plain.exit_code == 1 and "not trusted" in plain.stdout


def test_a_blind_copy_to_oneself_is_on_the_envelope_only(
        user: Cli, smtp_server: MailServer) -> None:
    first = thank_yous(user)[0]
    configure(user, smtp_server)
    user("config", "set", "mail.bcc_self", "yes")
    user("config", "set", "mail.from_address", "jobs@example.ie")

    send(user, first["id"])

    (received,) = smtp_server.handler.messages()
    assert received.sender == "jobs@example.ie"
    assert received.recipients == ["jose@acme.example", "jobs@example.ie"]
    assert received.message["Bcc"] is None
    assert [a.addr_spec for a in received.message["To"].addresses] == ["jose@acme.example"]
    assert received.message["Message-ID"].endswith("@example.ie>")


def test_deleting_an_application_cancels_its_scheduled_notes(
        user: Cli, smtp_server: MailServer) -> None:
    first = thank_yous(user)[0]
    configure(user, smtp_server)
    scheduled = send(user, first["id"], "--at", "2026-11-24T18:00")

    deleted = user("application", "delete", str(first["application_id"]), "--yes",
                   FOLLOWUP_NOW=NOW)
    worker = user("worker", "--once", FOLLOWUP_NOW="2026-11-24T18:01:00+00:00")

    assert scheduled["state"] == "scheduled"
    assert deleted.exit_code == 0, deleted.output + deleted.stderr
    assert worker.exit_code == 0
    assert [row["state"] for row in user.json("outbox")] == ["cancelled"]
    assert smtp_server.handler.messages() == []


def test_a_message_stopped_before_its_data_is_not_sent_and_the_session_goes_on(
        smtp_server: MailServer) -> None:
    from followup.adapters.mail.smtp import SmtpMailer
    from followup.services.ports import MailServer as Server
    from followup.services.ports import NotHandedOver

    mailer = SmtpMailer(Server(smtp_server.host, smtp_server.port, "none"))
    marks: list[str] = []

    def taken_back() -> None:
        raise NotHandedOver("no longer this worker's")

    try:
        with pytest.raises(NotHandedOver):
            mailer.send("me@example.com", ["jose@acme.example"],
                        b"Subject: stopped\r\n\r\nbody\r\n", taken_back)
        mailer.send("me@example.com", ["jose@acme.example"],
                    b"Subject: next\r\n\r\nbody\r\n", lambda: marks.append("handed"))
    finally:
        mailer.close()

    assert [str(m.message["Subject"]) for m in smtp_server.handler.messages()] == ["next"]
    assert marks == ["handed"]
