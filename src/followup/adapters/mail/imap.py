"""The services' Inbox over IMAP (imap-tools): fetch new messages, find and fill the Sent folder."""

from __future__ import annotations

import contextlib
import imaplib
import re
import socket
import ssl
from collections.abc import Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any

from imap_tools import AND, H, MailBox, MailBoxStartTls, MailBoxUnencrypted, U
from imap_tools.errors import MailboxLoginError, MailboxStarttlsError, UnexpectedCommandStatusError
from imap_tools.utils import check_command_status

from followup.adapters.mail import hosts
from followup.domain.errors import FollowupError, NotAllowed
from followup.domain.incoming import LIMITS
from followup.services.ports import Fetched, ImapAccount

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
UID = re.compile(rb"\bUID (\d+)")
INTERNALDATE = re.compile(rb'INTERNALDATE "[^"]+"')
SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
FETCH_CHUNK = 50


def _tls() -> ssl.SSLContext:
    # The system's trusted certificates (SSL_CERT_FILE / SSL_CERT_DIR point elsewhere).
    return ssl.create_default_context()


class _PinnedImap(imaplib.IMAP4):
    """IMAP (plain, then perhaps STARTTLS) to addresses checked beforehand (`hosts`); the
    certificate is still verified against the name (`self.host`)."""

    def __init__(self, host: str, port: int, timeout: float | None,
                 pinned: Sequence[tuple[int, hosts.Address]]) -> None:
        self.pinned = pinned
        super().__init__(host, port, timeout)

    def _create_socket(self, timeout: float | None) -> socket.socket:
        return hosts.connect(self.pinned, self.port, timeout)


class _PinnedImapSsl(imaplib.IMAP4_SSL):
    """IMAP over TLS from the first byte, to addresses checked beforehand."""

    def __init__(self, host: str, port: int, timeout: float | None,
                 pinned: Sequence[tuple[int, hosts.Address]],
                 ssl_context: ssl.SSLContext) -> None:
        self.pinned = pinned
        super().__init__(host, port, ssl_context=ssl_context, timeout=timeout)

    def _create_socket(self, timeout: float | None) -> socket.socket:
        sock = hosts.connect(self.pinned, self.port, timeout)
        wrapped: socket.socket = self.ssl_context.wrap_socket(sock, server_hostname=self.host)
        return wrapped


class _PinnedBox(MailBoxUnencrypted):
    """An imap-tools MailBox over a pinned client (`security`: ssl, starttls or none)."""

    def __init__(self, host: str, port: int, timeout: float | None, security: str,
                 pinned: Sequence[tuple[int, hosts.Address]]) -> None:
        self._security, self._pinned = security, pinned
        super().__init__(host, port, timeout)

    def _get_mailbox_client(self) -> imaplib.IMAP4:
        if self._security == "ssl":
            return _PinnedImapSsl(self._host, self._port, self._timeout, self._pinned, _tls())
        client = _PinnedImap(self._host, self._port, self._timeout, self._pinned)
        if self._security == "starttls":
            result = client.starttls(_tls())
            check_command_status(result, MailboxStarttlsError)
        return client


