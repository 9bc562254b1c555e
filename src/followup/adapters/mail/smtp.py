"""Sending over SMTP (smtplib), with every failure sorted: retry, give up, or unknown."""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from typing import Any

from followup.adapters.mail import hosts
from followup.services.ports import DeliveryError, MailServer, NotHandedOver

TRANSIENT, PERMANENT, UNKNOWN = DeliveryError.TRANSIENT, DeliveryError.PERMANENT, \
    DeliveryError.UNKNOWN


def _words(reply: Any) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())


def _by_code(code: int, words: str, what: str) -> DeliveryError:
    """A server's reply: 4xx may pass, 5xx will not (its words are shown to the user)."""
    outcome = TRANSIENT if 400 <= code < 500 else PERMANENT
    return DeliveryError(outcome, f"{what}: {code} {words}".strip())


class _DataWatch:
    """Notes when the message, final "." included, has been written to the socket: a failure
    after that point may come after the server accepted it."""

    data_sent = False
    before_data: Callable[[], None] | None = None

    def data(self, msg: Any) -> tuple[int, bytes]:
        smtp: Any = self
        if self.before_data is not None:
            self.before_data()
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        # smtplib's own dot-stuffing, so the data is what SMTP.data would send; typeshed
        # leaves out this private helper.
        payload = smtplib._quote_periods(msg)  # type: ignore[attr-defined]
        if payload[-2:] != smtplib.bCRLF:
            payload += smtplib.bCRLF
        payload += b"." + smtplib.bCRLF
        smtp.send(payload)
        self.data_sent = True
        return smtp.getreply()  # type: ignore[no-any-return]


class _Plain(_DataWatch, smtplib.SMTP):
    pass


class _Ssl(_DataWatch, smtplib.SMTP_SSL):
    pass


class _Pinned:
    """Connects to addresses checked beforehand (`hosts`) without resolving the name again;
    TLS, implicit or by STARTTLS, still verifies the certificate against the name (`_host`)."""

    pinned: Sequence[tuple[int, hosts.Address]] = ()

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        sock = hosts.connect(self.pinned, port, timeout)
        if isinstance(self, smtplib.SMTP_SSL):
            name: str = getattr(self, "_host")  # noqa: B009 - typeshed leaves it out
            return self.context.wrap_socket(sock, server_hostname=name)
        return sock


class _PinnedPlain(_Pinned, _Plain):
    pass


class _PinnedSsl(_Pinned, _Ssl):
    pass


def _tls() -> ssl.SSLContext:
    # The system's trusted certificates (SSL_CERT_FILE / SSL_CERT_DIR point elsewhere).
    return ssl.create_default_context()


def _where(server: MailServer) -> str:
    return f"{server.host}:{server.port}"


def _pinned(server: MailServer, allow_private: bool) -> smtplib.SMTP:
    """A session connected to a checked address of the server's name (hosted mode)."""
    addresses = hosts.resolve(server.host, server.port)
    problem = None if allow_private else hosts.refusal(server.host, addresses, "smtp.host")
    if problem is not None:
        raise DeliveryError(PERMANENT, problem)
    session: Any = _PinnedSsl(timeout=server.timeout, context=_tls()) \
        if server.security == "ssl" else _PinnedPlain(timeout=server.timeout)
    session.pinned, session._host = addresses, server.host
    try:
        code, reply = session.connect(server.host, server.port)
    except BaseException:
        _drop(session)
        raise
    if code != 220:
        _drop(session)
        raise smtplib.SMTPConnectError(code, reply)
    return session  # type: ignore[no-any-return]


