"""A real IMAP server for the tests: Dovecot with a temporary configuration on 127.0.0.1.

Started once per session as a child process (`dovecot -F -c <tmp>/dovecot.conf`), with a
passwd-file of users that tests take one each, a maildir per user, a Sent folder flagged
`\\Sent` (named "Sent Items", so that only its flag finds it), and TLS (a throwaway CA from
trustme) on the IMAP port (STARTTLS) and on an IMAPS port.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import missing

DOVECOT = os.environ.get("FOLLOWUP_DOVECOT", "/usr/sbin/dovecot")
USERS = 400
"""Mailboxes made ready for one session (each test takes a fresh one)."""
SENT = "Sent Items"
"""The Sent folder's name: not "Sent", so that finding it by its flag is what finds it."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _accounts() -> tuple[str, str, int, int]:
    """(internal user, login user, mail uid, mail gid) for the current user.

    Dovecot refuses to run its login processes or mail as root; as root the tests use the
    unprivileged users Debian's package creates (or nobody)."""
    if os.getuid() != 0:
        me = pwd.getpwuid(os.getuid()).pw_name
        return me, me, os.getuid(), os.getgid()
    names = [n for n in ("dovecot", "dovenull", "nobody") if _exists(n)]
    internal = names[0] if names else "nobody"
    login = "dovenull" if _exists("dovenull") else internal
    entry = pwd.getpwnam(internal)
    return internal, login, entry.pw_uid, entry.pw_gid


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@dataclass
class Dovecot:
    """A running Dovecot: where it listens, its CA for TLS, and its users."""

    root: Path
    port: int
    ssl_port: int
    ca_file: str
    process: subprocess.Popen[bytes]
    users: dict[str, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    host: str = "127.0.0.1"

    def add_user(self) -> tuple[str, str]:
        """A user never handed out before, with an empty mailbox: (username, password)."""
        # The users are all written before the start: Dovecot looks at a changed passwd-file
        # at most once a second, too slow for tests that each want a fresh mailbox.
        name = next(n for n in self.users if n not in self.taken)
        self.taken.add(name)
        return name, self.users[name]

    def mailbox(self, user: str):  # type: ignore[no-untyped-def]
        """A logged-in imap-tools MailBox (plain connection) for setting up a test."""
        from imap_tools import MailBoxUnencrypted

        box = MailBoxUnencrypted(self.host, self.port, timeout=10)
        return box.login_utf8(user, self.users[user], initial_folder=None)

    def append(self, user: str, folder: str, raw: bytes | str,
               when: datetime | None = None) -> None:
        """Puts one raw RFC 5322 message into `folder` of `user`'s mailbox."""
        data = raw.encode("utf-8") if isinstance(raw, str) else raw
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        with self.mailbox(user) as box:
            if not box.folder.exists(folder):
                box.folder.create(folder)
            box.append(data, folder, dt=when)

    def create(self, user: str, folder: str) -> None:
        with self.mailbox(user) as box:
            box.folder.create(folder)

    def uidvalidity(self, user: str, folder: str) -> int:
        with self.mailbox(user) as box:
            return int(box.folder.status(folder, ["UIDVALIDITY"])["UIDVALIDITY"])

    def recreate(self, user: str, folder: str) -> None:
        """Deletes and creates `folder` again: it gets a new UIDVALIDITY and UIDs from 1."""
        with self.mailbox(user) as box:
            box.folder.set("INBOX")
            box.folder.delete(folder)
            box.folder.create(folder)

    def messages(self, user: str, folder: str) -> list[bytes]:
        with self.mailbox(user) as box:
            box.folder.set(folder)
            return [m.obj.as_bytes() for m in box.fetch(mark_seen=False)]


CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_internal_group = {group}
default_login_user = {login}
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_uid = {uid}
mail_gid = {gid}
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox "{sent}" {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
}}
# No chroot: an unprivileged user (CI) may not chroot, and root gains nothing from it here.
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
  }}
}}
"""


def _wait_listening(port: int, process: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if s.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.1)
    text = "".join((root / name).read_text(errors="replace")
                   for name in ("startup.log", "dovecot.log") if (root / name).exists())
    process.kill()
    pytest.fail(f"Dovecot did not start on port {port}:\n{text}")


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """Dovecot on a free port for the whole session; stopped at the end."""
    if not os.access(DOVECOT, os.X_OK):
        missing("dovecot", f"{DOVECOT} is not installed (apt-get install dovecot-imapd)")
    try:
        import trustme
    except ImportError:
        missing("trustme", "it makes the test server's certificate (pip install trustme)")
    root = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
    # The mail processes run as an unprivileged user that must reach the maildirs.
    root.chmod(0o755)
    internal, login, uid, gid = _accounts()
    (root / "mail").mkdir()
    os.chown(root / "mail", uid, gid)
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert.private_key_pem.write_to_path(str(root / "key.pem"))
    cert.cert_chain_pems[0].write_to_path(str(root / "cert.pem"))
    ca.cert_pem.write_to_path(str(root / "ca.pem"))
    users = {f"user{n:03d}-{uuid.uuid4().hex[:4]}": f"pässwörd-{uuid.uuid4().hex[:6]}"
             for n in range(USERS)}
    (root / "users").write_text("".join(f"{u}:{{PLAIN}}{p}\n" for u, p in users.items()),
                                encoding="utf-8")
    port, ssl_port = free_port(), free_port()
    (root / "dovecot.conf").write_text(CONFIG.format(
        root=root, internal=internal, group=grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name,
        login=login, uid=uid, gid=gid, port=port, ssl_port=ssl_port, sent=SENT),
        encoding="utf-8")
    # Its own log is dovecot.log; what it prints before it has one (a bad setting) goes here.
    with open(root / "startup.log", "wb") as startup:
        process = subprocess.Popen([DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
                                   stdout=startup, stderr=subprocess.STDOUT)
    _wait_listening(port, process, root)
    server = Dovecot(root, port, ssl_port, str(root / "ca.pem"), process, users)
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)
