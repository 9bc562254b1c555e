"""The browser suite's fixtures: a live `followup serve` on a temporary home, and Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.conftest import missing

CHROMIUM = "/usr/bin/chromium"
REBOUND = "rebound.example"
"""A name that resolves to 127.0.0.1 in the suite's browser only, as a DNS rebinding attack's
name would: the browser sends it as the Host header."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 f"--host-resolver-rules=MAP {REBOUND} 127.0.0.1"]
NOW = "2026-12-01T10:00"
ROOT = Path(__file__).resolve().parents[2]


def _environment(home: Path) -> dict[str, str]:
    """The process environment of a command on `home`, with the suite's fixed clock."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    # Unbuffered: `serve` prints its address to a file that the fixture reads while it runs.
    env.update(FOLLOWUP_HOME=str(home), FOLLOWUP_NOW=NOW, NO_COLOR="1", PYTHONUNBUFFERED="1")
    return env


@dataclass
class Server:
    """A live web app on one home, and the CLI on the same home to set up or inspect data."""

    url: str
    home: Path
    process: subprocess.Popen[bytes]

    def cli(self, *args: str) -> str:
        """Runs `followup ARGS` on the server's home and returns its output."""
        done = subprocess.run([sys.executable, "-m", "followup", *args], cwd=ROOT,
                              env=_environment(self.home), capture_output=True, text=True,
                              timeout=60, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.cli(*args, "--json"))

    def stop(self) -> None:
        if self in LIVE:
            LIVE.remove(self)
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


LIVE: list[Server] = []
"""The servers running now, whose logs a failed test's report shows."""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed test's report ends with what the servers logged (a 500's traceback is there)."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.failed:
        for live in LIVE:
            log = (live.home / "server.log").read_text(errors="replace")
            report.sections.append((f"server log {live.url}", log[-6000:]))


def start_server(home: Path) -> Server:
    """Runs `followup serve` on `home` on a port the system picks; returns once it answers."""
    home.mkdir(parents=True, exist_ok=True)
    log_path = home / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "followup", "serve", "--host", "127.0.0.1", "--port", "0"],
            cwd=ROOT, env=_environment(home), stdout=log, stderr=subprocess.STDOUT)
    server = Server("", home, process)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        output = log_path.read_text(errors="replace")
        if process.poll() is not None:
            raise RuntimeError(f"followup serve stopped:\n{output}")
        found = re.search(r"http://127\.0\.0\.1:\d+", output)
        if found:
            server.url = found.group(0)
            try:
                urllib.request.urlopen(server.url + "/static/app.css", timeout=2)
                LIVE.append(server)
                return server
            except OSError:
                pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"followup serve did not answer within 30 s:\n{output}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on a home with a profile (Dublin), shared by the suite; each test adds its own
    application, under a company name of its own."""
    home = tmp_path_factory.mktemp("browser") / "home"
    home.mkdir()
    live = start_server(home)
    try:
        live.cli("init", "--name", "Siobhán Ó Briain", "--email", "siobhan@example.com",
                 "--timezone", "Europe/Dublin", "--country", "IE")
        yield live
    finally:
        live.stop()


@pytest.fixture
def empty_server(tmp_path: Path) -> Iterator[Server]:
    """The app on a home nobody has used yet."""
    live = start_server(tmp_path / "empty-home")
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture
def interview(server: Server) -> Callable[..., Any]:
    """Records an interview through the CLI (yesterday 14:00 by the suite's clock); the JSON."""

    def record(company: str, *interviewers: str, **options: str) -> Any:
        args = ["interview", "add", "--company", company, "--position", "Engineer",
                "--at", "2026-11-30 14:00"]
        for person in interviewers or ("José García <jose@example.com>",):
            args += ["--interviewer", person]
        for key, value in options.items():
            args += [f"--{key.replace('_', '-')}", value]
        return server.json(*args)

    return record


@pytest.fixture(scope="session")
def base_url(server: Server) -> str:
    """pytest-playwright's contexts resolve relative URLs against the live server."""
    return server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, headless, without the sandbox a container lacks and without any
    traffic of its own (updates, sync, safe browsing)."""
    if not os.access(CHROMIUM, os.X_OK):
        missing("chromium", f"{CHROMIUM} is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS,
            "headless": True}


@pytest.fixture(autouse=True)
def _short_waits(request: pytest.FixtureRequest) -> None:
    """A local app answers in milliseconds: a missing element fails in seconds, not in 30."""
    if "page" in request.fixturenames:
        request.getfixturevalue("page").set_default_timeout(8_000)


def step_ids(record: Any, kind: str) -> list[int]:
    """The ids of the planned steps of one kind in an `interview add --json` record."""
    return [a["id"] for a in record["actions"] if a["kind"] == kind]


def phone_ids(record: Any) -> list[int]:
    """The ids of the planned calls (inquiry, decision check, call-back) in a record."""
    return [a["id"] for a in record["actions"] if a["channel"] == "phone"]


def status_of(server: Server, application_id: int, action_id: int) -> str:
    """A step's status as the CLI reads it from the database."""
    plan = server.json("plan", str(application_id))
    return next(a["status"] for a in plan["actions"] if a["id"] == action_id)


def fill_interview(page: Page, company: str, interviewers: list[tuple[str, str]],
                   *, position: str = "Engineer", when: str = "2026-11-30T14:00",
                   next_step: str | None = None, decision: str | None = None) -> None:
    """Fills the New interview form by its labels, adding interviewer rows as needed."""
    page.get_by_label("Company").fill(company)
    page.get_by_label("Position").fill(position)
    moment = page.get_by_label("Date and time")
    moment.fill(when if moment.get_attribute("type") == "datetime-local"
                else when.replace("T", " "))
    names = page.get_by_label("Interviewer name")
    for index, (name, email) in enumerate(interviewers):
        if names.count() <= index:
            page.get_by_role("button", name=re.compile(r"add.*interviewer", re.I)).click()
            names.nth(index).wait_for()
        names.nth(index).fill(name)
        page.get_by_label("Interviewer email").nth(index).fill(email)
    if next_step is not None:
        page.get_by_label("Next step").fill(next_step)
    if decision is not None:
        page.get_by_label("Decision date").fill(decision)


def serious_violations(page: Page) -> list[str]:
    """The serious and critical axe-core violations of the page, one readable line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
