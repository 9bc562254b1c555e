"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1): plain, or STARTTLS with a
self-signed certificate (trustme) and AUTH; it keeps what it receives and can be told to
refuse (4xx/5xx) or to drop the connection after the message's data."""

from __future__ import annotations

import email
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

USER, PASSWORD = "siobhan@example.ie", "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    login: str | None

    @property
    def message(self) -> EmailMessage:
        parsed: EmailMessage = email.message_from_bytes(self.data, policy=policy.default)
        return parsed


@dataclass
class Handler:
    """What the server does with each message: keep it ("ok"), answer "temp" (451) or
    "perm" (554), keep it and hang up without a reply ("drop"), or hang up at the first
    recipient ("hang up early")."""

    mode: str = "ok"
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:
        if self.mode == "hang up early":  # before any of the message was sent
            server.transport.close()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.mode == "temp":
            return "451 4.3.0 Mailbox busy, try again later"
        if self.mode == "perm":
            return "554 5.7.1 Message rejected: looks like spam to us"
        with self.lock:
            self.received.append(Received(
                envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content
                                                                   or envelope.content),
                USER if getattr(session, "authenticated", False) else None))
        if self.mode == "drop":
            server.transport.close()
        return "250 2.0.0 Ok: queued"

    def messages(self) -> list[Received]:
        with self.lock:
            return list(self.received)


class Authenticator:
    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str,
                 auth_data: Any) -> Any:
        from aiosmtpd.smtp import AuthResult, LoginPassword

        good = (isinstance(auth_data, LoginPassword)
                and auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD)
        return AuthResult(success=good, handled=False)


@dataclass
class MailServer:
    """A running server: where it listens and what it got."""

    host: str
    port: int
    handler: Handler
    controller: Any
    tls: bool
    cafile: str | None = None

    def stop(self) -> None:
        self.controller.stop()


def start(port: int | None = None, tls: bool = False, cafile: str | None = None,
          server_context: ssl.SSLContext | None = None, implicit: bool = False) -> MailServer:
    """Starts a server; with `tls`, STARTTLS is required and so is AUTH (with `implicit`,
    TLS from the first byte instead, as on port 465)."""
    try:
        from aiosmtpd.controller import Controller
    except ImportError as exc:  # pragma: no cover - a dev dependency
        from tests.conftest import missing

        missing("aiosmtpd", str(exc))
        raise
    handler = Handler()
    chosen = port or free_port()
    options: dict[str, Any] = {}
    if tls and implicit:
        # aiosmtpd counts only STARTTLS as TLS; the whole session is encrypted here.
        options = {"ssl_context": server_context, "auth_required": True,
                   "auth_require_tls": False, "authenticator": Authenticator()}
    elif tls:
        options = {"tls_context": server_context, "require_starttls": True,
                   "auth_required": True, "authenticator": Authenticator()}
    controller = Controller(handler, hostname="127.0.0.1", port=chosen,
                            server_hostname="localhost", **options)
    controller.start()
    return MailServer("127.0.0.1", chosen, handler, controller, tls, cafile)


@dataclass
class Certificates:
    cafile: str
    server_context: ssl.SSLContext


@pytest.fixture(scope="session", name="certificates")
def certificates_fixture(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    """A self-signed authority and a certificate for 127.0.0.1 issued by it."""
    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    issued = authority.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    issued.configure_cert(context)
    path = Path(tmp_path_factory.mktemp("ca")) / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return Certificates(str(path), context)


@pytest.fixture(scope="session", name="_plain_server")
def plain_session_server() -> Iterator[MailServer]:
    server = start()
    yield server
    server.stop()


@pytest.fixture(scope="session", name="_tls_server")
def tls_session_server(certificates: Certificates) -> Iterator[MailServer]:
    server = start(tls=True, cafile=certificates.cafile,
                   server_context=certificates.server_context)
    yield server
    server.stop()


@pytest.fixture(name="smtp_server")
def smtp_server_fixture(_plain_server: MailServer) -> Iterator[MailServer]:
    """The plain server (no TLS, no AUTH), emptied and answering "ok"."""
    _plain_server.handler.received.clear()
    _plain_server.handler.mode = "ok"
    yield _plain_server


@pytest.fixture(name="tls_server")
def tls_server_fixture(_tls_server: MailServer,
                       monkeypatch: pytest.MonkeyPatch) -> Iterator[MailServer]:
    """The STARTTLS + AUTH server, its authority trusted by this process (SSL_CERT_FILE)."""
    _tls_server.handler.received.clear()
    _tls_server.handler.mode = "ok"
    monkeypatch.setenv("SSL_CERT_FILE", _tls_server.cafile or "")
    yield _tls_server