class ImapInbox:
    """One logged-in IMAP session; every failure is a FollowupError in plain words. With a
    `guard` (hosts.CHECKED or hosts.PINNED), the server's name is resolved once and the
    session connects to a checked address (hosted mode)."""

    def __init__(self, account: ImapAccount, guard: str | None = None) -> None:
        self.account = account
        self.guard = guard
        self.server = account.server
        self.where = f"{self.server.host}:{self.server.port}"
        self.box: Any = None

    # -- session --------------------------------------------------------------------------
    def __enter__(self) -> ImapInbox:
        server = self.server
        if not server.host:
            raise NotAllowed("no IMAP server is set: `followup config set imap.host "
                             "imap.example.com` (and imap.port, imap.security, imap.username)")
        if not server.username or not server.password:
            raise NotAllowed("no IMAP login is set: `followup config set imap.username ...` "
                             "and `followup mail password imap` (or FOLLOWUP_IMAP_PASSWORD)")
        if server.security == "none" and server.host not in LOOPBACK:
            raise NotAllowed("refusing to send the IMAP password without encryption; "
                             "set imap.security to ssl or starttls")
        try:
            self.box = self._connect()
            if server.username.isascii() and server.password.isascii():
                self.box.login(server.username, server.password, initial_folder=None)
            else:  # LOGIN is ASCII only; AUTHENTICATE PLAIN carries UTF-8
                self.box.login_utf8(server.username, server.password, initial_folder=None)
        except FollowupError:
            self._drop()
            raise
        except MailboxLoginError as exc:
            self._drop()
            raise NotAllowed(f"{self.where} refused the login of {server.username} "
                             f"({_words(exc)})") from None
        except Exception as exc:
            self._drop()
            raise self._plain(exc) from None
        return self

    def _connect(self) -> Any:
        server = self.server
        if self.guard is not None:
            pinned = hosts.resolve(server.host, server.port)
            problem = None if self.guard == hosts.PINNED else \
                hosts.refusal(server.host, pinned, "imap.host")
            if problem is not None:
                raise NotAllowed(problem)
            return _PinnedBox(server.host, server.port, server.timeout, server.security, pinned)
        if server.security == "ssl":
            return MailBox(server.host, server.port, timeout=server.timeout, ssl_context=_tls())
        if server.security == "starttls":
            return MailBoxStartTls(server.host, server.port, timeout=server.timeout,
                                   ssl_context=_tls())
        return MailBoxUnencrypted(server.host, server.port, timeout=server.timeout)

    def _plain(self, exc: BaseException) -> FollowupError:
        """What went wrong, said so that the user knows what to change."""
        if isinstance(exc, ssl.SSLCertVerificationError):
            return NotAllowed(f"the certificate of {self.where} is not trusted "
                              f"({exc.verify_message})")
        if isinstance(exc, MailboxStarttlsError):
            return NotAllowed(f"{self.where} does not offer STARTTLS; set imap.security to "
                              "ssl (port 993) or check the port")
        if isinstance(exc, ssl.SSLError):
            return NotAllowed(f"no secure connection with {self.where} ({exc.reason or exc}); "
                              "check imap.security and imap.port")
        if isinstance(exc, socket.gaierror):
            return FollowupError(f"the name {self.server.host} cannot be resolved")
        if isinstance(exc, ConnectionRefusedError):
            return FollowupError(f"{self.where} refused the connection (no IMAP server "
                                 "listening there now)")
        if isinstance(exc, TimeoutError | socket.timeout):
            return FollowupError(f"{self.where} did not answer in time")
        if isinstance(exc, UnexpectedCommandStatusError | imaplib.IMAP4.error):
            return FollowupError(f"{self.where} said: {_words(exc)}")
        return FollowupError(f"cannot talk to {self.where}: {exc or type(exc).__name__}")

    def _drop(self) -> None:
        if self.box is None:
            return
        with contextlib.suppress(Exception):  # already gone: nothing to close
            self.box.client.shutdown()
        self.box = None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.box is None:
            return
        with contextlib.suppress(Exception):  # gone already; the socket is closed below
            self.box.logout()
        self._drop()

    def _call(self, what: str, *args: Any, **kwargs: Any) -> Any:
        """Runs one imap-tools call, with its errors in plain words."""
        try:
            return getattr(self.box, what)(*args, **kwargs)
        except FollowupError:
            raise
        except Exception as exc:
            raise self._plain(exc) from None

    # -- reading --------------------------------------------------------------------------
    def select(self, folder: str) -> int:
        try:
            status = self.box.folder.status(folder, ["UIDVALIDITY"])
            self.box.folder.set(folder, readonly=True)
        except UnexpectedCommandStatusError as exc:
            raise NotAllowed(f"the folder {folder!r} cannot be opened on {self.where} "
                             f"({_words(exc)}); check imap.folders") from None
        except Exception as exc:
            raise self._plain(exc) from None
        return int(status["UIDVALIDITY"])

    def fetch(self, after_uid: int, since: date | None, limit: int) -> list[Fetched]:
        span = U(str(after_uid + 1), "*")
        criteria = AND(uid=span, date_gte=since) if since else AND(uid=span)
        # "N:*" always names the last message, even when its UID is below N.
        uids = sorted(u for u in (int(x) for x in self._call("uids", criteria)) if u > after_uid)
        found: list[Fetched] = []
        for start in range(0, min(len(uids), limit), FETCH_CHUNK):
            chunk = uids[start:min(start + FETCH_CHUNK, limit)]
            found += self._fetch_raw(chunk)
        return sorted(found, key=lambda f: f.uid)

    def _fetch_raw(self, uids: list[int]) -> list[Fetched]:
        """Each message's size, arrival time and header, then only the start of its body:
        what reply detection reads (LIMITS), never a whole big message; left unread (PEEK)."""
        header = LIMITS.header_bytes + 1  # one byte more tells a header that is too large
        heads = self._fetch_parts(
            uids, f"(UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER]<0.{header}>)")
        wanted = [uid for uid, (data, _) in heads.items() if len(data) < header]
        bodies = self._fetch_parts(wanted, f"(UID BODY.PEEK[TEXT]<0.{LIMITS.body_bytes}>)") \
            if wanted else {}
        found = []
        for uid, (data, head) in heads.items():
            size = SIZE.search(head)
            when = INTERNALDATE.search(head)
            received = None
            if when is not None:
                stamp = imaplib.Internaldate2tuple(when.group(0))
                received = datetime(*stamp[:6]).astimezone() if stamp else None
            found.append(Fetched(uid, data + bodies.get(uid, (b"", b""))[0], received,
                                 int(size.group(1)) if size else None))
        return found

    def _fetch_parts(self, uids: list[int], items: str) -> dict[int, tuple[bytes, bytes]]:
        """UID -> (the one section `items` names, the response's other items) of each
        message; a section the server sends as an empty string is b""."""
        try:
            status, data = self.box.client.uid("FETCH", ",".join(map(str, uids)), items)
        except Exception as exc:
            raise self._plain(exc) from None
        if status != "OK":
            raise FollowupError(f"{self.where} would not hand over messages ({status})")
        found: dict[int, tuple[bytes, bytes]] = {}
        for item in data:
            head, section = (item[0], item[1]) if isinstance(item, tuple) and len(item) > 1 \
                else (item, b"")
            uid = UID.search(head) if isinstance(head, bytes) else None
            if uid is not None:
                # The first item of a message holds its section; a second only closes it.
                found.setdefault(int(uid.group(1)), (bytes(section or b""), head))
        return found

    # -- the Sent folder ------------------------------------------------------------------
    def sent_folder(self) -> str:
        if self.account.sent_folder:
            return self.account.sent_folder
        folders = self._call_folder("list")
        flagged = [f.name for f in folders if "\\sent" in (x.lower() for x in f.flags)]
        if not flagged:
            raise NotAllowed(f"{self.where} flags no folder as \\Sent; name yours with "
                             "`followup config set imap.sent_folder \"Sent\"`")
        return str(flagged[0])

    def _call_folder(self, what: str, *args: Any) -> Any:
        try:
            return getattr(self.box.folder, what)(*args)
        except Exception as exc:
            raise self._plain(exc) from None

    def has_message(self, folder: str, message_id: str) -> bool:
        self.select(folder)
        wanted = message_id.strip()
        if not wanted.startswith("<"):
            wanted = f"<{wanted}>"
        # SEARCH HEADER matches a substring; the angle brackets keep it to this one id.
        return bool(self._call("uids", AND(header=H("Message-ID", wanted))))

    def append(self, folder: str, raw: bytes, when: datetime) -> None:
        self._call("append", raw, folder, dt=when, flag_set=["\\Seen"])


def _words(exc: BaseException) -> str:
    """The server's own words of a failed command."""
    text = str(exc)
    found = re.search(r"\[(?:b')?([^\]]*?)'?\]", text)
    words = found.group(1) if found else text
    return " ".join(words.replace("\\r\\n", " ").split())[:300]


def open_inbox(account: ImapAccount, guard: str | None = None) -> ImapInbox:
    """The services' InboxFactory: a session opened by `with`."""
    return ImapInbox(account, guard)
