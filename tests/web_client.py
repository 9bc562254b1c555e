"""The web app in process for tests: a TestClient on a fresh home that sends what security asks.

Use the fixtures by importing them into a test module:

    from tests.web_client import Web, web_fixture, web_user_fixture  # noqa: F401

    def test_today_lists_the_thank_you(web_user: Web) -> None:
        web_user.api("POST", "/api/v1/interviews", {...})
        assert "Thank-you" in web_user.get("/").text

`web` is an empty home (no profile: pages redirect to /setup); `web_user` has Siobhán's profile
(Europe/Dublin, IE). Both run on SQLite and on PostgreSQL (conftest's `database_url`) with the
clock fixed at NOW. `make_web(...)` builds one with other settings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from followup.services.context import Deps

BASE = "http://127.0.0.1:8000"
NOW = "2026-11-25T09:00:00+00:00"
"""A Wednesday morning in Dublin: the clock of every web test unless told otherwise."""


@dataclass
class Web:
    """A browser-like client of one app: keeps cookies, sends the CSRF token with forms."""

    client: TestClient
    deps: Deps

    @property
    def app(self) -> Any:
        return self.client.app

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def token(self) -> str:
        """The CSRF token of this client's cookie, fetched with a first page when needed."""
        if "csrftoken" not in self.client.cookies:
            self.client.get("/static/app.css")
        return str(self.client.cookies["csrftoken"])

    def form(self, path: str, data: Mapping[str, Any] | None = None, *,
             follow: bool = False, headers: Mapping[str, str] | None = None
             ) -> httpx.Response:
        """Posts an HTML form as the page would: with the hidden `csrftoken` field."""
        fields = {"csrftoken": self.token(), **(data or {})}
        return self.client.post(path, data=fields, follow_redirects=follow,
                                headers=dict(headers or {}))

    def htmx(self, path: str, data: Mapping[str, Any] | None = None) -> httpx.Response:
        """Posts as htmx does: the token in the x-csrftoken header, HX-Request set."""
        return self.client.post(path, data=dict(data or {}), follow_redirects=False,
                                headers={"x-csrftoken": self.token(), "hx-request": "true"})

    def api(self, method: str, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        """A JSON API call: a JSON body (or X-Requested-With when there is none)."""
        headers = {"x-requested-with": "fetch", **kwargs.pop("headers", {})}
        if body is None:
            return self.client.request(method, path, headers=headers, **kwargs)
        return self.client.request(method, path, json=body, headers=headers, **kwargs)


def routes(app: Any) -> list[tuple[str, str]]:
    """(method, path) of every route of the app, with the prefixes of the routers they were
    included through (FastAPI keeps included routers whole)."""
    def walk(found: Any, prefix: str) -> Iterator[tuple[str, str]]:
        for route in found:
            included = getattr(route, "original_router", None)
            if included is not None:
                yield from walk(included.routes, prefix + route.include_context.prefix)
            else:
                for method in getattr(route, "methods", None) or ():
                    yield method, prefix + route.path
    return sorted(set(walk(app.router.routes, "")))


def route_paths(app: Any, method: str) -> list[str]:
    """Every path of the app's routes that answer `method`."""
    return [path for answers, path in routes(app) if answers == method]


def make_web(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str, *,
             now: str | None = NOW, profile: bool = False,
             hosts: tuple[str, ...] = ()) -> Iterator[Web]:
    """A Web on the home and database given (a generator: use it from a fixture)."""
    from followup import bootstrap
    from followup.entrypoints.web.app import create_app

    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    if now:
        monkeypatch.setenv("FOLLOWUP_NOW", now)
    deps = bootstrap.build()
    if profile:
        from followup.services import profile as profile_service

        profile_service.init(deps, "Siobhán Ó Briain", "siobhan@example.com",
                             "Europe/Dublin", "IE")
    app = create_app(deps, hosts=hosts)
    with TestClient(app, base_url=BASE) as client:
        yield Web(client, deps)


@pytest.fixture(name="web")
def web_fixture(monkeypatch: pytest.MonkeyPatch, home: Path,
                database_url: str) -> Iterator[Web]:
    """The web app on an empty home (no profile yet), SQLite and PostgreSQL."""
    yield from make_web(monkeypatch, home, database_url)


@pytest.fixture(name="web_user")
def web_user_fixture(monkeypatch: pytest.MonkeyPatch, home: Path,
                     database_url: str) -> Iterator[Web]:
    """The web app on a home with a profile (Siobhán Ó Briain, Europe/Dublin, IE)."""
    yield from make_web(monkeypatch, home, database_url, profile=True)


web, web_user = web_fixture, web_user_fixture
"""Older import names; import the *_fixture names so that test parameters do not shadow them."""


SECRET = "test-secret-key-of-at-least-32-bytes-long"
PASSWORD = "a long and rare passphrase"


@dataclass
class Hosted:
    """A hosted installation in process: one app, and a signed-in client per user."""

    app: Any
    deps: Deps
    users: dict[str, int]
    """Each account's id by its email."""

    def client(self, email: str | None = None) -> Web:
        """A new browser (its own cookies), signed in as `email` (None: signed out)."""
        client = TestClient(self.app, base_url=BASE)
        client.__enter__()
        web = Web(client, self.deps)
        if email is not None:
            answer = web.form("/login", {"email": email, "password": PASSWORD})
            assert answer.status_code == 303, answer.text
        return web


def quick_argon2() -> Any:
    """The installation's credentials with argon2id at its lowest cost (1 MiB, one pass):
    the same library and code paths, a millisecond per hash instead of 0.1 s of CPU, so that
    a test may log in and fail dozens of times. Hashes of either cost verify with the other."""
    from followup import bootstrap
    from followup.adapters.credentials import Argon2Credentials

    return Argon2Credentials(bootstrap._secret_keys, time_cost=1, memory_kib=1024)


def make_hosted(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
                emails: tuple[str, ...] = ("ana@example.org", "jose@example.org"), *,
                now: str | None = NOW, quick: bool = True) -> Hosted:
    """FOLLOWUP_MODE=hosted on the home and database given, with one account (and profile in
    Europe/Dublin) per email, each with the password PASSWORD (`quick`: hashed at argon2id's
    lowest cost, `quick_argon2`)."""
    from followup import bootstrap
    from followup.entrypoints.web.app import create_app
    from followup.services import accounts, profile

    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    monkeypatch.setenv("FOLLOWUP_MODE", "hosted")
    monkeypatch.setenv("FOLLOWUP_SECRET_KEY", SECRET)
    if now:
        monkeypatch.setenv("FOLLOWUP_NOW", now)
    deps = bootstrap.build()
    if quick:
        assert deps.hosting is not None
        deps.hosting = dataclasses.replace(deps.hosting, credentials=quick_argon2())
    users = {}
    for email in emails:
        added = accounts.add_user(deps, email, email.split("@")[0].title(), "seeker", PASSWORD)
        users[email] = added.user.id
        profile.init(deps.acting(added.user.id), added.user.name, email, "Europe/Dublin", "IE")
    return Hosted(create_app(deps, secret=SECRET), deps, users)


def make_coached(monkeypatch: pytest.MonkeyPatch, home: Path, database_url: str,
                 clients: tuple[str, str], coaches: tuple[str, str], other_coach: int
                 ) -> Hosted:
    """`make_hosted` with two coaches (Maeve, Noel) besides the two clients: the first client
    coached by the first coach, the second by the coach `other_coach` (0 or 1) names."""
    from followup.services import accounts

    hosted = make_hosted(monkeypatch, home, database_url, clients)
    for email, name in zip(coaches, ("Maeve Coach", "Noel Coach"), strict=True):
        hosted.users[email] = accounts.add_user(hosted.deps, email, name, "coach",
                                                PASSWORD).user.id
    accounts.set_coach(hosted.deps, clients[0], coaches[0])
    accounts.set_coach(hosted.deps, clients[1], coaches[other_coach])
    return hosted
