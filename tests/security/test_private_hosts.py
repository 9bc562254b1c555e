"""Hosted mode keeps users' SMTP and IMAP servers out of the host's own network: loopback,
private, link-local and other non-public addresses are refused when saved (CLI, Settings, API)
and again when connecting, where the name is resolved once and the checked address is the one
connected to (DNS rebinding gains nothing), while TLS still verifies the name."""

from __future__ import annotations

import dataclasses
import socket
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from followup import bootstrap
from followup.adapters.mail import hosts
from followup.domain.errors import InvalidInput
from followup.services import accounts, outbox, profile, reconcile
from followup.services.context import Deps
from followup.services.ports import Outgoing
from tests.conftest import Cli
from tests.mailserver import (  # noqa: F401 - the servers' fixtures
    MailServer,
    plain_session_server,
    smtp_server_fixture,
    start,
)
from tests.web_client import Web, make_hosted

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
KEY = "k" * 40
REFUSED = ["127.0.0.1", "10.20.30.40", "192.168.1.1", "::1", "169.254.169.254", "fe80::1",
           "0.0.0.0", "224.0.0.1", "100.64.0.1", "::ffff:127.0.0.1", "[::1]", "localhost"]


@pytest.fixture
def hosted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_MODE", "hosted")
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", KEY)


@pytest.mark.parametrize("host", REFUSED)
def test_a_private_or_loopback_host_is_refused_with_the_setting_named(host: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        hosts.check_host(host, "smtp.host")
    assert refused.value.field == "smtp.host"
    assert "address" in str(refused.value) and "FOLLOWUP_ALLOW_PRIVATE_HOSTS" in str(refused.value)


def test_a_name_that_resolves_to_loopback_says_what_it_resolves_to() -> None:
    with pytest.raises(InvalidInput, match=r"localhost resolves to (127\.0\.0\.1|::1), a loopback"):
        hosts.check_host("localhost", "imap.host")


@pytest.mark.parametrize("host", ["93.184.216.34", "2606:4700:4700::1111"])
def test_a_public_address_is_taken(host: str) -> None:
    hosts.check_host(host, "smtp.host")


def test_every_address_a_name_resolves_to_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 0)),
               (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 0))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: answers)
    with pytest.raises(InvalidInput, match=r"mail\.example\.org resolves to 10\.0\.0\.7"):
        hosts.check_host("mail.example.org", "smtp.host")


@dataclasses.dataclass
class AsUser(Cli):
    """The CLI of a hosted installation, acting for one account (`--user`)."""

    email: str = "siobhan@example.com"

    def __call__(self, *args: str, input: str | None = None, **env: str) -> Any:
        return super().__call__(*args, "--user", self.email, input=input, **env)


@pytest.fixture
def hosted_cli(hosted: None, cli: Cli) -> Cli:
    """The CLI of a hosted installation with one account, acting for it."""
    assert cli("user", "add", "siobhan@example.com", "--name", "Siobhán").exit_code == 0
    return AsUser(cli.runner, cli.env)


@pytest.mark.parametrize("key,host", [("smtp.host", "127.0.0.1"), ("imap.host", "10.1.2.3"),
                                      ("smtp.host", "::1"), ("imap.host", "169.254.169.254"),
                                      ("smtp.host", "localhost")])
def test_config_set_refuses_a_private_host_in_hosted_mode(hosted_cli: Cli, key: str,
                                                          host: str) -> None:
    result = hosted_cli("config", "set", key, host)
    assert result.exit_code == InvalidInput.exit_code, result.output
    assert "address" in result.stderr and "FOLLOWUP_ALLOW_PRIVATE_HOSTS" in result.stderr
    assert hosted_cli("config", "get", key).stdout.strip() == ""  # nothing was kept


def test_the_operator_may_allow_private_hosts(hosted_cli: Cli) -> None:
    result = hosted_cli("config", "set", "smtp.host", "127.0.0.1",
                        FOLLOWUP_ALLOW_PRIVATE_HOSTS="1")
    assert result.exit_code == 0, result.output + result.stderr


def test_local_mode_takes_any_host(user: Cli) -> None:
    for host in ("127.0.0.1", "localhost", "10.0.0.1", "::1"):
        result = user("config", "set", "smtp.host", host)
        assert result.exit_code == 0, result.output + result.stderr


@pytest.fixture
def hosted_web(hosted: None, monkeypatch: pytest.MonkeyPatch, home: Path,
               database_url: str) -> Iterator[Web]:
    yield make_hosted(monkeypatch, home, database_url, ("siobhan@example.com",)).client(
        "siobhan@example.com")


def test_the_settings_page_and_the_api_refuse_a_private_host(hosted_web: Web) -> None:
    page = hosted_web.form("/settings/mail", {"smtp.host": "127.0.0.1", "smtp.port": "587",
                                              "smtp.security": "starttls"})
    assert page.status_code == 422 and "loopback address" in page.text
    api = hosted_web.api("PUT", "/api/v1/settings/imap.host", {"value": "192.168.0.10"})
    assert api.status_code == 422 and "private address" in api.text
    assert hosted_web.api("GET", "/api/v1/settings/imap.host").json()["value"] is None
    fine = hosted_web.api("PUT", "/api/v1/settings/imap.host", {"value": "93.184.216.34"})
    assert fine.status_code == 200


# -- at connect time -------------------------------------------------------------------------

