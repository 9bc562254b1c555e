"""A hosted installation served live: uvicorn on 127.0.0.1 and a free port, in a thread of the
test process, and httpx clients that sign in through its forms as a browser would.

Use the fixtures by importing them into a test module:

    from tests.hosted_server import LiveHosted, live_fixture  # noqa: F401

    def test_login(live: LiveHosted) -> None:
        ana = live.client("ana@example.org")
        assert ana.get("/").status_code == 200

`live` serves directly (uvicorn's proxy headers off: an X-Forwarded-* header is ignored);
`live_proxy` trusts X-Forwarded-Proto and X-Forwarded-For from 127.0.0.1, as behind a reverse
proxy on the same machine. Both run on SQLite and on PostgreSQL (conftest's `database_url`),
the clock fixed at NOW, with two accounts whose password is PASSWORD, and hash passwords with
argon2id at its lowest cost (`quick_argon2`; `start_hosted(..., quick=False)` keeps the
installation's own cost).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from followup.services.context import Deps
from tests.web_client import NOW, PASSWORD, SECRET, quick_argon2

EMAILS = ("ana@example.org", "jose@example.org")
_CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')


@dataclass
class Served:
    """One uvicorn server running an ASGI app in a thread."""

    url: str
    server: Any
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve(app: Any, *, proxy_headers: bool = False) -> Served:
    """Serves `app` on 127.0.0.1 and a port the system picks; returns once it answers.
    `proxy_headers`: believe X-Forwarded-Proto and X-Forwarded-For from 127.0.0.1."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", server_header=False,
                            proxy_headers=proxy_headers,
                            forwarded_allow_ips="127.0.0.1" if proxy_headers else None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True,
                              name=f"uvicorn-{port}")
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError("the live server did not start within 10 s")
        time.sleep(0.01)
    return Served(f"http://127.0.0.1:{port}", server, thread)


def csrf_of(page: httpx.Response) -> str:
    """The hidden csrftoken field of a page's form."""
    found = _CSRF.search(page.text)
    assert found, page.text[:500]
    return found.group(1)


@dataclass
class LiveHosted:
    """A hosted installation served live: its URL, its dependencies (to set things up in a
    unit of work as an admin would) and each account's id by email."""

    url: str
    deps: Deps
    app: Any
    users: dict[str, int]
    served: list[Served] = field(default_factory=list)
    clients: list[httpx.Client] = field(default_factory=list)

    def client(self, email: str | None = None, password: str = PASSWORD,
               headers: dict[str, str] | None = None) -> httpx.Client:
        """A new browser-like client (its own cookies); signed in as `email` unless None."""
        client = httpx.Client(base_url=self.url, headers=headers or {}, timeout=30)
        self.clients.append(client)
        if email is not None:
            answer = login(client, email, password)
            assert answer.status_code == 303, answer.text
        return client

    def serve_again(self, deps: Deps, *, proxy_headers: bool = False) -> str:
        """Another live server of the same installation over `deps` (another clock); its URL."""
        from followup.entrypoints.web.app import create_app

        served = serve(create_app(deps, secret=SECRET), proxy_headers=proxy_headers)
        self.served.append(served)
        return served.url

    def stop(self) -> None:
        for client in self.clients:
            client.close()
        for served in reversed(self.served):
            served.stop()


def login(client: httpx.Client, email: str, password: str = PASSWORD, next: str = "/",
          headers: dict[str, str] | None = None) -> httpx.Response:
    """Opens /login and posts its form, as a browser does (the answer is not followed)."""
    form = client.get("/login", headers=headers)
    assert form.status_code == 200, form.text
    return client.post("/login", data={"csrftoken": csrf_of(form), "email": email,
                                       "password": password, "next": next},
                       headers=headers)


def hosted_deps(*, quick: bool = True) -> Deps:
    """The composition root's dependencies for the FOLLOWUP_* variables set now (hosted);
    `quick`: argon2id at its lowest cost (quick_argon2)."""
    from followup import bootstrap

    deps = bootstrap.build()
    assert deps.hosting is not None, "FOLLOWUP_MODE=hosted is not set"
    if quick:
        deps.hosting = replace(deps.hosting, credentials=quick_argon2())
    return deps


def start_hosted(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
                 emails: tuple[str, ...] = EMAILS, *, now: str | None = NOW,
                 proxy_headers: bool = False, quick: bool = True) -> LiveHosted:
    """FOLLOWUP_MODE=hosted on the home and database given (as web_client.make_hosted), one
    account (with a profile in Europe/Dublin) per email with the password PASSWORD, served
    live. Stop it with `.stop()`."""
    from followup.entrypoints.web.app import create_app
    from followup.services import accounts, profile

    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    monkeypatch.setenv("FOLLOWUP_MODE", "hosted")
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", SECRET)
    if now:
        monkeypatch.setenv("FOLLOWUP_NOW", now)
    deps = hosted_deps(quick=quick)
    users = {}
    for email in emails:
        added = accounts.add_user(deps, email, email.split("@")[0].title(), "seeker", PASSWORD)
        users[email] = added.user.id
        profile.init(deps.acting(added.user.id), added.user.name, email, "Europe/Dublin", "IE")
    app = create_app(deps, secret=SECRET)
    served = serve(app, proxy_headers=proxy_headers)
    return LiveHosted(served.url, deps, app, users, [served])


@pytest.fixture(name="live")
def live_fixture(monkeypatch: pytest.MonkeyPatch, home: Path,
                 database_url: str) -> Iterator[LiveHosted]:
    """A hosted installation served live, uvicorn's proxy headers off."""
    live = start_hosted(monkeypatch, home, database_url)
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture(name="live_proxy")
def live_proxy_fixture(monkeypatch: pytest.MonkeyPatch, home: Path,
                       database_url: str) -> Iterator[LiveHosted]:
    """A hosted installation served live behind a trusted proxy at 127.0.0.1."""
    live = start_hosted(monkeypatch, home, database_url, proxy_headers=True)
    try:
        yield live
    finally:
        live.stop()