def connect(server: MailServer, guard: str | None = None) -> smtplib.SMTP:
    """A logged-in session; raises DeliveryError saying in plain words what went wrong.
    With a `guard` (hosts.CHECKED: a private address is refused; hosts.PINNED: allowed), the
    name is resolved once and the session connects to an address that was checked."""
    if not server.host:
        raise DeliveryError(PERMANENT, "no SMTP server is set: "
                            "`followup config set smtp.host smtp.example.com`")
    session: smtplib.SMTP | None = None
    try:
        if guard is not None:
            session = _pinned(server, guard == hosts.PINNED)
        elif server.security == "ssl":
            session = _Ssl(server.host, server.port, timeout=server.timeout, context=_tls())
        else:
            session = _Plain(server.host, server.port, timeout=server.timeout)
        session.ehlo()
        if server.security == "starttls":
            if not session.has_extn("starttls"):
                raise DeliveryError(PERMANENT, f"{_where(server)} does not offer STARTTLS; "
                                    "set smtp.security to ssl (port 465) or check the port")
            session.starttls(context=_tls())
            session.ehlo()
        if server.username:
            if not server.password:
                raise DeliveryError(PERMANENT, "no SMTP password is kept: "
                                    "`followup mail password smtp` (or FOLLOWUP_SMTP_PASSWORD)")
            if server.security == "none":
                raise DeliveryError(PERMANENT, "refusing to send the password without "
                                    "encryption; set smtp.security to starttls or ssl")
            session.login(server.username, server.password)
        return session
    except DeliveryError:
        _drop(session)
        raise
    except smtplib.SMTPAuthenticationError as exc:
        _drop(session)
        raise _by_code(exc.smtp_code, _words(exc.smtp_error),
                       f"{_where(server)} refused the login of {server.username}") from None
    except smtplib.SMTPNotSupportedError as exc:
        _drop(session)
        raise DeliveryError(PERMANENT, f"{_where(server)}: {exc}") from None
    except smtplib.SMTPResponseException as exc:
        _drop(session)
        raise _by_code(exc.smtp_code, _words(exc.smtp_error),
                       f"{_where(server)} turned the connection down") from None
    except ssl.SSLCertVerificationError as exc:
        _drop(session)
        raise DeliveryError(PERMANENT, f"the certificate of {_where(server)} is not trusted "
                            f"({exc.verify_message})") from None
    except ssl.SSLError as exc:
        _drop(session)
        raise DeliveryError(PERMANENT, f"no secure connection with {_where(server)} ({exc}); "
                            "check smtp.security and smtp.port") from None
    except socket.gaierror:
        _drop(session)
        raise DeliveryError(TRANSIENT, f"the name {server.host} cannot be resolved") from None
    except ConnectionRefusedError:
        _drop(session)
        raise DeliveryError(TRANSIENT, f"{_where(server)} refused the connection "
                            "(no mail server listening there now)") from None
    except (OSError, smtplib.SMTPException) as exc:
        _drop(session)
        raise DeliveryError(TRANSIENT, f"cannot talk to {_where(server)}: "
                            f"{exc or type(exc).__name__}") from None


def _drop(session: smtplib.SMTP | None) -> None:
    if session is None:
        return
    with contextlib.suppress(Exception):  # already gone
        session.close()


class SmtpMailer:
    """One SMTP session reused for message after message; reopened when the server drops it."""

    def __init__(self, server: MailServer, guard: str | None = None) -> None:
        self.server = server
        self.guard = guard
        self.session: smtplib.SMTP | None = connect(server, guard)

    def send(self, sender: str, recipients: Sequence[str], message: bytes,
             before_data: Callable[[], None] | None = None) -> str | None:
        fresh = False
        if self.session is None or getattr(self.session, "sock", None) is None:
            self.session, fresh = connect(self.server, self.guard), True
        try:
            return self._send(sender, recipients, message, before_data)
        except DeliveryError as exc:
            # A reused session the server closed while idle: once more on a new one.
            if exc.outcome == TRANSIENT and not fresh and self.session is None:
                self.session = connect(self.server, self.guard)
                return self._send(sender, recipients, message, before_data)
            raise

    def _send(self, sender: str, recipients: Sequence[str], message: bytes,
              before_data: Callable[[], None] | None) -> str | None:
        session = self.session
        assert session is not None
        watch: Any = session
        watch.data_sent, watch.before_data = False, before_data
        try:
            refused = session.sendmail(sender, list(recipients), message)
        except NotHandedOver:
            # Stopped between RCPT and DATA: the session is kept, its transaction undone.
            try:
                session.rset()
            except (OSError, smtplib.SMTPException):
                _drop(session)
                self.session = None
            raise
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            words = "; ".join(f"{who}: {code} {_words(reply)}"
                              for who, (code, reply) in exc.recipients.items())
            outcome = TRANSIENT if all(400 <= c < 500 for c in codes) else PERMANENT
            raise DeliveryError(outcome, f"the server refused every recipient ({words})") from None
        except smtplib.SMTPSenderRefused as exc:
            raise _by_code(exc.smtp_code, _words(exc.smtp_error),
                           f"the server refused the sender {sender}") from None
        except smtplib.SMTPDataError as exc:
            raise _by_code(exc.smtp_code, _words(exc.smtp_error),
                           "the server refused the message") from None
        except smtplib.SMTPResponseException as exc:
            raise _by_code(exc.smtp_code, _words(exc.smtp_error),
                           "the server refused the message") from None
        except (OSError, smtplib.SMTPException) as exc:
            sent = watch.data_sent
            _drop(session)
            self.session = None
            if sent:
                raise DeliveryError(UNKNOWN, "the connection was lost after the whole message "
                                    "was handed over and before the server said it took it "
                                    f"({exc or type(exc).__name__})") from None
            raise DeliveryError(TRANSIENT, "the connection was lost before the message was "
                                f"handed over ({exc or type(exc).__name__})") from None
        if refused:
            return "some recipients were refused: " + "; ".join(
                f"{who}: {code} {_words(reply)}" for who, (code, reply) in refused.items())
        return None

    def close(self) -> None:
        session, self.session = self.session, None
        if session is None:
            return
        try:
            session.quit()
        except Exception:  # the server went first: nothing to say goodbye to
            _drop(session)


def open_session(server: MailServer, guard: str | None = None) -> SmtpMailer:
    """The services' MailerFactory."""
    return SmtpMailer(server, guard)