def _deps(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> Deps:
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    deps = dataclasses.replace(bootstrap.build(), clock=lambda: NOW)
    if deps.hosting is not None:  # an account, acted for as a login would
        added = accounts.add_user(deps, "siobhan@example.com", "Siobhán Ó Briain")
        deps = deps.acting(added.user.id)
    profile.init(deps, "Siobhán Ó Briain", "siobhan@example.com", "Europe/Dublin", "IE")
    return deps


def _store(deps: Deps, **settings: str) -> None:
    """Settings written straight to the database (as a row saved before a DNS change, or
    an import, would be), past the check of `config set`."""
    with deps.uow() as uow:
        for key, value in settings.items():
            uow.repo.set_setting(key.replace("_", "."), value)
        uow.commit()


def _queue(deps: Deps, subject: str) -> None:
    with deps.uow() as uow:
        owner = uow.repo.user()
        assert owner is not None and owner.id is not None
        uow.outbox.add(Outgoing(None, owner.id, None, "note", f"<{subject}@example.com>",
                                "siobhan@example.com", ["jose@acme.example"], subject,
                                f"Subject: {subject}\r\nMessage-ID: <{subject}@example.com>"
                                "\r\n\r\nHello\r\n", NOW, created_at=NOW))
        uow.commit()


def _state(deps: Deps) -> dict[str, Any]:
    with deps.uow() as uow:
        owner = uow.repo.user()
        assert owner is not None
        (row,) = uow.outbox.listing(owner.id or 0, 10)
    return {"state": row.state, "error": row.error}


def test_a_loopback_smtp_host_stored_earlier_is_refused_when_connecting(
        hosted: None, monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
        smtp_server: MailServer) -> None:
    deps = _deps(monkeypatch, home, database_url)
    _store(deps, smtp_host=smtp_server.host, smtp_port=str(smtp_server.port),
           smtp_security="none")
    _queue(deps, "refused-at-connect")

    counts = outbox.deliver_due(deps, "test")

    assert counts["failed"] == 1 and smtp_server.handler.messages() == []
    assert "127.0.0.1, a loopback address" in _state(deps)["error"]


def test_a_loopback_imap_host_stored_earlier_is_refused_when_connecting(
        hosted: None, monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str) -> None:
    deps = _deps(monkeypatch, home, database_url)
    _store(deps, imap_host="localhost", imap_port="143", imap_security="starttls",
           imap_username="siobhan")
    bootstrap.keep_password(deps, "imap", "secret")
    connections: list[Any] = []
    monkeypatch.setattr(hosts, "connect", lambda *a: connections.append(a))

    result = reconcile.poll(deps)

    assert result.error is not None and "localhost resolves to" in result.error
    assert "loopback address" in result.error and connections == []


def _rebinding(monkeypatch: pytest.MonkeyPatch, name: str, first: str, then: str
               ) -> list[str]:
    """A resolver that answers `first` for `name` once, then `then` (DNS rebinding)."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def resolve(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != name:
            return real(host, port, *args, **kwargs)
        asked.append(host)
        address = first if len(asked) == 1 else then
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 0))]
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return asked


def test_a_name_that_rebinds_to_loopback_after_the_check_is_refused_at_connect(
        hosted: None, monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
        smtp_server: MailServer) -> None:
    deps = _deps(monkeypatch, home, database_url)
    asked = _rebinding(monkeypatch, "mail.rebind.example", "93.184.216.34", "127.0.0.1")
    profile.config_set(deps, "smtp.host", "mail.rebind.example")  # public when saved
    _store(deps, smtp_port=str(smtp_server.port), smtp_security="none")
    _queue(deps, "rebound")

    counts = outbox.deliver_due(deps, "test")

    assert counts["failed"] == 1 and smtp_server.handler.messages() == []
    assert "mail.rebind.example resolves to 127.0.0.1" in (_state(deps)["error"] or "")
    assert len(asked) == 2  # once when saved, once when connecting: never again after it


def test_the_session_goes_to_the_address_checked_and_tls_verifies_the_name(
        hosted: None, monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
        tmp_path: Path) -> None:
    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("mail.pinned.example").configure_cert(context)
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    monkeypatch.setenv("FOLLOWUP_ALLOW_PRIVATE_HOSTS", "1")
    server = start(tls=True, server_context=context)
    try:
        deps = _deps(monkeypatch, home, database_url)
        # Resolved once to the server's address; any later lookup would lead nowhere.
        asked = _rebinding(monkeypatch, "mail.pinned.example", "127.0.0.1", "192.0.2.1")
        from tests.mailserver import PASSWORD, USER

        _store(deps, smtp_host="mail.pinned.example", smtp_port=str(server.port),
               smtp_security="starttls", smtp_username=USER)
        bootstrap.keep_password(deps, "smtp", PASSWORD)
        _queue(deps, "pinned")

        counts = outbox.deliver_due(deps, "test")

        assert counts["sent"] == 1, _state(deps)
        (received,) = server.handler.messages()
        assert received.login == USER and len(asked) == 1
    finally:
        server.stop()


def test_a_certificate_for_another_name_is_still_refused_on_a_pinned_address(
        hosted: None, monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
        tmp_path: Path) -> None:
    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    monkeypatch.setenv("FOLLOWUP_ALLOW_PRIVATE_HOSTS", "1")
    server = start(tls=True, server_context=context)
    try:
        deps = _deps(monkeypatch, home, database_url)
        _rebinding(monkeypatch, "mail.other.example", "127.0.0.1", "127.0.0.1")
        _store(deps, smtp_host="mail.other.example", smtp_port=str(server.port),
               smtp_security="starttls")
        _queue(deps, "wrong-name")

        outbox.deliver_due(deps, "test")

        assert "certificate" in (_state(deps)["error"] or "")
        assert server.handler.messages() == []
    finally:
        server.stop()

